/** What the use cases are given (generation adds its ledger: see GenerateDeps). Wired for Forge in src/forge/wiring.ts. */
import type { Playbook } from '../core';
import type { JiraAdapter } from '../jira';

export interface UseCaseDeps {
  /** Acts as the user, so Jira enforces their permissions; as the app only in the trigger, which has no user. */
  jira: JiraAdapter;
  /** Today as YYYY-MM-DD (what "overdue" is judged against), read once at the entry point (src/forge/clock.ts). */
  today: () => string;
  /** Now as an ISO timestamp (when a PM's change is recorded), from the entry point's clock. */
  now: () => string;
  /** The playbook template; defaults to the current version. */
  playbook?: Playbook;
  /** Published template versions beyond the built-in ones (the template store), by version; omitted: built-in only. */
  playbookVersions?: (version: string) => Promise<Playbook | null>;
}

export function todayOf(deps: Pick<UseCaseDeps, 'today'>): string {
  return deps.today();
}

export function nowOf(deps: Pick<UseCaseDeps, 'now'>): string {
  return deps.now();
}
