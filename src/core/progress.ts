/** Progress of a plan from its step issues' status categories and due dates. Pure. */
import { businessCalendar, businessDaysBetween } from './dates';
import { CURRENT_PLAYBOOK } from './playbook';
import type { PlanStatus, Playbook } from './playbook/types';

/** Jira's status categories (to do, in progress, done), by their keys. */
export const STATUS_CATEGORIES = ['new', 'indeterminate', 'done'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export interface StepIssueState {
  step: number;
  phase: string;
  statusCategory: StatusCategory;
  dueDate: string | null;
}

export interface ProgressCounts {
  total: number;
  done: number;
  inProgress: number;
  todo: number;
  /** Not done and due before today. */
  overdue: number;
  /** Whole percent of steps done: for a phase see phasePercent; a plan with no steps is at 0. */
  percent: number;
}

export interface PhaseProgress extends ProgressCounts {
  phase: string;
}

export interface Progress {
  /** Every phase of the playbook in order (then any phase the playbook does not know, as found). */
  phases: PhaseProgress[];
  overall: ProgressCounts;
  /** The first phase with steps not yet done; null when everything is done or there are no steps. */
  currentPhase: string | null;
  status: PlanStatus;
}

export type PhaseState = 'todo' | 'in-progress' | 'done';

type PhaseCounts = Pick<ProgressCounts, 'total' | 'done' | 'inProgress'>;

/** A phase with no steps (all out of scope) is done: nothing in it is left, and the current phase moves past it. */
export function phaseState(counts: PhaseCounts): PhaseState {
  if (counts.done === counts.total) return 'done';
  return counts.done + counts.inProgress > 0 ? 'in-progress' : 'todo';
}

/**
 * Whole percent of a phase's steps done. An empty phase is 100 %, agreeing with its state (done): a 0 % bar
 * next to a "done" phase would contradict itself. (A plan with no steps is different: its status is
 * Initiated, so its overall percent stays 0.)
 */
export function phasePercent(counts: Pick<ProgressCounts, 'total' | 'done'>): number {
  return counts.total === 0 ? 100 : Math.floor((counts.done / counts.total) * 100);
}

/** How late a step is: overdue when it is not done and its due date is before `today` (as the counts say). */
export interface StepLateness {
  /** Business days after the due date up to and including `today`, skipping weekends and the plan's holidays. */
  businessDaysLate: number;
}

/** A step's lateness on `today` (the invocation's day, never the machine's); null when it is not overdue. */
export function stepLateness(step: { dueDate: string | null; done: boolean }, today: string, holidays: readonly string[] = []): StepLateness | null {
  if (step.done || step.dueDate === null || !(step.dueDate < today)) return null;
  return { businessDaysLate: businessDaysBetween(step.dueDate, today, businessCalendar(holidays)) };
}

function counts(issues: readonly StepIssueState[], today: string): Omit<ProgressCounts, 'percent'> {
  return {
    total: issues.length,
    done: issues.filter((i) => i.statusCategory === 'done').length,
    inProgress: issues.filter((i) => i.statusCategory === 'indeterminate').length,
    todo: issues.filter((i) => i.statusCategory === 'new').length,
    overdue: issues.filter((i) => i.statusCategory !== 'done' && i.dueDate !== null && i.dueDate < today).length,
  };
}

export function computeProgress(issues: readonly StepIssueState[], today: string, playbook: Playbook = CURRENT_PLAYBOOK): Progress {
  const known = playbook.phases.map((p) => p.name);
  const extra = [...new Set(issues.map((i) => i.phase).filter((p) => !known.includes(p)))];
  const phases = [...known, ...extra].map((phase) => {
    const c = counts(
      issues.filter((i) => i.phase === phase),
      today,
    );
    return { phase, ...c, percent: phasePercent(c) };
  });
  const all = counts(issues, today);
  const overall = { ...all, percent: all.total === 0 ? 0 : phasePercent(all) };
  const started = overall.done + overall.inProgress > 0;
  const status: PlanStatus = overall.total > 0 && overall.done === overall.total ? 'Released' : started ? 'In Progress' : 'Initiated';
  return { phases, overall, currentPhase: phases.find((p) => p.done < p.total)?.phase ?? null, status };
}
