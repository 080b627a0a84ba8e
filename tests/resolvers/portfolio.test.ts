/**
 * The portfolio through the real resolver: filters run as JQL on the epics' roll-ups, and the cost is
 * plan epics / page size — never the steps.
 */
import type { PortfolioResult, Result } from '../../src/contract';
import { assertNoContractViolations } from '../../src/local/jira/testing';
import { PLAYBOOK_PROPERTY_KEY, plansJql } from '../../src/core';
import { SEARCH_LIMITS } from '../../src/local/jira/site';
import { PORTFOLIO_PAGE_SIZE } from '../../src/usecases/portfolio';
import { MODULES, startForgeSite, type ForgeSite } from './helpers/forge-site';
import { seedPlans, type SeededPlanSpec } from './helpers/seed-plans';

let app: ForgeSite;
beforeEach(() => {
  app = startForgeSite({ triggers: false });
});
afterEach(() => {
  try {
    assertNoContractViolations(app.transport);
  } finally {
    app.close();
  }
});

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

const portfolio = async (filters: Record<string, unknown> = {}, user: 'pm' | 'viewer' = 'pm'): Promise<PortfolioResult> =>
  data(await app.invoke(user, 'getPortfolio', { projectKey: 'OUT', filters }, { project: { key: 'OUT' } }, MODULES.page));

describe('portfolio filters', () => {
  let seeded: ReturnType<typeof seedPlans>;
  beforeEach(() => {
    seeded = seedPlans(app.site.store, 'OUT', [
      { biller: 'Acme', coreSystem: 'SimpleSolve', done: 0, withSteps: true }, // step 1 in progress
      { biller: 'Birch', coreSystem: 'SimpleSolve', done: 8, overdue: 2, withSteps: true },
      { biller: 'Cedar', coreSystem: 'IMT', done: 25, withSteps: true },
      { biller: 'Dune', coreSystem: 'Guidewire (Accelerator)', done: 16, overdue: 1 },
    ]);
    // Another project's plan never shows.
    seedPlans(app.site.store, 'SAND', [{ biller: 'Elsewhere', coreSystem: 'IMT', done: 0 }]);
  });

  it('lists every plan of the project from the epics alone, with status, phase, overdue and phase bars', async () => {
    const result = await portfolio();
    expect(result.plans.map((p) => p.biller)).toEqual(['Acme', 'Birch', 'Cedar', 'Dune']);
    expect(result.plans.map((p) => [p.status, p.currentPhase, p.overdue])).toEqual(seeded.map((s) => [s.status, s.currentPhase, s.overdue]));
    expect(result.plans.find((p) => p.biller === 'Cedar')).toMatchObject({ status: 'Released', currentPhase: null, percentDone: 100 });
    expect(result.plans[0].phases[0]).toEqual({ phase: 'Discovery', percentDone: 0, state: 'in-progress' });
    expect(result.jql).toEqual({ filtered: plansJql('OUT', {}), byFilter: {} });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['status', { status: 'Released' }, ['Cedar']],
    ['current phase', { phase: 'Design' }, ['Birch']],
    ['another phase', { phase: 'Development' }, ['Dune']],
    ['core system', { coreSystem: 'SimpleSolve' }, ['Acme', 'Birch']],
    ['overdue', { overdue: true }, ['Birch', 'Dune']],
    ['not overdue', { overdue: false }, ['Acme', 'Cedar']],
    ['combined', { coreSystem: 'SimpleSolve', overdue: true }, ['Birch']],
  ])('filters by %s in Jira, with copyable JQL', async (_name, filters, billers) => {
    app.transport.log.reset();
    const result = await portfolio(filters);
    expect(result.plans.map((p) => p.biller)).toEqual(billers);
    expect(result.jql.filtered).toBe(plansJql('OUT', filters));
    expect(Object.keys(result.jql.byFilter).sort()).toEqual(Object.keys(filters).sort());
    // One search, epics only.
    const searches = app.transport.log.entries();
    expect(searches.map((e) => e.operationId)).toEqual(['searchAndReconsileIssuesUsingJqlPost']);
  });

  it('groups the supported integrations by core system, the playbook table first', async () => {
    const groups = (await portfolio()).supportedIntegrations;
    expect(groups[0]).toEqual({ coreSystem: 'IMT', integrations: [expect.objectContaining({ biller: 'Cedar', status: 'Released' })] });
    expect(groups.find((g) => g.coreSystem === 'SimpleSolve')?.integrations.map((i) => i.biller)).toEqual(['Acme', 'Birch']);
  });

  it('a browse-only user sees the portfolio too', async () => {
    expect((await portfolio({}, 'viewer')).plans).toHaveLength(4);
  });
});

describe('portfolio cost', () => {
  const specs = (n: number, withSteps: boolean): SeededPlanSpec[] => Array.from({ length: n }, (_, i) => ({ biller: `Biller ${String(i).padStart(4, '0')}`, coreSystem: i % 2 ? 'IMT' : 'SimpleSolve', done: i % 26, withSteps }));

  it('asks Jira for the largest page it gives a search with fields and properties', () => {
    expect(PORTFOLIO_PAGE_SIZE).toBe(SEARCH_LIMITS.withFieldsMax);
  });

  it.each([
    [100, true],
    [250, true],
    [1000, false],
  ])('%i plans (steps seeded: %s): requests = ceil(plans / page size)', async (n, withSteps) => {
    seedPlans(app.site.store, 'OUT', specs(n, withSteps));
    app.transport.log.reset();
    const result = await portfolio();
    expect(result.plans).toHaveLength(n);
    const summary = app.transport.log.summary();
    const pages = Math.ceil(n / PORTFOLIO_PAGE_SIZE);
    expect(summary).toMatchObject({ requests: pages, roundTrips: pages });
    console.log(`portfolio: ${n} plans (${withSteps ? `${n * 26} issues` : `${n} epics only`}) → ${summary.requests} requests, ${summary.roundTrips} round trips, ${Math.round(summary.ms)} ms`);
  });

  it('the steps do not change the cost: the same plans with and without their 25 steps', async () => {
    seedPlans(app.site.store, 'OUT', specs(120, false));
    app.transport.log.reset();
    await portfolio();
    const epicsOnly = app.transport.log.summary().requests;
    app.close();
    app = startForgeSite({ triggers: false });
    seedPlans(app.site.store, 'OUT', specs(120, true));
    app.transport.log.reset();
    await portfolio();
    expect(app.transport.log.summary().requests).toBe(epicsOnly);
  });

  it('a plan without a roll-up yet is rolled up once (one search, one write) and shown', async () => {
    seedPlans(app.site.store, 'OUT', [
      { biller: 'Fresh', coreSystem: 'IMT', done: 4, withSteps: true, noRollup: true },
      { biller: 'Rolled', coreSystem: 'IMT', done: 2, withSteps: true },
    ]);
    app.transport.log.reset();
    const first = await portfolio();
    expect(first.plans.find((p) => p.biller === 'Fresh')).toMatchObject({ status: 'In Progress', currentPhase: 'Design', percentDone: 16 });
    expect(app.transport.log.entries().map((e) => `${e.method} ${e.path.replace(/\/rest\/api\/3/, '')}`)).toEqual([
      'POST /search/jql',
      'POST /search/jql',
      expect.stringMatching(new RegExp(`^PUT /issue/OUT-\\d+/properties/${PLAYBOOK_PROPERTY_KEY}$`)),
    ]);
    app.transport.log.reset();
    await portfolio();
    expect(app.transport.log.summary().requests).toBe(1);
  });
});
