/**
 * One reconcile path for a running plan: a published v1.6 (a step removed, a RACI cell changed, SIT longer,
 * a step added) and a kickoff edit (Claims added), previewed and applied on the real stand-in through
 * generation's saga; exactly the right issues created, updated and left alone, once; a re-run writes nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAN_RECORD_PROPERTY_KEY, PLAYBOOK_PROPERTY_KEY, storedFingerprint, stepFingerprint } from '../../src/core';
import { installForgeKvs, type ForgeKvsInstallation } from '../../src/local/kvs';
import { createFileLedger } from '../../src/storage';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { applyPlanUpdate, previewPlanUpdate, type PlanUpdateDeps, type PlanUpdateRequest, type PlanUpdateResult } from '../../src/usecases/reconcile';
import { v16 } from '../core/template-fixtures';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, transitionAs, type GenerationStandIn } from './stand-in';
import { clockAt } from '../fixtures/clock';

let standIn: GenerationStandIn;
let ledgerDir: string;
let kvsInstallation: ForgeKvsInstallation;

const FAST = { retryAfterMs: 25, leaseMs: 2_000, budgetMs: 1_500, requestTimeoutMs: 200, maxIndexLagMs: 50 };

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  kvsInstallation = installForgeKvs();
  // The PMO publishes v1.6 through the store, as the admin page does.
  const published = await createKvsTemplateStore().publish({ draft: v16(), basedOn: '1.5' });
  expect(published.ok).toBe(true);
});
afterAll(async () => {
  kvsInstallation.uninstall();
  await standIn.close();
});
beforeEach(() => {
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-update-'));
});
afterEach(() => fs.rmSync(ledgerDir, { recursive: true, force: true }));

let serial = 0;
function kickoff(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return demoKickoff({
    biller: `Update Biller ${serial}`,
    page: { id: `upd-${serial}`, url: `https://example.atlassian.net/wiki/pages/upd-${serial}` },
    ...overrides,
  });
}

function deps(): PlanUpdateDeps {
  return {
    jira: adapterAs(standIn, 'pm'),
    ledger: createFileLedger({ directory: ledgerDir }),
    templates: createKvsTemplateStore(),
    options: FAST,
    ...clockAt('2026-11-30'),
  };
}

async function generate(k: Record<string, unknown>) {
  const d = { jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }), options: FAST };
  return driveToCompletion(() => generatePlan(d, { kickoff: k, today: '2026-11-30' }), { maxCalls: 50 });
}

async function apply(planId: string, request: PlanUpdateRequest, make: () => PlanUpdateDeps = deps): Promise<Extract<PlanUpdateResult, { state: 'done' }>> {
  for (let call = 0; call < 200; call += 1) {
    let result: PlanUpdateResult;
    try {
      result = await applyPlanUpdate(make(), { planId }, { ...request, by: 'pm-account' });
    } catch (error) {
      // A read that failed after every retry (fault runs): the next call starts over from Jira.
      if ((error as { transient?: boolean }).transient) continue;
      throw error;
    }
    if (result.state === 'done') return result;
    await new Promise((r) => setTimeout(r, Math.min(result.retryAfterMs, 60)));
  }
  throw new Error('plan update did not finish');
}

const keyOf = (planId: string, step: number) => planInStore(standIn.site, planId).steps.get(step)![0].key;
const issue = (key: string) => [...standIn.site.store.allIssues()].find((i) => i.key === key)!;
const property = (key: string) => issue(key).properties[PLAYBOOK_PROPERTY_KEY] as Record<string, unknown>;
const writesSince = (from: number) =>
  standIn.transport.log
    .entries()
    .slice(from)
    .filter((e) => e.method !== 'GET' && e.operationId !== 'searchAndReconsileIssuesUsingJqlPost' && e.status < 300);

describe('updating a running plan to v1.6', () => {
  it('creates the new step, updates open untouched steps, leaves done, in-progress, edited and removed ones; once', async () => {
    const generated = await generate(kickoff());
    const { planId } = generated;
    const [done, started, removed, edited, raciChanged, sit] = [1, 3, 2, 4, 6, 19].map((n) => keyOf(planId, n));
    await transitionAs(standIn, 'pm', done, '21');
    await transitionAs(standIn, 'pm', done, '31');
    await transitionAs(standIn, 'pm', started, '21');
    await adapterAs(standIn, 'im').editIssueFields(edited, { summary: '4. Technology consulting (IM rewrote this)' });
    const editedBefore = structuredClone(issue(edited));

    const preview = await previewPlanUpdate(deps(), { planId }, { version: '1.6' });
    expect([preview.from, preview.to, preview.kickoffChanged, preview.upToDate]).toEqual(['1.5', '1.6', false, false]);
    expect(preview.create.map((c) => [c.id, c.number])).toEqual([['close-integration', 25]]);
    const reasons = Object.fromEntries(preview.leave.map((l) => [l.issueKey, l.reason]));
    expect(reasons).toMatchObject({ [done]: 'done', [started]: 'in-progress', [edited]: 'edited', [removed]: 'removed-from-template' });
    expect(preview.leave.find((l) => l.issueKey === removed)?.flagged).toBe(true);
    const raciUpdate = preview.update.find((u) => u.issueKey === raciChanged)!;
    expect(raciUpdate.number).toBe(5);
    expect(raciUpdate.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['number', 'raci.consulted', 'raci.informed']));
    expect(preview.update.find((u) => u.issueKey === sit)?.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['durationDays']));
    const leftKeys = new Set(preview.leave.map((l) => l.issueKey));
    expect(preview.update.some((u) => leftKeys.has(u.issueKey))).toBe(false);

    const logStart = standIn.transport.log.entries().length;
    const result = await apply(planId, { version: '1.6' });
    expect(result.created).toHaveLength(1);
    expect(result.updated.sort()).toEqual(preview.update.map((u) => u.issueKey).sort());
    expect(result.flagged).toEqual([removed]);

    // Each update is one edit (fields and fingerprint together); nothing else was edited.
    const edits = writesSince(logStart).filter((e) => e.operationId === 'editIssue');
    expect(edits.map((e) => e.path.split('/').pop()).sort()).toEqual(preview.update.map((u) => u.issueKey).sort());

    // Jira now: v1.6's 25 steps, one issue each; the removed step retired (not deleted), the others renumbered.
    const stored = planInStore(standIn.site, planId);
    expect([...stored.steps.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect([...stored.steps.values()].every((issues) => issues.length === 1)).toBe(true);
    expect(stored.steps.get(25)![0].key).toBe(result.created[0]);
    expect(property(removed)).toMatchObject({ kind: 'retired', retiredIn: '1.6' });
    expect(issue(removed).summary).toMatch(/^2\. /);
    expect(issue(raciChanged).summary).toMatch(/^5\. /);
    expect(property(raciChanged)).toMatchObject({ step: 5, templateVersion: '1.6', raci: { informed: ['IM', 'TC'] } });
    // Left alone: text untouched, only the bookkeeping number moves.
    expect(issue(edited).summary).toBe(editedBefore.summary);
    expect(issue(edited).description).toEqual(editedBefore.description);
    expect(property(edited)).toMatchObject({ step: 3, templateVersion: '1.6' });
    expect(issue(done).summary).toMatch(/^1\. /);
    // An updated issue's fingerprint is what it says now.
    const updated = issue(raciChanged);
    const written = storedFingerprint(property(raciChanged))!;
    const now = stepFingerprint({
      summary: updated.summary,
      description: updated.description,
      assignee: updated.assigneeAccountId,
      due: updated.dueDate,
      raci: '',
    });
    expect({ ...now, raci: written.raci }).toEqual(written);
    // Its RACI field (the app's, set as the app) shows v1.6's cell.
    expect(Object.values(updated.customFields)).toContain('R: SA · A: SA · C: B, CS, PM · I: IM, TC');
    // The plan records its version, its history, and a baseline with the new step; `playbookVersion` finds it.
    const epic = issue(generated.epicKey);
    expect(epic.properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ templateVersion: '1.6' });
    const record = epic.properties[PLAN_RECORD_PROPERTY_KEY] as {
      templateVersion: string;
      versionHistory: { version: string }[];
      baseline: { steps: unknown[]; rebaselines: { reason: string }[] };
    };
    expect(record.templateVersion).toBe('1.6');
    expect(record.versionHistory.map((h) => h.version)).toEqual(['1.5', '1.6']);
    expect(record.baseline.steps).toHaveLength(25);
    expect(record.baseline.rebaselines.at(-1)?.reason).toMatch(/v1\.5 to v1\.6/);
    const found = await adapterAs(standIn, 'pm').searchIssues({
      jql: `playbookVersion = "1.6" AND playbookPlanId = "${planId}" AND playbookKind = "plan"`,
      fields: ['summary'],
    });
    expect(found.map((i) => i.key)).toEqual([generated.epicKey]);
    // The new step is linked after the last one.
    expect(stored.links).toContain('24>25');

    // Again: nothing to do, nothing written.
    const again = await previewPlanUpdate(deps(), { planId }, { version: '1.6' });
    expect(again.upToDate).toBe(true);
    expect([again.create, again.update, again.renumbered]).toEqual([[], [], []]);
    const rerunStart = standIn.transport.log.entries().length;
    const rerun = await apply(planId, { version: '1.6' });
    expect([rerun.created, rerun.updated]).toEqual([[], []]);
    expect(writesSince(rerunStart)).toEqual([]);
  });
});

describe('a kickoff edit takes the same path', () => {
  it('adding Claims creates Claim Processing alone; a re-run changes nothing', async () => {
    const base = kickoff({ capabilities: ['checks', 'premium-refunds'] });
    const generated = await generate(base);
    const { planId } = generated;
    const before = planInStore(standIn.site, planId);
    const edited = { ...base, capabilities: ['claims', 'checks', 'premium-refunds'] };

    const preview = await previewPlanUpdate(deps(), { planId }, { kickoff: edited });
    expect(preview.kickoffChanged).toBe(true);
    expect(preview.create.map((c) => `${c.number}. ${c.title}`)).toEqual(['8. Claim Processing']);
    expect(preview.update).toEqual([]);
    expect(preview.applicableSteps).toBe(before.steps.size + 1);

    const result = await apply(planId, { kickoff: edited });
    expect(result.created).toHaveLength(1);
    const after = planInStore(standIn.site, planId);
    expect(after.steps.size).toBe(before.steps.size + 1);
    expect(after.steps.get(8)![0].key).toBe(result.created[0]);
    const record = issue(generated.epicKey).properties[PLAN_RECORD_PROPERTY_KEY] as { kickoff: { capabilities: string[] } };
    expect(record.kickoff.capabilities).toContain('claims');

    const rerunStart = standIn.transport.log.entries().length;
    const rerun = await apply(planId, { kickoff: edited });
    expect(rerun.created).toEqual([]);
    expect(writesSince(rerunStart)).toEqual([]);
    expect((await previewPlanUpdate(deps(), { planId }, { kickoff: edited })).upToDate).toBe(true);
  });

  it('a page or project in the payload is ignored; an unknown version is a clear error', async () => {
    const base = kickoff();
    const { planId } = await generate(base);
    await expect(previewPlanUpdate(deps(), { planId }, { version: '9.9' })).rejects.toMatchObject({ code: 'template-version-not-found' });
    const moved = { ...base, projectKey: 'SAND', page: { id: 'elsewhere', url: 'https://evil.example/x' } };
    const preview = await previewPlanUpdate(deps(), { planId }, { kickoff: moved });
    expect(preview.upToDate).toBe(true);
  });
});
