/**
 * The bench's kickoff: a partner integration with every capability and every optional step, so all 25
 * steps apply (the largest plan the playbook makes).
 */
import { CAPABILITY_CODES, CURRENT_PLAYBOOK, buildPlan, optionalStepNumbers, planIdFor, planTitle, type KickoffInput, type Plan } from '../../src/core';

export interface BenchPeople {
  /** Jira accounts that exist on the stand-in; SA first. */
  accountIds: { SA: string; PM: string; IM: string; OPM: string };
}

export function benchKickoff(people: BenchPeople, projectKey: string, n = 1): KickoffInput {
  const { SA, PM, IM, OPM } = people.accountIds;
  return {
    projectKey,
    biller: `Bench Biller ${n}`,
    coreSystem: 'Guidewire (Accelerator)',
    integrationType: 'partner',
    capabilities: [...CAPABILITY_CODES],
    optionalSteps: Object.fromEntries(optionalStepNumbers(CURRENT_PLAYBOOK).map((s) => [String(s), true])),
    kickoffDate: '2026-12-01',
    holidays: ['2026-12-25', '2027-01-01'],
    roles: {
      SA: { accountId: SA, displayName: 'Solution Architect' },
      PM: { accountId: PM, displayName: 'Project Manager' },
      IM: { accountId: IM, displayName: 'Implementations Manager' },
      OPM: { accountId: OPM, displayName: 'Outbound Program Manager' },
      B: { displayName: 'Biller IT', email: 'it@biller.example' },
      CS: { displayName: 'Guidewire Accelerator team', email: 'accelerator@guidewire.example' },
      TC: { displayName: 'Transcard integrations', email: 'integrations@transcard.example' },
    },
    page: { id: String(9_000_000 + n), url: `https://example.atlassian.net/wiki/spaces/IMP/pages/${9_000_000 + n}/Bench+${n}`, title: `Bench ${n}` },
    referenceUrls: {},
  };
}

export function benchPlan(people: BenchPeople, projectKey: string, n = 1): Plan {
  return buildPlan(benchKickoff(people, projectKey, n));
}

/**
 * Plans n = from..to for seeding. buildPlan validates and schedules each kickoff (a few ms each, 20 s for
 * 5,000), yet these plans differ only in biller and page, so one is built and the others take their own
 * identity (plan id, title, biller, kickoff) from the engine's planIdFor/planTitle. Their steps are the
 * first plan's (same titles, people, dates, properties; only the page URL in step references is the first
 * plan's, and seeding writes no references).
 */
export function benchPlans(people: BenchPeople, projectKey: string, from: number, to: number): Plan[] {
  if (to < from) return [];
  const base = benchPlan(people, projectKey, from);
  const plans: Plan[] = [base];
  for (let n = from + 1; n <= to; n += 1) {
    const input = benchKickoff(people, projectKey, n);
    const kickoff = { ...base.kickoff, biller: input.biller, page: input.page };
    plans.push({ ...base, planId: planIdFor(kickoff), title: planTitle(kickoff), biller: kickoff.biller, kickoff });
  }
  return plans;
}
