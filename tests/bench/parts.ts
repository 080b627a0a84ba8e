/**
 * The one place that wires the bench to the real stand-in and use cases. A part that is not in the
 * repository yet (or fails to load) becomes `{ ok: false, reason }`, which the report prints as null with
 * that reason.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBasicAuthRequest, createJiraAdapter, type JiraAdapter } from '../../src/jira';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { getPlanProgress } from '../../src/usecases/progress';
import { REPO_ROOT } from './bundles';
import type { BenchParts, OurApp, Part } from './harness';
import { seedPlans } from './seed';
import { startBenchStandIn, type BenchStandIn } from './stand-in';

type Loose = Record<string, unknown>;

const fail = <T>(reason: string): Part<T> => ({ ok: false, reason });

/** requires `src/...` relative to the repository; a missing module is "not in the repository yet". */
export function loadModule(relative: string): Part<Loose> {
  const full = join(REPO_ROOT, relative);
  try {
    return { ok: true, value: require(full) as Loose };
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'MODULE_NOT_FOUND' && err.message.includes(full)) return fail(`${relative} is not in the repository yet`);
    return fail(`${relative} failed to load: ${err.message.split('\n')[0]}`);
  }
}

/** The named export, when it is a function. */
export function loadFunction(relative: string, name: string): Part<(...args: unknown[]) => unknown> {
  const mod = loadModule(relative);
  if (!mod.ok) return mod;
  const value = mod.value[name];
  return typeof value === 'function' ? { ok: true, value: value as (...args: unknown[]) => unknown } : fail(`${relative} does not export ${name}() yet`);
}

/** Ours over HTTP with Basic auth, as the CLI runs it; the app identity only for the app-field values. */
function jiraFor(standIn: BenchStandIn): JiraAdapter {
  const request = (as: { email: string; token: string }) => createBasicAuthRequest({ baseUrl: standIn.baseUrl, ...as });
  return createJiraAdapter(request(standIn.user), standIn.app ? { appRequest: request(standIn.app) } : {});
}

const ourGenerate: OurApp['generate'] = async (standIn, kickoff) => {
  const deps = { jira: jiraFor(standIn), ledger: createFileLedger({ directory: standIn.ledgerDir }) };
  await driveToCompletion(() => generatePlan(deps, { kickoff }), { maxCalls: 10 });
};

const ourProgress: OurApp['progress'] = async (standIn, planId) => {
  await getPlanProgress({ jira: jiraFor(standIn) }, { planId });
};

function portfolioPart(): Part<OurApp['portfolio']> {
  const getPortfolio = loadFunction('src/usecases/portfolio', 'getPortfolio');
  if (!getPortfolio.ok) return getPortfolio;
  return fail('getPortfolio landed; bench wiring pending');
}

function entryPart(): Part<string> {
  const entry = join(REPO_ROOT, 'src', 'index.ts');
  return existsSync(entry) ? { ok: true, value: entry } : fail('src/index.ts (the Forge entry) is not in the repository yet');
}

export function loadBenchParts(): BenchParts {
  return {
    startStandIn: { ok: true, value: (latencyMs) => startBenchStandIn({ latencyMs }) },
    seedPlans: { ok: true, value: seedPlans },
    generate: { ok: true, value: ourGenerate },
    progress: { ok: true, value: ourProgress },
    portfolio: portfolioPart(),
    entry: entryPart(),
  };
}
