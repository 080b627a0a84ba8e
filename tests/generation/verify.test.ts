/**
 * Issue 16, failures 7 and 8: generation verifies every part in Jira before answering `done`, whatever the
 * ledger says (lost pending field writes, a completed ledger for a plan whose issues are gone, a ledger from
 * another site). Also the stand-in's DELETE /rest/api/3/issue/{issueIdOrKey}, as Jira has it, and the local
 * KVS persisting like Forge's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { route } from '@forge/api';
import { PLAN_RECORD_PROPERTY_KEY, buildPlan } from '../../src/core';
import { KvsStore } from '../../src/local/kvs';
import { createFileLedger, type PlanLedger } from '../../src/storage';
import { driveToCompletion, generatePlan, type GenerateOptions } from '../../src/usecases/generate';
import { requiredLinks } from '../../src/usecases/generate/reconcile';
import type { JiraRequestFn } from '../../src/jira';
import { Killed } from './kill-switch';
import { adapterAs, demoKickoff, planInStore, requestAs, startGenerationStandIn, type GenerationStandIn } from './stand-in';

let standIn: GenerationStandIn;
let dir: string;
beforeAll(async () => {
  standIn = await startGenerationStandIn({ burstPerSecond: null });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-verify-'));
});
afterAll(async () => {
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const OPTIONS: Partial<GenerateOptions> = { maxIndexLagMs: 20, requestTimeoutMs: 20, retryAfterMs: 5, leaseMs: 500 };
const ledgerAt = (name: string): PlanLedger => createFileLedger({ directory: path.join(dir, name) });

async function generate(site: GenerationStandIn, ledger: PlanLedger, kickoff: Record<string, unknown>) {
  return driveToCompletion(() => generatePlan({ jira: adapterAs(site, 'sa'), ledger, options: OPTIONS }, { kickoff }), {
    maxCalls: 50,
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 30))),
  });
}

/** Every part of a complete plan, read straight from the store. */
function expectComplete(site: GenerationStandIn, kickoff: Record<string, unknown>): void {
  const plan = buildPlan(kickoff);
  const stored = planInStore(site.site, plan.planId);
  expect(stored.epics).toHaveLength(1);
  for (const step of plan.steps) {
    const issues = stored.steps.get(step.number) ?? [];
    expect([step.number, issues.length]).toEqual([step.number, 1]);
    expect([step.number, Object.values(issues[0].customFields).sort()]).toEqual([step.number, [step.phase, step.raciText].sort()]);
  }
  expect(stored.links).toEqual([...requiredLinks({ steps: plan.steps })].sort());
  expect(stored.remoteLinks.map((r) => r.url)).toEqual([(kickoff.page as { url: string }).url]);
  const record = site.site.store.issue(stored.epics[0].id)!.properties[PLAN_RECORD_PROPERTY_KEY] as {
    generation: { state: string; steps: Record<string, string> };
  };
  expect(record.generation.state).toBe('done');
  expect(Object.keys(record.generation.steps)).toHaveLength(25);
}

