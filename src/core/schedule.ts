/**
 * The plan's schedule: which applicable steps wait for which (from each phase's ordering rule) and their
 * start/due dates in business days. Phases run in order; within a phase steps run in step order except
 * where the data declares a parallel group.
 */
import { businessCalendar, isIsoDate, lastBusinessDay, laterDate, nextBusinessDay, onOrAfterBusinessDay, type BusinessCalendar } from './dates';
import type { Playbook } from './playbook/types';
import type { Plan, PlanStep } from './plan';

/**
 * Groups of steps that run together, in order, across all phases, keeping only applicable steps.
 * Every step of a stage depends on every step of the previous non-empty stage.
 */
export function stages(playbook: Playbook, applicable: ReadonlySet<number>): number[][] {
  const result: number[][] = [];
  for (const phase of playbook.phases) {
    const groups = phase.ordering.kind === 'staged' ? phase.ordering.parallel : [];
    const placed = new Set<number>();
    for (const step of playbook.steps.filter((s) => s.phase === phase.name)) {
      if (placed.has(step.number)) continue;
      const group = groups.find((g) => g.includes(step.number)) ?? [step.number];
      group.forEach((n) => placed.add(n));
      const kept = [...group].sort((a, b) => a - b).filter((n) => applicable.has(n));
      if (kept.length > 0) result.push(kept);
    }
  }
  return result;
}

/** Step number → the applicable steps it waits for. */
export function dependencies(playbook: Playbook, applicable: ReadonlySet<number>): Map<number, number[]> {
  const ordered = stages(playbook, applicable);
  return new Map(ordered.flatMap((stage, i) => stage.map((n) => [n, i === 0 ? [] : ordered[i - 1]] as const)));
}

export interface SchedulableStep {
  number: number;
  durationDays: number;
  dependsOn: readonly number[];
}

export interface StepDates {
  start: string;
  due: string;
}

/** Earliest start after every dependency's due date; first steps start on the kickoff date (or the next business day). */
function earliestStart(step: SchedulableStep, dates: ReadonlyMap<number, StepDates>, kickoffDate: string, calendar: BusinessCalendar): string {
  if (step.dependsOn.length === 0) return onOrAfterBusinessDay(kickoffDate, calendar);
  const latestDue = step.dependsOn.map((n) => dates.get(n)!.due).reduce(laterDate);
  return nextBusinessDay(latestDue, calendar);
}

/** Forward pass over steps given in dependency order (each after the steps it depends on). */
export function scheduleSteps(steps: readonly SchedulableStep[], kickoffDate: string, holidays: readonly string[] = []): Map<number, StepDates> {
  const calendar = businessCalendar(holidays);
  const dates = new Map<number, StepDates>();
  for (const step of steps) {
    const start = earliestStart(step, dates, kickoffDate, calendar);
    dates.set(step.number, { start, due: lastBusinessDay(start, step.durationDays, calendar) });
  }
  return dates;
}

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

/** First start and last due date of a set of scheduled steps. */
export function scheduleSpan(dates: Iterable<StepDates>): StepDates {
  const all = [...dates];
  return { start: all.map((d) => d.start).reduce((a, b) => (a <= b ? a : b)), due: all.map((d) => d.due).reduce(laterDate) };
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
