/**
 * A plan's progress as the user reads it (getPlanProgress, the macro, the issue panel): the snapshot, the
 * one progress view, and — when the epic's stored roll-up is stale — one write to bring it up to date, as
 * the same user.
 */
import type { PlanProgressView } from '../../contract';
import type { UseCaseDeps } from '../deps';
import { tryWriteRollup } from './refresh';
import { readPlanSnapshot, type PlanLocator, type PlanSnapshot, type ReadPlanOptions } from './snapshot';
import { toPlanProgressView } from './view';

export interface PlanProgress {
  snapshot: PlanSnapshot;
  view: PlanProgressView;
  /** Whether this read rewrote the epic's roll-up. */
  rollupWritten: boolean;
}

export async function getPlanProgress(deps: UseCaseDeps, locator: PlanLocator, options: ReadPlanOptions = {}): Promise<PlanProgress> {
  const snapshot = await readPlanSnapshot(deps, locator, options);
  const { written } = await tryWriteRollup(deps.jira, snapshot);
  return { snapshot, view: toPlanProgressView(snapshot), rollupWritten: written };
}
