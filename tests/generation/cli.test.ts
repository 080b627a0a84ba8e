/** `playbook generate` and `playbook progress` against the real stand-in over HTTP (in-process CLI). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../src/core';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { getPlanProgress } from '../../src/usecases/plan-read';
import { DEMO_SITE } from '../../src/local/jira/testing';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';
import { clockAt, TEST_TODAY, cliClockAt } from '../fixtures/clock';

let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-cli-'));
});
afterAll(async () => {
  await standIn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, ...cliClockAt(), env: { HOME: dir, ...env } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function kickoffFile(name: string, kickoff: Record<string, unknown>): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(kickoff));
  return file;
}

describe('playbook generate / progress', () => {
  const kickoff = demoKickoff({ biller: 'CLI biller', page: undefined });
  const site = () => ['--site', standIn.baseUrl, '--email', standIn.credentials('sa').email];

  it('generates with the token from JIRA_API_TOKEN, prints the JSON summary and a progress line; a re-run creates nothing', async () => {
    const file = kickoffFile('kickoff.json', kickoff);
    const pageUrl = 'https://example.atlassian.net/wiki/spaces/IMP/pages/42/CLI';
    const first = await cli(['generate', ...site(), '--project', 'OUT', '--kickoff', 'kickoff.json', '--page-url', pageUrl, '--json'], {
      JIRA_API_TOKEN: standIn.credentials('sa').token,
    });
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as {
      planId: string;
      epicKey: string;
      created: string[];
      existing: string[];
      requests: number;
      roundTrips: number;
      warnings: string[];
    };
    const plan = buildPlan({ ...kickoff, page: { url: pageUrl } });
    expect(summary).toMatchObject({ planId: plan.planId, existing: [] });
    expect(summary.created).toHaveLength(26);
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.roundTrips).toBeLessThanOrEqual(4);
    // Basic auth cannot act as the app: the Phase/RACI values are left to the Forge app, and the CLI says so.
    expect(summary.warnings.join(' ')).toMatch(/only by the Forge app/);
    expect(first.stderr).toMatch(/^generate: done, 25\/25 steps under OUT-\d+/m);
    expect(planInStore(standIn.site, plan.planId).remoteLinks.map((r) => r.url)).toEqual([pageUrl]);
    // The default ledger lives under ~/.outbound-playbook/ledger/<site host>/<project>: one per site and project.
    const siteHost = new URL(site()[1]).host.replace(/[^A-Za-z0-9.-]/g, '_');
    expect(fs.readdirSync(path.join(dir, '.outbound-playbook', 'ledger', siteHost, 'OUT')).some((f) => f.endsWith('.json'))).toBe(true);

    const again = await cli([
      'generate',
      ...site(),
      '--token',
      standIn.credentials('sa').token,
      '--project',
      'OUT',
      '--kickoff',
      file,
      '--page-url',
      pageUrl,
      '--json',
    ]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ epicKey: summary.epicKey, created: [] });
    expect((JSON.parse(again.stdout) as { existing: string[] }).existing).toHaveLength(26);

    const progress = await cli(['progress', ...site(), '--token', standIn.credentials('sa').token, '--plan', summary.epicKey, '--json']);
    expect(progress.code).toBe(0);
    const printed = JSON.parse(progress.stdout) as unknown;
    expect(printed).toMatchObject({
      planId: plan.planId,
      epicKey: summary.epicKey,
      overall: { total: 25, done: 0 },
      phases: expect.arrayContaining([expect.objectContaining({ phase: 'Design', jql: expect.stringContaining('playbookPhase = "Design"') })]),
    });
    // The same view the app's getPlanProgress resolver answers.
    expect(printed).toEqual((await getPlanProgress({ jira: adapterAs(standIn, 'sa'), ...clockAt(TEST_TODAY) }, { epicKey: summary.epicKey })).view);
    const text = await cli(['progress', ...site(), '--token', standIn.credentials('sa').token, '--plan', summary.epicKey]);
    expect(text.stdout).toMatch(/Status: Initiated/);
    expect(text.stdout).toMatch(/Discovery\s+0\/3/);

    // --today: the forecast as of that day, the same view the resolver answers on that day.
    const later = '2026-12-29';
    const asOf = await cli(['progress', ...site(), '--token', standIn.credentials('sa').token, '--plan', summary.epicKey, '--today', later, '--json']);
    expect(asOf.code).toBe(0);
    const forecast = (JSON.parse(asOf.stdout) as { forecast: Record<string, unknown> & { steps: Record<string, unknown>[] } }).forecast;
    expect(forecast).toMatchObject({ today: later, baselineGoLive: plan.baseline.goLive, health: 'late' });
    expect(forecast.steps[0]).toEqual(
      expect.objectContaining({ step: 1, baselineEnd: expect.any(String), due: expect.any(String), forecastEnd: expect.any(String), health: 'overdue' }),
    );
    expect(JSON.parse(asOf.stdout)).toEqual((await getPlanProgress({ jira: adapterAs(standIn, 'sa'), ...clockAt(later) }, { epicKey: summary.epicKey })).view);
    const asOfText = await cli(['progress', ...site(), '--token', standIn.credentials('sa').token, '--plan', summary.epicKey, '--today', later]);
    expect(asOfText.stdout).toMatch(
      new RegExp(`Forecast as of ${later}: go-live \\d{4}-\\d{2}-\\d{2} \\(baseline ${plan.baseline.goLive}\\), slip \\d+ business days? · late`),
    );
    const badDay = await cli(['progress', ...site(), '--token', standIn.credentials('sa').token, '--plan', summary.epicKey, '--today', '2026-02-30']);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toBe('--today must be a calendar date YYYY-MM-DD, not "2026-02-30"\n');
  });

  it('exits 2 on missing arguments and on an invalid kickoff (every problem listed), 1 on a refused permission', async () => {
    const missing = await cli(['generate', '--site', standIn.baseUrl]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Missing --email E, --token T \(or JIRA_API_TOKEN\)/);
    expect(missing.stderr).toMatch(/Missing --project KEY, --kickoff FILE/);

    kickoffFile('bad.json', { ...kickoff, kickoffDate: 'soon', capabilities: [] });
    const invalid = await cli(['generate', ...site(), '--token', 't', '--project', 'OUT', '--kickoff', 'bad.json']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/Invalid kickoff \(2 problems\)/);
    expect(invalid.stderr).toMatch(/kickoffDate:/);

    kickoffFile('sand.json', kickoff);
    const refused = await cli(['generate', ...site(), '--token', standIn.credentials('sa').token, '--project', 'SAND', '--kickoff', 'sand.json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/You lack permissions in project SAND: CREATE_ISSUES/);

    const badToken = await cli(['progress', ...site(), '--token', 'wrong', '--plan', 'OUT-1']);
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/Jira refused the credentials .*401/);
  });

  it('a person who cannot be assigned in the project: one line naming them, their role and the permission, exit 2; nothing created', async () => {
    const viewer = DEMO_SITE.accounts.viewer;
    kickoffFile('unassignable.json', {
      ...kickoff,
      biller: 'Unassignable',
      roles: { ...(kickoff.roles as object), IM: { accountId: viewer.accountId, displayName: 'X' } },
    });
    const before = standIn.site.store.issueCount();
    const result = await cli(['generate', ...site(), '--token', standIn.credentials('sa').token, '--project', 'OUT', '--kickoff', 'unassignable.json']);
    expect(result.code).toBe(2);
    // The CLI's kickoff-error format: a count, then one line per problem.
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid kickoff (1 problem):',
      expect.stringContaining(`roles.IM.accountId: ${viewer.displayName} (Implementations Manager, IM) cannot be assigned issues in project OUT`),
    ]);
    expect(result.stderr).toContain('"Assignable User" permission (ASSIGNABLE_USER)');
    expect(result.stderr).not.toMatch(/\bat \w+ \(/);
    expect(standIn.site.store.issueCount()).toBe(before);
  });
});

describe('the same kickoff against two sites (sandbox, then production), one ledger directory', () => {
  let other: GenerationStandIn;
  beforeAll(async () => {
    other = await startGenerationStandIn();
  });
  afterAll(async () => {
    await other.close();
  });

  const args = (s: GenerationStandIn, extra: string[] = []) => [
    'generate',
    '--site',
    s.baseUrl,
    '--email',
    s.credentials('sa').email,
    '--token',
    s.credentials('sa').token,
    '--project',
    'OUT',
    '--kickoff',
    'two-sites.json',
    '--json',
    ...extra,
  ];
  const run = async (s: GenerationStandIn, extra: string[] = []) => {
    const result = await cli(args(s, extra));
    expect([
      result.code,
      result.stderr
        .split('\n')
        .filter((l) => !l.startsWith('generate:'))
        .join('\n'),
    ]).toEqual([0, '']);
    return JSON.parse(result.stdout) as { planId: string; epicKey: string; created: string[]; warnings: string[] };
  };
  const expectFullPlan = (s: GenerationStandIn, planId: string) => {
    const stored = planInStore(s.site, planId);
    expect(stored.epics).toHaveLength(1);
    expect([...stored.steps.values()].map((issues) => issues.length)).toEqual(Array(25).fill(1));
  };

  it('the default ledger is per site and project: both sites get a full plan, neither hears of the other', async () => {
    kickoffFile('two-sites.json', demoKickoff({ biller: 'Two sites default', page: undefined }));
    const first = await run(standIn);
    const second = await run(other);
    expect(second.planId).toBe(first.planId);
    for (const [s, r] of [
      [standIn, first],
      [other, second],
    ] as const) {
      expect(r.created).toHaveLength(26);
      expect(r.warnings.join(' ')).not.toMatch(/ledger remembered/);
      expectFullPlan(s, r.planId);
    }
  });

  it('one --ledger for both: the second site is told the ledger names an epic it lacks, and gets its full plan', async () => {
    kickoffFile('two-sites.json', demoKickoff({ biller: 'Two sites shared', page: undefined }));
    const first = await run(standIn, ['--ledger', 'shared-ledger']);
    const second = await run(other, ['--ledger', 'shared-ledger']);
    expect(second.created).toHaveLength(26);
    expect(second.warnings).toEqual(
      expect.arrayContaining([
        `The plan ledger remembered epic ${first.epicKey}, but this site does not have it (deleted, or the ledger belongs to another site): the plan is created again here.`,
      ]),
    );
    expectFullPlan(other, second.planId);
    // Back on the first site: its plan is whole again from the ledger's point of view (nothing is created twice there).
    const back = await run(standIn, ['--ledger', 'shared-ledger']);
    expect(back).toMatchObject({ epicKey: first.epicKey, created: [] });
    expectFullPlan(standIn, first.planId);
  });
});
