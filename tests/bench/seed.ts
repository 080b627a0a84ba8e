/**
 * Portfolio seeding: complete plans written straight into the stand-in's store (one bulk insert per batch,
 * no HTTP, no latency), as generation plus the roll-up trigger would have left them: the plan epic with its
 * `outbound-playbook` property carrying the roll-up and the plan record, and 25 step issues with their
 * property, assignee, due date and status. Plans differ in how far along they are.
 * Left out (the portfolio reads none of them): step descriptions, Phase/RACI field values, Blocks links.
 */
import {
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_LABEL,
  PLAYBOOK_PROPERTY_KEY,
  applicableSteps,
  computeProgress,
  planPropertyValue,
  stepPropertyValue,
  type Plan,
  type PlanPropertyValue,
  type Progress,
  type StatusCategory,
} from '../../src/core';
import type { DirectIssueInput } from '../../src/local/jira/site';
import type { BenchStandIn } from './stand-in';
import { TEST_TODAY } from '../fixtures/clock';

const STATUS_NAME: Record<StatusCategory, string> = { new: 'To Do', indeterminate: 'In Progress', done: 'Done' };

/** Plan n has its first (n mod steps+1) steps done and the next one in progress. Pure. */
export function seededStatuses(plan: Plan, n: number): Map<number, StatusCategory> {
  const steps = applicableSteps(plan);
  const done = n % (steps.length + 1);
  return new Map(steps.map((s, i) => [s.number, i < done ? 'done' : i === done ? 'indeterminate' : 'new']));
}

/** The roll-up trigger's own value function (src/usecases/plan-read `rollupValue`). */
export type RollupValueFn = (source: {
  plan: PlanPropertyValue;
  integrationType: Plan['integrationType'];
  capabilities: readonly string[];
  progress: Progress;
}) => unknown;

/** The epic's property as the roll-up trigger keeps it. Pure. */
export function seededEpicProperty(plan: Plan, statuses: ReadonlyMap<number, StatusCategory>, today: string, rollupValue: RollupValueFn): unknown {
  const progress = computeProgress(
    applicableSteps(plan).map((s) => ({ step: s.number, phase: s.phase, statusCategory: statuses.get(s.number) ?? 'new', dueDate: s.due })),
    today,
  );
  return rollupValue({ plan: planPropertyValue(plan), integrationType: plan.integrationType, capabilities: plan.capabilities, progress });
}

const BATCH = 500;

export async function seedPlans(
  standIn: Pick<BenchStandIn, 'site'>,
  plans: readonly Plan[],
  firstN: number,
  rollupValue: RollupValueFn,
  today = TEST_TODAY,
): Promise<{ issues: number }> {
  const store = standIn.site.store;
  let issues = 0;
  for (let start = 0; start < plans.length; start += BATCH) {
    const batch = plans.slice(start, start + BATCH);
    const statuses = batch.map((plan, i) => seededStatuses(plan, firstN + start + i));
    const epics = store.insertIssuesDirect(
      batch.map((plan, i): DirectIssueInput => ({
        projectKey: plan.projectKey,
        issueType: 'Epic',
        summary: plan.title,
        labels: [PLAYBOOK_LABEL],
        reporterAccountId: plan.roles.SA?.accountId ?? null,
        properties: {
          [PLAYBOOK_PROPERTY_KEY]: seededEpicProperty(plan, statuses[i], today, rollupValue),
          [PLAN_RECORD_PROPERTY_KEY]: {
            planId: plan.planId,
            templateVersion: plan.templateVersion,
            title: plan.title,
            kickoff: plan.kickoff,
            roles: plan.roles,
          },
        },
      })),
    );
    const steps = store.insertIssuesDirect(
      batch.flatMap((plan, i) =>
        applicableSteps(plan).map((step): DirectIssueInput => ({
          projectKey: plan.projectKey,
          issueType: 'Task',
          summary: `${step.number}. ${step.title}`,
          status: STATUS_NAME[statuses[i].get(step.number) ?? 'new'],
          labels: [PLAYBOOK_LABEL],
          assigneeAccountId: step.assignee.accountId,
          reporterAccountId: plan.roles.SA?.accountId ?? null,
          parentKey: epics[i].key,
          dueDate: step.due,
          properties: { [PLAYBOOK_PROPERTY_KEY]: stepPropertyValue(plan, step) },
        })),
      ),
    );
    issues += epics.length + steps.length;
  }
  return { issues };
}
