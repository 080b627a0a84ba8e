/**
 * A running plan as Jira holds it, in ONE search, for the reconcile: the epic (its property and plan
 * record as stored), and every step issue with its identity (the step id, through the template version its
 * own property names: an interrupted update leaves some issues on the new version and some on the old),
 * its work state, what it says now, and the fingerprint of what the app last wrote into it.
 */
import {
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_PROPERTY_KEY,
  epicAndChildrenJql,
  planIssuesJql,
  planPropertyValueSchema,
  stepFingerprint,
  stepPropertyValueSchema,
  storedFingerprint,
  type PlanPropertyValue,
  type StepFingerprint,
  type StepPropertyValue,
  type StepWorkState,
} from '../../core';
import { JiraError, issueDueDate, issueProjectKey, issueStatus, type JiraIssue } from '../../jira';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import type { PlanLocator } from '../plan-read';

export interface StepIssueState {
  id: string;
  key: string;
  /** The step's `outbound-playbook` property as stored (its number and version say which step it is). */
  property: StepPropertyValue & Record<string, unknown>;
  state: StepWorkState;
  /** What the issue says now, fingerprinted as the app fingerprints what it writes. */
  current: StepFingerprint;
  /** What the app last wrote; null for an issue generated before fingerprints were kept. */
  written: StepFingerprint | null;
}

export interface PlanState {
  planId: string;
  projectKey: string;
  epic: { id: string; key: string; property: PlanPropertyValue; storedProperty: Record<string, unknown> };
  /** The plan record as stored on the epic. */
  record: Record<string, unknown>;
  steps: StepIssueState[];
}

/** Fields the reconcile reads: the work state and what the app writes. */
const FIELDS = ['status', 'summary', 'description', 'assignee', 'duedate', 'project'];

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function workState(issue: JiraIssue): StepWorkState {
  const category = issueStatus(issue.fields).category;
  return category === 'done' ? 'done' : category === 'indeterminate' ? 'in-progress' : 'not-started';
}

function assigneeOf(issue: JiraIssue): string | null {
  const assignee = asObject(issue.fields?.assignee);
  return typeof assignee.accountId === 'string' ? assignee.accountId : null;
}

function stepState(issue: JiraIssue, planId: string): StepIssueState | null {
  const raw = issue.properties?.[PLAYBOOK_PROPERTY_KEY];
  const parsed = stepPropertyValueSchema.safeParse(raw);
  if (!parsed.success || parsed.data.planId !== planId) return null;
  const written = storedFingerprint(raw);
  const current = stepFingerprint({
    summary: typeof issue.fields?.summary === 'string' ? issue.fields.summary : '',
    description: issue.fields?.description ?? null,
    assignee: assigneeOf(issue),
    due: issueDueDate(issue.fields),
    raci: '',
  });
  // RACI lives in the app's read-only field and property: only the app writes it.
  return {
    id: issue.id,
    key: issue.key,
    property: asObject(raw) as StepIssueState['property'],
    state: workState(issue),
    current: { ...current, raci: written?.raci ?? '' },
    written,
  };
}

/**
 * The plan in one search. `knownIssueIds` (the ledger's) are read as they are now even when Jira's index
 * lags behind the last writes; `plan-not-found` when the user cannot see the epic.
 */
export async function readPlanState(deps: UseCaseDeps, locator: PlanLocator, knownIssueIds: readonly number[] = []): Promise<PlanState> {
  let issues: JiraIssue[];
  try {
    issues = await deps.jira.searchIssues({
      jql: locator.planId !== undefined ? planIssuesJql(locator.planId) : epicAndChildrenJql(locator.epicKey),
      fields: FIELDS,
      properties: [PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY],
      ...(knownIssueIds.length > 0 ? { reconcileIssues: [...knownIssueIds] } : {}),
    });
  } catch (error) {
    if (locator.epicKey !== undefined && error instanceof JiraError && error.code === 'validation') issues = [];
    else throw error;
  }
  const sorted = [...issues].sort((a, b) => Number(a.id) - Number(b.id));
  const epic = sorted
    .map((issue) => ({ issue, property: planPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]) }))
    .find((e) => e.property.success && (locator.planId === undefined ? e.issue.key === locator.epicKey : e.property.data.planId === locator.planId));
  if (!epic || !epic.property.success) {
    const which = locator.planId !== undefined ? `plan ${locator.planId}` : `plan epic ${locator.epicKey}`;
    throw new UseCaseError('plan-not-found', `No ${which} that you can see.`, { ...locator });
  }
  const planId = epic.property.data.planId;
  return {
    planId,
    projectKey: issueProjectKey(epic.issue),
    epic: { id: epic.issue.id, key: epic.issue.key, property: epic.property.data, storedProperty: asObject(epic.issue.properties?.[PLAYBOOK_PROPERTY_KEY]) },
    record: asObject(epic.issue.properties?.[PLAN_RECORD_PROPERTY_KEY]),
    steps: sorted.flatMap((issue) => {
      const step = stepState(issue, planId);
      return step ? [step] : [];
    }),
  };
}
