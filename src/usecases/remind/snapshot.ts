/**
 * The reminder job's view of a project: ONE search (all pages) for every plan epic and step issue, turned into
 * the core's plain `ReminderPlan`s. Who holds each RACI role comes from the plan record on the epic (the
 * kickoff's people); status and due date from the step issues, as Jira has them now.
 */
import { z } from 'zod';
import {
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_PROPERTY_KEY,
  planPropertyValueSchema,
  DEFAULT_REMINDER_SETTINGS,
  remindablePlanIssuesJql,
  stepPropertyValueSchema,
  type PlanPerson,
  type ReminderPlan,
  type ReminderStep,
  type StatusCategory,
} from '../../core';
import type { JiraAdapter, JiraIssue } from '../../jira';
import { parsePlanRecord, recordPlaybook } from '../plan-read';
import type { UseCaseDeps } from '../deps';

const statusSchema = z.looseObject({ statusCategory: z.looseObject({ key: z.enum(['new', 'indeterminate', 'done']) }) });

export interface PlanNotReminded {
  planId: string;
  epicKey: string;
  reason: string;
}

export interface ProjectSnapshot {
  plans: ReminderPlan[];
  /** Plans the job leaves alone, and why (released, reminders off, unreadable record). */
  notReminded: PlanNotReminded[];
  issues: number;
}

const statusCategoryOf = (issue: JiraIssue): StatusCategory => {
  const status = statusSchema.safeParse(issue.fields?.status);
  return status.success ? status.data.statusCategory.key : 'new';
};

const dueOf = (issue: JiraIssue): string | null => {
  const due = issue.fields?.duedate;
  return typeof due === 'string' && due !== '' ? due.slice(0, 10) : null;
};

const accountIds = (people: readonly (PlanPerson | undefined)[]): string[] => [...new Set(people.flatMap((p) => (p?.accountId ? [p.accountId] : [])))];

/** Every plan of `projectKey`, or of every project the identity can see when it is undefined (one search). */
export async function readProjectSnapshot(
  jira: JiraAdapter,
  projectKey?: string,
  /** Published template versions (Forge KVS): a plan on one is reminded by its own steps. */
  versions: Pick<UseCaseDeps, 'playbookVersions'> = {},
): Promise<ProjectSnapshot> {
  const issues = await jira.searchIssues({
    jql: remindablePlanIssuesJql(projectKey),
    fields: ['status', 'duedate'],
    properties: [PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY],
    pageSize: 100,
  });
  const oldestFirst = [...issues].sort((a, b) => Number(a.id) - Number(b.id));
  const stepIssues = new Map<string, Map<number, JiraIssue>>();
  for (const issue of oldestFirst) {
    const property = stepPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
    if (!property.success) continue;
    const byStep = stepIssues.get(property.data.planId) ?? new Map<number, JiraIssue>();
    stepIssues.set(property.data.planId, byStep);
    // One issue per step; should a duplicate exist, the oldest is the step (as generation adopts it).
    if (!byStep.has(property.data.step)) byStep.set(property.data.step, issue);
  }

  const snapshot: ProjectSnapshot = { plans: [], notReminded: [], issues: issues.length };
  const seenPlans = new Set<string>();
  for (const epic of oldestFirst) {
    const property = planPropertyValueSchema.safeParse(epic.properties?.[PLAYBOOK_PROPERTY_KEY]);
    if (!property.success || seenPlans.has(property.data.planId)) continue;
    const { planId, title, templateVersion } = property.data;
    seenPlans.add(planId);
    const skip = (reason: string) => snapshot.notReminded.push({ planId, epicKey: epic.key, reason });
    if (statusCategoryOf(epic) === 'done') {
      skip('the plan epic is done');
      continue;
    }
    const rawRecord = epic.properties?.[PLAN_RECORD_PROPERTY_KEY];
    const plan = parsePlanRecord(rawRecord, templateVersion, await recordPlaybook(versions, rawRecord, templateVersion)).plan;
    if (!plan) {
      skip('the plan record on the epic is missing or no longer valid, so nobody is known by role');
      continue;
    }
    // The kickoff carries the plan's settings (the kickoff form edits them; defaults for older kickoffs).
    const settings = plan.kickoff.reminders ?? DEFAULT_REMINDER_SETTINGS;
    if (!settings.enabled) {
      skip('reminders are off for this plan');
      continue;
    }
    const byStep = stepIssues.get(planId) ?? new Map<number, JiraIssue>();
    const steps: ReminderStep[] = plan.steps.flatMap((step) => {
      const issue = byStep.get(step.number);
      if (!issue) return [];
      return [
        {
          step: step.number,
          title: step.title,
          phase: step.phase,
          issueKey: issue.key,
          due: dueOf(issue),
          statusCategory: statusCategoryOf(issue),
          blockers: step.dependsOn.filter((n) => byStep.has(n)),
          responsible: accountIds(step.people.responsible),
          accountable: accountIds([step.people.accountable]),
          consulted: accountIds(step.people.consulted),
          informed: accountIds(step.people.informed),
        },
      ];
    });
    snapshot.plans.push({ planId, title, epicKey: epic.key, holidays: plan.kickoff.holidays, settings, steps });
  }
  return snapshot;
}
