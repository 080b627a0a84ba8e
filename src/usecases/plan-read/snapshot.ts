/**
 * A plan snapshot in ONE search round trip: the plan epic (its `outbound-playbook` property parsed, and as
 * stored), the plan record, one row per step issue, and the engine's progress of those rows. Every read of
 * a plan starts here: the progress view, the macro, the issue panel, the roll-up, the CLI.
 */
import {
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_PROPERTY_KEY,
  computeProgress,
  epicAndChildrenJql,
  forecastPlan,
  ForecastError,
  planIssuesJql,
  planPropertyValueSchema,
  stepPropertyValueSchema,
  type EpicFields,
  type PlanForecast,
  type PlanPropertyValue,
  type Playbook,
  type Progress,
  type StatusCategory,
} from '../../core';
import { JiraError, issueAssignee, issueDueDate, issueProjectKey, issueStatus, issueStatusCategorySince, type JiraIssue } from '../../jira';
import { todayOf, type UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { isBuiltInVersion } from '../published-playbooks';
import { parsePlanRecord, recordTemplateVersion, type ParsedPlanRecord } from './plan-record';

/** Which plan: its id, or its epic's key. */
export type PlanLocator = { planId: string; epicKey?: undefined } | { epicKey: string; planId?: undefined };

export interface ReadPlanOptions {
  /** Issues just changed: the search reads their current state even if Jira's index lags. */
  reconcileIssueIds?: readonly number[];
}

/** A step issue of the plan. */
export interface StepRow {
  step: number;
  key: string;
  phase: string;
  title: string;
  status: string | null;
  statusCategory: StatusCategory;
  dueDate: string | null;
  /** The day it entered its current status category (its done date, or the day work on it started). */
  statusCategorySince: string | null;
}

export interface PlanSnapshot {
  planId: string;
  projectKey: string;
  epic: {
    key: string;
    /** The epic's `outbound-playbook` property, parsed: plan id, title, biller, core system, template version, roll-up. */
    property: PlanPropertyValue;
    /** The same property exactly as stored (keys others wrote included): what a roll-up write compares with and keeps. */
    storedProperty: unknown;
    /** Jira's own fields of the epic (status category, due date, assignee) as they stand. */
    fields: EpicFields;
  };
  /** The plan record on the epic (kickoff, roles, generation state, baseline). */
  record: ParsedPlanRecord;
  /** The plan record exactly as stored: what a write of the record (apply forecast, re-baseline) starts from. */
  storedRecord: unknown;
  /** The day the snapshot is judged as of (the deps' today). */
  today: string;
  /** Step issues by step number; should a step have two issues, the oldest (as generation adopts it). */
  steps: StepRow[];
  /** The engine's progress of those steps as of today. */
  progress: Progress;
  /** The forecast as of today against the plan's baseline; null when the plan has no known baseline. */
  forecast: PlanForecast | null;
}

const byId = (a: JiraIssue, b: JiraIssue) => Number(a.id) - Number(b.id);

function stepRow(issue: JiraIssue, planId: string): StepRow | null {
  const property = stepPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
  if (!property.success || property.data.planId !== planId) return null;
  const status = issueStatus(issue.fields);
  return {
    step: property.data.step,
    key: issue.key,
    phase: property.data.phase,
    title: property.data.title,
    status: status.name,
    statusCategory: status.category,
    dueDate: issueDueDate(issue.fields),
    statusCategorySince: issueStatusCategorySince(issue.fields),
  };
}

async function searchPlan(deps: UseCaseDeps, locator: PlanLocator, options: ReadPlanOptions): Promise<JiraIssue[]> {
  try {
    return await deps.jira.searchIssues({
      jql: locator.planId !== undefined ? planIssuesJql(locator.planId) : epicAndChildrenJql(locator.epicKey),
      fields: ['status', 'duedate', 'statuscategorychangedate', 'project', 'assignee'],
      properties: [PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY],
      ...(options.reconcileIssueIds?.length ? { reconcileIssues: [...options.reconcileIssueIds] } : {}),
    });
  } catch (error) {
    // Jira answers a JQL naming an issue key it cannot show with a 400.
    if (locator.epicKey !== undefined && error instanceof JiraError && error.code === 'validation') return [];
    throw error;
  }
}

/** The plan as it stands in Jira, from one search; `plan-not-found` when the user cannot see its epic. */
export async function readPlanSnapshot(deps: UseCaseDeps, locator: PlanLocator, options: ReadPlanOptions = {}): Promise<PlanSnapshot> {
  const issues = [...(await searchPlan(deps, locator, options))].sort(byId);
  const epic = issues
    .map((issue) => ({ issue, property: planPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]) }))
    .find((e) => e.property.success && (locator.planId === undefined ? e.issue.key === locator.epicKey : e.property.data.planId === locator.planId));
  if (!epic || !epic.property.success) {
    const which = locator.planId !== undefined ? `plan ${locator.planId}` : `plan epic ${locator.epicKey}`;
    throw new UseCaseError('plan-not-found', `No ${which} that you can see.`, { ...locator });
  }
  const property = epic.property.data;
  const rawRecord = epic.issue.properties?.[PLAN_RECORD_PROPERTY_KEY];
  const record = parsePlanRecord(rawRecord, property.templateVersion, await recordPlaybook(deps, rawRecord, property.templateVersion));
  const byStep = new Map<number, StepRow>();
  for (const issue of issues) {
    const row = stepRow(issue, property.planId);
    if (row && !byStep.has(row.step)) byStep.set(row.step, row);
  }
  const steps = [...byStep.values()].sort((a, b) => a.step - b.step);
  const today = todayOf(deps);
  return {
    planId: property.planId,
    projectKey: issueProjectKey(epic.issue),
    epic: {
      key: epic.issue.key,
      property,
      storedProperty: epic.issue.properties?.[PLAYBOOK_PROPERTY_KEY],
      fields: { status: issueStatus(epic.issue.fields).category, dueDate: issueDueDate(epic.issue.fields), assignee: issueAssignee(epic.issue.fields) },
    },
    record,
    storedRecord: epic.issue.properties?.[PLAN_RECORD_PROPERTY_KEY],
    today,
    steps,
    progress: computeProgress(
      steps.map((s) => ({ step: s.step, phase: s.phase, statusCategory: s.statusCategory, dueDate: s.dueDate })),
      today,
      record.playbook,
    ),
    forecast: planForecast(record, steps, today),
  };
}

