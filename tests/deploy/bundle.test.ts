/**
 * What `forge deploy` uploads is what runs here: `npm run bundle`'s builder (Atlassian's @forge/bundler node
 * bundler on the manifest's handlers) writes the bundle into a gitignored folder, then a FRESH Node process
 * (tests/deploy/bundle-host.ts) loads it through the runtime loader and runs the resolver and the trigger from
 * it against the stand-in, through the same @forge/api seam as the source-level resolver tests.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { GeneratePlanResult, PlanProgressView, Result } from '../../src/contract';
import type { ForgeBundle } from '../../src/local/forge-bundle/build';
import { DEMO_SITE } from '../../src/local/jira/site';
import { loadBundledApp } from '../../src/local/site/app-loader';
import { formKickoff } from '../resolvers/helpers/kickoff';
import { HOST_PAGE_EXTENSION, data } from '../resolvers/helpers/forge-site';
import type { HostRequest } from './bundle-host';

const run = promisify(execFile);
const REPO_ROOT = resolve(__dirname, '..', '..');
// `npm run bundle`'s own folder: `npm test` builds it once and this reuses it when nothing it is built from changed.
const BUNDLE_DIR = join(REPO_ROOT, '.forge-bundle');
const TSX = require.resolve('tsx');

let bundle: ForgeBundle;
let host: ChildProcess;
let hostPid = 0;
let nextId = 1;
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

function ask<T>(request: HostRequest): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    host.send({ id, request });
  });
}

beforeAll(async () => {
  // The same builder `npm run bundle` runs, in its own process (webpack wants a real main module).
  const { stdout } = await run(process.execPath, ['--import', TSX, join(REPO_ROOT, 'src/local/forge-bundle/main.ts'), '--json'], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  bundle = JSON.parse(stdout.trim().split('\n').pop()!) as ForgeBundle;

  host = fork(join(__dirname, 'bundle-host.ts'), [BUNDLE_DIR], { execArgv: ['--import', TSX], cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    host.once('error', reject);
    host.once('exit', (code) => reject(new Error(`bundle host exited early (${code})`)));
    host.on('message', (message: { ready?: boolean; pid?: number; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      if (message.ready) {
        hostPid = message.pid!;
        return resolve();
      }
      const waiter = pending.get(message.id!);
      pending.delete(message.id!);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
    });
  });
}, 600_000);

afterAll(() => {
  host?.removeAllListeners('exit');
  host?.disconnect();
});

describe('the Forge bundle', () => {
  it('is built from the manifest handlers beside the runtime loader, each handler in its own lazy chunk, and is small', () => {
    expect(bundle.handlers).toEqual(['index.resolver', 'index.onIssueChange', 'index.nightlyRollup', 'index.dailyReminders']);
    const [entry, ...chunks] = bundle.entries;
    expect(entry.file).toBe('index.cjs');
    expect(chunks.length).toBeGreaterThan(0);
    // The entry only knows where its handlers live; their code (and zod) is in the chunks.
    expect(entry.bytes).toBeLessThan(20 * 1024);
    for (const file of ['index.cjs', '__forge__.cjs', '__forge_wrapper__.cjs', 'runtime.json']) expect(existsSync(join(BUNDLE_DIR, file))).toBe(true);
    expect(bundle.bytes).toBe(bundle.entries.reduce((n, e) => n + e.bytes, 0));
    expect(bundle.bytes).toBeLessThanOrEqual(1024 * 1024);
    // The deployable dependencies only: nothing of the local site, the CLI or the test tooling.
    expect(bundle.modules).toEqual(expect.arrayContaining(['@forge/api', '@forge/resolver', '@forge/kvs', 'zod']));
    expect(bundle.modules.filter((m) => /better-sqlite3|yaml|ajv|jira\.js|react/.test(m))).toEqual([]);
    for (const { file } of bundle.entries) expect(readFileSync(join(BUNDLE_DIR, file), 'utf8')).not.toMatch(/src\/local\//);
  });

  it('is what `npm start -- --bundle` loads: the manifest handlers through the runtime loader', () => {
    const app = loadBundledApp(BUNDLE_DIR);
    expect(app.ok).toBe(true);
    if (!app.ok) return;
    expect(typeof app.handler('resolver')).toBe('function');
    expect(typeof app.handler('onIssueChange')).toBe('function');
    expect(app.handler('notAHandler')).toBeNull();
    expect(loadBundledApp(join(BUNDLE_DIR, 'nowhere'))).toEqual({ ok: false, message: expect.stringContaining('npm run bundle') });
  });

  it('runs in a fresh process that loaded none of the app sources', async () => {
    expect(hostPid).not.toBe(process.pid);
    const loaded = await ask<string[]>({ op: 'loadedSources' });
    // The check sees TypeScript sources: the stand-in (our Jira, src/local) was loaded from them.
    expect(loaded.some((file) => file.includes('/src/local/jira/'))).toBe(true);
    // It may share core constants; the app's code must come from the bundle.
    expect(loaded.filter((file) => /\/src\/(index\.ts|resolvers|usecases|jira|storage|contract)\b/.test(file))).toEqual([]);
  });
});

describe('the bundled app on the stand-in', () => {
  let plan: GeneratePlanResult;

  it('generates a plan through the bundled resolver, as the user, and the plan is in Jira', async () => {
    for (let call = 0; call < 5 && plan?.state !== 'done'; call += 1) {
      plan = data(
        await ask<Result<GeneratePlanResult>>({
          op: 'invoke',
          user: 'sa',
          name: 'generatePlan',
          payload: { kickoff: formKickoff() },
          extension: HOST_PAGE_EXTENSION,
        }),
      );
    }
    expect(plan).toMatchObject({ state: 'done', epicKey: expect.stringMatching(/^OUT-\d+$/) });
    const issues = await ask<{ key: string; isEpic: boolean; creator: string; customFields: number; links: number }[]>({
      op: 'planIssues',
      planId: plan.planId,
    });
    expect(issues.filter((i) => i.isEpic).map((i) => i.key)).toEqual([plan.epicKey]);
    expect(issues.filter((i) => !i.isEpic)).toHaveLength(plan.total);
    expect(new Set(issues.map((i) => i.creator))).toEqual(new Set([DEMO_SITE.accounts.sa.accountId]));
    expect(issues.filter((i) => !i.isEpic).every((i) => i.customFields === 2)).toBe(true);
    expect(issues.some((i) => i.links > 0)).toBe(true);
  });

  it('reads the plan progress through the bundled resolver', async () => {
    const progress = data(await ask<Result<PlanProgressView>>({ op: 'invoke', user: 'pm', name: 'getPlanProgress', payload: { planId: plan.planId } }));
    expect(progress).toMatchObject({ planId: plan.planId, epicKey: plan.epicKey });
    expect(progress.phases.map((p) => p.phase)).toEqual(['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release']);
    const refused = await ask<Result<unknown>>({ op: 'invoke', user: 'sa', name: 'getPlanProgress', payload: { planId: 42 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('fires the bundled trigger on issue events: a transition moves the epic roll-up, written as the app', async () => {
    await ask({ op: 'triggersSettled' });
    expect(await ask({ op: 'epicProperty', epicKey: plan.epicKey! })).toMatchObject({ status: 'Initiated' });
    const progress = data(await ask<Result<PlanProgressView>>({ op: 'invoke', user: 'sa', name: 'getPlanProgress', payload: { planId: plan.planId } }));
    const step1 = progress.raci.rows.find((r) => r.step === 1)!.issueKey!;
    const moved = await ask<{ status: number }>({
      op: 'asUser',
      user: 'sa',
      path: `/rest/api/3/issue/${step1}/transitions`,
      method: 'POST',
      body: { transition: { id: '21' } },
    });
    expect(moved.status).toBe(204);
    const outcomes = await ask<unknown[]>({ op: 'triggersSettled' });
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => (o as { action?: string }).action === 'failed')).toEqual([]);
    expect(await ask({ op: 'epicProperty', epicKey: plan.epicKey! })).toMatchObject({ status: 'In Progress', currentPhase: 'Discovery' });
    const traffic = await ask<{ entries: { operationId: string; actor: string }[]; violations: unknown[]; appAccountId: string }>({ op: 'traffic' });
    expect(traffic.entries.filter((e) => e.actor === traffic.appAccountId).map((e) => e.operationId)).toEqual(expect.arrayContaining(['setIssueProperty']));
    expect(traffic.violations).toEqual([]);
  });
});
