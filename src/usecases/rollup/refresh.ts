/**
 * Recomputing a plan's roll-up: ONE search of the plan (the progress use case's), `computeProgress`, and at
 * most ONE write of the epic's `outbound-playbook` property — only when the value changed.
 */
import { PLAYBOOK_PROPERTY_KEY } from '../../core';
import { JiraError, type JiraAdapter, type JiraIssue } from '../../jira';
import { getPlanProgress, type PlanProgressResult, type ProgressDeps, type ProgressInput } from '../progress';
import { readPlanRecord, type PlanRecordView } from '../plan-view/record';
import { nextPropertyValue, rollupValue, type PlanRollupValue } from './rollup';

export interface PlanRead {
  progress: PlanProgressResult;
  record: PlanRecordView;
  /** The epic's `outbound-playbook` value exactly as stored (the progress use case keeps only the engine's fields). */
  storedProperty: unknown;
}

export interface ReadPlanOptions {
  /** Issues just changed: the search reads their current state even if Jira's index lags. */
  reconcileIssueIds?: readonly number[];
}

/** The plan's progress from one search, keeping the raw epic property the roll-up compares against. */
export async function readPlan(deps: ProgressDeps, input: ProgressInput, options: ReadPlanOptions = {}): Promise<PlanRead> {
  const seen: JiraIssue[] = [];
  const reconcile = [...(options.reconcileIssueIds ?? [])];
  // Observes the progress use case's own search (no second request) and adds reconcileIssues to it.
  const jira: JiraAdapter = {
    ...deps.jira,
    async searchIssues(search) {
      const issues = await deps.jira.searchIssues(reconcile.length ? { ...search, reconcileIssues: [...(search.reconcileIssues ?? []), ...reconcile] } : search);
      seen.push(...issues);
      return issues;
    },
  };
  const progress = await getPlanProgress({ ...deps, jira }, input);
  return {
    progress,
    record: readPlanRecord(progress.record, progress.plan.templateVersion),
    storedProperty: seen.find((issue) => issue.key === progress.epicKey)?.properties?.[PLAYBOOK_PROPERTY_KEY],
  };
}

export function freshRollup(read: PlanRead): PlanRollupValue {
  return rollupValue({
    plan: read.progress.plan,
    integrationType: read.record.integrationType,
    capabilities: read.record.capabilities,
    progress: read.progress.progress,
  });
}

export interface RollupWrite {
  epicKey: string;
  written: boolean;
  value: PlanRollupValue;
}

/** Writes the fresh roll-up to the epic when it differs from the stored one. */
export async function writeRollupIfChanged(jira: JiraAdapter, read: PlanRead): Promise<RollupWrite> {
  const value = freshRollup(read);
  const next = nextPropertyValue(read.storedProperty, value);
  if (next !== null) await jira.setIssueProperty(read.progress.epicKey, PLAYBOOK_PROPERTY_KEY, next);
  return { epicKey: read.progress.epicKey, written: next !== null, value };
}

/**
 * For reads made as the user: a user who may browse the epic but not edit it still gets the fresh value;
 * the stored roll-up then waits for the trigger.
 */
export async function tryWriteRollup(jira: JiraAdapter, read: PlanRead): Promise<RollupWrite> {
  try {
    return await writeRollupIfChanged(jira, read);
  } catch (error) {
    if (error instanceof JiraError) return { epicKey: read.progress.epicKey, written: false, value: freshRollup(read) };
    throw error;
  }
}

/** Read + write in one go (the trigger, and plans the portfolio finds without a roll-up). */
export async function refreshRollup(deps: ProgressDeps, input: ProgressInput, options: ReadPlanOptions = {}): Promise<RollupWrite & { read: PlanRead }> {
  const read = await readPlan(deps, input, options);
  return { ...(await writeRollupIfChanged(deps.jira, read)), read };
}
