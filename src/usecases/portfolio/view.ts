/** The portfolio from plan epics' roll-ups alone (no step is read). Pure. */
import type { PlanStatus, PortfolioFilters, PortfolioPlanView, PortfolioResult, SupportedIntegrationGroupView } from '../../contract';
import { PLAN_STATUSES, phasePercent, phaseState, plansJql, type Playbook } from '../../core';
import type { CompletePlanRollup } from '../plan-read';

export interface PortfolioEpic {
  epicKey: string;
  rollup: CompletePlanRollup;
}

export function planView(epic: PortfolioEpic): PortfolioPlanView {
  const r = epic.rollup;
  return {
    planId: r.planId,
    epicKey: epic.epicKey,
    biller: r.biller,
    coreSystem: r.coreSystem,
    integrationType: r.integrationType,
    capabilities: [...r.capabilities],
    status: r.status,
    currentPhase: r.currentPhase ?? null,
    overdue: r.overdue,
    percentDone: r.percentDone,
    phases: r.phases.map((p) => ({ phase: p.phase, percentDone: phasePercent(p), state: phaseState(p) })),
  };
}

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The playbook's Supported Integrations table, brought up to date by the plans: one group per core system
 * the table lists (in its order), then any other core system a plan uses; each with that system's plans.
 */
export function supportedIntegrations(plans: readonly PortfolioPlanView[], playbook: Playbook): SupportedIntegrationGroupView[] {
  const groups = new Map<string, SupportedIntegrationGroupView>();
  for (const row of playbook.supportedIntegrations) groups.set(norm(row.coreSystem), { coreSystem: row.coreSystem, integrations: [] });
  const extra = [...new Set(plans.map((p) => p.coreSystem))].filter((c) => !groups.has(norm(c))).sort((a, b) => a.localeCompare(b));
  for (const coreSystem of extra) groups.set(norm(coreSystem), { coreSystem, integrations: [] });
  for (const plan of [...plans].sort((a, b) => a.biller.localeCompare(b.biller))) {
    groups.get(norm(plan.coreSystem))!.integrations.push({ biller: plan.biller, status: plan.status, capabilities: [...plan.capabilities], epicKey: plan.epicKey });
  }
  return [...groups.values()];
}

/** The same test `plansJql` asks Jira to make, for a roll-up computed after the search. */
export function matchesFilters(rollup: CompletePlanRollup, filters: PortfolioFilters): boolean {
  return (
    (filters.phase === undefined || rollup.currentPhase === filters.phase) &&
    (filters.status === undefined || rollup.status === filters.status) &&
    (filters.coreSystem === undefined || rollup.coreSystem === filters.coreSystem) &&
    (filters.overdue === undefined || rollup.overdue > 0 === filters.overdue)
  );
}

/** Copyable JQL: all filters together, and each set filter on its own. */
export function portfolioJql(projectKey: string, filters: PortfolioFilters): PortfolioResult['jql'] {
  const byFilter: PortfolioResult['jql']['byFilter'] = {};
  for (const key of ['phase', 'status', 'coreSystem', 'overdue'] as const) {
    if (filters[key] !== undefined) byFilter[key] = plansJql(projectKey, { [key]: filters[key] });
  }
  return { filtered: plansJql(projectKey, filters), byFilter };
}

export function portfolioResult(projectKey: string, filters: PortfolioFilters, epics: readonly PortfolioEpic[], playbook: Playbook): PortfolioResult {
  const plans = epics.map(planView).sort((a, b) => a.biller.localeCompare(b.biller) || a.epicKey.localeCompare(b.epicKey, undefined, { numeric: true }));
  const coreSystems = [...new Set([...playbook.supportedIntegrations.map((i) => i.coreSystem), ...plans.map((p) => p.coreSystem)])];
  return {
    projectKey,
    filters,
    plans,
    supportedIntegrations: supportedIntegrations(plans, playbook),
    facets: { phases: playbook.phases.map((p) => p.name), statuses: [...PLAN_STATUSES] as PlanStatus[], coreSystems },
    jql: portfolioJql(projectKey, filters),
  };
}
