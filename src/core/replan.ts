/** Moving a built plan's dates: a new kickoff date, or a slipped step and what depends on it. Pure. */
import { businessCalendar, isIsoDate, lastBusinessDay } from './dates';
import type { Plan, PlanStep } from './plan';
import { earliestStart, scheduleSpan, scheduleSteps, type StepDates } from './schedule';

export type ReplanChange = { kickoffDate?: string; slipped?: { step: number; due: string } };

export class ReplanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplanError';
  }
}

function withDates(step: PlanStep, dates: StepDates | undefined): PlanStep {
  return step.applicable && dates ? { ...step, start: dates.start, due: dates.due } : step;
}

function planSpan(steps: readonly PlanStep[]): StepDates {
  return scheduleSpan(steps.flatMap((s) => (s.applicable ? [{ start: s.start, due: s.due }] : [])));
}

/**
 * A new kickoff date re-schedules every step from it. A slipped step gets its new due date (its start moves
 * back to the due date if needed) and every step depending on it, directly or not, moves to its earliest
 * start after its dependencies; other steps keep their dates. The plan id never changes.
 */
export function replan(plan: Plan, change: ReplanChange): Plan {
  let current = plan;
  const applicableSteps = () => current.steps.filter((s) => s.applicable);
  if (change.kickoffDate !== undefined) {
    if (!isIsoDate(change.kickoffDate)) throw new ReplanError(`kickoffDate must be a calendar date YYYY-MM-DD; got "${change.kickoffDate}"`);
    const dates = scheduleSteps(applicableSteps(), change.kickoffDate, current.kickoff.holidays);
    const steps = current.steps.map((s) => withDates(s, dates.get(s.number)));
    current = { ...current, kickoff: { ...current.kickoff, kickoffDate: change.kickoffDate }, steps, ...planSpan(steps) };
  }
  if (change.slipped !== undefined) {
    const { step: slippedNumber, due } = change.slipped;
    const slipped = current.steps.find((s) => s.number === slippedNumber);
    if (!slipped) throw new ReplanError(`There is no step ${slippedNumber} in this plan`);
    if (!slipped.applicable) throw new ReplanError(`Step ${slippedNumber} does not apply to this plan, so it has no dates to move`);
    if (!isIsoDate(due)) throw new ReplanError(`The new due date must be a calendar date YYYY-MM-DD; got "${due}"`);
    const calendar = businessCalendar(current.kickoff.holidays);
    const dates = new Map<number, StepDates>(applicableSteps().map((s) => [s.number, { start: s.start!, due: s.due! }]));
    dates.set(slippedNumber, { start: slipped.start <= due ? slipped.start : due, due });
    const moved = new Set<number>([slippedNumber]);
    for (const step of applicableSteps()) {
      if (!step.dependsOn.some((n) => moved.has(n))) continue;
      moved.add(step.number);
      const start = earliestStart(step, dates, current.kickoff.kickoffDate, calendar);
      dates.set(step.number, { start, due: lastBusinessDay(start, step.durationDays, calendar) });
    }
    const steps = current.steps.map((s) => withDates(s, dates.get(s.number)));
    current = { ...current, steps, ...planSpan(steps) };
  }
  return current;
}
