/**
 * Plans generated outside the app (the `playbook` CLI, which Jira does not let write an app's fields) get
 * their Phase and RACI values from the app's issue trigger: the CLI generates over HTTP against the stand-in,
 * the stand-in delivers the created events to the real trigger, the trigger (as the app) writes the values
 * once, so `phase = "Design"` finds the CLI's steps too. A second event writes nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan, formatRaci } from '../../src/core';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { DEMO_SITE } from '../../src/local/jira/site';
import { createStandInServer, type StandInServer } from '../../src/local/jira/transport';
import { demoKickoff, planInStore } from '../generation/stand-in';
import { type ForgeSite, useForgeSitePerTest } from './helpers/forge-site';
import { cliClockAt } from '../fixtures/clock';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));
let server: StandInServer | undefined;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trigger-fields-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cliGenerate(kickoff: Record<string, unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
  server = await createStandInServer({ transport: app.transport });
  fs.writeFileSync(path.join(dir, 'kickoff.json'), JSON.stringify(kickoff));
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, ...cliClockAt(), env: { HOME: dir } };
  const sa = DEMO_SITE.accounts.sa;
  const code = await main(
    ['generate', '--site', server.baseUrl, '--email', sa.emailAddress, '--token', sa.apiToken, '--project', 'OUT', '--kickoff', 'kickoff.json', '--json'],
    io,
  );
  return { code, stdout, stderr };
}

async function search(jql: string): Promise<string[]> {
  const found = await app.asUser('pm', '/rest/api/3/search/jql', 'POST', { jql, fields: ['summary'], maxResults: 100 });
  expect(found.status).toBe(200);
  return (found.body as { issues: { key: string }[] }).issues.map((i) => i.key).sort();
}

it('the trigger sets Phase and RACI on the steps the CLI generated, exactly once, so phase = "Design" finds them', async () => {
  const kickoff = demoKickoff({ biller: 'CLI Mutual', page: undefined });
  const plan = buildPlan(kickoff);
  const generated = await cliGenerate(kickoff);
  expect(generated.code).toBe(0);
  // The CLI could not set them itself (it says so).
  expect(JSON.parse(generated.stdout)).toMatchObject({ warnings: expect.arrayContaining([expect.stringMatching(/Phase and RACI/)]) });
  await app.triggersSettled();

  const inStore = planInStore(app.site, plan.planId);
  const applicable = plan.steps.filter((s) => s.applicable);
  expect(inStore.steps.size).toBe(applicable.length);
  for (const step of applicable) {
    const [issue] = inStore.steps.get(step.number)!;
    const values = Object.values(issue.customFields);
    expect(values).toContain(step.phase);
    expect(values).toContain(formatRaci(step.raci));
  }
  // The epic's roll-up names the plan's owner (its PM, by Jira's name) for the portfolio.
  const epic = app.site.store.issue(inStore.epics[0].key)!;
  expect(epic.properties['outbound-playbook']).toMatchObject({ owner: DEMO_SITE.accounts.pm.displayName });
  const fieldOutcomes = app.triggerOutcomes.flatMap((o) => ((o as { appFields?: string }).appFields ? [(o as { appFields: string }).appFields] : []));
  expect(fieldOutcomes.filter((o) => o === 'written')).toHaveLength(applicable.length);

  const designSteps = applicable.filter((s) => s.phase === 'Design').map((s) => inStore.steps.get(s.number)![0].key);
  expect(designSteps.length).toBeGreaterThan(0);
  expect(await search(`phase = "Design" AND playbookBiller = "CLI Mutual"`)).toEqual([...designSteps].sort());

  // A later change of a step (a transition) finds both values right and writes none.
  const before = app.triggerOutcomes.length;
  const first = inStore.steps.get(applicable[0].number)![0];
  const moved = await app.asUser('sa', `/rest/api/3/issue/${first.key}/transitions`, 'POST', { transition: { id: '21' } });
  expect(moved.status).toBe(204);
  await app.triggersSettled();
  expect(app.triggerOutcomes.slice(before)).toEqual([expect.objectContaining({ appFields: 'unchanged' })]);
}, 60_000);
