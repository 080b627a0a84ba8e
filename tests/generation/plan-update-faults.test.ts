/**
 * The plan update (v1.5 → v1.6) under the fault suite's faults: seeded 429s, 5xx, commits whose answer is
 * dropped, search index lag and a small per-call budget, so calls stop early and resume. Every run must end
 * with exactly v1.6's steps, one issue each, the removed step retired, the updates applied, and a re-run that
 * writes nothing. Replay seeds with UPDATE_FAULT_SEEDS=3,5.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { installForgeKvs, type ForgeKvsInstallation } from '../../src/local/kvs';
import { createFileLedger, type PlanLedger } from '../../src/storage';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { applyPlanUpdate, type PlanUpdateResult } from '../../src/usecases/reconcile';
import { v16 } from '../core/template-fixtures';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, transitionAs, type GenerationStandIn } from './stand-in';
import { clockAt } from '../fixtures/clock';

const SEEDS = process.env.UPDATE_FAULT_SEEDS ? process.env.UPDATE_FAULT_SEEDS.split(',').map(Number) : [1, 2, 3, 4, 5, 6, 7, 8];

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let standIn: GenerationStandIn;
let ledgerDir: string;
let kvsInstallation: ForgeKvsInstallation;

beforeAll(async () => {
  standIn = await startGenerationStandIn({ burstPerSecond: null });
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-faults-'));
  kvsInstallation = installForgeKvs();
  expect((await createKvsTemplateStore().publish({ draft: v16(), basedOn: '1.5' })).ok).toBe(true);
});
afterAll(async () => {
  kvsInstallation.uninstall();
  await standIn.close();
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

const TODAY = () => '2026-11-30';

async function runSeed(seed: number): Promise<string[]> {
  standIn.transport.setFaults({ rate429: 0, rate5xx: 0, rateCommitThenDrop: 0, indexLagMs: 0 });
  const ledger: PlanLedger = createFileLedger({ directory: ledgerDir });
  const kickoff = demoKickoff({ biller: `Update fault ${seed}`, page: { id: `uf-${seed}`, url: `https://example.atlassian.net/wiki/pages/uf-${seed}` } });
  const generated = await driveToCompletion(() => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger }, { kickoff, today: TODAY() }), { maxCalls: 50 });
  const { planId } = generated;
  const keyOf = (n: number) => planInStore(standIn.site, planId).steps.get(n)![0].key;
  await transitionAs(standIn, 'pm', keyOf(1), '21');
  const raciStep = keyOf(6);
  const removedStep = keyOf(2);

  const r = seeded(seed);
  const lag = [0, 40, 100][Math.floor(r() * 3)];
  standIn.transport.setFaults({
    seed,
    rate429: r() < 0.3 ? 0.35 : r() * 0.1,
    rate5xx: r() * 0.12,
    rateCommitThenDrop: r() * 0.12,
    dropStyle: r() < 0.5 ? '504' : 'reset',
    indexLagMs: lag,
    retryAfterSeconds: 0.002,
    latencyMs: { fixed: 0, jitter: 1 },
  });
  const options = { budgetMs: 150, leaseMs: 250, requestTimeoutMs: 50, maxIndexLagMs: lag + 20, retryAfterMs: 10, linkWavePauseMs: 5 };
  const random = seeded(seed * 7919);
  const deps = () => ({
    jira: adapterAs(standIn, 'pm', { random, maxAttempts: 4 }),
    ledger,
    templates: createKvsTemplateStore(),
    options,
    ...clockAt(TODAY()),
  });
  let result: PlanUpdateResult | null = null;
  for (let call = 0; call < 400 && result?.state !== 'done'; call += 1) {
    try {
      result = await applyPlanUpdate(deps(), { planId }, { version: '1.6', by: 'pm' });
    } catch (error) {
      if (!(error as { transient?: boolean }).transient) return [`call ${call} failed: ${(error as Error).stack ?? String(error)}`];
    }
    if (result?.state === 'running') await new Promise((done) => setTimeout(done, Math.min(result!.state === 'running' ? result!.retryAfterMs : 0, 30)));
  }
  standIn.transport.setFaults({ rate429: 0, rate5xx: 0, rateCommitThenDrop: 0, indexLagMs: 0 });
  if (result?.state !== 'done') return ['not done after 400 calls'];

  const problems: string[] = [];
  const stored = planInStore(standIn.site, planId);
  if (stored.epics.length !== 1) problems.push(`${stored.epics.length} epics`);
  for (let n = 1; n <= 25; n += 1) if ((stored.steps.get(n) ?? []).length !== 1) problems.push(`step ${n}: ${(stored.steps.get(n) ?? []).length} issues`);
  const prop = (key: string) => [...standIn.site.store.allIssues()].find((i) => i.key === key)!;
  if ((prop(removedStep).properties[PLAYBOOK_PROPERTY_KEY] as { kind?: string }).kind !== 'retired') problems.push('removed step not retired');
  if (!prop(raciStep).summary.startsWith('5. ')) problems.push(`RACI step not updated: ${prop(raciStep).summary}`);
  if (!stored.links.includes('24>25')) problems.push('new step not linked');
  const logStart = standIn.transport.log.entries().length;
  // The re-run runs on the same small budget, so it may take more than one call; none of them writes.
  let again = await applyPlanUpdate(deps(), { planId }, { version: '1.6', by: 'pm' });
  for (let call = 0; call < 20 && again.state === 'running'; call += 1) again = await applyPlanUpdate(deps(), { planId }, { version: '1.6', by: 'pm' });
  const writes = standIn.transport.log
    .entries()
    .slice(logStart)
    .filter((e) => e.method !== 'GET' && e.operationId !== 'searchAndReconsileIssuesUsingJqlPost' && e.status < 300);
  if (again.state !== 'done' || again.created.length > 0 || writes.length > 0)
    problems.push(`re-run: ${JSON.stringify({ ...again, preview: again.preview.upToDate })} wrote ${writes.map((w) => w.operationId).join(', ')}`);
  return problems;
}

it(`ends every seeded fault run with exactly v1.6's plan, once (${SEEDS.length} runs)`, async () => {
  const failures: string[] = [];
  for (const seed of SEEDS) {
    const problems = await runSeed(seed);
    if (problems.length > 0) failures.push(`seed ${seed}:\n  ${problems.join('\n  ')}`);
  }
  expect(failures).toEqual([]);
}, 600_000);
