/**
 * A plan's progress as the user reads it (macro, issue panel, getPlanProgress): one search, the contract's
 * view, and — when the epic's stored roll-up is stale — one write to bring it up to date, as the same user.
 */
import type { PlanProgressView } from '../../contract';
import type { ProgressDeps, ProgressInput } from '../progress';
import { readPlan, tryWriteRollup, type PlanRead, type ReadPlanOptions } from '../rollup/refresh';
import { toPlanProgressView } from './view';

export interface PlanProgressRead {
  view: PlanProgressView;
  read: PlanRead;
  /** Whether this read rewrote the epic's roll-up. */
  rollupWritten: boolean;
}

export async function readPlanProgress(deps: ProgressDeps, input: ProgressInput, options: ReadPlanOptions = {}): Promise<PlanProgressRead> {
  const read = await readPlan(deps, input, options);
  const { written } = await tryWriteRollup(deps.jira, read);
  return { view: toPlanProgressView(read.progress, read.record), read, rollupWritten: written };
}
