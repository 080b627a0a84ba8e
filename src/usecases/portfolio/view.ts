/**
 * The portfolio from plan epics' roll-ups alone (no step is read): aggregates over every plan of the
 * project, then one page of rows, filtered and sorted here on the server so the browser gets a bounded
 * answer however many plans there are. Pure.
 */
import type {
  PlanStatus,
  PortfolioFilters,
  PortfolioPlanView,
  PortfolioResult,
  PortfolioSort,
  PortfolioTotals,
  StatusCounts,
  SupportedIntegrationGroupView,
} from '../../contract';
import { PLAN_HEALTHS, PLAN_STATUSES, phasePercent, phaseState, planStepsJql, plansJql, stepClauses, type Playbook } from '../../core';
import type { CompletePlanRollup } from '../plan-read';

export interface PortfolioEpic {
  epicKey: string;
  rollup: CompletePlanRollup;
}

/** What to show of the matching plans: text search, sort and the page. */
export interface PortfolioPageRequest {
  text?: string;
  sort: PortfolioSort;
  offset: number;
  limit: number;
}

/** The project a plan's epic is in (its key's prefix), for the readable JQL of its steps. */
const projectOfKey = (epicKey: string) => epicKey.slice(0, Math.max(0, epicKey.lastIndexOf('-'))) || epicKey;

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
    phases: r.phases.map((p) => ({
      phase: p.phase,
      percentDone: phasePercent(p),
      state: phaseState(p),
      done: p.done,
      total: p.total,
      overdue: p.overdue,
    })),
    owner: r.owner ?? null,
    stepsJql: planStepsJql({ projectKey: projectOfKey(epic.epicKey), biller: r.biller, coreSystem: r.coreSystem }),
    health: r.health ?? null,
    goLive: { baseline: r.baselineGoLive ?? null, forecast: r.forecastGoLive ?? null, slipBusinessDays: r.slipBusinessDays ?? null },
  };
}

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
/** How core system names match (loosely: case and spacing do not matter). */
export const coreSystemKey = norm;
const zeroCounts = (): StatusCounts => Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as StatusCounts;

/**
 * The playbook's Supported Integrations table brought up to date by the plans: one group per core system
 * the table lists (in its order, with its row), then any other core system a plan uses (by name); each with
 * its plans counted by status and the capabilities they cover. Core system names match loosely.
 */
export function supportedIntegrations(epics: readonly PortfolioEpic[], playbook: Playbook): SupportedIntegrationGroupView[] {
  const groups = new Map<string, SupportedIntegrationGroupView>();
  for (const row of playbook.supportedIntegrations) {
    groups.set(norm(row.coreSystem), {
      coreSystem: row.coreSystem,
      playbook: { status: row.status, details: row.details ?? null, billers: [...row.billers] },
      plans: 0,
      byStatus: zeroCounts(),
      capabilities: [...row.capabilities],
      capabilityNames: [],
    });
  }
  const extra = [...new Set(epics.map((e) => e.rollup.coreSystem))].filter((c) => !groups.has(norm(c))).sort((a, b) => a.localeCompare(b));
  for (const coreSystem of extra)
    groups.set(norm(coreSystem), { coreSystem, playbook: null, plans: 0, byStatus: zeroCounts(), capabilities: [], capabilityNames: [] });
  const covered = new Map<SupportedIntegrationGroupView, Set<string>>();
  for (const { rollup } of epics) {
    const group = groups.get(norm(rollup.coreSystem))!;
    group.plans += 1;
    group.byStatus[rollup.status] += 1;
    const set = covered.get(group) ?? new Set(group.capabilities);
    for (const c of rollup.capabilities) set.add(c);
    covered.set(group, set);
  }
  const order = playbook.capabilities.map((c) => c.code as string);
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  for (const [group, set] of covered) group.capabilities = [...set].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const names = new Map<string, string>(playbook.capabilities.map((c) => [c.code, c.name]));
  for (const group of groups.values()) group.capabilityNames = group.capabilities.map((c) => names.get(c) ?? c);
  return [...groups.values()];
}

/** Counts over every plan: by status, current phase (the playbook's phases in order), core system, overdue. */
export function portfolioTotals(epics: readonly PortfolioEpic[], playbook: Playbook): PortfolioTotals {
  const byStatus = zeroCounts();
  const byPhase = new Map(playbook.phases.map((p) => [p.name, 0]));
  const byCoreSystem = new Map<string, number>();
  let overdue = 0;
  const byHealth = Object.fromEntries(PLAN_HEALTHS.map((h) => [h, 0])) as PortfolioTotals['byHealth'];
  for (const { rollup } of epics) {
    if (rollup.health) byHealth[rollup.health] += 1;
    byStatus[rollup.status] += 1;
    if (rollup.currentPhase) byPhase.set(rollup.currentPhase, (byPhase.get(rollup.currentPhase) ?? 0) + 1);
    byCoreSystem.set(rollup.coreSystem, (byCoreSystem.get(rollup.coreSystem) ?? 0) + 1);
    if (rollup.overdue > 0) overdue += 1;
  }
  return {
    plans: epics.length,
    byStatus,
    byCurrentPhase: [...byPhase].map(([phase, plans]) => ({ phase, plans })),
    byCoreSystem: [...byCoreSystem]
      .map(([coreSystem, plans]) => ({ coreSystem, plans }))
      .sort((a, b) => b.plans - a.plans || a.coreSystem.localeCompare(b.coreSystem)),
    overdue,
    byHealth,
  };
}

