import { CURRENT_PLAYBOOK, plansJql } from '../../../src/core';
import { matchesFilters, planView, portfolioJql, portfolioResult, supportedIntegrations, type PortfolioEpic } from '../../../src/usecases/portfolio';
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
      { phase: 'Discovery', percentDone: 100, state: 'done' },
      { phase: 'Design', percentDone: 11, state: 'in-progress' },
      { phase: 'Development', percentDone: 0, state: 'todo' },
      { phase: 'Testing', percentDone: 100, state: 'done' },
    ]);
  });

  it('groups supported integrations by core system: the reference table first, in its order, then others; names matched loosely', () => {
    const plans = [epic(1, { coreSystem: 'simplesolve ' }), epic(2, { coreSystem: 'Zeta Core', biller: 'Zed' }), epic(3, { coreSystem: 'IMT', status: 'Released' })].map(planView);
    const groups = supportedIntegrations(plans, CURRENT_PLAYBOOK);
    expect(groups.map((g) => g.coreSystem)).toEqual([...CURRENT_PLAYBOOK.supportedIntegrations.map((i) => i.coreSystem), 'Zeta Core']);
    expect(groups.find((g) => g.coreSystem === 'SimpleSolve')?.integrations).toEqual([{ biller: 'Biller 1', status: 'In Progress', capabilities: ['claims'], epicKey: 'OUT-1' }]);
    expect(groups.find((g) => g.coreSystem === 'IMT')?.integrations.map((i) => i.status)).toEqual(['Released']);
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

  it('sorts plans by biller and offers the playbook phases, statuses and known core systems as facets', () => {
    const result = portfolioResult('OUT', {}, [epic(2, { biller: 'Zed' }), epic(1, { biller: 'Acme', coreSystem: 'Zeta Core' })], CURRENT_PLAYBOOK);
    expect(result.plans.map((p) => p.biller)).toEqual(['Acme', 'Zed']);
    expect(result.facets.phases).toEqual(CURRENT_PLAYBOOK.phases.map((p) => p.name));
    expect(result.facets.statuses).toEqual(['Initiated', 'In Progress', 'Released']);
    expect(result.facets.coreSystems).toContain('Zeta Core');
  });
});
