/**
 * Authorize before any write: a use case that writes (to Jira or to storage) first asks Jira, as the user
 * (`GET /mypermissions`), whether they hold what the write needs in the plan's project, and refuses with
 * `permission-missing` before it touches anything. Jira would refuse the writes itself, but a refused call
 * must not leave half a change behind (a ledger rewritten, a lease taken, a property set before the edit
 * that fails).
 */
import type { JiraAdapter } from '../jira';
import { checkPermissions, REQUIRED_PERMISSIONS } from './generate/preflight';

/** What each kind of write needs in the plan's project (reasons: `REQUIRED_PERMISSIONS`). */
export const WRITE_PERMISSIONS = {
  /** A plan update runs generation's saga: every permission generation needs. */
  planUpdate: Object.keys(REQUIRED_PERMISSIONS),
  /** Applying the forecast moves due dates and records the change on the epic. */
  applyForecast: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'SCHEDULE_ISSUES'],
  /** Re-baselining records the new baseline on the epic. */
  rebaseline: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
} as const satisfies Record<string, readonly string[]>;

/** Refuses (UseCaseError `permission-missing`, naming what is missing) unless the user holds every permission. */
export async function requireProjectPermissions(
  jira: Pick<JiraAdapter, 'getMyPermissions'>,
  projectKey: string,
  permissions: readonly string[],
): Promise<void> {
  checkPermissions(projectKey, await jira.getMyPermissions(projectKey, permissions), permissions);
}
