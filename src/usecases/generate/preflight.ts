/** Pure preflight checks on the first round trip's answers: fail with a specific error before any write. */
import type { KickoffFieldError, PlanPerson, Playbook } from '../../core';
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
  MANAGE_WATCHERS: "add each step's Consulted and Informed people as its watchers",
};

export interface IssueTypeIds {
  epic: string;
  task: string;
}

export interface IssueTypeNames {
  epic: string;
  task: string;
}

/** Refuses unless every `required` permission is held (default: generation's); each missing one named with why. */
export function checkPermissions(projectKey: string, held: Record<string, boolean>, required: readonly string[] = Object.keys(REQUIRED_PERMISSIONS)): void {
  const missing = required.filter((p) => !held[p]);
  if (missing.length > 0) {
    const reasons = missing.map((p) => (REQUIRED_PERMISSIONS[p] ? `${p} (to ${REQUIRED_PERMISSIONS[p]})` : p)).join(', ');
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

/**
 * Every Jira user the kickoff names must be assignable in the project (Jira's "Assignable User" permission),
 * or Jira would refuse the steps after the epic exists: one field error per person, naming them, their role and
 * the missing permission. Checked before anything is written.
 */
export function unassignablePeople(
  projectKey: string,
  people: readonly PlanPerson[],
  assignable: ReadonlySet<string>,
  playbook: Pick<Playbook, 'roles'>,
): KickoffFieldError[] {
  return people.flatMap((person) => {
    if (!person.accountId || assignable.has(person.accountId)) return [];
    const role = playbook.roles.find((r) => r.code === person.role)?.name ?? person.role;
    return [
      {
        field: `roles.${person.role}.accountId`,
        message: `${person.displayName} (${role}, ${person.role}) cannot be assigned issues in project ${projectKey}: they lack the "Assignable User" permission (ASSIGNABLE_USER). Ask a Jira admin to grant it, or choose someone else.`,
      },
    ];
  });
}
