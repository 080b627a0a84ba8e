/**
 * The Forge path once through the seam: the real @forge/api (asUser / asApp requestJira) and @forge/kvs
 * (the plan ledger) reach the stand-in in-process, each call inside its own resolver-like invocation.
 */
import { buildPlan } from '../../src/core';
import { installForgeKvs, type ForgeKvsInstallation } from '../../src/local/kvs';
import { APP_ACCOUNT_ID, DEMO_SITE, startStandIn, type TestStandIn } from '../../src/local/jira/testing';
import { runAsInvocation } from '../../src/local/jira/transport';
import { forgeGenerateDeps, forgeUserDeps } from '../../src/forge/wiring';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { readPlanSnapshot } from '../../src/usecases/plan-read';
import { requiredLinks } from '../../src/usecases/generate/reconcile';
import { demoKickoff, planInStore } from './stand-in';
import { invocationClockAt } from '../fixtures/clock';

let standIn: TestStandIn;
let kvs: ForgeKvsInstallation;

beforeAll(async () => {
  standIn = await startStandIn({ forgeSeam: true });
  kvs = installForgeKvs();
});
afterAll(async () => {
  kvs.uninstall();
  await standIn.close();
});

const SA = DEMO_SITE.accounts.sa.accountId;

it('generates a complete plan as the invoking user, with the app identity only for the app-field values, ledger in KVS', async () => {
  const kickoff = demoKickoff({ biller: 'Forge biller' });
  const plan = buildPlan(kickoff);
  // Each call is a fresh resolver invocation, as the macro's polling would make.
  const done = await driveToCompletion(
    () =>
      runAsInvocation({ accountId: SA, moduleKey: 'playbook-macro', timeoutMs: 25_000 }, () =>
        generatePlan(forgeGenerateDeps(invocationClockAt()), { kickoff }),
      ),
    { maxCalls: 10 },
  );
  expect(done).toMatchObject({ state: 'done', total: 25, completed: 25, calls: 1 });
  expect(done.roundTrips).toBeLessThanOrEqual(4);

  const stored = planInStore(standIn.site, plan.planId);
  expect(stored.epics).toHaveLength(1);
  expect([...stored.steps.values()].map((issues) => issues.length)).toEqual(Array(25).fill(1));
  expect(stored.links).toEqual([...requiredLinks({ steps: plan.steps })].sort());
  for (const issues of stored.steps.values()) expect(Object.keys(issues[0].customFields)).toHaveLength(2);
  for (const id of [stored.epics[0].id, ...[...stored.steps.values()].map((i) => i[0].id)]) {
    expect(standIn.site.store.issue(id)!.creatorAccountId).toBe(SA);
  }

  const entries = standIn.transport.log.entries();
  expect(entries.filter((e) => e.actor === APP_ACCOUNT_ID).map((e) => e.operationId)).toEqual(['updateMultipleCustomFieldValues']);
  expect(entries.filter((e) => e.actor !== APP_ACCOUNT_ID).every((e) => e.actor === SA)).toBe(true);
  // The ledger lives in Forge KVS and holds the finished plan.
  expect(kvs.store.handle('/api/v1/get', { key: `playbook:plan:${plan.planId}` })).toMatchObject({
    status: 200,
    body: { value: { completedAt: expect.any(Number) } },
  });

  const again = await runAsInvocation({ accountId: SA }, () => generatePlan(forgeGenerateDeps(invocationClockAt()), { kickoff }));
  expect(again).toMatchObject({ state: 'done', created: [], epicKey: done.epicKey });

  const deps = forgeUserDeps(invocationClockAt());
  const progress = await runAsInvocation({ accountId: SA }, () => readPlanSnapshot(deps, { epicKey: done.epicKey }));
  expect(progress).toMatchObject({ planId: plan.planId, epic: { key: done.epicKey } });
  expect(deps.jira.metrics()).toMatchObject({ requests: 1, roundTrips: 1 });
  expect(progress.progress.overall).toMatchObject({ total: 25, done: 0 });
  expect(standIn.transport.violations()).toEqual([]);
});
