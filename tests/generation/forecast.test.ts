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
import { adapterAs, demoKickoff, planInStore, requestAs, startGenerationStandIn, type GenerationStandIn } from './stand-in';

let standIn: GenerationStandIn;
let ledgerDir: string;
const kickoff = demoKickoff({ biller: 'Forecast biller' });
const plan = buildPlan(kickoff);
let epicKey: string;
let keyOf: (step: number) => string;

async function transition(key: string, transitionId: string): Promise<void> {
  const response = await requestAs(standIn, 'sa')({ value: `/rest/api/3/issue/${key}/transitions` } as never, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ transition: { id: transitionId } }),
  });
  expect(response.status).toBe(204);
}

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-forecast-'));
  const done = await driveToCompletion(() => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }) }, { kickoff }), { maxCalls: 5 });
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
    const snapshot = await readPlanSnapshot({ jira, today: () => today }, { planId: plan.planId });
    expect(jira.metrics()).toMatchObject({ requests: 1, roundTrips: 1 });
    expect(snapshot.record.baseline).toEqual(plan.baseline);
    const doneOn = new Date().toISOString().slice(0, 10);
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
    const progress = await getPlanProgress({ jira: adapterAs(standIn, 'pm'), today: () => today }, { planId: plan.planId });
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
      states: progress.snapshot.steps.map((s) => ({ step: s.step, statusCategory: s.statusCategory, statusCategorySince: s.statusCategorySince, due: s.dueDate })),
      today,
      holidays: ['2026-12-25', '2027-01-01'],
    });
    expect(view.goLive).toBe(core.goLive);

    expect(progress.rollupWritten).toBe(true);
    const stored = standIn.site.store.issue(planInStore(standIn.site, plan.planId).epics[0].id)!.properties[PLAYBOOK_PROPERTY_KEY];
    expect(stored).toMatchObject({ health: 'late', slipBusinessDays: view.slipBusinessDays, forecastGoLive: view.goLive, overdue: progress.view.overall.overdue });
    const found = await adapterAs(standIn, 'pm').searchIssues({ jql: plansJql('OUT', { health: 'late' }), fields: ['summary'] });
    expect(found.map((i) => i.key)).toEqual([epicKey]);
    expect(await adapterAs(standIn, 'pm').searchIssues({ jql: plansJql('OUT', { health: 'on-track' }), fields: ['summary'] })).toEqual([]);
  });
});

describe('the nightly refresh (as the app, in chunks, resumable)', () => {
  it('stops at its budget with a cursor, and the next run resumes after it until every active plan is refreshed', async () => {
    const second = buildPlan(demoKickoff({ biller: 'Nightly biller', page: undefined }));
    await driveToCompletion(() => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }) }, { kickoff: demoKickoff({ biller: 'Nightly biller', page: undefined }) }), { maxCalls: 5 });
    const epics = [plan.planId, second.planId].map((id) => planInStore(standIn.site, id).epics[0]).sort((a, b) => Number(a.id) - Number(b.id));
    const today = '2027-02-15';
    const cursor = memoryCursor();
    // The first chunk "takes" 700 s of a 600 s budget: the run does one chunk and stops.
    const times = [0, 0];
    const jira = adapterAs(standIn, 'app');
    const first = await refreshActivePlans({ jira, today: () => today }, { cursor, chunkSize: 1, budgetMs: 600_000, now: () => times.shift() ?? 700_000 });
    expect(first).toMatchObject({ plans: 1, written: 1, failed: [], complete: false, resumeAfter: Number(epics[0].id) });
    expect(cursor.value()).toBe(Number(epics[0].id));
    const rollupOf = (id: string) => standIn.site.store.issue(id)!.properties[PLAYBOOK_PROPERTY_KEY] as { health?: string; forecastGoLive?: string };
    expect(rollupOf(epics[0].id)).toMatchObject({ health: 'late' });
    expect(rollupOf(epics[1].id).health).not.toBe('late');

    const now = () => 0;
    const second_ = await refreshActivePlans({ jira, today: () => today }, { cursor, chunkSize: 1, budgetMs: 600_000, now });
    expect(second_).toMatchObject({ plans: 1, written: 1, complete: true, resumeAfter: null });
    expect(cursor.value()).toBeNull();
    expect(rollupOf(epics[1].id)).toMatchObject({ health: 'late' });
    // Nothing changed since: a third run reads both plans and writes nothing.
    const third = await refreshActivePlans({ jira, today: () => today }, { cursor, now });
    expect(third).toMatchObject({ plans: 2, written: 0, complete: true });
  });
});
