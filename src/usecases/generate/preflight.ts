/** Pure preflight checks on the first round trip's answers: fail with a specific error before any write. */
import type { JiraField, JiraIssueType } from '../../jira';
import { UseCaseError } from '../errors';

/** Permissions the generating user needs in the project, with why. */
export const REQUIRED_PERMISSIONS: Readonly<Record<string, string>> = {
  BROWSE_PROJECTS: 'see the project and find existing plan issues',
  CREATE_ISSUES: 'create the plan epic and step issues',
  EDIT_ISSUES: 'record the plan on its epic and add the page link',
  LINK_ISSUES: 'link dependent steps',
  ASSIGN_ISSUES: 'assign steps to their responsible people',
  SCHEDULE_ISSUES: 'set step due dates',
};

export interface IssueTypeIds {
  epic: string;
  task: string;
}

export interface IssueTypeNames {
  epic: string;
  task: string;
}

export function checkPermissions(projectKey: string, held: Record<string, boolean>): void {
  const missing = Object.keys(REQUIRED_PERMISSIONS).filter((p) => !held[p]);
  if (missing.length > 0) {
    const reasons = missing.map((p) => `${p} (to ${REQUIRED_PERMISSIONS[p]})`).join(', ');
    throw new UseCaseError('permission-missing', `You lack ${missing.length === 1 ? 'a permission' : 'permissions'} in project ${projectKey}: ${reasons}.`, {
      projectKey,
      missing,
    });
  }
}

export function pickIssueTypes(projectKey: string, types: readonly JiraIssueType[], names: IssueTypeNames): IssueTypeIds {
  const find = (name: string) => types.find((t) => t.name.toLowerCase() === name.toLowerCase() && !t.subtask);
  const epic = find(names.epic);
  const task = find(names.task);
  const missing = [epic ? null : names.epic, task ? null : names.task].filter((n): n is string => n !== null);
  if (!epic || !task) {
    throw new UseCaseError(
      'issue-type-missing',
      `Project ${projectKey} has no ${missing.map((n) => `"${n}"`).join(' or ')} issue type you can create (available: ${types.map((t) => t.name).join(', ') || 'none'}).`,
      { projectKey, missing, available: types.map((t) => t.name) },
    );
  }
  return { epic: epic.id, task: task.id };
}

/**
 * The ids (`customfield_NNNNN`) of the app's Forge custom fields, found by module key at the end of the
 * field's key or schema (`…/static/playbook-phase`). Null when the app's fields are not installed here.
 */
export function findAppField(fields: readonly JiraField[], moduleKey: string): string | null {
  const suffix = `/${moduleKey}`;
  const match = fields.find((f) => f.key?.endsWith(suffix) || f.schema?.custom?.endsWith(suffix) || f.key === moduleKey || f.key?.endsWith(`__${moduleKey}`));
  return match ? match.id : null;
}
