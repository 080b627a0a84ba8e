/**
 * The one place that wires the bench to the real stand-in and use cases. A part that is missing becomes
 * `{ ok: false, reason }`, which the report prints as null with that reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBasicAuthRequest, createJiraAdapter, type JiraAdapter } from '../../src/jira';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { getPortfolio } from '../../src/usecases/portfolio';
import { readPlanSnapshot, refreshActivePlans, rollupValue, toPlanProgressView } from '../../src/usecases/plan-read';
import { memoryCursor } from '../../src/storage';
import { REPO_ROOT } from './bundles';
import type { BenchParts, OurApp, Part, SeedPlans } from './harness';
import { seedPlans } from './seed';
import { startBenchStandIn, type BenchStandIn } from './stand-in';

const fail = <T>(reason: string): Part<T> => ({ ok: false, reason });

/** Ours over HTTP with Basic auth, as the CLI runs it; the app identity only for the app-field values. */
function jiraFor(standIn: BenchStandIn): JiraAdapter {
  const request = (as: { email: string; token: string }) => createBasicAuthRequest({ baseUrl: standIn.baseUrl, ...as });
  return createJiraAdapter(request(standIn.user), standIn.app ? { appRequest: request(standIn.app) } : {});
}

const ourGenerate: OurApp['generate'] = async (standIn, kickoff) => {
  const deps = { jira: jiraFor(standIn), ledger: createFileLedger({ directory: standIn.ledgerDir }) };
  await driveToCompletion(() => generatePlan(deps, { kickoff }), { maxCalls: 10 });
};

/** What `playbook progress` does: the plan snapshot and its progress view (read only). */
const ourProgress: OurApp['progress'] = async (standIn, planId) => {
  toPlanProgressView(await readPlanSnapshot({ jira: jiraFor(standIn) }, { planId }));
};

/** `playbook progress --today`: the snapshot and its view with the forecast (read only). */
const ourForecast: OurApp['forecast'] = async (standIn, planId, today) => {
  const view = toPlanProgressView(await readPlanSnapshot({ jira: jiraFor(standIn), today: () => today }, { planId }));
  if (!view.forecast) throw new Error(`plan ${planId} has no forecast`);
};

/** The nightly scheduled trigger: as the app, chunks of active plans, its defaults (budget, chunk, concurrency). */
const ourNightly: OurApp['nightly'] = async (standIn, today) => {
  if (!standIn.app) throw new Error('the stand-in has no app identity');
  const jira = createJiraAdapter(createBasicAuthRequest({ baseUrl: standIn.baseUrl, ...standIn.app }));
  const outcome = await refreshActivePlans({ jira, today: () => today }, { cursor: memoryCursor() });
  if (!outcome.complete || outcome.failed.length) throw new Error(`nightly incomplete: ${JSON.stringify(outcome.failed.slice(0, 3))}`);
  return { plans: outcome.plans, written: outcome.written };
};

/** The project page's data: getPortfolio over the plan epics' roll-ups, no filters. */
const ourPortfolio: OurApp['portfolio'] = async (standIn, projectKey) => {
  await getPortfolio({ jira: jiraFor(standIn) }, { projectKey, filters: {} });
};

/** Seeds epics with the roll-up trigger's own value, so the portfolio finds them complete as in production. */
const seedWithRollups: SeedPlans = (standIn, plans, firstN) => seedPlans(standIn, plans, firstN, rollupValue);

function entryPart(): Part<string> {
  const entry = join(REPO_ROOT, 'src', 'index.ts');
  return existsSync(entry) ? { ok: true, value: entry } : fail('src/index.ts (the Forge entry) is not in the repository yet');
}

export function loadBenchParts(): BenchParts {
  return {
    startStandIn: { ok: true, value: (latencyMs) => startBenchStandIn({ latencyMs }) },
    seedPlans: { ok: true, value: seedWithRollups },
    generate: { ok: true, value: ourGenerate },
    progress: { ok: true, value: ourProgress },
    portfolio: { ok: true, value: ourPortfolio },
    forecast: { ok: true, value: ourForecast },
    nightly: { ok: true, value: ourNightly },
    entry: entryPart(),
  };
}
