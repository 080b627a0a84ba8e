/** From a plan snapshot to the contract's PlanProgressView (phases, RACI matrix): the one progress view. Pure. */
import type {
  PersonView,
  PhaseProgressView,
  PlanForecastView,
  PlanProgressView,
  RaciLetter,
  RaciMatrixView,
  RaciRowView,
  StateCounts,
  StepState,
} from '../../contract';
import {
  phaseState,
  planIssuesJql,
  planPhaseJql,
  type PhaseProgress,
  type PlaybookStep,
  type ProgressCounts,
  type RoleCode,
  type StatusCategory,
} from '../../core';
import type { PlanSnapshot } from './snapshot';

export function stateCounts(counts: ProgressCounts): StateCounts {
  return { total: counts.total, done: counts.done, inProgress: counts.inProgress, toDo: counts.todo, overdue: counts.overdue };
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
function rowState(snapshot: PlanSnapshot, stepNumber: number): { state: StepState; issueKey: string | null } {
  const issue = snapshot.steps.find((s) => s.step === stepNumber);
  if (issue) return { state: stepState(issue.statusCategory), issueKey: issue.key };
  const planned = snapshot.record.plan?.steps.find((s) => s.number === stepNumber);
  const applicable = planned ? planned.applicable : false;
  return { state: applicable ? 'todo' : 'not-applicable', issueKey: null };
}

export function raciMatrix(snapshot: PlanSnapshot): RaciMatrixView {
  const { record } = snapshot;
  const { playbook } = record;
  const rows: RaciRowView[] = playbook.steps.map((step) => ({
    step: step.number,
    title: step.title,
    phase: step.phase,
    letters: raciLetters(step),
    ...rowState(snapshot, step.number),
  }));
  return {
    roles: playbook.roles.map((role) => ({
      code: role.code,
      name: role.name,
      people: record.people[role.code] ? [personView(record.people[role.code]!)] : [],
    })),
    rows,
  };
}

function phaseView(planId: string, phase: PhaseProgress): PhaseProgressView {
  return { phase: phase.phase, counts: stateCounts(phase), percentDone: phase.percent, state: phaseState(phase), jql: planPhaseJql(planId, phase.phase) };
}

/** Baseline vs forecast, with the last re-baseline and the last "Apply forecast" (null without a forecast). */
export function forecastView(snapshot: PlanSnapshot): PlanForecastView | null {
  const { forecast, record } = snapshot;
  if (!forecast || !record.baseline) return null;
  const dependsOn = new Map(record.baseline.steps.map((s) => [s.step, s.dependsOn]));
  const rebaseline = record.baseline.rebaselines.at(-1);
  const applied = record.forecastApplications.at(-1);
  return {
    today: forecast.today,
    baselineGoLive: forecast.baselineGoLive,
    goLive: forecast.goLive,
    slipBusinessDays: forecast.slipBusinessDays,
    health: forecast.health,
    holidays: [...record.holidays],
    steps: forecast.steps.map((s) => ({
      step: s.step,
      baselineStart: s.baselineStart,
      baselineEnd: s.baselineEnd,
      due: s.due,
      forecastStart: s.forecastStart,
      forecastEnd: s.forecastEnd,
      health: s.health,
      dependsOn: [...(dependsOn.get(s.step) ?? [])],
    })),
    lastRebaseline: rebaseline ? { by: rebaseline.by, at: rebaseline.at, reason: rebaseline.reason, previousGoLive: rebaseline.previousGoLive } : null,
    lastApplied: applied ? { by: applied.by, at: applied.at, today: applied.today, changed: applied.changes.length } : null,
  };
}

export function toPlanProgressView(snapshot: PlanSnapshot): PlanProgressView {
  const { progress: p, epic, record } = snapshot;
  return {
    planId: snapshot.planId,
    epicKey: epic.key,
    projectKey: snapshot.projectKey,
    biller: epic.property.biller,
    coreSystem: epic.property.coreSystem,
    // Generation always records the kickoff; a plan without one (hand-made epic) is shown as custom work.
    integrationType: record.integrationType ?? 'custom',
    status: p.status,
    currentPhase: p.currentPhase,
    overall: stateCounts(p.overall),
    percentDone: p.overall.percent,
    phases: p.phases.map((phase) => phaseView(snapshot.planId, phase)),
    raci: raciMatrix(snapshot),
    jql: planIssuesJql(snapshot.planId),
    forecast: forecastView(snapshot),
  };
}
