import { CURRENT_PLAYBOOK, plansJql } from '../../../src/core';
import {
  compareEpics,
  matchesFilters,
  matchesText,
  planView,
  portfolioJql,
  portfolioResult,
  portfolioTotals,
  supportedIntegrations,
  type PortfolioEpic,
} from '../../../src/usecases/portfolio';
import type { CompletePlanRollup } from '../../../src/usecases/plan-read';

function epic(n: number, over: Partial<CompletePlanRollup> = {}): PortfolioEpic {
  return {
    epicKey: `OUT-${n}`,
    rollup: {
      kind: 'plan',
      planId: `op-${n}`,
      templateVersion: '1.5',
      title: `Plan ${n}`,
      biller: `Biller ${n}`,
      coreSystem: 'SimpleSolve',
      status: 'In Progress',
      currentPhase: 'Design',
      overdue: 0,
      integrationType: 'partner',
      capabilities: ['claims'],
      percentDone: 20,
      phases: [
        { phase: 'Discovery', total: 6, done: 6, inProgress: 0, overdue: 0 },
        { phase: 'Design', total: 9, done: 1, inProgress: 0, overdue: 0 },
        { phase: 'Development', total: 2, done: 0, inProgress: 0, overdue: 0 },
        { phase: 'Testing', total: 0, done: 0, inProgress: 0, overdue: 0 },
      ],
      ...over,
    },
  };
}

