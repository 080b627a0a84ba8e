/** A plan snapshot and its progress view in one search round trip, by plan id or epic key, against the real stand-in. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan, planPhaseJql } from '../../src/core';
import { createFileLedger } from '../../src/storage';
import { UseCaseError } from '../../src/usecases/errors';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { readPlanSnapshot, toPlanProgressView } from '../../src/usecases/plan-read';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn, transitionAs } from './stand-in';
import { clockAt, TEST_TODAY } from '../fixtures/clock';

let standIn: GenerationStandIn;
let ledgerDir: string;
const kickoff = demoKickoff({ biller: 'Progress biller' });
const plan = buildPlan(kickoff);
let epicKey: string;
/** The day after step 7's due date: steps 6 (in progress) and 7 (to do) are overdue. */
const TODAY = '2026-12-29';

const transition = (key: string, transitionId: string) => transitionAs(standIn, 'sa', key, transitionId);

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-progress-'));
  const done = await driveToCompletion(
    () => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: ledgerDir }) }, { kickoff }),
    { maxCalls: 5 },
  );
  epicKey = done.epicKey;
  const stored = planInStore(standIn.site, plan.planId);
  // Discovery (steps 1–3) and steps 4–5 of Design done, step 6 in progress.
  for (const n of [1, 2, 3, 4, 5]) await transition(stored.steps.get(n)![0].key, '31');
  await transition(stored.steps.get(6)![0].key, '21');
});
afterAll(async () => {
  await standIn.close();
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

describe('readPlanSnapshot', () => {
  it.each([
    ['plan id', () => ({ planId: plan.planId })],
    ['epic key', () => ({ epicKey })],
  ])("by %s: one search, the engine's progress and per-phase JQL", async (_by, input) => {
    const before = standIn.transport.log.entries().length;
    const jira = adapterAs(standIn, 'pm');
    const result = await readPlanSnapshot({ jira, ...clockAt(TODAY) }, input());
    const requests = standIn.transport.log.entries().slice(before);
    expect(requests.map((r) => r.operationId)).toEqual(['searchAndReconsileIssuesUsingJqlPost']);
    expect(jira.metrics()).toMatchObject({ requests: 1, roundTrips: 1 });
    expect(result).toMatchObject({ planId: plan.planId, epic: { key: epicKey }, projectKey: 'OUT' });
    expect(result.epic.property).toMatchObject({ kind: 'plan', biller: 'Progress biller' });
    expect(result.epic.storedProperty).toMatchObject({ planId: plan.planId, biller: 'Progress biller' });
    expect(result.record).toMatchObject({ generation: 'done', integrationType: plan.integrationType });
    expect(result.record.plan?.planId).toBe(plan.planId);
    expect(result.steps).toHaveLength(25);
    const discovery = result.progress.phases.find((p) => p.phase === 'Discovery')!;
    expect(discovery).toMatchObject({ total: 3, done: 3, percent: 100 });
    const design = result.progress.phases.find((p) => p.phase === 'Design')!;
    expect(design).toMatchObject({ total: 12, done: 2, inProgress: 1, todo: 9, overdue: 2, percent: 16 });
    expect(result.progress.overall).toMatchObject({ total: 25, done: 5, inProgress: 1, overdue: 2 });
    expect(result.progress).toMatchObject({ status: 'In Progress', currentPhase: 'Design' });
    const view = toPlanProgressView(result);
    expect(view.phases.find((p) => p.phase === 'Design')).toMatchObject({ percentDone: 16, jql: planPhaseJql(plan.planId, 'Design') });
    expect(view.phases.map((p) => p.phase)).toEqual(result.progress.phases.map((p) => p.phase));
  });

  it('answers plan-not-found for a plan nobody generated and for a key that is not a plan epic', async () => {
    const jira = adapterAs(standIn, 'sa');
    await expect(readPlanSnapshot({ jira, ...clockAt(TEST_TODAY) }, { planId: 'op-out-nothing' })).rejects.toMatchObject({ code: 'plan-not-found' });
    const stepKey = planInStore(standIn.site, plan.planId).steps.get(1)![0].key;
    await expect(readPlanSnapshot({ jira, ...clockAt(TEST_TODAY) }, { epicKey: stepKey })).rejects.toBeInstanceOf(UseCaseError);
    await expect(readPlanSnapshot({ jira, ...clockAt(TEST_TODAY) }, { epicKey: 'OUT-99999' })).rejects.toMatchObject({ code: 'plan-not-found' });
  });
});
