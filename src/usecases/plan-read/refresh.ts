/**
 * Keeping the epic's roll-up up to date from a plan snapshot: at most ONE write of the epic's
 * `outbound-playbook` property, and only when the value changed.
 */
import { PLAYBOOK_PROPERTY_KEY } from '../../core';
import { JiraError, type JiraAdapter } from '../../jira';
import type { UseCaseDeps } from '../deps';
import { nextPropertyValue, rollupValue, type PlanRollupValue } from './rollup';
import { readPlanSnapshot, type PlanLocator, type PlanSnapshot, type ReadPlanOptions } from './snapshot';

export function freshRollup(snapshot: PlanSnapshot): PlanRollupValue {
  return rollupValue({
    plan: snapshot.epic.property,
    integrationType: snapshot.record.integrationType,
    capabilities: snapshot.record.capabilities,
    progress: snapshot.progress,
    forecast: snapshot.forecast,
    owner: planOwner(snapshot),
  });
}

/** Who owns the plan, by name: its Project Manager, else the person accountable for its first step. */
export function planOwner(snapshot: PlanSnapshot): string | null {
  const people = snapshot.record.people;
  const firstAccountable = snapshot.record.plan?.steps[0]?.raci.accountable;
  return people.PM?.displayName ?? (firstAccountable ? (people[firstAccountable]?.displayName ?? null) : null);
}

export interface RollupWrite {
  epicKey: string;
  written: boolean;
  value: PlanRollupValue;
}

/** Writes the fresh roll-up to the epic when it differs from the stored one. */
export async function writeRollupIfChanged(jira: JiraAdapter, snapshot: PlanSnapshot): Promise<RollupWrite> {
  const value = freshRollup(snapshot);
  const next = nextPropertyValue(snapshot.epic.storedProperty, value);
  if (next !== null) await jira.setIssueProperty(snapshot.epic.key, PLAYBOOK_PROPERTY_KEY, next);
  return { epicKey: snapshot.epic.key, written: next !== null, value };
}

/**
 * For reads made as the user: a user who may browse the epic but not edit it still gets the fresh value;
 * the stored roll-up then waits for the trigger.
 */
export async function tryWriteRollup(jira: JiraAdapter, snapshot: PlanSnapshot): Promise<RollupWrite> {
  try {
    return await writeRollupIfChanged(jira, snapshot);
  } catch (error) {
    if (error instanceof JiraError) return { epicKey: snapshot.epic.key, written: false, value: freshRollup(snapshot) };
    throw error;
  }
}

/** Read + write in one go (the trigger). */
export async function refreshRollup(deps: UseCaseDeps, locator: PlanLocator, options: ReadPlanOptions = {}): Promise<RollupWrite & { snapshot: PlanSnapshot }> {
  const snapshot = await readPlanSnapshot(deps, locator, options);
  return { ...(await writeRollupIfChanged(deps.jira, snapshot)), snapshot };
}