/** The same test `plansJql` asks Jira to make, for a roll-up read after the search. */
export function matchesFilters(rollup: CompletePlanRollup, filters: PortfolioFilters): boolean {
  return (
    (filters.phase === undefined || rollup.currentPhase === filters.phase) &&
    (filters.status === undefined || rollup.status === filters.status) &&
    (filters.coreSystem === undefined || rollup.coreSystem === filters.coreSystem) &&
    (filters.overdue === undefined || rollup.overdue > 0 === filters.overdue) &&
    (filters.health === undefined || rollup.health === filters.health)
  );
}

/** Biller or epic key contains the text, case-insensitively. */
export function matchesText(epic: PortfolioEpic, text: string | undefined): boolean {
  if (!text) return true;
  const needle = norm(text);
  return norm(epic.rollup.biller).includes(needle) || epic.epicKey.toLowerCase().includes(needle);
}

const byKey = (a: PortfolioEpic, b: PortfolioEpic) =>
  a.rollup.biller.localeCompare(b.rollup.biller) || a.epicKey.localeCompare(b.epicKey, undefined, { numeric: true });

/** Row order for a sort; ties break by biller then epic key (ascending) so pages never overlap. */
export function compareEpics(sort: PortfolioSort, playbook: Playbook): (a: PortfolioEpic, b: PortfolioEpic) => number {
  const phaseRank = (phase: string | undefined) => {
    const i = phase === undefined ? -1 : playbook.phases.findIndex((p) => p.name === phase);
    // A released plan (no current phase) is past every phase; an unknown phase sorts just before it.
    return phase === undefined ? playbook.phases.length + 1 : i === -1 ? playbook.phases.length : i;
  };
  // Plans without a value (no owner known, no forecast yet) come last in either direction.
  const nullsLast =
    <T>(value: (e: PortfolioEpic) => T | undefined, compare: (x: T, y: T) => number) =>
    (a: PortfolioEpic, b: PortfolioEpic, sign: number) => {
      const x = value(a);
      const y = value(b);
      if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
      return sign * compare(x, y);
    };
  const unsignedKey: Partial<Record<PortfolioSort['by'], (a: PortfolioEpic, b: PortfolioEpic, sign: number) => number>> = {
    owner: nullsLast(
      (e) => e.rollup.owner,
      (x, y) => x.localeCompare(y),
    ),
    goLive: nullsLast(
      (e) => e.rollup.forecastGoLive,
      (x, y) => x.localeCompare(y),
    ),
    daysLate: nullsLast(
      (e) => e.rollup.slipBusinessDays,
      (x, y) => x - y,
    ),
  };
  const key: Record<Exclude<PortfolioSort['by'], 'owner' | 'goLive' | 'daysLate'>, (a: PortfolioEpic, b: PortfolioEpic) => number> = {
    biller: () => 0,
    coreSystem: (a, b) => a.rollup.coreSystem.localeCompare(b.rollup.coreSystem),
    status: (a, b) => PLAN_STATUSES.indexOf(a.rollup.status) - PLAN_STATUSES.indexOf(b.rollup.status),
    currentPhase: (a, b) => phaseRank(a.rollup.currentPhase) - phaseRank(b.rollup.currentPhase),
    percentDone: (a, b) => a.rollup.percentDone - b.rollup.percentDone,
    overdue: (a, b) => a.rollup.overdue - b.rollup.overdue,
  };
  const sign = sort.direction === 'desc' ? -1 : 1;
  const by = sort.by;
  if (by === 'owner' || by === 'goLive' || by === 'daysLate') return (a, b) => unsignedKey[by]!(a, b, sign) || byKey(a, b);
  return (a, b) => sign * key[by](a, b) || byKey(a, b);
}

/** Copyable JQL: all filters together, and each set filter on its own. */
export function portfolioJql(projectKey: string, filters: PortfolioFilters): PortfolioResult['jql'] {
  const byFilter: PortfolioResult['jql']['byFilter'] = {};
  for (const key of ['phase', 'status', 'coreSystem', 'overdue', 'health'] as const) {
    if (filters[key] !== undefined) byFilter[key] = plansJql(projectKey, { [key]: filters[key] });
  }
  return { filtered: plansJql(projectKey, filters), byFilter };
}

/** Every plan of the project in, one page of rows and the aggregates out. */
export function portfolioResult(
  projectKey: string,
  filters: PortfolioFilters,
  page: PortfolioPageRequest,
  epics: readonly PortfolioEpic[],
  playbook: Playbook,
): Omit<PortfolioResult, 'asOf'> {
  const matching = epics.filter((e) => matchesFilters(e.rollup, filters) && matchesText(e, page.text)).sort(compareEpics(page.sort, playbook));
  const coreSystems = [...new Set([...playbook.supportedIntegrations.map((i) => i.coreSystem), ...epics.map((e) => e.rollup.coreSystem)])];
  const rows = matching.slice(page.offset, page.offset + page.limit).map(planView);
  const phaseNames = new Set([...playbook.phases.map((p) => p.name), ...rows.flatMap((r) => r.phases.map((p) => p.phase))]);
  return {
    projectKey,
    filters,
    text: page.text ? page.text : null,
    sort: page.sort,
    offset: page.offset,
    limit: page.limit,
    matching: matching.length,
    plans: rows,
    totals: portfolioTotals(epics, playbook),
    supportedIntegrations: supportedIntegrations(epics, playbook),
    facets: { phases: playbook.phases.map((p) => p.name), statuses: [...PLAN_STATUSES] as PlanStatus[], coreSystems },
    jql: portfolioJql(projectKey, filters),
    stepClauses: { phase: Object.fromEntries([...phaseNames].map((p) => [p, stepClauses.phase(p)])), overdue: stepClauses.overdue },
  };
}
