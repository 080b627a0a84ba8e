/**
 * The portfolio through the real resolver: an id-only search of the plan epics, then their roll-ups by bulk
 * fetch in parallel; filters, sort and paging on the server; the cost is plan epics / 5,000 sequential
 * round trips (+1), never the steps.
 */
import type { PortfolioResult } from '../../src/contract';
import { PLAYBOOK_PROPERTY_KEY, plansJql } from '../../src/core';
import { BULK_FETCH_LIMITS, SEARCH_LIMITS } from '../../src/local/jira/site';
import { BULK_FETCH_LIMIT, ID_SEARCH_PAGE_SIZE } from '../../src/jira';
import { MODULES, startForgeSite, type ForgeSite, data, useForgeSitePerTest } from './helpers/forge-site';
import { seedPlans, type SeededPlanSpec } from './helpers/seed-plans';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site), { triggers: false });

const portfolio = async (filters: Record<string, unknown> = {}, user: 'pm' | 'viewer' = 'pm', page: Record<string, unknown> = {}): Promise<PortfolioResult> =>
  data(await app.invoke(user, 'getPortfolio', { projectKey: 'OUT', filters, ...page }, { project: { key: 'OUT' } }, MODULES.page));

const operations = () => app.transport.log.entries().map((e) => e.operationId);

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
    expect(result.plans[0].phases[0]).toMatchObject({ phase: 'Discovery', percentDone: 0, state: 'in-progress', done: 0 });
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
  ])('filters by %s on the server, with copyable JQL that finds the same plans in Jira', async (_name, filters, billers) => {
    app.transport.log.reset();
    const result = await portfolio(filters);
    expect(result.plans.map((p) => p.biller)).toEqual(billers);
    expect(result.matching).toBe(billers.length);
    expect(result.totals.plans).toBe(4);
    expect(result.jql.filtered).toBe(plansJql('OUT', filters));
    expect(Object.keys(result.jql.byFilter).sort()).toEqual(Object.keys(filters).sort());
    // One id-only search of the epics, one bulk fetch of their roll-ups.
    expect(operations()).toEqual(['searchAndReconsileIssuesUsingJqlPost', 'bulkFetchIssues']);
    const keys = (await app.asUser('pm', `/rest/api/3/search/jql?jql=${encodeURIComponent(result.jql.filtered)}&fields=id`)).body as {
      issues: { id: string }[];
    };
    expect(keys.issues).toHaveLength(billers.length);
  });

  it('totals cover every plan of the project whatever the filters', async () => {
    const result = await portfolio({ status: 'Released' });
    expect(result.totals).toMatchObject({ plans: 4, byStatus: { Initiated: 0, 'In Progress': 3, Released: 1 }, overdue: 2 });
    expect(result.totals.byCurrentPhase.filter((p) => p.plans > 0)).toEqual(
      [...new Set(seeded.flatMap((s) => (s.currentPhase ? [s.currentPhase] : [])))].map((phase) => ({
        phase,
        plans: seeded.filter((s) => s.currentPhase === phase).length,
      })),
    );
    expect(result.totals.byCoreSystem).toEqual([
      { coreSystem: 'SimpleSolve', plans: 2 },
      { coreSystem: 'Guidewire (Accelerator)', plans: 1 },
      { coreSystem: 'IMT', plans: 1 },
    ]);
  });

  it('sorts, searches and pages on the server', async () => {
    const byOverdue = await portfolio({}, 'pm', { sort: { by: 'overdue', direction: 'desc' }, limit: 2 });
    expect(byOverdue.plans.map((p) => p.biller)).toEqual(['Birch', 'Dune']);
    expect(byOverdue).toMatchObject({ matching: 4, offset: 0, limit: 2 });
    const second = await portfolio({}, 'pm', { sort: { by: 'overdue', direction: 'desc' }, offset: 2, limit: 2 });
    expect(second.plans.map((p) => p.biller)).toEqual(['Acme', 'Cedar']);
    expect((await portfolio({}, 'pm', { text: 'ced' })).plans.map((p) => p.biller)).toEqual(['Cedar']);
    expect((await portfolio({ coreSystem: 'SimpleSolve' }, 'pm', { text: 'zzz' })).matching).toBe(0);
  });

  it('sorts by owner, go-live and days late too (plans without a value last), and accepts them from the UI', async () => {
    for (const by of ['owner', 'goLive', 'daysLate'] as const) {
      const sorted = await portfolio({}, 'pm', { sort: { by, direction: 'desc' } });
      // These seeded plans have no owner or forecast: all tie and fall back to biller order.
      expect(sorted.plans.map((p) => p.biller)).toEqual(['Acme', 'Birch', 'Cedar', 'Dune']);
      expect(sorted.sort).toEqual({ by, direction: 'desc' });
    }
  });

  it("links each row's overdue count and phases to JQL the site answers with exactly those steps", async () => {
    const answer = await portfolio();
    const birch = answer.plans.find((p) => p.biller === 'Birch')!;
    const keys = async (jql: string) => {
      const found = await app.asUser('pm', '/rest/api/3/search/jql', 'POST', { jql, fields: ['summary'], maxResults: 100 });
      expect(found.status).toBe(200);
      return (found.body as { issues: unknown[] }).issues.length;
    };
    expect(birch.stepsJql).toContain('playbookBiller = "Birch"');
    expect(await keys(`${birch.stepsJql} AND ${answer.stepClauses.overdue}`)).toBe(birch.overdue);
    for (const phase of birch.phases) expect(await keys(`${birch.stepsJql} AND ${answer.stepClauses.phase[phase.phase]}`)).toBe(phase.total);
  });

  it("takes the project from the project page's Forge context, so the UI needs no getContext first", async () => {
    const fromContext = data(await app.invoke('pm', 'getPortfolio', { filters: {} }, { project: { key: 'OUT' } }, MODULES.page));
    expect(fromContext).toMatchObject({ projectKey: 'OUT', matching: 4 });
    // The page's project wins over a payload naming another one.
    expect(data(await app.invoke('pm', 'getPortfolio', { projectKey: 'SAND' }, { project: { key: 'OUT' } }, MODULES.page)).projectKey).toBe('OUT');
    const nowhere = await app.invoke('pm', 'getPortfolio', {}, {}, MODULES.page);
    expect(!nowhere.ok && nowhere.error).toMatchObject({ code: 'PROJECT_NOT_FOUND', message: expect.stringMatching(/Open the portfolio from a Jira project/) });
  });

  it('rejects a bad page request with a specific message', async () => {
    const result = await app.invoke(
      'pm',
      'getPortfolio',
      { projectKey: 'OUT', limit: 5000, sort: { by: 'colour' } },
      { project: { key: 'OUT' } },
      MODULES.page,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toMatch(/at most 200 rows/);
      expect(result.error.message).toMatch(/Sort by biller/);
    }
  });

  it('merges the playbook Supported Integrations table with the plans, by core system, the playbook rows first', async () => {
    const groups = (await portfolio({ status: 'Initiated' })).supportedIntegrations;
    expect(groups[0]).toMatchObject({ coreSystem: 'IMT', plans: 1, byStatus: { Released: 1 }, playbook: { status: 'Released' } });
    expect(groups.find((g) => g.coreSystem === 'SimpleSolve')).toMatchObject({
      plans: 2,
      byStatus: { 'In Progress': 2 },
      playbook: { billers: ['California Mutual'] },
    });
    expect(groups.find((g) => g.coreSystem === 'Duck Creek (non-Orchestrator)')).toMatchObject({ plans: 0 });
  });

  it('a browse-only user sees the portfolio too', async () => {
    expect((await portfolio({}, 'viewer')).plans).toHaveLength(4);
  });
});

