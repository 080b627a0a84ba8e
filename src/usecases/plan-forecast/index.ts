/**
 * A PM's actions on the forecast, as the user (Jira enforces their right to edit the steps and the epic):
 * - preview and apply the forecast: move the due dates of the steps not done whose due date differs from
 *   their forecast end. Round trip 1 is the plan snapshot (one search); round trip 2, in parallel, sets each
 *   due date, records the change on the plan record and writes the epic's new roll-up. Jira is the truth: a
 *   second apply finds no difference and writes nothing.
 * - re-baseline: the current forecast becomes the baseline, with who, when and why on the plan record
 *   (same two round trips).
 */
import type { ApplyForecastResult, DueDateChangeView, ForecastChangesView, RebaselinePlanResult } from '../../contract';
import { PLAN_RECORD_PROPERTY_KEY, dueDateChanges, rebaseline, type PlanForecast } from '../../core';
import { nowOf, type UseCaseDeps } from '../deps';
import { requireProjectPermissions, WRITE_PERMISSIONS } from '../authorize';
import { UseCaseError } from '../errors';
import { readPlanSnapshot, toPlanProgressView, withDueDates, withRecord, writeRollupIfChanged, type PlanLocator, type PlanSnapshot } from '../plan-read';

function requireForecast(snapshot: PlanSnapshot): PlanForecast {
  if (!snapshot.forecast)
    throw new UseCaseError('no-forecast', `Plan ${snapshot.epic.key} has no baseline, so it has no forecast.`, { epicKey: snapshot.epic.key });
  return snapshot.forecast;
}

/** The due-date changes of the snapshot's forecast, for the steps that have an issue. */
function changesOf(snapshot: PlanSnapshot): DueDateChangeView[] {
  const rows = new Map(snapshot.steps.map((s) => [s.step, s]));
  return dueDateChanges(requireForecast(snapshot)).flatMap((c) => {
    const row = rows.get(c.step);
    return row ? [{ step: c.step, issueKey: row.key, title: row.title, from: c.from, to: c.to }] : [];
  });
}

function recordObject(stored: unknown): Record<string, unknown> {
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
}

export async function previewForecastChanges(deps: UseCaseDeps, locator: PlanLocator): Promise<ForecastChangesView> {
  const snapshot = await readPlanSnapshot(deps, locator);
  const forecast = requireForecast(snapshot);
  return {
    planId: snapshot.planId,
    epicKey: snapshot.epic.key,
    today: snapshot.today,
    health: forecast.health,
    goLive: forecast.goLive,
    slipBusinessDays: forecast.slipBusinessDays,
    changes: changesOf(snapshot),
  };
}

export interface ApplyForecastInput {
  /** Account id of the PM. */
  by: string;
  /** What the PM previewed: applied only if the plan's changes are still exactly these. */
  expected: readonly { step: number; to: string }[];
}

const sameChanges = (a: readonly { step: number; to: string }[], b: readonly { step: number; to: string }[]) => {
  const key = (list: readonly { step: number; to: string }[]) =>
    list
      .map((c) => `${c.step}:${c.to}`)
      .sort()
      .join(',');
  return key(a) === key(b);
};

/**
 * The snapshot, and the user's permissions for the write asked of Jira in the same round trip (the project
 * from the locator: an epic key's, or a plan id's `op-<project>-…`); checked again should the plan's project
 * turn out to be another. Refuses before anything is written.
 */
async function authorizedSnapshot(deps: UseCaseDeps, locator: PlanLocator, permissions: readonly string[]): Promise<PlanSnapshot> {
  const guess = projectKeyOf(locator);
  const [snapshot, allowed] = await Promise.allSettled([
    readPlanSnapshot(deps, locator),
    guess ? requireProjectPermissions(deps.jira, guess, permissions) : Promise.resolve(),
  ]);
  if (allowed.status === 'rejected') throw allowed.reason;
  if (snapshot.status === 'rejected') throw snapshot.reason;
  if (snapshot.value.projectKey !== guess) await requireProjectPermissions(deps.jira, snapshot.value.projectKey, permissions);
  return snapshot.value;
}

