/** `playbook remind` against the real stand-in over HTTP (in-process CLI): JSON shape, once per day, input errors. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { DEMO_SITE } from '../../src/local/jira/testing';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { adapterAs, demoKickoff, startGenerationStandIn, type GenerationStandIn } from '../generation/stand-in';
import { cliClockAt } from '../fixtures/clock';

let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remind-cli-'));
  // A plan with kickoff 2026-12-01: step 1 (R: SA, C: PM) is due 2026-12-02.
  const kickoff = demoKickoff({ biller: 'CLI remind biller' });
  await driveToCompletion(
    () => generatePlan({ jira: adapterAs(standIn, 'sa'), ledger: createFileLedger({ directory: path.join(dir, 'plans') }) }, { kickoff }),
    { maxCalls: 50 },
  );
});
afterAll(async () => {
  expect(standIn.transport.violations()).toEqual([]);
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
    ...cliClockAt(),
    env: { HOME: dir, JIRA_API_TOKEN: standIn.credentials('pm').token },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const asPm = () => ['remind', '--site', standIn.baseUrl, '--email', standIn.credentials('pm').email, '--project', 'OUT'];

interface RemindJson {
  dryRun: boolean;
  sent: { rule: string; step: number | null; issueKey: string; to: string[] }[];
  skipped: { rule: string; step: number | null; issueKey: string; reason: string }[];
  alreadySent: number;
}

it('prints {sent, skipped} as JSON; the dry run sends nothing; a second run the same day sends 0', async () => {
  const outboxBefore = standIn.site.store.outbox().length;
  const dry = await cli([...asPm(), '--today', '2026-12-01', '--dry-run', '--json']);
  expect(dry.code).toBe(0);
  const planned = JSON.parse(dry.stdout) as RemindJson;
  expect(planned.dryRun).toBe(true);
  expect(standIn.site.store.outbox()).toHaveLength(outboxBefore);

  const first = await cli([...asPm(), '--today', '2026-12-01', '--json']);
  expect(first.code).toBe(0);
  const sent = JSON.parse(first.stdout) as RemindJson;
  expect(sent.sent).toEqual([
    {
      rule: 'due-soon',
      step: 1,
      issueKey: expect.stringMatching(/^OUT-\d+$/),
      to: [DEMO_SITE.accounts.sa.accountId],
      planId: expect.any(String),
      key: expect.any(String),
    },
  ]);
  // Step 1's Consulted person is PM, who runs the job: Jira does not e-mail people about their own work.
  expect(sent.skipped).toEqual([
    expect.objectContaining({ rule: 'input-needed', step: 1, reason: expect.stringContaining('No recipients were defined for notification.') }),
  ]);
  expect(planned.sent.map((s) => s.rule)).toEqual(['due-soon', 'input-needed']);
  expect(
    standIn.site.store
      .outbox()
      .slice(outboxBefore)
      .map((m) => [m.issueKey, m.to, m.senderAccountId]),
  ).toEqual([[sent.sent[0].issueKey, [DEMO_SITE.accounts.sa.accountId], DEMO_SITE.accounts.pm.accountId]]);
  // The default ledger lives under ~/.outbound-playbook/notified.
  expect(fs.readdirSync(path.join(dir, '.outbound-playbook', 'notified')).length).toBeGreaterThan(0);

  const second = await cli([...asPm(), '--today', '2026-12-01', '--json']);
  expect(second.code).toBe(0);
  expect((JSON.parse(second.stdout) as RemindJson).sent).toEqual([]);
  expect((JSON.parse(second.stdout) as RemindJson).alreadySent).toBe(1);
  expect(standIn.site.store.outbox()).toHaveLength(outboxBefore + 1);

  const text = await cli([...asPm(), '--today', '2026-12-05']);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^OUT on 2026-12-05: sent 0, skipped 0/);
});

it('bad input: one clear line each, exit 2; a project the user cannot see: exit 1', async () => {
  const badDay = await cli([...asPm(), '--today', '2026-02-30']);
  expect(badDay.code).toBe(2);
  expect(badDay.stderr.split('\n')[0]).toBe('--today must be a calendar date YYYY-MM-DD, not "2026-02-30"');
  const missing = await cli(['remind', '--site', standIn.baseUrl, '--email', 'pm@example.com']);
  expect(missing.code).toBe(2);
  expect(missing.stderr.split('\n').slice(0, 2)).toEqual(['Missing --project KEY', 'Missing --today YYYY-MM-DD']);
  const badKey = await cli([...asPm().slice(0, -1), 'out; drop', '--today', '2026-12-01']);
  expect(badKey.code).toBe(2);
  const hidden = await cli([...asPm().slice(0, -1), 'NOPE', '--today', '2026-12-01']);
  expect(hidden.code).toBe(1);
  expect(hidden.stderr).toBe('No project NOPE that you can see.\n');
});