describe('portfolio cost', () => {
  const specs = (n: number, withSteps: boolean): SeededPlanSpec[] =>
    Array.from({ length: n }, (_, i) => ({
      biller: `Biller ${String(i).padStart(5, '0')}`,
      coreSystem: i % 2 ? 'IMT' : 'SimpleSolve',
      done: i % 26,
      withSteps,
    }));

  it('asks for the largest pages Jira gives: 5,000 ids per search page, 100 issues per bulk fetch', () => {
    expect(ID_SEARCH_PAGE_SIZE).toBe(SEARCH_LIMITS.idsOnlyMax);
    expect(BULK_FETCH_LIMIT).toBe(BULK_FETCH_LIMITS.maxIssues);
  });

  // Sequential round trips: id pages one after another; each page's bulk fetches in one parallel wave that
  // overlaps the next id page. So 1 + ceil(plans / 5000) round trips.
  it.each([
    [100, true, 2],
    [250, true, 2],
    [1000, false, 2],
    [5000, false, 2],
    [10000, false, 3],
  ])(
    '%i plans (steps seeded: %s): %i round trips, one bulk fetch per 100 plans, within the burst limit, one page of rows',
    async (n, withSteps, roundTrips) => {
      app.close();
      app = startForgeSite({ triggers: false, latencyMs: 40, burstPerSecond: 100 });
      seedPlans(app.site.store, 'OUT', specs(n, withSteps));
      app.transport.log.reset();
      const result = await portfolio();
      expect(result.totals.plans).toBe(n);
      expect(result.matching).toBe(n);
      expect(result.plans).toHaveLength(Math.min(n, 50));
      expect(result.plans[0].biller).toBe('Biller 00000');
      const summary = app.transport.log.summary();
      expect(summary.byOperation).toEqual({ searchAndReconsileIssuesUsingJqlPost: Math.ceil(n / 5000), bulkFetchIssues: Math.ceil(n / 100) });
      expect(summary.roundTrips).toBe(roundTrips);
      expect(app.transport.log.entries().filter((e) => e.status === 429)).toEqual([]);
      const bytes = Buffer.byteLength(JSON.stringify(result));
      expect(bytes).toBeLessThan(500 * 1024);
      console.log(
        `portfolio: ${n} plans (${withSteps ? `${n * 26} issues` : `${n} epics only`}) → ${summary.requests} requests, ${summary.roundTrips} round trips, ${Math.round(summary.ms)} ms, response ${Math.round(bytes / 1024)} KB`,
      );
    },
  );

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

  it('rows come from the epics as they are now, not as the lagging index saw them', async () => {
    app.close();
    app = startForgeSite({ triggers: false, indexLagMs: 60_000 });
    const [plan] = seedPlans(app.site.store, 'OUT', [{ biller: 'Lagging', coreSystem: 'IMT', done: 3 }]);
    const before = await portfolio();
    const record = app.site.store.issue(plan.epicKey)!;
    const property = record.properties['outbound-playbook'] as Record<string, unknown>;
    app.site.store.updateIssue({ ...record, properties: { ...record.properties, 'outbound-playbook': { ...property, overdue: 7 } } }, app.clock.nowMs(), {
      touch: false,
    });
    const after = await portfolio({ overdue: true });
    expect(before.plans[0].overdue).toBe(0);
    expect(after.plans.map((p) => [p.biller, p.overdue])).toEqual([['Lagging', 7]]);
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
      'POST /issue/bulkfetch',
      'POST /search/jql',
      expect.stringMatching(new RegExp(`^PUT /issue/OUT-\\d+/properties/${PLAYBOOK_PROPERTY_KEY}$`)),
    ]);
    app.transport.log.reset();
    await portfolio();
    expect(app.transport.log.summary().requests).toBe(2);
  });
});
