/** From the progress use case's result to the contract's PlanProgressView (phases, RACI matrix). Pure. */
import type { PersonView, PhaseProgressView, PlanProgressView, RaciLetter, RaciMatrixView, RaciRowView, StateCounts, StepState } from '../../contract';
import type { PhaseProgress, PlaybookStep, ProgressCounts, RoleCode, StatusCategory } from '../../core';
import type { PlanProgressResult } from '../progress';
import type { PlanRecordView } from './record';

export function stateCounts(counts: ProgressCounts): StateCounts {
  return { total: counts.total, done: counts.done, inProgress: counts.inProgress, toDo: counts.todo, overdue: counts.overdue };
}

/** A phase with no steps counts as done (100 %), as the contract says. */
export function phaseState(counts: Pick<ProgressCounts, 'total' | 'done' | 'inProgress'>): 'todo' | 'in-progress' | 'done' {
  if (counts.done === counts.total) return 'done';
  return counts.done + counts.inProgress > 0 ? 'in-progress' : 'todo';
}

export function phasePercent(counts: Pick<ProgressCounts, 'total' | 'done'>): number {
  return counts.total === 0 ? 100 : Math.floor((counts.done / counts.total) * 100);
}

export function stepState(category: StatusCategory): StepState {
  return category === 'done' ? 'done' : category === 'indeterminate' ? 'in-progress' : 'todo';
}

export function personView(person: { displayName: string; accountId?: string; email?: string }): PersonView {
  return { displayName: person.displayName, accountId: person.accountId ?? null, email: person.email ?? null };
}

export function raciLetters(step: Pick<PlaybookStep, 'raci'>): Partial<Record<RoleCode, RaciLetter[]>> {
  const letters: Partial<Record<RoleCode, RaciLetter[]>> = {};
  const add = (code: RoleCode, letter: RaciLetter) => {
    letters[code] = [...(letters[code] ?? []), letter];
  };
  step.raci.responsible.forEach((c) => add(c, 'R'));
  add(step.raci.accountable, 'A');
  step.raci.consulted.forEach((c) => add(c, 'C'));
  step.raci.informed.forEach((c) => add(c, 'I'));
  return letters;
}

/**
 * Where a template step stands in this plan: from its issue when there is one; otherwise not applicable
 * when the kickoff leaves it out (or, without a readable kickoff, when generation has finished), else to do.
 */
function rowState(progress: PlanProgressResult, record: PlanRecordView, stepNumber: number): { state: StepState; issueKey: string | null } {
  const issue = progress.steps.find((s) => s.step === stepNumber);
  if (issue) return { state: stepState(issue.statusCategory), issueKey: issue.key };
  const planned = record.plan?.steps.find((s) => s.number === stepNumber);
  const applicable = planned ? planned.applicable : false;
  return { state: applicable ? 'todo' : 'not-applicable', issueKey: null };
}

export function raciMatrix(progress: PlanProgressResult, record: PlanRecordView): RaciMatrixView {
  const { playbook } = record;
  const rows: RaciRowView[] = playbook.steps.map((step) => ({
    step: step.number,
    title: step.title,
    phase: step.phase,
    letters: raciLetters(step),
    ...rowState(progress, record, step.number),
  }));
  return {
    roles: playbook.roles.map((role) => ({ code: role.code, name: role.name, people: record.people[role.code] ? [personView(record.people[role.code]!)] : [] })),
    rows,
  };
}

function phaseView(progress: PlanProgressResult, phase: PhaseProgress): PhaseProgressView {
  return { phase: phase.phase, counts: stateCounts(phase), percentDone: phasePercent(phase), state: phaseState(phase), jql: progress.phaseJql[phase.phase] ?? progress.jql };
}

export function toPlanProgressView(progress: PlanProgressResult, record: PlanRecordView): PlanProgressView {
  const p = progress.progress;
  return {
    planId: progress.planId,
    epicKey: progress.epicKey,
    projectKey: progress.projectKey,
    biller: progress.plan.biller,
    coreSystem: progress.plan.coreSystem,
    // Generation always records the kickoff; a plan without one (hand-made epic) is shown as custom work.
    integrationType: record.integrationType ?? 'custom',
    status: p.status,
    currentPhase: p.currentPhase,
    overall: stateCounts(p.overall),
    percentDone: p.overall.percent,
    phases: p.phases.map((phase) => phaseView(progress, phase)),
    raci: raciMatrix(progress, record),
    jql: progress.jql,
  };
}
