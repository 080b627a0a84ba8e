/**
 * The real Jira stand-in (site + transport pipeline + HTTP server) for the generation tests, plus what
 * those tests need around it: request functions per user, a kickoff naming the demo site's people, and a
 * look straight into the store for the assertions (no search, no index lag, no faults).
 */
import { createBasicAuthRequest, createJiraAdapter, type JiraAdapter, type JiraAdapterOptions, type JiraRequestFn } from '../../src/jira';
import { DEMO_SITE, startStandIn, type DemoRole, type TestStandIn } from '../../src/local/jira/testing';
import type { JiraSite } from '../../src/local/jira/site';
import type { FaultConfigPatch } from '../../src/local/jira/transport';
import { PLAYBOOK_PROPERTY_KEY, type StepPropertyValue } from '../../src/core';
import { openSiteClock } from '../../src/local/clock';
import { TEST_TODAY } from '../fixtures/clock';

export type DemoUser = DemoRole;
export type GenerationStandIn = TestStandIn;

/** The real stand-in over HTTP, contract checks strict; its clock starts on `today` (TEST_TODAY by default). */
export async function startGenerationStandIn(
  options: { faults?: FaultConfigPatch; indexLagMs?: number; burstPerSecond?: number | null; today?: string } = {},
): Promise<GenerationStandIn> {
  const clock = openSiteClock(null, { today: options.today ?? TEST_TODAY });
  return startStandIn({
    site: { clock: () => new Date(clock.nowMs()) },
    faults: { ...options.faults, ...(options.indexLagMs !== undefined ? { indexLagMs: options.indexLagMs } : {}) },
    ...(options.burstPerSecond !== undefined ? { burstPerSecond: options.burstPerSecond } : {}),
  });
}

/** Basic-auth request function for a demo user (or the app account) over HTTP. */
export function requestAs(standIn: GenerationStandIn, user: DemoUser): JiraRequestFn {
  return createBasicAuthRequest({ baseUrl: standIn.baseUrl, ...standIn.credentials(user) });
}

/** An adapter acting as `user`, with the app identity for app-field values, and fast retries for tests. */
/** Moves an issue through Jira's transition (`21` In Progress, `31` Done) as `user`, as a person in Jira would. */
export async function transitionAs(standIn: GenerationStandIn, user: DemoUser, key: string, transitionId: string): Promise<void> {
  const response = await requestAs(standIn, user)({ value: `/rest/api/3/issue/${key}/transitions` } as never, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ transition: { id: transitionId } }),
  });
  if (response.status !== 204) throw new Error(`transition ${transitionId} of ${key}: HTTP ${response.status}`);
}

export function adapterAs(
  standIn: GenerationStandIn,
  user: DemoUser,
  options: JiraAdapterOptions = {},
  wrap: (fn: JiraRequestFn) => JiraRequestFn = (fn) => fn,
): JiraAdapter {
  return createJiraAdapter(wrap(requestAs(standIn, user)), { appRequest: wrap(requestAs(standIn, 'app')), baseDelayMs: 2, maxDelayMs: 20, ...options });
}

const person = (user: DemoUser) => ({ accountId: DEMO_SITE.accounts[user].accountId, displayName: DEMO_SITE.accounts[user].displayName });

/** A kickoff in the demo project with every capability (all 25 steps apply), naming the demo site's people. */
export function demoKickoff(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectKey: DEMO_SITE.projectKey,
    biller: 'Texas Mutual Insurance',
    coreSystem: 'Guidewire (Accelerator)',
    integrationType: 'partner',
    capabilities: ['claims', 'checks', 'agent-commissions', 'premium-refunds', 'vendor-onboarding', 'agent-onboarding', 'vendor-management'],
    kickoffDate: '2026-12-01',
    holidays: ['2026-12-25', '2027-01-01'],
    roles: {
      SA: person('sa'),
      PM: person('pm'),
      IM: person('im'),
      OPM: person('opm'),
      B: { displayName: 'Texas Mutual Insurance IT', email: 'it@texasmutual.example' },
      CS: { displayName: 'Guidewire Accelerator team', email: 'accelerator@guidewire.example' },
      TC: { displayName: 'Transcard integrations', email: 'integrations@transcard.example' },
    },
    page: { id: '3374284829', url: 'https://example.atlassian.net/wiki/spaces/IMP/pages/3374284829/P2', title: 'P2 - Outbound Integration' },
    ...overrides,
  };
}

export interface PlanInStore {
  epics: { id: string; key: string }[];
  /** Step number → every issue carrying that step of the plan. */
  steps: Map<number, { id: string; key: string; parentId: string | null; customFields: Record<string, unknown> }[]>;
  /** `blocker>blocked` step numbers, one entry per link (duplicates would show twice). */
  links: string[];
  remoteLinks: { globalId: string | null; url: unknown }[];
  issueCount: number;
}

/** Everything the store holds for a plan id, read directly (the truth, whatever search would say). */
export function planInStore(site: JiraSite, planId: string): PlanInStore {
  const all = [...site.store.allIssues()];
  const ofPlan = all.filter((i) => (i.properties[PLAYBOOK_PROPERTY_KEY] as { planId?: unknown } | undefined)?.planId === planId);
  const epics = ofPlan.filter((i) => (i.properties[PLAYBOOK_PROPERTY_KEY] as { kind?: unknown }).kind === 'plan');
  const steps = new Map<number, PlanInStore['steps'] extends Map<number, infer V> ? V : never>();
  const stepById = new Map<string, number>();
  for (const issue of ofPlan) {
    const property = issue.properties[PLAYBOOK_PROPERTY_KEY] as StepPropertyValue | { kind: 'plan' };
    if (property.kind !== 'step') continue;
    steps.set(property.step, [
      ...(steps.get(property.step) ?? []),
      { id: issue.id, key: issue.key, parentId: issue.parentId, customFields: issue.customFields },
    ]);
    stepById.set(issue.id, property.step);
  }
  const links: string[] = [];
  const seen = new Set<string>();
  for (const issue of ofPlan) {
    for (const link of site.store.linksOf(issue.id)) {
      if (seen.has(link.id)) continue;
      seen.add(link.id);
      const blocker = stepById.get(link.inwardId);
      const blocked = stepById.get(link.outwardId);
      if (blocker !== undefined && blocked !== undefined) links.push(`${blocker}>${blocked}`);
    }
  }
  return {
    epics: epics.map((e) => ({ id: e.id, key: e.key })),
    steps,
    links: links.sort(),
    remoteLinks: epics.flatMap((e) => site.store.remoteLinks(e.id).map((r) => ({ globalId: r.globalId, url: r.object.url }))),
    issueCount: all.length,
  };
}
