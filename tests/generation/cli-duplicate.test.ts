/**
 * No silent duplicates from the CLI: `playbook generate` for a biller × core system that already has an active
 * plan in the project exits 2 naming that plan's epic and writes nothing; `--allow-duplicate` creates the
 * second plan and records the choice on its plan record (the kickoff's `allowDuplicate: true`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAN_RECORD_PROPERTY_KEY, buildPlan } from '../../src/core';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';
import { cliClockAt } from '../fixtures/clock';

let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-cli-dup-'));
});
afterAll(async () => {
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, ...cliClockAt(), env: { HOME: dir } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

it('a second plan for the same biller × core system: exit 2 naming the existing epic, unless --allow-duplicate', async () => {
  // Two Confluence pages, each with its own kickoff for the same biller × core system: two plan ids.
  const pageA = { id: '9001', url: 'https://example.atlassian.net/wiki/spaces/IMP/pages/9001/A' };
  const pageB = { id: '9002', url: 'https://example.atlassian.net/wiki/spaces/IMP/pages/9002/B' };
  const kickoffOn = (page: typeof pageA) => demoKickoff({ biller: 'Duplicate biller', page });
  for (const page of [pageA, pageB]) fs.writeFileSync(path.join(dir, `kickoff-${page.id}.json`), JSON.stringify(kickoffOn(page)));
  const site = ['--site', standIn.baseUrl, '--email', standIn.credentials('sa').email, '--token', standIn.credentials('sa').token];
  const generate = (page: typeof pageA, extra: string[] = []) =>
    cli(['generate', ...site, '--project', 'OUT', '--kickoff', `kickoff-${page.id}.json`, '--json', ...extra]);

  const first = await generate(pageA);
  expect(first.code).toBe(0);
  const firstEpic = (JSON.parse(first.stdout) as { epicKey: string }).epicKey;

  const issuesBefore = [...standIn.site.store.allIssues()].length;
  const refused = await generate(pageB);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(firstEpic);
  expect(refused.stderr).toMatch(/--allow-duplicate/);
  expect([...standIn.site.store.allIssues()].length).toBe(issuesBefore);

  // Re-running the first plan is no duplicate of itself.
  expect((await generate(pageA)).code).toBe(0);

  const allowed = await generate(pageB, ['--allow-duplicate']);
  expect(allowed.code).toBe(0);
  const second = JSON.parse(allowed.stdout) as { epicKey: string; planId: string; warnings: string[]; roundTrips: number };
  expect(second.epicKey).not.toBe(firstEpic);
  expect(second.roundTrips).toBeLessThanOrEqual(4);
  expect(second.warnings.join(' ')).toContain(firstEpic);
  const plan = buildPlan(kickoffOn(pageB));
  expect(second.planId).toBe(plan.planId);
  const epic = planInStore(standIn.site, plan.planId).epics[0];
  expect(epic).toBeDefined();
  expect(standIn.site.store.issue(epic!.key)!.properties[PLAN_RECORD_PROPERTY_KEY]).toMatchObject({ kickoff: { allowDuplicate: true } });
}, 120_000);
