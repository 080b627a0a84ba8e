/** The kickoff form's pickers: projects the user may create plans in, and people to name in roles. */
import type { ListProjectsResult, SearchUsersResult } from '../../contract';
import type { UseCaseDeps } from '../deps';

export async function listProjects(deps: UseCaseDeps): Promise<ListProjectsResult> {
  const projects = await deps.jira.searchCreatableProjects();
  return { projects: projects.map(({ id, key, name }) => ({ id, key, name })) };
}

/**
 * People who can be assigned issues in the project (plan steps are assigned to their Responsible person),
 * active human accounts only. An empty query lists the first page of everyone assignable.
 */
export async function searchUsers(deps: UseCaseDeps, input: { projectKey: string; query: string }): Promise<SearchUsersResult> {
  const users = await deps.jira.findAssignableUsers(input.projectKey, input.query);
  return {
    users: users
      .filter((u) => u.active !== false && (u.accountType === undefined || u.accountType === 'atlassian'))
      .map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName ?? u.accountId,
        avatarUrl: u.avatarUrls?.['48x48'] ?? u.avatarUrls?.['24x24'] ?? null,
      })),
  };
}
