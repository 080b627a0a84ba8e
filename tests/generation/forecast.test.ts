/**
 * The forecast on the real stand-in: the read model computes it from the same one search (status category,
 * due date, statuscategorychangedate), the progress view carries it, and the epic's roll-up makes health,
 * slip and forecast go-live searchable.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAYBOOK_PROPERTY_KEY, buildPlan, forecastPlan, plansJql } from '../../src/core';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { getPlanProgress, readPlanSnapshot, refreshActivePlans } from '../../src/usecases/plan-read';
import { memoryCursor } from '../../src/storage';
import { applyForecast, previewForecastChanges, rebaselinePlan } from '../../src/usecases/plan-forecast';
import { PLAN_RECORD_PROPERTY_KEY } from '../../src/core';
import { parsePayload } from '../../src/contract';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn, transitionAs } from './stand-in';
import { clockAt, TEST_TODAY } from '../fixtures/clock';

let standIn: GenerationStandIn;
let ledgerDir: string;
const kickoff = demoKickoff({ biller: 'Forecast biller' });
const plan = buildPlan(kickoff);
let epicKey: string;
let keyOf: (step: number) => string;

const transition = (key: string, transitionId: string) => transitionAs(standIn, 'sa', key, transitionId);

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-forecast-'));
  const done = await driveToCompletion(
    () => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }) }, { kickoff }),
    { maxCalls: 5 },
  );
  epicKey = done.epicKey;
  const stored = planInStore(standIn.site, plan.planId);
  keyOf = (n) => stored.steps.get(n)![0].key;
  await transition(keyOf(1), '31');
  await transition(keyOf(2), '21');
});
afterAll(async () => {
  await standIn.close();
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

const step = (n: number) => plan.baseline.steps.find((s) => s.step === n)!;

describe('the forecast in the read model', () => {
  it('comes from the same one search, measured against the baseline stored at generation', async () => {
    const jira = adapterAs(standIn, 'pm');
    const today = step(1).start;
    const snapshot = await readPlanSnapshot({ jira, ...clockAt(today) }, { planId: plan.planId });
    expect(jira.metrics()).toMatchObject({ requests: 1, roundTrips: 1 });
    expect(snapshot.record.baseline).toEqual(plan.baseline);
    // The stand-in's clock is pinned to TEST_TODAY: that is when the steps were moved.
    const doneOn = TEST_TODAY;
    const rows = new Map(snapshot.steps.map((s) => [s.step, s]));
    expect(rows.get(1)).toMatchObject({ statusCategory: 'done', statusCategorySince: doneOn });
    expect(rows.get(2)).toMatchObject({ statusCategory: 'indeterminate', statusCategorySince: doneOn });
    expect(rows.get(3)).toMatchObject({ statusCategory: 'new', dueDate: step(3).end });
    const forecast = snapshot.forecast!;
    expect(forecast.baselineGoLive).toBe(plan.baseline.goLive);
    // Step 1 ends on its done date; nothing is overdue on the first day of the plan.
    expect(forecast.steps.find((s) => s.step === 1)).toMatchObject({ forecastEnd: doneOn, health: 'done' });
    expect(forecast.health).not.toBe('late');
  });

  it('turns late once a step passes its due date, in the view and in the searchable roll-up', async () => {
    const today = '2026-12-29'; // after step 3's and step 7's due dates, before go-live
    expect(step(3).end < today).toBe(true);
    const progress = await getPlanProgress({ jira: adapterAs(standIn, 'pm'), ...clockAt(today) }, { planId: plan.planId });
    const view = progress.view.forecast!;
    expect(view).toMatchObject({ today, baselineGoLive: plan.baseline.goLive, health: 'late', lastRebaseline: null, lastApplied: null });
    expect(view.steps.find((s) => s.step === 3)).toMatchObject({ due: step(3).end, baselineEnd: step(3).end, health: 'overdue' });
    expect(view.steps.find((s) => s.step === 3)!.forecastEnd >= today).toBe(true);
    expect(view.goLive > view.baselineGoLive).toBe(true);
    expect(view.slipBusinessDays).toBeGreaterThan(0);
    expect(view.steps.find((s) => s.step === 15)!.dependsOn).toEqual(step(15).dependsOn);
    // The view agrees with the pure core on the store's own truth.
    const core = forecastPlan({
      baseline: plan.baseline,
      states: progress.snapshot.steps.map((s) => ({
        step: s.step,
        statusCategory: s.statusCategory,
        statusCategorySince: s.statusCategorySince,
        due: s.dueDate,
      })),
      today,
      holidays: ['2026-12-25', '2027-01-01'],
    });
    expect(view.goLive).toBe(core.goLive);

    expect(progress.rollupWritten).toBe(true);
    const stored = standIn.site.store.issue(planInStore(standIn.site, plan.planId).epics[0].id)!.properties[PLAYBOOK_PROPERTY_KEY];
    expect(stored).toMatchObject({
      health: 'late',
      slipBusinessDays: view.slipBusinessDays,
      forecastGoLive: view.goLive,
      overdue: progress.view.overall.overdue,
    });
    const found = await adapterAs(standIn, 'pm').searchIssues({ jql: plansJql('OUT', { health: 'late' }), fields: ['summary'] });
    expect(found.map((i) => i.key)).toEqual([epicKey]);
    expect(await adapterAs(standIn, 'pm').searchIssues({ jql: plansJql('OUT', { health: 'on-track' }), fields: ['summary'] })).toEqual([]);
  });
});

describe('the nightly refresh (as the app, in chunks, resumable)', () => {
  it('stops at its budget with a cursor, and the next run resumes after it until every active plan is refreshed', async () => {
    const second = buildPlan(demoKickoff({ biller: 'Nightly biller', page: undefined }));
    await driveToCompletion(
      () =>
        generatePlan(
          { jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }) },
          { kickoff: demoKickoff({ biller: 'Nightly biller', page: undefined }) },
        ),
      { maxCalls: 5 },
    );
    const epics = [plan.planId, second.planId].map((id) => planInStore(standIn.site, id).epics[0]).sort((a, b) => Number(a.id) - Number(b.id));
    const today = '2027-02-15';
    const cursor = memoryCursor();
    // The first chunk "takes" 700 s of a 600 s budget: the run does one chunk and stops.
    const times = [0, 0];
    const jira = adapterAs(standIn, 'app');
    const first = await refreshActivePlans({ jira, ...clockAt(today) }, { cursor, chunkSize: 1, budgetMs: 600_000, now: () => times.shift() ?? 700_000 });
    expect(first).toMatchObject({ plans: 1, written: 1, failed: [], complete: false, resumeAfter: Number(epics[0].id) });
    expect(cursor.value()).toBe(Number(epics[0].id));
    const rollupOf = (id: string) => standIn.site.store.issue(id)!.properties[PLAYBOOK_PROPERTY_KEY] as { health?: string; forecastGoLive?: string };
    expect(rollupOf(epics[0].id)).toMatchObject({ health: 'late' });
    expect(rollupOf(epics[1].id).health).not.toBe('late');

    const now = () => 0;
    const second_ = await refreshActivePlans({ jira, ...clockAt(today) }, { cursor, chunkSize: 1, budgetMs: 600_000, now });
    expect(second_).toMatchObject({ plans: 1, written: 1, complete: true, resumeAfter: null });
    expect(cursor.value()).toBeNull();
    expect(rollupOf(epics[1].id)).toMatchObject({ health: 'late' });
    // Nothing changed since: a third run reads both plans and writes nothing.
    const third = await refreshActivePlans({ jira, ...clockAt(today) }, { cursor, now });
    expect(third).toMatchObject({ plans: 2, written: 0, complete: true });
  });
});

describe('apply the forecast and re-baseline (a PM, as the user)', () => {
  const today = '2027-01-12';

  it('previews only the open steps whose due date differs, applies them in 2 round trips, idempotently, recorded on the plan', async () => {
    const deps = { jira: adapterAs(standIn, 'pm'), today: () => today, now: () => '2027-01-12T09:30:00.000Z' };
    const preview = await previewForecastChanges(deps, { epicKey });
    expect(preview).toMatchObject({ epicKey, today, health: 'late' });
    expect(preview.changes.length).toBeGreaterThan(0);
    // Step 1 is done: never touched. Every change is an open step moving to its forecast end.
    expect(preview.changes.map((c) => c.step)).not.toContain(1);
    const store = (key: string) => [...standIn.site.store.allIssues()].find((i) => i.key === key)!;
    for (const c of preview.changes) expect(store(c.issueKey).dueDate).toBe(c.from);
    const doneDue = store(keyOf(1)).dueDate;

    // A stale preview is refused, and nothing is written.
    await expect(applyForecast(deps, { epicKey }, { by: 'acc-pm', expected: preview.changes.slice(1) })).rejects.toMatchObject({ code: 'forecast-changed' });
    for (const c of preview.changes) expect(store(c.issueKey).dueDate).toBe(c.from);

    const jira = adapterAs(standIn, 'pm');
    const applied = await applyForecast({ ...deps, jira }, { epicKey }, { by: 'acc-pm', expected: preview.changes });
    // Round trip 1 also asks Jira for the PM's permissions (authorize before any write, issue 27).
    expect(jira.metrics()).toMatchObject({ roundTrips: 2, requests: preview.changes.length + 4 });
    expect(applied.applied).toEqual(preview.changes);
    for (const c of preview.changes) expect(store(c.issueKey).dueDate).toBe(c.to);
    expect(store(keyOf(1)).dueDate).toBe(doneDue);
    // Nothing is overdue any more; the plan is at risk by its slip.
    const after = applied.progress.forecast!;
    expect(after.steps.filter((s) => s.health === 'overdue')).toEqual([]);
    expect(after).toMatchObject({ health: 'at-risk', lastApplied: { by: 'acc-pm', at: '2027-01-12T09:30:00.000Z', today, changed: preview.changes.length } });
    expect(after.slipBusinessDays).toBeGreaterThan(0);
    const epicRecord = store(epicKey).properties[PLAN_RECORD_PROPERTY_KEY] as { forecastApplications: unknown[]; kickoff: unknown; baseline: unknown };
    expect(epicRecord.forecastApplications).toHaveLength(1);
    expect(epicRecord.kickoff).toBeDefined();
    expect(store(epicKey).properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ health: 'at-risk', slipBusinessDays: after.slipBusinessDays, overdue: 0 });
    // Jira now agrees with the read model.
    expect((await getPlanProgress(deps, { epicKey })).view.forecast).toMatchObject({ health: 'at-risk', slipBusinessDays: after.slipBusinessDays });

    // Again: Jira's due dates already are the forecast; one read, no write.
    const again = adapterAs(standIn, 'pm');
    expect((await applyForecast({ ...deps, jira: again }, { epicKey }, { by: 'acc-pm', expected: preview.changes })).applied).toEqual([]);
    // The search and the permission check (authorize before any write, issue 27), in one round trip.
    expect(again.metrics()).toMatchObject({ requests: 2, roundTrips: 1 });
    expect((await previewForecastChanges(deps, { epicKey })).changes).toEqual([]);
  });

  it('a viewer cannot apply: Jira refuses the edits', async () => {
    const deps = { jira: adapterAs(standIn, 'viewer'), ...clockAt('2027-02-15') };
    const preview = await previewForecastChanges(deps, { epicKey });
    expect(preview.changes.length).toBeGreaterThan(0);
    await expect(applyForecast(deps, { epicKey }, { by: 'acc-viewer', expected: preview.changes })).rejects.toMatchObject({
      name: expect.stringMatching(/Jira|UseCase/),
    });
    for (const c of preview.changes) expect([...standIn.site.store.allIssues()].find((i) => i.key === c.issueKey)!.dueDate).toBe(c.from);
  });

  it('re-baselines on the forecast with who, when and why: the plan is on track again; a second re-baseline records nothing', async () => {
    const deps = { jira: adapterAs(standIn, 'pm'), today: () => today, now: () => '2027-01-12T10:00:00.000Z' };
    const before = (await getPlanProgress(deps, { epicKey })).view.forecast!;
    const jira = adapterAs(standIn, 'pm');
    const result = await rebaselinePlan({ ...deps, jira }, { epicKey }, { by: 'acc-pm', reason: 'Biller IT freeze over the holidays' });
    expect(jira.metrics().roundTrips).toBe(2);
    expect(result.rebaselined).toBe(true);
    expect(result.progress.forecast).toMatchObject({
      health: 'on-track',
      slipBusinessDays: 0,
      baselineGoLive: before.goLive,
      goLive: before.goLive,
      lastRebaseline: { by: 'acc-pm', at: '2027-01-12T10:00:00.000Z', reason: 'Biller IT freeze over the holidays', previousGoLive: before.baselineGoLive },
    });
    const epic = [...standIn.site.store.allIssues()].find((i) => i.key === epicKey)!;
    expect(epic.properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ health: 'on-track', slipBusinessDays: 0 });
    expect((epic.properties[PLAN_RECORD_PROPERTY_KEY] as { baseline: { rebaselines: unknown[] } }).baseline.rebaselines).toHaveLength(1);
    const again = await rebaselinePlan(deps, { epicKey }, { by: 'acc-pm', reason: 'again' });
    expect(again.rebaselined).toBe(false);
    expect((epic.properties[PLAN_RECORD_PROPERTY_KEY] as { baseline: { rebaselines: unknown[] } }).baseline.rebaselines).toHaveLength(1);
  });
});

describe("the resolvers' payloads", () => {
  it('require a reason to re-baseline and the previewed changes to apply, with a clear message', () => {
    expect(parsePayload('rebaselinePlan', { epicKey: 'OUT-1', reason: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'reason', message: 'Say why the plan is re-baselined.' }] },
    });
    expect(parsePayload('rebaselinePlan', { reason: 'x' })).toMatchObject({
      ok: false,
      error: { fields: [{ field: 'planId', message: 'Give a plan id or an epic key.' }] },
    });
    expect(parsePayload('applyForecast', { epicKey: 'OUT-1', changes: [{ step: 3, to: 'soon' }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(parsePayload('applyForecast', { epicKey: 'OUT-1', changes: [{ step: 3, to: '2027-01-12' }] })).toMatchObject({ ok: true });
  });
});