describe('portfolio view (from roll-ups only)', () => {
  it('shows each phase as done / in progress / to do with its percentage (an empty phase counts as done)', () => {
    expect(planView(epic(1)).phases).toEqual([
      { phase: 'Discovery', percentDone: 100, state: 'done', done: 6, total: 6, overdue: 0 },
      { phase: 'Design', percentDone: 11, state: 'in-progress', done: 1, total: 9, overdue: 0 },
      { phase: 'Development', percentDone: 0, state: 'todo', done: 0, total: 2, overdue: 0 },
      { phase: 'Testing', percentDone: 100, state: 'done', done: 0, total: 0, overdue: 0 },
    ]);
  });

  it('links each phase and the overdue count to readable JQL by biller and core system, not the plan id', () => {
    const epics = [epic(1, { biller: 'Texas "Big" Mutual', overdue: 2, owner: 'Priya Manager' }), epic(2)];
    const view = planView(epics[0]);
    const result = portfolioResult('OUT', {}, { sort: { by: 'biller', direction: 'asc' }, offset: 0, limit: 10 }, epics, CURRENT_PLAYBOOK);
    // A row's steps JQL and the answer's clauses make the phase's and the overdue steps' JQL.
    expect(`${view.stepsJql} AND ${result.stepClauses.phase.Design}`).toBe(
      'project = "OUT" AND playbookKind = "step" AND playbookBiller = "Texas \\"Big\\" Mutual" AND playbookCoreSystem = "SimpleSolve" AND playbookPhase = "Design"',
    );
    expect(`${view.stepsJql} AND ${result.stepClauses.overdue}`).toBe(
      'project = "OUT" AND playbookKind = "step" AND playbookBiller = "Texas \\"Big\\" Mutual" AND playbookCoreSystem = "SimpleSolve" AND duedate < startOfDay() AND statusCategory != Done',
    );
    for (const phase of CURRENT_PLAYBOOK.phases) expect(result.stepClauses.phase[phase.name]).toBe(`playbookPhase = "${phase.name}"`);
    expect(view.stepsJql).not.toContain('op-1');
    expect(view.owner).toBe('Priya Manager');
    expect(planView(epic(2)).owner).toBeNull();
  });

  it('sorts by owner, forecast go-live and days late, plans without a value last in either direction', () => {
    const epics = [
      epic(1, { owner: 'Zoe', forecastGoLive: '2027-03-01', slipBusinessDays: 0 }),
      epic(2, { owner: 'Adam', forecastGoLive: '2027-05-01', slipBusinessDays: 12 }),
      epic(3, {}),
      epic(4, { owner: 'Mia', forecastGoLive: '2027-04-01', slipBusinessDays: 3 }),
    ];
    const keys = (by: 'owner' | 'goLive' | 'daysLate', direction: 'asc' | 'desc') =>
      [...epics].sort(compareEpics({ by, direction }, CURRENT_PLAYBOOK)).map((e) => e.epicKey);
    expect(keys('owner', 'asc')).toEqual(['OUT-2', 'OUT-4', 'OUT-1', 'OUT-3']);
    expect(keys('owner', 'desc')).toEqual(['OUT-1', 'OUT-4', 'OUT-2', 'OUT-3']);
    expect(keys('goLive', 'asc')).toEqual(['OUT-1', 'OUT-4', 'OUT-2', 'OUT-3']);
    expect(keys('daysLate', 'desc')).toEqual(['OUT-2', 'OUT-4', 'OUT-1', 'OUT-3']);
    expect(keys('daysLate', 'asc')).toEqual(['OUT-1', 'OUT-4', 'OUT-2', 'OUT-3']);
  });

  it('names the capabilities as the playbook does, not by their codes', () => {
    const groups = supportedIntegrations([epic(1, { coreSystem: 'IMT', capabilities: ['agent-commissions', 'claims'] })], CURRENT_PLAYBOOK);
    const imt = groups.find((g) => g.coreSystem === 'IMT')!;
    expect(imt.capabilities).toContain('agent-commissions');
    expect(imt.capabilityNames).toHaveLength(imt.capabilities.length);
    expect(imt.capabilityNames).toContain('Agent Commissions');
    for (const group of groups) for (const name of group.capabilityNames) expect(name).not.toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it("shows the playbook's Supported Integrations rows with no plan at all", () => {
    const groups = supportedIntegrations([], CURRENT_PLAYBOOK);
    expect(groups.map((g) => [g.coreSystem, g.playbook?.status, g.plans])).toEqual(
      CURRENT_PLAYBOOK.supportedIntegrations.map((row) => [row.coreSystem, row.status, 0]),
    );
    expect(groups.length).toBeGreaterThanOrEqual(4);
  });

  it('merges the playbook Supported Integrations table with the plans: its rows first, in order, then others; names matched loosely', () => {
    const epics = [
      epic(1, { coreSystem: 'simplesolve ', capabilities: ['claims'] }),
      epic(2, { coreSystem: 'Zeta Core', biller: 'Zed' }),
      epic(3, { coreSystem: 'IMT', status: 'Released' }),
      epic(4, { coreSystem: 'IMT', status: 'In Progress' }),
    ];
    const groups = supportedIntegrations(epics, CURRENT_PLAYBOOK);
    expect(groups.map((g) => g.coreSystem)).toEqual([...CURRENT_PLAYBOOK.supportedIntegrations.map((i) => i.coreSystem), 'Zeta Core']);
    const simple = groups.find((g) => g.coreSystem === 'SimpleSolve')!;
    expect(simple).toMatchObject({
      plans: 1,
      byStatus: { Initiated: 0, 'In Progress': 1, Released: 0 },
      playbook: { status: 'In Progress', billers: ['California Mutual'] },
    });
    // The playbook's capabilities plus the plans' ones.
    expect(simple.capabilities).toEqual(expect.arrayContaining(['agent-commissions', 'premium-refunds', 'claims']));
    expect(groups.find((g) => g.coreSystem === 'IMT')).toMatchObject({
      plans: 2,
      byStatus: { Released: 1, 'In Progress': 1, Initiated: 0 },
      playbook: { details: 'IMT MIPS/APPS Outbound Integration Page' },
    });
    expect(groups.find((g) => g.coreSystem === 'Zeta Core')).toMatchObject({ plans: 1, playbook: null });
    expect(groups.find((g) => g.coreSystem === 'Duck Creek (non-Orchestrator)')).toMatchObject({
      plans: 0,
      byStatus: { Initiated: 0, 'In Progress': 0, Released: 0 },
    });
  });

  it('totals count every plan by status, current phase (playbook order), core system and overdue', () => {
    const totals = portfolioTotals(
      [epic(1, { overdue: 2 }), epic(2, { currentPhase: 'Testing' }), epic(3, { status: 'Released', currentPhase: undefined, coreSystem: 'IMT' })],
      CURRENT_PLAYBOOK,
    );
    expect(totals.plans).toBe(3);
    expect(totals.byStatus).toEqual({ Initiated: 0, 'In Progress': 2, Released: 1 });
    expect(totals.byCurrentPhase.map((p) => p.phase)).toEqual(CURRENT_PLAYBOOK.phases.map((p) => p.name));
    expect(totals.byCurrentPhase.filter((p) => p.plans > 0)).toEqual([
      { phase: 'Design', plans: 1 },
      { phase: 'Testing', plans: 1 },
    ]);
    expect(totals.byCoreSystem).toEqual([
      { coreSystem: 'SimpleSolve', plans: 2 },
      { coreSystem: 'IMT', plans: 1 },
    ]);
    expect(totals.overdue).toBe(1);
  });

  it('sorts by any key with biller and epic key breaking ties, released plans after every phase', () => {
    const epics = [
      epic(3, { biller: 'B', currentPhase: 'Testing', percentDone: 70 }),
      epic(1, { biller: 'A', status: 'Released', currentPhase: undefined, percentDone: 100 }),
      epic(2, { biller: 'C', percentDone: 20 }),
      epic(10, { biller: 'C', percentDone: 20 }),
    ];
    const keys = (by: 'biller' | 'currentPhase' | 'percentDone', direction: 'asc' | 'desc' = 'asc') =>
      [...epics].sort(compareEpics({ by, direction }, CURRENT_PLAYBOOK)).map((e) => e.epicKey);
    expect(keys('biller')).toEqual(['OUT-1', 'OUT-3', 'OUT-2', 'OUT-10']);
    expect(keys('currentPhase')).toEqual(['OUT-2', 'OUT-10', 'OUT-3', 'OUT-1']);
    expect(keys('percentDone', 'desc')).toEqual(['OUT-1', 'OUT-3', 'OUT-2', 'OUT-10']);
  });

  it('matches text in the biller or the epic key, case-insensitively', () => {
    expect(matchesText(epic(12, { biller: 'Texas  Mutual' }), 'texas mutual')).toBe(true);
    expect(matchesText(epic(12), 'out-12')).toBe(true);
    expect(matchesText(epic(12), 'acme')).toBe(false);
  });

  it('gives copyable JQL for all filters and for each one', () => {
    const filters = { phase: 'Design', overdue: true } as const;
    expect(portfolioJql('OUT', filters)).toEqual({
      filtered: plansJql('OUT', filters),
      byFilter: { phase: plansJql('OUT', { phase: 'Design' }), overdue: plansJql('OUT', { overdue: true }) },
    });
    expect(portfolioJql('OUT', {}).byFilter).toEqual({});
  });

  it('matchesFilters applies the same tests as the JQL', () => {
    const r = epic(1, { overdue: 2 }).rollup;
    expect(matchesFilters(r, { overdue: true, status: 'In Progress', phase: 'Design', coreSystem: 'SimpleSolve' })).toBe(true);
    expect(matchesFilters(r, { overdue: false })).toBe(false);
    expect(matchesFilters(r, { status: 'Released' })).toBe(false);
  });

  it('answers one page of the matching rows with the totals of every plan and the facets', () => {
    const epics = Array.from({ length: 7 }, (_, i) =>
      epic(i + 1, { biller: `Biller ${i + 1}`, overdue: i % 2, coreSystem: i === 6 ? 'Zeta Core' : 'SimpleSolve' }),
    );
    const sort = { by: 'biller', direction: 'asc' } as const;
    const result = portfolioResult('OUT', { overdue: true }, { sort, offset: 1, limit: 2 }, epics, CURRENT_PLAYBOOK);
    expect(result.matching).toBe(3);
    expect(result.plans.map((p) => p.biller)).toEqual(['Biller 4', 'Biller 6']);
    expect(result.totals.plans).toBe(7);
    expect(result.facets.phases).toEqual(CURRENT_PLAYBOOK.phases.map((p) => p.name));
    expect(result.facets.statuses).toEqual(['Initiated', 'In Progress', 'Released']);
    expect(result.facets.coreSystems).toContain('Zeta Core');
    expect(portfolioResult('OUT', {}, { sort, offset: 10, limit: 5 }, epics, CURRENT_PLAYBOOK).plans).toEqual([]);
  });
});

describe('portfolio: forecast health and go-live (issue 12)', () => {
  const late = epic(1, { health: 'late', baselineGoLive: '2027-02-10', forecastGoLive: '2027-03-03', slipBusinessDays: 15 });
  const atRisk = epic(2, { health: 'at-risk', baselineGoLive: '2027-02-10', forecastGoLive: '2027-02-12', slipBusinessDays: 2 });
  const onTrack = epic(3, { health: 'on-track', baselineGoLive: '2027-02-10', forecastGoLive: '2027-02-10', slipBusinessDays: 0 });
  const unknown = epic(4);

  it('shows each plan with its health and its baseline and forecast go-live (none without a forecast)', () => {
    expect(planView(late)).toMatchObject({ health: 'late', goLive: { baseline: '2027-02-10', forecast: '2027-03-03', slipBusinessDays: 15 } });
    expect(planView(unknown)).toMatchObject({ health: null, goLive: { baseline: null, forecast: null, slipBusinessDays: null } });
  });

  it('filters and counts by health, with the JQL that finds the same plans', () => {
    const epics = [late, atRisk, onTrack, unknown];
    expect(epics.filter((e) => matchesFilters(e.rollup, { health: 'late' })).map((e) => e.epicKey)).toEqual(['OUT-1']);
    expect(portfolioTotals(epics, CURRENT_PLAYBOOK).byHealth).toEqual({ late: 1, 'at-risk': 1, 'on-track': 1, done: 0 });
    expect(portfolioJql('OUT', { health: 'late' }).byFilter.health).toBe(plansJql('OUT', { health: 'late' }));
    expect(plansJql('OUT', { health: 'late' })).toContain('playbookHealth = "late"');
  });
});
