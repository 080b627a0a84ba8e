/**
 * A plan generated on a published template version (v1.6 in Forge KVS, not built in) is reminded by its own
 * steps: the job reads that version through the same lookup as the read model, not the built-in v1.5.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan, derivePlaybook } from '../../../src/core';
import { createFileLedger } from '../../../src/storage';
import { driveToCompletion, generatePlan } from '../../../src/usecases/generate';
import { readProjectSnapshot } from '../../../src/usecases/remind/snapshot';
import { v16 } from '../../core/template-fixtures';
import { adapterAs, demoKickoff, startGenerationStandIn, type GenerationStandIn } from '../../generation/stand-in';

const V16 = derivePlaybook(v16());
let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn({ burstPerSecond: null });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-remind-published-'));
});

afterAll(async () => {
  expect(standIn.transport.violations()).toEqual([]);
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('reads a v1.6 plan by v1.6 steps when the published versions are given, and cannot without them', async () => {
  // v1.6 drops v1.5's optional breakout step: this kickoff picks no optional step.
  const kickoff = demoKickoff({ optionalSteps: {} });
  const ledger = createFileLedger({ directory: path.join(dir, 'plans') });
  await driveToCompletion(() => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger, options: { retryAfterMs: 10 } }, { kickoff, playbook: V16 }), {
    maxCalls: 50,
  });
  const plan = buildPlan(kickoff, V16);
  expect(plan.templateVersion).toBe('1.6');

  const jira = adapterAs(standIn, 'app');
  const withVersions = await readProjectSnapshot(jira, plan.projectKey, { playbookVersions: async (version) => (version === '1.6' ? V16 : null) });
  const reminded = withVersions.plans.find((p) => p.planId === plan.planId)!;
  // Every step by its v1.6 number and title.
  const titleOf = new Map(plan.steps.map((s) => [s.number, s.title]));
  for (const step of reminded.steps) expect(step.title).toBe(titleOf.get(step.step));
  expect(reminded.steps.map((s) => s.title)).toContain('Close the integration');

  const withoutVersions = await readProjectSnapshot(jira, plan.projectKey);
  const builtIn = withoutVersions.plans.find((p) => p.planId === plan.planId);
  expect(builtIn?.steps.map((s) => s.title) ?? []).not.toContain('Close the integration');
});
