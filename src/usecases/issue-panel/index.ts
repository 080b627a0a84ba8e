/**
 * The Jira issue panel: a plan step (phase, RACI people, notes, references, neighbours, plan progress), a
 * plan epic (progress), an epic without a plan (offer to start one), or nothing. Two round trips: GET the
 * issue with its `outbound-playbook` property, then ONE search of the plan for progress and neighbours.
 */
import { z } from 'zod';
import type { IssuePanelView, RolePeopleView, StepLinkView, StepPanelView } from '../../contract';
import { PLAYBOOK_PROPERTY_KEY, playbookPropertyValueSchema, splitStepNotes, stepLateness, type RoleCode, type StepPropertyValue } from '../../core';
import { issueDueDate, issueProjectKey, issueStatus, type JiraIssue } from '../../jira';
import { todayOf, type UseCaseDeps } from '../deps';
import { getPlanProgress, personView, stepState, viewerView, type ParsedPlanRecord, type PlanProgress } from '../plan-read';

const issueTypeSchema = z.looseObject({ name: z.string().optional(), hierarchyLevel: z.number().optional() });

function rolePeople(codes: readonly RoleCode[], record: ParsedPlanRecord): RolePeopleView[] {
  return codes.map((code) => {
    const person = record.people[code];
    return { code, name: record.playbook.roles.find((r) => r.code === code)?.name ?? code, people: person ? [personView(person)] : [] };
  });
}

function neighbours(plan: PlanProgress, step: number): { prev: StepLinkView | null; next: StepLinkView | null } {
  const steps = plan.snapshot.steps;
  const link = (s: (typeof steps)[number] | undefined): StepLinkView | null => (s ? { step: s.step, title: s.title, issueKey: s.key } : null);
  return { prev: link([...steps].reverse().find((s) => s.step < step)), next: link(steps.find((s) => s.step > step)) };
}

function stepPanel(issue: JiraIssue, property: StepPropertyValue, plan: PlanProgress, viewerAccountId: string | null, today: string): StepPanelView {
  const { record } = plan.snapshot;
  const template = record.playbook.steps.find((s) => s.number === property.step);
  const planned = record.plan?.steps.find((s) => s.number === property.step);
  const references = planned?.references ?? template?.references ?? [];
  const state = stepState(issueStatus(issue.fields).category);
  const dueDate = issueDueDate(issue.fields);
  return {
    kind: 'step',
    issueKey: issue.key,
    planId: property.planId,
    epicKey: plan.view.epicKey,
    step: property.step,
    title: property.title,
    phase: property.phase,
    category: property.category,
    state,
    dueDate,
    overdue: stepLateness({ dueDate, done: state === 'done' || state === 'not-applicable' }, today, record.holidays),
    raci: {
      responsible: rolePeople(property.raci.responsible, record),
      accountable: rolePeople([property.raci.accountable], record),
      consulted: rolePeople(property.raci.consulted, record),
      informed: rolePeople(property.raci.informed, record),
    },
    ...stepNotes(template?.description ?? '', template?.notes ?? []),
    references: references.map((r) => ({ name: r.name, url: r.url ?? null })),
    ...neighbours(plan, property.step),
    progress: plan.view,
    viewer: viewerView(plan.view, viewerAccountId),
  };
}

/** The description's paragraphs and the notes for readers; the page's author's notes apart (never `authoringNotes`). */
function stepNotes(description: string, notes: readonly string[]): { notes: string[]; authorNotes: string[] } {
  const split = splitStepNotes(notes);
  return { notes: [...description.split(/\n+/).filter((p) => p.trim() !== ''), ...split.notes], authorNotes: split.authorNotes };
}

/** `viewerAccountId`: the signed-in user, from the Forge context (never the payload). */
export async function getIssuePanel(deps: UseCaseDeps, input: { issueKey: string; viewerAccountId?: string | null }): Promise<IssuePanelView> {
  const issue = await deps.jira.getIssue(input.issueKey, {
    fields: ['summary', 'issuetype', 'status', 'duedate', 'project'],
    properties: [PLAYBOOK_PROPERTY_KEY],
  });
  const fields = issue.fields ?? {};
  const property = playbookPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
  if (property.success) {
    // The search reconciles this issue, so its own row agrees with what the GET just returned.
    const plan = await getPlanProgress(deps, { planId: property.data.planId }, { reconcileIssueIds: [Number(issue.id)] });
    const viewer = input.viewerAccountId ?? null;
    if (property.data.kind === 'step') return stepPanel(issue, property.data, plan, viewer, todayOf(deps));
    return { kind: 'plan-epic', issueKey: issue.key, progress: plan.view, viewer: viewerView(plan.view, viewer) };
  }
  const type = issueTypeSchema.safeParse(fields.issuetype);
  const isEpic = type.success && (type.data.hierarchyLevel === 1 || type.data.name?.toLowerCase() === 'epic');
  if (!isEpic) return { kind: 'none', issueKey: issue.key };
  return {
    kind: 'epic-without-plan',
    issueKey: issue.key,
    projectKey: issueProjectKey(issue),
    summary: typeof fields.summary === 'string' ? fields.summary : '',
  };
}
