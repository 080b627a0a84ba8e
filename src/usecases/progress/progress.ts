/**
 * A plan's progress in ONE search round trip: the plan epic and its step issues (status, due date, the
 * indexed `outbound-playbook` property, the plan record), then the engine's computeProgress.
 */
import { z } from 'zod';
import {
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_PROPERTY_KEY,
  computeProgress,
  planIssuesJql,
  planPhaseJql,
  planPropertyValueSchema,
  quoteJqlValue,
  stepPropertyValueSchema,
  type PlanPropertyValue,
  type Progress,
  type StatusCategory,
  type StepPropertyValue,
} from '../../core';
import { JiraError, type JiraAdapter, type JiraIssue } from '../../jira';
import { UseCaseError } from '../errors';

export interface ProgressDeps {
  /** Acts as the user: they see the progress of what they may browse. */
  jira: JiraAdapter;
  /** Today as YYYY-MM-DD (what "overdue" is judged against); defaults to today in UTC. */
  today?: () => string;
}

/** One of the two: the plan id, or the plan epic's key. */
export type ProgressInput = { planId: string; epicKey?: undefined } | { epicKey: string; planId?: undefined };

export interface StepProgress {
  step: number;
  key: string;
  phase: string;
  title: string;
  status: string | null;
  statusCategory: StatusCategory;
  dueDate: string | null;
}

export interface PlanProgressResult {
  planId: string;
  epicKey: string;
  projectKey: string;
  /** The epic's indexed property (biller, core system, template version, roll-up). */
  plan: PlanPropertyValue;
  /** The plan record on the epic (kickoff, roles, generation state), as stored; null when absent. */
  record: unknown;
  progress: Progress;
  /** Step issues of the plan, by step number. */
  steps: StepProgress[];
  /** Every issue of the plan, for "open in Jira". */
  jql: string;
  /** Phase name → JQL of that phase's steps. */
  phaseJql: Record<string, string>;
  requests: number;
  roundTrips: number;
}

const statusSchema = z.looseObject({
  name: z.string().optional(),
  statusCategory: z.looseObject({ key: z.enum(['new', 'indeterminate', 'done']) }).optional(),
});

const utcToday = (): string => new Date().toISOString().slice(0, 10);

/** The epic and its children, when only the epic's key is known (the plan id is on the epic). */
export function epicAndChildrenJql(epicKey: string): string {
  return `issuekey = ${quoteJqlValue(epicKey)} OR parent = ${quoteJqlValue(epicKey)}`;
}

function stepOf(issue: JiraIssue, planId: string): (StepProgress & { property: StepPropertyValue }) | null {
  const property = stepPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
  if (!property.success || property.data.planId !== planId) return null;
  const status = statusSchema.safeParse(issue.fields?.status);
  const due = issue.fields?.duedate;
  return {
    step: property.data.step,
    key: issue.key,
    phase: property.data.phase,
    title: property.data.title,
    status: status.success ? (status.data.name ?? null) : null,
    statusCategory: status.success ? (status.data.statusCategory?.key ?? 'new') : 'new',
    dueDate: typeof due === 'string' && due !== '' ? due.slice(0, 10) : null,
    property: property.data,
  };
}

export async function getPlanProgress(deps: ProgressDeps, input: ProgressInput): Promise<PlanProgressResult> {
  const before = deps.jira.metrics();
  let issues: JiraIssue[];
  try {
    issues = await deps.jira.searchIssues({
      jql: input.planId !== undefined ? planIssuesJql(input.planId) : epicAndChildrenJql(input.epicKey),
      fields: ['status', 'duedate', 'project'],
      properties: [PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY],
    });
  } catch (error) {
    // Jira answers a JQL naming an issue key it cannot show with a 400.
    if (input.epicKey !== undefined && error instanceof JiraError && error.code === 'validation') issues = [];
    else throw error;
  }
  const epics = issues
    .map((issue) => ({ issue, property: planPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]) }))
    .filter((e) => e.property.success && (input.planId === undefined ? e.issue.key === input.epicKey : e.property.data.planId === input.planId))
    .sort((a, b) => Number(a.issue.id) - Number(b.issue.id));
  const epic = epics[0];
  if (!epic || !epic.property.success) {
    const which = input.planId !== undefined ? `plan ${input.planId}` : `plan epic ${input.epicKey}`;
    throw new UseCaseError('plan-not-found', `No ${which} that you can see.`, { ...input });
  }
  const plan = epic.property.data;
  const project = z.looseObject({ key: z.string() }).safeParse(epic.issue.fields?.project);

  const byStep = new Map<number, StepProgress>();
  for (const issue of [...issues].sort((a, b) => Number(a.id) - Number(b.id))) {
    const step = stepOf(issue, plan.planId);
    // One issue per step; should a duplicate ever exist, the oldest is the step (as generation adopts it).
    if (step && !byStep.has(step.step)) {
      const { property: _property, ...view } = step;
      byStep.set(step.step, view);
    }
  }
  const steps = [...byStep.values()].sort((a, b) => a.step - b.step);
  const progress = computeProgress(
    steps.map((s) => ({ step: s.step, phase: s.phase, statusCategory: s.statusCategory, dueDate: s.dueDate })),
    (deps.today ?? utcToday)(),
  );
  const after = deps.jira.metrics();
  return {
    planId: plan.planId,
    epicKey: epic.issue.key,
    projectKey: project.success ? project.data.key : epic.issue.key.replace(/-\d+$/, ''),
    plan,
    record: epic.issue.properties?.[PLAN_RECORD_PROPERTY_KEY] ?? null,
    progress,
    steps,
    jql: planIssuesJql(plan.planId),
    phaseJql: Object.fromEntries(progress.phases.map((p) => [p.phase, planPhaseJql(plan.planId, p.phase)])),
    requests: after.requests - before.requests,
    roundTrips: after.roundTrips - before.roundTrips,
  };
}
