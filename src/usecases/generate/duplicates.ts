/**
 * No silent duplicates: the project's active plans (not yet released) for the same biller × core system as a
 * kickoff, found with one search on the app's searchable plan fields. Preview warns about them; generation
 * refuses to create another plan unless the kickoff carries `allowDuplicate: true`.
 */
import { PLAN_STATUSES, PLAYBOOK_PROPERTY_KEY, activePlansForJql, planPropertyValueSchema } from '../../core';
import type { JiraAdapter, JiraIssue } from '../../jira';
import { UseCaseError } from '../errors';

export interface ActivePlanRef {
  epicKey: string;
  planId: string;
  title: string;
}

export interface DuplicateScope {
  projectKey: string;
  biller: string;
  coreSystem: string;
  /** The plan being previewed or generated (its own epic is no duplicate). */
  planId: string;
}

const RELEASED = PLAN_STATUSES[PLAN_STATUSES.length - 1];

/** The other active plans among the search's answer, oldest first (the search is by alias; the property decides). */
export function otherActivePlans(issues: readonly JiraIssue[], scope: DuplicateScope): ActivePlanRef[] {
  return [...issues]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .flatMap((issue) => {
      const property = planPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
      if (!property.success) return [];
      const plan = property.data;
      const same = plan.biller === scope.biller && plan.coreSystem === scope.coreSystem && plan.planId !== scope.planId;
      return same && plan.status !== RELEASED ? [{ epicKey: issue.key, planId: plan.planId, title: plan.title }] : [];
    });
}

/** One search (a request to send beside others in a round trip that is made anyway). */
export async function findActivePlans(jira: Pick<JiraAdapter, 'searchIssues'>, scope: DuplicateScope): Promise<ActivePlanRef[]> {
  const issues = await jira.searchIssues({ jql: activePlansForJql(scope), fields: ['summary'], properties: [PLAYBOOK_PROPERTY_KEY] });
  return otherActivePlans(issues, scope);
}

/** What a person reads: which plan(s) already cover this biller × core system, by epic key. */
export function duplicateMessage(plans: readonly ActivePlanRef[], scope: DuplicateScope): string {
  const which = plans.map((p) => `${p.epicKey} ("${p.title}")`).join(', ');
  return `Project ${scope.projectKey} already holds an active plan for ${scope.biller} × ${scope.coreSystem}: ${which}.`;
}

/** Generation's rule: another plan for the same biller × core system only by an explicit choice. */
export function refuseDuplicate(plans: readonly ActivePlanRef[], scope: DuplicateScope, allowDuplicate: boolean | undefined): void {
  if (plans.length === 0 || allowDuplicate === true) return;
  throw new UseCaseError(
    'duplicate-plan',
    `${duplicateMessage(plans, scope)} Open it instead, or choose to create a second plan (allowDuplicate: true; the CLI's --allow-duplicate).`,
    { epicKey: plans[0]?.epicKey, duplicates: plans },
  );
}
