/**
 * The plan's baseline: the schedule as generated (or as last re-baselined by a PM), stored with the plan
 * record as plain data. It carries each step's duration and dependencies too, so a forecast needs nothing
 * but the baseline, the step states, `today` and the holidays. Pure.
 */
import { isIsoDate, laterDate } from './dates';

export interface BaselineStep {
  step: number;
  start: string;
  end: string;
  durationBusinessDays: number;
  /** Step numbers this step waits for. */
  dependsOn: number[];
}

/** Who re-baselined, when (ISO timestamp) and why, with the go-live it replaced. */
export interface RebaselineRecord {
  by: string;
  at: string;
  reason: string;
  previousGoLive: string;
  goLive: string;
}

export interface PlanBaseline {
  /** End of the last step. */
  goLive: string;
  /** Applicable steps, in plan order (each after the steps it depends on). */
  steps: BaselineStep[];
  /** Every re-baseline, oldest first; empty for the schedule as generated. */
  rebaselines: RebaselineRecord[];
}

export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The baseline of freshly scheduled steps. */
export function baselineOf(steps: readonly BaselineStep[]): PlanBaseline {
  if (steps.length === 0) throw new BaselineError('A baseline needs at least one applicable step');
  return {
    goLive: steps.map((s) => s.end).reduce(laterDate),
    steps: steps.map((s) => ({ ...s, dependsOn: [...s.dependsOn] })),
    rebaselines: [],
  };
}

export interface RebaselineRequest {
  /** Account id of the PM. */
  by: string;
  /** ISO timestamp, e.g. 2027-01-12T09:30:00.000Z. */
  at: string;
  reason: string;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A PM accepts a new schedule (normally the current forecast) as the baseline. Durations and dependencies
 * stay as they were; the record says who, when and why.
 */
export function rebaseline(
  baseline: PlanBaseline,
  schedule: readonly { step: number; start: string; end: string }[],
  request: RebaselineRequest,
): PlanBaseline {
  const reason = request.reason.trim();
  if (reason === '') throw new BaselineError('A re-baseline needs a reason');
  if (request.by.trim() === '') throw new BaselineError('A re-baseline needs the account id of the person making it');
  if (!ISO_TIMESTAMP.test(request.at) || Number.isNaN(Date.parse(request.at))) throw new BaselineError(`"at" must be an ISO timestamp; got "${request.at}"`);
  const byStep = new Map(schedule.map((s) => [s.step, s]));
  const steps = baseline.steps.map((s): BaselineStep => {
    const next = byStep.get(s.step);
    if (!next) throw new BaselineError(`The new schedule has no dates for step ${s.step}`);
    if (!isIsoDate(next.start) || !isIsoDate(next.end) || next.start > next.end) {
      throw new BaselineError(`Step ${s.step} needs a start on or before its end (YYYY-MM-DD); got ${next.start} → ${next.end}`);
    }
    return { ...s, dependsOn: [...s.dependsOn], start: next.start, end: next.end };
  });
  const goLive = steps.map((s) => s.end).reduce(laterDate);
  return {
    goLive,
    steps,
    rebaselines: [...baseline.rebaselines, { by: request.by, at: request.at, reason, previousGoLive: baseline.goLive, goLive }],
  };
}
