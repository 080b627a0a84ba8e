/** `index.nightlyRollup`: the `nightly-roll-up` scheduledTrigger (daily), run by Forge without a user. */
import { forgeNightlyDeps } from '../usecases/forge';
import { refreshActivePlans, type NightlyOutcome } from '../usecases/plan-read';

/** Forge's function timeout for this trigger is 900 s (manifest timeoutSeconds); new chunks stop well before. */
const BUDGET_MS = 600_000;

/**
 * Forge calls `({ context: { cloudId, moduleKey }, contextToken }, runtimeContext)`. A failure is logged, not
 * thrown (Forge does not retry scheduled triggers); the cursor makes the next run resume where this one stopped.
 */
export async function nightlyRollup(): Promise<{ statusCode: number; body: string }> {
  const { deps, cursor } = forgeNightlyDeps();
  try {
    const outcome: NightlyOutcome = await refreshActivePlans(deps, { cursor, budgetMs: BUDGET_MS });
    if (outcome.failed.length) console.warn('Outbound Playbook: nightly roll-up skipped plans', outcome.failed);
    return { statusCode: 200, body: JSON.stringify(outcome) };
  } catch (error) {
    console.error('Outbound Playbook: nightly roll-up failed', error);
    return { statusCode: 500, body: error instanceof Error ? error.message : String(error) };
  }
}