async function del(site: GenerationStandIn, user: 'sa' | 'viewer', key: string, query = ''): Promise<{ status: number; body: unknown }> {
  const target = query ? route`/rest/api/3/issue/${key}?${new URLSearchParams(query)}` : route`/rest/api/3/issue/${key}`;
  const response = await requestAs(site, user)(target, { method: 'DELETE' });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('failure 7: a crash between the bulk create and the field writes leaves Phase/RACI empty forever', () => {
  it.each([
    ['the ledger lost its pending field writes (KVS not persisted)', 'lost'],
    ['the ledger claims the plan complete', 'lying'],
  ] as const)('re-run after the crash with %s: every field value is set, verified in Jira', async (_name, ledgerState) => {
    const kickoff = demoKickoff({
      biller: `Crash ${ledgerState}`,
      page: { id: `crash-${ledgerState}`, url: `https://example.atlassian.net/wiki/pages/crash-${ledgerState}` },
    });
    const plan = buildPlan(kickoff);
    const ledger = ledgerAt(`crash-${ledgerState}`);
    // The process dies as it sends the field values: they never reach Jira, and nothing runs after.
    const dieAtFieldWrite =
      (fn: JiraRequestFn): JiraRequestFn =>
      async (route, init) => {
        if (route.value.startsWith('/rest/api/3/app/field/value')) throw new Killed();
        return fn(route, init);
      };
    const crashedRun = await generatePlan({ jira: adapterAs(standIn, 'sa', { maxAttempts: 1 }, dieAtFieldWrite), ledger, options: OPTIONS }, { kickoff });
    expect(crashedRun.state).toBe('running');
    const crashed = planInStore(standIn.site, plan.planId);
    expect([...crashed.steps.values()].every((issues) => Object.keys(issues[0].customFields).length === 0)).toBe(true);

    const record = await ledger.read(plan.planId);
    const after = ledgerState === 'lost' ? ledgerAt(`crash-${ledgerState}-fresh`) : ledger;
    if (ledgerState === 'lying')
      await ledger.record(plan.planId, {
        fieldsPending: [],
        completedAt: Date.now(),
        recordFingerprint: record?.recordFingerprint ?? null,
        remoteLinkGlobalId: record?.remoteLinkGlobalId ?? null,
      });
    const result = await generate(standIn, after, kickoff);
    expect(result.state).toBe('done');
    expectComplete(standIn, kickoff);
  });

  it('the local KVS keeps what was written across a restart (a file under the data directory)', () => {
    const file = path.join(dir, 'kvs', 'forge-kvs.json');
    const first = new KvsStore(Date.now, file);
    expect(first.handle('/api/v1/set', { key: 'playbook:plan:p', value: { fieldsPending: ['10001'] } })).toEqual({ status: 204 });
    const reopened = new KvsStore(Date.now, file);
    expect(reopened.handle('/api/v1/get', { key: 'playbook:plan:p' })).toMatchObject({ status: 200, body: { value: { fieldsPending: ['10001'] } } });
    expect(reopened.handle('/api/v1/delete', { key: 'playbook:plan:p' })).toEqual({ status: 204 });
    expect(new KvsStore(Date.now, file).handle('/api/v1/get', { key: 'playbook:plan:p' })).toMatchObject({ status: 404 });
  });
});

describe('failure 8: a completed ledger is believed without looking at Jira', () => {
  it('after the plan’s issues were deleted, generating again recreates the whole plan and says so', async () => {
    const kickoff = demoKickoff({ biller: 'Deleted plan', page: { id: 'deleted', url: 'https://example.atlassian.net/wiki/pages/deleted' } });
    const plan = buildPlan(kickoff);
    const ledger = ledgerAt('deleted');
    const first = await generate(standIn, ledger, kickoff);
    expect(first.created).toHaveLength(26);
    expect((await ledger.read(plan.planId))?.completedAt).toEqual(expect.any(Number));

    const stored = planInStore(standIn.site, plan.planId);
    for (const ref of [...[...stored.steps.values()].flat(), ...stored.epics]) expect((await del(standIn, 'sa', ref.key)).status).toBe(204);
    expect(planInStore(standIn.site, plan.planId).issueCount).toBeGreaterThan(0);
    expect(planInStore(standIn.site, plan.planId).epics).toEqual([]);

    const again = await generate(standIn, ledger, kickoff);
    expect(again.existing).toEqual([]);
    expect(again.created).toHaveLength(26);
    // Detected and said, then recovered from.
    expect(again.warnings).toEqual(
      expect.arrayContaining([
        `The plan ledger remembered epic ${stored.epics[0].key}, but this site does not have it (deleted, or the ledger belongs to another site): the plan is created again here.`,
        expect.stringMatching(/^The plan ledger remembered 25 step issue\(s\) \(.*, …\) that this site does not have: they are created again\.$/),
      ]),
    );
    expectComplete(standIn, kickoff);
    // The next run has nothing to say about lost issues.
    expect((await generate(standIn, ledger, kickoff)).warnings.join(' ')).not.toMatch(/ledger remembered/);
  });

  it('with the ledger of another site, generating on a fresh site creates the plan there', async () => {
    const kickoff = demoKickoff({ biller: 'Other site', page: { id: 'other', url: 'https://example.atlassian.net/wiki/pages/other' } });
    const ledger = ledgerAt('other-site');
    await generate(standIn, ledger, kickoff);
    const fresh = await startGenerationStandIn({ burstPerSecond: null });
    try {
      const result = await generate(fresh, ledger, kickoff);
      expect(result.created).toHaveLength(26);
      expectComplete(fresh, kickoff);
    } finally {
      await fresh.close();
    }
  });

  it('a complete plan with a trustworthy ledger stays cheap: one round trip, no writes', async () => {
    const kickoff = demoKickoff({ biller: 'Cheap rerun', page: { id: 'cheap', url: 'https://example.atlassian.net/wiki/pages/cheap' } });
    const ledger = ledgerAt('cheap');
    await generate(standIn, ledger, kickoff);
    standIn.transport.log.reset();
    const again = await generate(standIn, ledger, kickoff);
    expect(again).toMatchObject({ created: [], roundTrips: 1 });
    expect(standIn.transport.log.entries().filter((e) => e.method !== 'GET' && !e.path.endsWith('/search/jql'))).toEqual([]);
  });
});

describe('watchers: verified in Jira, added once', () => {
  const watchersOf = (site: GenerationStandIn, kickoff: Record<string, unknown>) => {
    const plan = buildPlan(kickoff);
    const stored = planInStore(site.site, plan.planId);
    return plan.steps.map((step) => {
      const id = stored.steps.get(step.number)![0].id;
      const expected = [...new Set([...step.people.consulted, ...step.people.informed].flatMap((p) => (p.accountId ? [p.accountId] : [])))];
      return { step: step.number, id, expected, watching: site.site.store.watchers(id) };
    });
  };

  it('a re-run adds nothing twice; watchers Jira lost are found by its watch count and added again, even when the ledger says done', async () => {
    const kickoff = demoKickoff({ biller: 'Watchers', page: { id: 'watchers', url: 'https://example.atlassian.net/wiki/pages/watchers' } });
    const ledger = ledgerAt('watchers');
    await generate(standIn, ledger, kickoff);
    const steps = watchersOf(standIn, kickoff);
    for (const s of steps) expect(s.watching).toEqual(expect.arrayContaining(s.expected));

    // Run again: nothing to add (and nothing is sent).
    standIn.transport.log.reset();
    await generate(standIn, ledger, kickoff);
    expect(standIn.transport.log.entries().filter((e) => e.operationId === 'addWatcher')).toEqual([]);

    // Jira loses every Consulted/Informed watcher of one step (removed in Jira); the ledger still says added.
    const victim = steps.find((s) => s.expected.length >= 2)!;
    for (const id of victim.expected) standIn.site.store.setWatching(victim.id, id, false);
    standIn.transport.log.reset();
    const again = await generate(standIn, ledger, kickoff);
    expect(again.state).toBe('done');
    const adds = standIn.transport.log.entries().filter((e) => e.operationId === 'addWatcher');
    expect(adds.map((e) => e.path).every((p) => p.includes(`/issue/${standIn.site.store.issue(victim.id)!.key}/watchers`))).toBe(true);
    expect(adds).toHaveLength(victim.expected.length);
    expect(standIn.site.store.watchers(victim.id)).toEqual(expect.arrayContaining(victim.expected));
    // Jira keeps one entry per person however often it is asked.
    for (const s of watchersOf(standIn, kickoff)) expect(new Set(s.watching).size).toBe(s.watching.length);
  });

  it('with a lost ledger, a re-run sends the watchers again and Jira still lists each person once', async () => {
    const kickoff = demoKickoff({
      biller: 'Watchers lost ledger',
      page: { id: 'watchers-lost', url: 'https://example.atlassian.net/wiki/pages/watchers-lost' },
    });
    await generate(standIn, ledgerAt('watchers-lost'), kickoff);
    const before = watchersOf(standIn, kickoff);
    const again = await generate(standIn, ledgerAt('watchers-lost-fresh'), kickoff);
    expect(again).toMatchObject({ state: 'done', created: [] });
    expect(watchersOf(standIn, kickoff)).toEqual(before);
  });
});

describe('stand-in: DELETE /rest/api/3/issue/{issueIdOrKey} as Jira has it', () => {
  it('404 unknown, 403 without DELETE_ISSUES, 400 with subtasks unless deleteSubtasks=true, then 204 and gone', async () => {
    const [parent] = standIn.site.store.insertIssuesDirect([{ projectKey: 'OUT', issueType: 'Task', summary: 'Parent' }]);
    const [subtask] = standIn.site.store.insertIssuesDirect([{ projectKey: 'OUT', issueType: 'Subtask', summary: 'Child', parentKey: parent.key }]);
    expect(await del(standIn, 'sa', 'OUT-99999')).toMatchObject({ status: 404 });
    expect(await del(standIn, 'viewer', parent.key)).toMatchObject({ status: 403 });
    expect(await del(standIn, 'sa', parent.key)).toMatchObject({ status: 400, body: { errorMessages: [expect.stringMatching(/subtasks/)] } });
    expect(standIn.site.store.issue(parent.id)).toBeDefined();
    expect(await del(standIn, 'sa', parent.key, 'deleteSubtasks=true')).toEqual({ status: 204, body: undefined });
    expect(standIn.site.store.issue(parent.id)).toBeUndefined();
    expect(standIn.site.store.issue(subtask.id)).toBeUndefined();
    expect(standIn.transport.violations()).toEqual([]);
  });
});
