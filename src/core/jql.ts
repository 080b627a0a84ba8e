/** JQL for finding plans and their steps through the indexed property aliases. Every value is quoted and escaped. */
import { JQL_ALIAS } from './fields';
import type { PlanHealth } from './forecast';
import { PLAN_STATUSES, type PlanStatus } from './playbook/types';

/** A JQL string literal: double quotes, with backslashes, quotes and line breaks escaped. */
export function quoteJqlValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

const equals = (field: string, value: string) => `${field} = ${quoteJqlValue(value)}`;
const and = (...clauses: (string | undefined | false)[]) => clauses.filter((c): c is string => !!c).join(' AND ');

const isStep = equals(JQL_ALIAS.kind, 'step');
const isPlan = equals(JQL_ALIAS.kind, 'plan');
const inProject = (projectKey?: string) => projectKey !== undefined && equals('project', projectKey);
const overdue = 'duedate < startOfDay() AND statusCategory != Done';

/** The plan epic and every step issue of a plan. */
export function planIssuesJql(planId: string): string {
  return equals(JQL_ALIAS.planId, planId);
}

/** A plan epic and its children, when only the epic's key is known (the plan id is on the epic). */
export function epicAndChildrenJql(epicKey: string): string {
  return `issuekey = ${quoteJqlValue(epicKey)} OR parent = ${quoteJqlValue(epicKey)}`;
}

/** The step issues of one phase of a plan. */
export function planPhaseJql(planId: string, phase: string): string {
  return and(equals(JQL_ALIAS.planId, planId), isStep, equals(JQL_ALIAS.phase, phase));
}

/** Step issues of one phase across every plan (optionally in one project). */
export function phaseAcrossPlansJql(phase: string, projectKey?: string): string {
  return and(inProject(projectKey), isStep, equals(JQL_ALIAS.phase, phase));
}

/** Step issues past their due date and not done, in one plan and/or project, or everywhere. */
export function overdueStepsJql(scope: { planId?: string; projectKey?: string } = {}): string {
  return and(inProject(scope.projectKey), scope.planId !== undefined && equals(JQL_ALIAS.planId, scope.planId), isStep, overdue);
}

export interface PlanFilters {
  /** Current phase of the plan (epic roll-up). */
  phase?: string;
  status?: PlanStatus;
  coreSystem?: string;
  /** true: plans with overdue steps; false: plans without. */
  overdue?: boolean;
  /** Forecast health (epic roll-up). */
  health?: PlanHealth;
}

/** Plan epics in a project, filtered on their roll-up fields. */
export function plansJql(projectKey: string, filters: PlanFilters = {}): string {
  return and(
    inProject(projectKey),
    isPlan,
    filters.phase !== undefined && equals(JQL_ALIAS.currentPhase, filters.phase),
    filters.status !== undefined && equals(JQL_ALIAS.status, filters.status),
    filters.coreSystem !== undefined && equals(JQL_ALIAS.coreSystem, filters.coreSystem),
    filters.overdue !== undefined && (filters.overdue ? `${JQL_ALIAS.overdue} > 0` : `${JQL_ALIAS.overdue} = 0`),
    filters.health !== undefined && equals(JQL_ALIAS.health, filters.health),
  );
}

/**
 * Every plan epic and step issue whose plan may still owe notifications (the reminder job's one search): in one
 * project, or in every project the caller can see (the daily scheduled job, as the app).
 */
export function remindablePlanIssuesJql(projectKey?: string): string {
  return and(inProject(projectKey), `${JQL_ALIAS.kind} in (${quoteJqlValue('plan')}, ${quoteJqlValue('step')})`);
}

/**
 * Plan epics not yet released (a fresh epic has no roll-up status yet), everywhere the caller can see, after
 * epic id `afterId` in id order: the nightly refresh's chunks (a cursor by id survives between runs).
 */
export function activePlansJql(afterId = 0): string {
  const released = PLAN_STATUSES[PLAN_STATUSES.length - 1];
  return `${isPlan} AND (${JQL_ALIAS.status} != ${quoteJqlValue(released)} OR ${JQL_ALIAS.status} IS EMPTY) AND id > ${Math.max(0, Math.trunc(afterId))} ORDER BY id ASC`;
}

/** Which plan's steps, by the names people know it by (biller and core system) rather than its opaque id. */
export interface PlanStepsScope {
  projectKey: string;
  biller: string;
  coreSystem: string;
  /** Only this phase's steps. */
  phase?: string;
  /** Only steps past their due date and not done. */
  overdue?: boolean;
}

/**
 * A plan's step issues, readable: `project = "OUT" AND playbookBiller = "Texas Mutual" AND …`. Two plans of
 * the same biller on the same core system in one project share these names (the plan id tells them apart).
 * It is the plan's clauses, then `stepClauses` for the phase or overdue (so a page of rows can send each
 * plan's part once and the clauses once).
 */
export function planStepsJql(scope: PlanStepsScope): string {
  return and(
    inProject(scope.projectKey),
    isStep,
    equals(JQL_ALIAS.biller, scope.biller),
    equals(JQL_ALIAS.coreSystem, scope.coreSystem),
    scope.phase !== undefined && stepClauses.phase(scope.phase),
    scope.overdue === true && stepClauses.overdue,
  );
}

/**
 * Plan epics in a project for the same biller × core system that are not yet released (a fresh epic has no
 * roll-up status yet): what a new kickoff would duplicate.
 */
export function activePlansForJql(scope: { projectKey: string; biller: string; coreSystem: string }): string {
  const released = PLAN_STATUSES[PLAN_STATUSES.length - 1];
  return and(
    inProject(scope.projectKey),
    isPlan,
    equals(JQL_ALIAS.biller, scope.biller),
    equals(JQL_ALIAS.coreSystem, scope.coreSystem),
    `(${JQL_ALIAS.status} != ${quoteJqlValue(released)} OR ${JQL_ALIAS.status} IS EMPTY)`,
  );
}

/** Every plan epic the user can see, in every project (the Supported Integrations macro's one search). */
export function allPlansJql(): string {
  return isPlan;
}

/** What narrows `planStepsJql` to one phase, or to the overdue steps (appended with ` AND `). */
export const stepClauses = {
  phase: (phase: string) => equals(JQL_ALIAS.phase, phase),
  overdue,
} as const;
