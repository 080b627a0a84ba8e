/** `index.onIssueChange`: the `plan-roll-up` trigger (avi:jira:created:issue, avi:jira:updated:issue). */
import { invocationClock } from '../forge/clock';
import { forgeTriggerDeps } from '../forge/wiring';
import { onIssueChange as refreshOnIssueChange, type IssueChangeOutcome } from '../usecases/plan-read';

/**
 * Forge calls `(event, context)`; there is no user, so the roll-up runs as the app (see forgeTriggerDeps).
 * A failure is logged, not thrown: Forge would retry, and the next change or read recomputes anyway.
 */
export async function onIssueChange(event: unknown): Promise<IssueChangeOutcome | { action: 'failed'; message: string }> {
  try {
    return await refreshOnIssueChange(forgeTriggerDeps(invocationClock()), event);
  } catch (error) {
    console.error('Outbound Playbook: plan roll-up failed', error);
    return { action: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
