/**
 * The one place that wires the bench to the real stand-in and use cases. A part that is missing becomes
 * `{ ok: false, reason }`, which the report prints as null with that reason.
 */
import { existsSync } from 'node:fs';
import { createBasicAuthRequest, createJiraAdapter, type JiraAdapter } from '../../src/jira';
import { join } from 'node:path';
import { createFileLedger, createFileNotificationLedger } from '../../src/storage';
import { runReminders } from '../../src/usecases/remind';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { getPortfolio } from '../../src/usecases/portfolio';
import { readPlanSnapshot, refreshActivePlans, rollupValue, toPlanProgressView } from '../../src/usecases/plan-read';
import { memoryCursor } from '../../src/storage';
import type { BenchParts, OurApp, SeedPlans } from './harness';
import { seedPlans } from './seed';
import { countTriggerInvocations } from './triggers';
import { measurePages } from './pages';
import { CHROMIUM } from '../e2e/harness';
import { startBenchStandIn, type BenchStandIn } from './stand-in';
import { clockAt, TEST_TODAY } from '../fixtures/clock';

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
  toPlanProgressView(await readPlanSnapshot({ jira: jiraFor(standIn), ...clockAt(TEST_TODAY) }, { planId }));
};

/** `playbook progress --today`: the snapshot and its view with the forecast (read only). */
const ourForecast: OurApp['forecast'] = async (standIn, planId, today) => {
  const view = toPlanProgressView(await readPlanSnapshot({ jira: jiraFor(standIn), ...clockAt(today) }, { planId }));
  if (!view.forecast) throw new Error(`plan ${planId} has no forecast`);
};

/** The nightly scheduled trigger: as the app, chunks of active plans, its defaults (budget, chunk, concurrency). */
const ourNightly: OurApp['nightly'] = async (standIn, today) => {
  if (!standIn.app) throw new Error('the stand-in has no app identity');
  const jira = createJiraAdapter(createBasicAuthRequest({ baseUrl: standIn.baseUrl, ...standIn.app }));
  const outcome = await refreshActivePlans({ jira, ...clockAt(today) }, { cursor: memoryCursor() });
  if (!outcome.complete || outcome.failed.length) throw new Error(`nightly incomplete: ${JSON.stringify(outcome.failed.slice(0, 3))}`);
  return { plans: outcome.plans, written: outcome.written };
};

/**
 * The daily reminders scheduled trigger's job: as the app, every project it can see (one search), the notification
 * ledger in files here (Forge KVS on Forge: its claim and settle calls are not Jira requests and not counted).
 */
const ourRemind: OurApp['remind'] = async (standIn, today, ledgerDir) => {
  if (!standIn.app) throw new Error('the stand-in has no app identity');
  const jira = createJiraAdapter(createBasicAuthRequest({ baseUrl: standIn.baseUrl, ...standIn.app }));
  const ledger = createFileNotificationLedger({ directory: join(ledgerDir, 'notified') });
  const result = await runReminders({ jira, ledger }, { projectKey: null, today });
  const refused = result.skipped.filter((s) => s.reason.startsWith('Jira refused'));
  if (refused.length) throw new Error(`reminders refused by Jira: ${JSON.stringify(refused.slice(0, 3))}`);
  return { plans: result.plans.reminded, sent: result.sent.length };
};

/** The project page's first answer: getPortfolio's first page of rows with the totals, no filters. */
const ourPortfolio: OurApp['portfolio'] = async (standIn, projectKey) => {
  const result = await getPortfolio({ jira: jiraFor(standIn), ...clockAt(TEST_TODAY) }, { projectKey, filters: {} });
  // The resolver's envelope, as it crosses to the browser.
  return { responseBytes: Buffer.byteLength(JSON.stringify({ ok: true, data: result })), rows: result.plans.length };
};

/** Seeds epics with the roll-up trigger's own value, so the portfolio finds them complete as in production. */
const seedWithRollups: SeedPlans = (standIn, plans, firstN) => seedPlans(standIn, plans, firstN, rollupValue);

export function loadBenchParts(): BenchParts {
  return {
    startStandIn: { ok: true, value: (latencyMs) => startBenchStandIn({ latencyMs }) },
    seedPlans: { ok: true, value: seedWithRollups },
    generate: { ok: true, value: ourGenerate },
    progress: { ok: true, value: ourProgress },
    portfolio: { ok: true, value: ourPortfolio },
    triggers: { ok: true, value: (standIn) => countTriggerInvocations(standIn, rollupValue) },
    pages: existsSync(CHROMIUM)
      ? { ok: true, value: (latencyMs) => measurePages(latencyMs, rollupValue) }
      : fail(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`),
    forecast: { ok: true, value: ourForecast },
    nightly: { ok: true, value: ourNightly },
    remind: { ok: true, value: ourRemind },
  };
}
