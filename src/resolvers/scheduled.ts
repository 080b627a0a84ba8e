/**
 * The scheduled triggers, run by Forge without a user: `index.nightlyRollup` (`nightly-plan-roll-up`) and
 * `index.dailyReminders` (`daily-reminders`), both daily.
 */
import { invocationClock } from '../forge/clock';
import { forgeNightlyDeps, forgeRemindDeps } from '../forge/wiring';
import { refreshActivePlans, type NightlyOutcome } from '../usecases/plan-read';
import { runReminders } from '../usecases/remind';

/** Forge's function timeout for this trigger is 900 s (manifest timeoutSeconds); new chunks stop well before. */
const BUDGET_MS = 600_000;

/**
 * Forge calls `({ context: { cloudId, moduleKey }, contextToken }, runtimeContext)`. A failure is logged, not
 * thrown (Forge does not retry scheduled triggers); the cursor makes the next run resume where this one stopped.
 */
export async function nightlyRollup(): Promise<{ statusCode: number; body: string }> {
  const clock = invocationClock();
  const { deps, cursor } = forgeNightlyDeps(clock);
  try {
    const outcome: NightlyOutcome = await refreshActivePlans(deps, { cursor, budgetMs: BUDGET_MS, now: clock.nowMs });
    if (outcome.failed.length) console.warn('Outbound Playbook: nightly roll-up skipped plans', outcome.failed);
    return { statusCode: 200, body: JSON.stringify(outcome) };
  } catch (error) {
    console.error('Outbound Playbook: nightly roll-up failed', error);
    return { statusCode: 500, body: error instanceof Error ? error.message : String(error) };
  }
}

/** Leaves the reminders job time to record what it sent before Forge's 900 s stop. */
const REMINDERS_BUDGET_MS = 600_000;

/**
 * The daily reminders (RACI that acts) as the app, for every project it can see. `today` is the job's start
 * (src/forge/clock.ts: UTC, the day Forge runs it); the rules skip weekends and each plan's holidays, and the KVS ledger keeps
 * a second run the same day, or a run after a crash, from sending anything twice.
 */
export async function dailyReminders(): Promise<{ statusCode: number; body: string }> {
  const clock = invocationClock();
  const today = clock.today;
  try {
    const result = await runReminders(forgeRemindDeps(clock), { projectKey: null, today, budgetMs: REMINDERS_BUDGET_MS });
    const summary = { today, sent: result.sent.length, alreadySent: result.alreadySent, skipped: result.skipped, notReminded: result.plans.notReminded };
    if (result.skipped.length) console.warn('Outbound Playbook: reminders not sent', result.skipped);
    return { statusCode: 200, body: JSON.stringify(summary) };
  } catch (error) {
    console.error('Outbound Playbook: daily reminders failed', error);
    return { statusCode: 500, body: error instanceof Error ? error.message : String(error) };
  }
}
