/** The kickoff form's pickers: projects the user may create plans in, and people to name in roles. */
import type { ListProjectsResult, SearchUsersResult } from '../../contract';
import { findAssignableUsers, searchCreatableProjects } from '../../jira/directory';
import type { JsonGetter } from '../../jira/issues-read';

export async function listProjects(deps: { getJson: JsonGetter }): Promise<ListProjectsResult> {
  const projects = await searchCreatableProjects(deps.getJson);
  return { projects: projects.map(({ id, key, name }) => ({ id, key, name })) };
}

/**
 * People who can be assigned issues in the project (plan steps are assigned to their Responsible person),
 * active human accounts only. An empty query lists the first page of everyone assignable.
 */
export async function searchUsers(deps: { getJson: JsonGetter }, input: { projectKey: string; query: string }): Promise<SearchUsersResult> {
  const users = await findAssignableUsers(deps.getJson, input.projectKey, input.query);
  return {
    users: users
      .filter((u) => u.active !== false && (u.accountType === undefined || u.accountType === 'atlassian'))
      .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId, avatarUrl: u.avatarUrls?.['48x48'] ?? u.avatarUrls?.['24x24'] ?? null })),
  };
}