/**
 * The playbook a stored plan record was generated from, when it is a published (not built-in) version: that
 * version from the template store (a KVS read, no Jira round trip); null for built-in versions.
 */
export async function recordPlaybook(deps: Pick<UseCaseDeps, 'playbookVersions'>, rawRecord: unknown, propertyVersion?: string): Promise<Playbook | null> {
  return publishedPlaybook(deps, recordTemplateVersion(rawRecord, propertyVersion));
}

async function publishedPlaybook(deps: Pick<UseCaseDeps, 'playbookVersions'>, version: string | undefined): Promise<Playbook | null> {
  if (!version || !deps.playbookVersions || isBuiltInVersion(version)) return null;
  return deps.playbookVersions(version);
}

/** The forecast of the steps the baseline knows (a step issue outside it, e.g. no longer applicable, is left out). */
function planForecast(record: ParsedPlanRecord, steps: readonly StepRow[], today: string): PlanForecast | null {
  const { baseline } = record;
  if (!baseline) return null;
  const planned = new Set(baseline.steps.map((s) => s.step));
  try {
    return forecastPlan({
      baseline,
      states: steps
        .filter((s) => planned.has(s.step))
        .map((s) => ({ step: s.step, statusCategory: s.statusCategory, statusCategorySince: s.statusCategorySince, due: s.dueDate })),
      today,
      holidays: record.holidays,
    });
  } catch (error) {
    // A stored baseline the forecast rejects (hand-edited record) shows no forecast rather than no plan.
    if (error instanceof ForecastError) return null;
    throw error;
  }
}

/** The same snapshot with some steps' due dates replaced (what applying the forecast leaves in Jira). */
export function withDueDates(snapshot: PlanSnapshot, due: ReadonlyMap<number, string>): PlanSnapshot {
  const steps = snapshot.steps.map((s) => (due.has(s.step) ? { ...s, dueDate: due.get(s.step) ?? s.dueDate } : s));
  return withSteps(snapshot, steps, snapshot.record);
}

/** The same snapshot judged against another plan record (a new baseline). */
export function withRecord(snapshot: PlanSnapshot, record: ParsedPlanRecord, storedRecord: unknown): PlanSnapshot {
  return { ...withSteps(snapshot, snapshot.steps, record), storedRecord };
}

function withSteps(snapshot: PlanSnapshot, steps: StepRow[], record: ParsedPlanRecord): PlanSnapshot {
  return {
    ...snapshot,
    record,
    steps,
    progress: computeProgress(
      steps.map((s) => ({ step: s.step, phase: s.phase, statusCategory: s.statusCategory, dueDate: s.dueDate })),
      snapshot.today,
      record.playbook,
    ),
    forecast: planForecast(record, steps, snapshot.today),
  };
}
