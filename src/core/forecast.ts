/**
 * The forecast: when each step and the plan will really end, given what is done, what is in progress and
 * `today`, against the baseline. Business days skip weekends and the plan's holidays (`dates.ts`). Pure.
 *
 * Rules (docs/architecture.md, "Baseline and forecast", says the same):
 * - a done step ends on its done date (its status-category change to Done);
 * - a step in progress started on its status-category change to In Progress; a step not started starts at the
 *   latest of its baseline start, the next business day on or after `today`, and the business day after each
 *   dependency's forecast end; either ends `durationBusinessDays − 1` business days after its start, and never
 *   before the next business day on or after `today`;
 * - go-live is the latest forecast end; slip is the business days from the baseline go-live to it (0 if not later);
 * - step health: done; overdue (not done, `today` after its due date); at-risk (not done, forecast end after its
 *   due date); on-track. Plan health: late if any step is overdue, else at-risk if slip > 0, else on-track.
 */
import type { PlanBaseline } from './baseline';
import {
  businessCalendar,
  businessDaysBetween,
  earlierDate,
  isIsoDate,
  lastBusinessDay,
  laterDate,
  nextBusinessDay,
  onOrAfterBusinessDay,
  type BusinessCalendar,
} from './dates';
import type { StatusCategory } from './progress';

/** A step issue as Jira reports it. */
export interface StepState {
  step: number;
  statusCategory: StatusCategory;
  /**
   * The day the issue entered its current status category (Jira's `statuscategorychangedate`, as a date):
   * the done date of a done step, the start of a step in progress. Ignored for steps not started.
   */
  statusCategorySince: string | null;
  /** The Jira due date. */
  due: string | null;
}

export const STEP_HEALTHS = ['done', 'overdue', 'at-risk', 'on-track'] as const;
export type StepHealth = (typeof STEP_HEALTHS)[number];
/** `done`: every step is done (a finished plan is neither at risk nor on track; its slip still says how late it went live). */
export const PLAN_HEALTHS = ['late', 'at-risk', 'on-track', 'done'] as const;
export type PlanHealth = (typeof PLAN_HEALTHS)[number];

export interface StepForecast {
  step: number;
  statusCategory: StatusCategory;
  baselineStart: string;
  baselineEnd: string;
  due: string | null;
  forecastStart: string;
  forecastEnd: string;
  health: StepHealth;
}

export interface PlanForecast {
  today: string;
  baselineGoLive: string;
  goLive: string;
  slipBusinessDays: number;
  health: PlanHealth;
  /** Steps not done whose due date has passed. */
  overdue: number;
  /** In the baseline's step order. */
  steps: StepForecast[];
}

export interface ForecastInput {
  baseline: PlanBaseline;
  /** One per step issue; a baseline step without one counts as not started with no due date. */
  states: readonly StepState[];
  today: string;
  holidays: readonly string[];
}

export class ForecastError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForecastError';
  }
}

function requireDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new ForecastError(`${what} must be a calendar date YYYY-MM-DD; got "${value}"`);
}

function validate({ baseline, states, today, holidays }: ForecastInput): void {
  requireDate(today, 'today');
  holidays.forEach((h) => requireDate(h, 'A holiday'));
  requireDate(baseline.goLive, 'The baseline go-live');
  const known = new Set(baseline.steps.map((s) => s.step));
  if (known.size !== baseline.steps.length) throw new ForecastError('The baseline lists a step twice');
  for (const s of baseline.steps) {
    requireDate(s.start, `Step ${s.step}'s baseline start`);
    requireDate(s.end, `Step ${s.step}'s baseline end`);
    if (!Number.isInteger(s.durationBusinessDays) || s.durationBusinessDays < 1)
      throw new ForecastError(`Step ${s.step} must last at least one business day; got ${s.durationBusinessDays}`);
    const unknown = s.dependsOn.find((n) => !known.has(n));
    if (unknown !== undefined) throw new ForecastError(`Step ${s.step} depends on step ${unknown}, which is not in the baseline`);
  }
  const seen = new Set<number>();
  for (const state of states) {
    if (seen.has(state.step)) throw new ForecastError(`Step ${state.step} has two states`);
    seen.add(state.step);
    if (state.due !== null) requireDate(state.due, `Step ${state.step}'s due date`);
    if (state.statusCategorySince !== null) requireDate(state.statusCategorySince, `Step ${state.step}'s status-category change date`);
  }
}

