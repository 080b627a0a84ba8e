/** Progress of a plan from its step issues' status categories and due dates. Pure. */
import { CURRENT_PLAYBOOK } from './playbook';
import type { Playbook } from './playbook/types';

export const PLAN_STATUSES = ['Initiated', 'In Progress', 'Released'] as const;
/** The same words the playbook's Supported Integrations table uses. */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export type StatusCategory = 'new' | 'indeterminate' | 'done';

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
  /** Whole percent of steps done (0 when there are none). */
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

function counts(issues: readonly StepIssueState[], today: string): ProgressCounts {
  const done = issues.filter((i) => i.statusCategory === 'done').length;
  return {
    total: issues.length,
    done,
    inProgress: issues.filter((i) => i.statusCategory === 'indeterminate').length,
    todo: issues.filter((i) => i.statusCategory === 'new').length,
    overdue: issues.filter((i) => i.statusCategory !== 'done' && i.dueDate !== null && i.dueDate < today).length,
    percent: issues.length === 0 ? 0 : Math.floor((done / issues.length) * 100),
  };
}

export function computeProgress(issues: readonly StepIssueState[], today: string, playbook: Playbook = CURRENT_PLAYBOOK): Progress {
  const known = playbook.phases.map((p) => p.name);
  const extra = [...new Set(issues.map((i) => i.phase).filter((p) => !known.includes(p)))];
  const phases = [...known, ...extra].map((phase) => ({ phase, ...counts(issues.filter((i) => i.phase === phase), today) }));
  const overall = counts(issues, today);
  const started = overall.done + overall.inProgress > 0;
  const status: PlanStatus = overall.total > 0 && overall.done === overall.total ? 'Released' : started ? 'In Progress' : 'Initiated';
  return { phases, overall, currentPhase: phases.find((p) => p.done < p.total)?.phase ?? null, status };
}
