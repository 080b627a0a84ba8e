/**
 * A project's portfolio of plans, at the cost of its plan EPICS only: one JQL search over the epics'
 * indexed roll-ups (filters run in Jira), the largest page Jira gives a search with fields and properties,
 * following `nextPageToken`. Requests grow with plans / page size, never with steps.
 *
 * An epic without a complete roll-up (generated before the trigger ran) is refreshed on the spot — one
 * search and at most one write per such plan, as the user — so it still shows; the next read finds it done.
 */
import type { PortfolioFilters, PortfolioResult } from '../../contract';
import { CURRENT_PLAYBOOK, PLAYBOOK_PROPERTY_KEY, plansJql } from '../../core';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { isCompleteRollup, planRollupValueSchema, readPlanSnapshot, tryWriteRollup } from '../plan-read';
import { matchesFilters, portfolioResult, type PortfolioEpic } from './view';

/** Jira's enhanced search returns at most 100 issues per page once fields or properties are requested. */
export const PORTFOLIO_PAGE_SIZE = 100;
/** Plans refreshed in parallel when their roll-up is missing. */
const REFRESH_CONCURRENCY = 5;

export interface PortfolioInput {
  projectKey: string;
  filters: PortfolioFilters;
}

async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return results;
}

export async function getPortfolio(deps: UseCaseDeps, input: PortfolioInput): Promise<PortfolioResult> {
  const issues = await deps.jira.searchIssues({
    jql: plansJql(input.projectKey, input.filters),
    fields: ['summary'],
    properties: [PLAYBOOK_PROPERTY_KEY],
    pageSize: PORTFOLIO_PAGE_SIZE,
  });
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
      // Its old indexed values matched the filters; its fresh ones must too.
      return value.success && isCompleteRollup(value.data) && matchesFilters(value.data, input.filters) ? [{ epicKey: result.epicKey, rollup: value.data }] : [];
    } catch (error) {
      if (error instanceof UseCaseError && error.code === 'plan-not-found') return [];
      throw error;
    }
  });
  return portfolioResult(input.projectKey, input.filters, [...ready, ...refreshed.flat()], deps.playbook ?? CURRENT_PLAYBOOK);
}
