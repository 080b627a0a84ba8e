/**
 * The plan's schedule: which applicable steps wait for which (from each phase's ordering rule) and their
 * start/due dates in business days. Phases run in order; within a phase steps run in step order except
 * where the data declares a parallel group.
 */
import { businessCalendar, lastBusinessDay, laterDate, nextBusinessDay, onOrAfterBusinessDay, type BusinessCalendar } from './dates';
import type { Playbook } from './playbook/types';

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
export function earliestStart(step: SchedulableStep, dates: ReadonlyMap<number, StepDates>, kickoffDate: string, calendar: BusinessCalendar): string {
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

/** First start and last due date of a set of scheduled steps. */
export function scheduleSpan(dates: Iterable<StepDates>): StepDates {
  const all = [...dates];
  return { start: all.map((d) => d.start).reduce((a, b) => (a <= b ? a : b)), due: all.map((d) => d.due).reduce(laterDate) };
}
