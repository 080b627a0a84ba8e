/**
 * A project's portfolio of plans, at the cost of its plan EPICS only, in a bounded number of sequential
 * round trips: (1) one id-only search of the project's plan epics (Jira's largest pages, 5,000 ids), then
 * (2) their roll-ups (the `outbound-playbook` property) by bulk fetch, 100 per call, the chunks of each id
 * page sent in parallel as soon as that page arrives (while the next id page loads). 5,000 plans: 2 round
 * trips; 10,000: 3. Bulk fetch reads the epics as they are now, so the rows never lag behind the index.
 *
 * Filters, text search, sort and paging run here over every plan (so the totals and the Supported
 * Integrations counts cover the whole project) and the answer carries one page of rows.
 *
 * An epic without a complete roll-up (generated before the trigger ran) is refreshed on the spot — one
 * search and at most one write per such plan, as the user — so it still shows; the next read finds it done.
 */
import { PORTFOLIO_ROWS, type PortfolioFilters, type PortfolioResult } from '../../contract';
import { CURRENT_PLAYBOOK, PLAYBOOK_PROPERTY_KEY, plansJql } from '../../core';
import type { JiraAdapter, JiraIssue } from '../../jira';
import { UseCaseError } from '../errors';
import { todayOf, type UseCaseDeps } from '../deps';
import { isCompleteRollup, planRollupValueSchema, readPlanSnapshot, tryWriteRollup } from '../plan-read';
import { portfolioResult, type PortfolioEpic, type PortfolioPageRequest } from './view';

/** Plans refreshed in parallel when their roll-up is missing. */
const REFRESH_CONCURRENCY = 5;

export interface PortfolioInput extends Partial<PortfolioPageRequest> {
  projectKey: string;
  filters: PortfolioFilters;
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return results;
}

/** Every plan epic of the project with its stored property, fetched as described above. */
export async function readPlanEpics(jira: JiraAdapter, projectKey: string): Promise<JiraIssue[]> {
  return readEpicsByJql(jira, plansJql(projectKey));
}

/** The plan epics a JQL finds, with their stored property, fetched as described above. */
export async function readEpicsByJql(jira: JiraAdapter, jql: string): Promise<JiraIssue[]> {
  const fetches: Promise<JiraIssue[]>[] = [];
  await jira.searchIssueIds({
    jql,
    onPage: (ids) => {
      if (ids.length === 0) return;
      const fetched = jira.bulkFetchIssues(ids, { fields: ['summary'], properties: [PLAYBOOK_PROPERTY_KEY] });
      // Awaited below; this only keeps a failure from counting as unhandled while later pages load.
      fetched.catch(() => undefined);
      fetches.push(fetched);
    },
  });
  return (await Promise.all(fetches)).flat();
}

export async function getPortfolio(deps: UseCaseDeps, input: PortfolioInput): Promise<PortfolioResult> {
  const playbook = deps.playbook ?? CURRENT_PLAYBOOK;
  const issues = await readPlanEpics(deps.jira, input.projectKey);
  const ready: PortfolioEpic[] = [];
  const stale: string[] = [];
  for (const issue of issues) {
    const value = planRollupValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
    if (!value.success) continue;
    if (isCompleteRollup(value.data)) ready.push({ epicKey: issue.key, rollup: value.data });
    else stale.push(value.data.planId);
  }
  const refreshed = await inBatches(stale, REFRESH_CONCURRENCY, async (planId) => {
    try {
      const result = await tryWriteRollup(deps.jira, await readPlanSnapshot(deps, { planId }));
      const value = planRollupValueSchema.safeParse(result.value);
      return value.success && isCompleteRollup(value.data) ? [{ epicKey: result.epicKey, rollup: value.data }] : [];
    } catch (error) {
      if (error instanceof UseCaseError && error.code === 'plan-not-found') return [];
      throw error;
    }
  });
  const page: PortfolioPageRequest = {
    text: input.text,
    sort: input.sort ?? { by: 'biller', direction: 'asc' },
    offset: input.offset ?? 0,
    limit: input.limit ?? PORTFOLIO_ROWS.default,
  };
  // The roll-ups' overdue counts and slips are as of the invocation's day: the export names it.
  return { asOf: todayOf(deps), ...portfolioResult(input.projectKey, input.filters, page, [...ready, ...refreshed.flat()], playbook) };
}
