/**
 * The `issue` of a Forge issue event as Jira sends it: id, key and the event's fields (summary, issue type,
 * project, status, labels, people, dates) — never issue properties or custom fields. Trigger filter
 * expressions see exactly this.
 */
import type { JiraStore } from './store';
import { issueTypeById, statusById } from './model';

const user = (accountId: string | null) => (accountId ? { accountId } : null);

export function eventIssue(store: JiraStore, issueId: string, issueKey: string): { id: string; key: string; fields: Record<string, unknown> } {
  const issue = store.issue(issueId);
  if (!issue) return { id: issueId, key: issueKey, fields: {} };
  const type = issueTypeById(issue.issueTypeId);
  const status = statusById(issue.statusId);
  const project = store.project(issue.projectId);
  return {
    id: issue.id,
    key: issue.key,
    fields: {
      summary: issue.summary,
      ...(type ? { issuetype: { id: type.id, name: type.name, subtask: type.subtask, hierarchyLevel: type.hierarchyLevel } } : {}),
      ...(project ? { project: { id: project.id, key: project.key, name: project.name } } : {}),
      ...(status ? { status: { id: status.id, name: status.name } } : {}),
      labels: [...issue.labels],
      creator: user(issue.creatorAccountId),
      reporter: user(issue.reporterAccountId),
      assignee: user(issue.assigneeAccountId),
      created: new Date(issue.created).toISOString(),
      updated: new Date(issue.updated).toISOString(),
    },
  };
}