function projectKeyOf(locator: PlanLocator): string | null {
  const key = locator.epicKey !== undefined ? /^([A-Z][A-Z0-9_]*)-\d+$/.exec(locator.epicKey)?.[1] : /^op-([a-z][a-z0-9_]*)-/.exec(locator.planId)?.[1];
  return key ? key.toUpperCase() : null;
}

export async function applyForecast(deps: UseCaseDeps, locator: PlanLocator, input: ApplyForecastInput): Promise<ApplyForecastResult> {
  const snapshot = await authorizedSnapshot(deps, locator, WRITE_PERMISSIONS.applyForecast);
  const changes = changesOf(snapshot);
  // Already applied (a resend, a second click): Jira's due dates are the forecast; nothing to write.
  if (changes.length === 0) return { applied: [], progress: toPlanProgressView(snapshot) };
  if (!sameChanges(changes, input.expected)) {
    throw new UseCaseError('forecast-changed', 'The plan changed since the preview: preview the forecast again before applying it.', { changes });
  }
  const record = recordObject(snapshot.storedRecord);
  const previous = Array.isArray(record.forecastApplications) ? (record.forecastApplications as unknown[]) : [];
  const application = {
    by: input.by,
    at: nowOf(deps),
    today: snapshot.today,
    changes: changes.map((c) => ({ step: c.step, key: c.issueKey, from: c.from, to: c.to })),
  };
  const nextRecord = { ...record, forecastApplications: [...previous, application] };
  const after = withRecord(
    withDueDates(snapshot, new Map(changes.map((c) => [c.step, c.to]))),
    { ...snapshot.record, forecastApplications: [...snapshot.record.forecastApplications, application] },
    nextRecord,
  );
  const results = await Promise.allSettled([
    ...changes.map((c) => deps.jira.editIssueFields(c.issueKey, { duedate: c.to })),
    deps.jira.setIssueProperty(snapshot.epic.key, PLAN_RECORD_PROPERTY_KEY, nextRecord),
    writeRollupIfChanged(deps.jira, after),
  ]);
  const failedSteps = changes.filter((_, i) => results[i]?.status === 'rejected');
  if (failedSteps.length) {
    const first = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failedSteps.length === changes.length && first) throw first.reason;
    throw new UseCaseError(
      'apply-incomplete',
      `Some due dates could not be set (steps ${failedSteps.map((c) => c.step).join(', ')}); the others were. Apply the forecast again to finish.`,
      { failed: failedSteps.map((c) => c.issueKey) },
    );
  }
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return { applied: changes, progress: toPlanProgressView(after) };
}

export interface RebaselineInput {
  by: string;
  reason: string;
}

export async function rebaselinePlan(deps: UseCaseDeps, locator: PlanLocator, input: RebaselineInput): Promise<RebaselinePlanResult> {
  const snapshot = await authorizedSnapshot(deps, locator, WRITE_PERMISSIONS.rebaseline);
  const forecast = requireForecast(snapshot);
  const baseline = snapshot.record.baseline;
  if (!baseline) throw new UseCaseError('no-forecast', `Plan ${snapshot.epic.key} has no baseline.`);
  const byStep = new Map(forecast.steps.map((s) => [s.step, s]));
  // The baseline already is the forecast: a second click (or a resend) records nothing.
  if (baseline.steps.every((s) => byStep.get(s.step)?.forecastStart === s.start && byStep.get(s.step)?.forecastEnd === s.end)) {
    return { rebaselined: false, progress: toPlanProgressView(snapshot) };
  }
  const next = rebaseline(
    baseline,
    forecast.steps.map((s) => ({ step: s.step, start: s.forecastStart, end: s.forecastEnd })),
    { by: input.by, at: nowOf(deps), reason: input.reason },
  );
  const nextRecord = { ...recordObject(snapshot.storedRecord), baseline: next };
  const after = withRecord(snapshot, { ...snapshot.record, baseline: next }, nextRecord);
  await Promise.all([deps.jira.setIssueProperty(snapshot.epic.key, PLAN_RECORD_PROPERTY_KEY, nextRecord), writeRollupIfChanged(deps.jira, after)]);
  return { rebaselined: true, progress: toPlanProgressView(after) };
}