function health(state: StepState, forecastEnd: string, today: string): StepHealth {
  if (state.statusCategory === 'done') return 'done';
  if (state.due !== null && today > state.due) return 'overdue';
  if (state.due !== null && forecastEnd > state.due) return 'at-risk';
  return 'on-track';
}

/** The plan's forecast; throws `ForecastError` on malformed input (bad dates, unknown or circular dependencies). */
export function forecastPlan(input: ForecastInput): PlanForecast {
  validate(input);
  const { baseline, today } = input;
  const calendar: BusinessCalendar = businessCalendar(input.holidays);
  const firstWorkday = onOrAfterBusinessDay(today, calendar);
  const byStep = new Map(baseline.steps.map((s) => [s.step, s]));
  const stateOf = new Map(input.states.map((s) => [s.step, s]));
  const result = new Map<number, StepForecast>();
  const visiting = new Set<number>();

  const visit = (number: number): StepForecast => {
    const done = result.get(number);
    if (done) return done;
    if (visiting.has(number)) throw new ForecastError(`Step ${number} depends on itself through its dependencies`);
    visiting.add(number);
    const step = byStep.get(number);
    if (!step) throw new ForecastError(`Step ${number} is not in the baseline`);
    const state = stateOf.get(number) ?? { step: number, statusCategory: 'new', statusCategorySince: null, due: null };
    let start: string;
    let end: string;
    if (state.statusCategory === 'done') {
      // Done without a known date (e.g. created in Done): it ended when it was due, else at its baseline end.
      end = state.statusCategorySince ?? state.due ?? step.end;
      start = earlierDate(step.start, end);
    } else {
      if (state.statusCategory === 'indeterminate') {
        start = onOrAfterBusinessDay(state.statusCategorySince ?? earlierDate(step.start, today), calendar);
      } else {
        start = step.dependsOn.map((n) => nextBusinessDay(visit(n).forecastEnd, calendar)).reduce(laterDate, laterDate(step.start, firstWorkday));
      }
      end = laterDate(lastBusinessDay(start, step.durationBusinessDays, calendar), firstWorkday);
    }
    // Dependencies of done and in-progress steps are still visited, so a cycle anywhere is reported.
    step.dependsOn.forEach(visit);
    visiting.delete(number);
    const forecast: StepForecast = {
      step: number,
      statusCategory: state.statusCategory,
      baselineStart: step.start,
      baselineEnd: step.end,
      due: state.due,
      forecastStart: start,
      forecastEnd: end,
      health: health(state, end, today),
    };
    result.set(number, forecast);
    return forecast;
  };

  const steps = baseline.steps.map((s) => visit(s.step));
  const goLive = steps.map((s) => s.forecastEnd).reduce(laterDate);
  const slipBusinessDays = businessDaysBetween(baseline.goLive, goLive, calendar);
  const overdue = steps.filter((s) => s.health === 'overdue').length;
  return {
    today,
    baselineGoLive: baseline.goLive,
    goLive,
    slipBusinessDays,
    health: steps.every((s) => s.statusCategory === 'done') ? 'done' : overdue > 0 ? 'late' : slipBusinessDays > 0 ? 'at-risk' : 'on-track',
    overdue,
    steps,
  };
}

export interface DueDateChange {
  step: number;
  /** The current Jira due date. */
  from: string | null;
  /** The forecast end. */
  to: string;
}

/** "Apply the forecast": the not-done steps whose due date differs from their forecast end. */
export function dueDateChanges(forecast: PlanForecast): DueDateChange[] {
  return forecast.steps.filter((s) => s.statusCategory !== 'done' && s.due !== s.forecastEnd).map((s) => ({ step: s.step, from: s.due, to: s.forecastEnd }));
}

/** The local date of a Jira timestamp such as `2027-01-12T16:05:09.123+0000` (the date in the offset Jira wrote). */
export function jiraTimestampDate(timestamp: string): string {
  const date = timestamp.slice(0, 10);
  if (!isIsoDate(date) || timestamp[10] !== 'T') throw new ForecastError(`Not a Jira timestamp: "${timestamp}"`);
  return date;
}
