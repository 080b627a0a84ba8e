import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_PLAYBOOK, loadPlaybook } from '../../src/core';
import { main } from '../../src/cli/main';
import { COMMANDS } from '../../src/cli/commands';
import type { CliIo } from '../../src/cli/command';
import { cliClockAt } from '../fixtures/clock';

const ROOT = join(__dirname, '../..');
const EXAMPLE = 'tests/fixtures/kickoff.example.json';

/** Runs the real bin (shim → tsx → main.ts) as a user would. */
function playbook(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/playbook.cjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('playbook (spawned)', () => {
  it('template --json prints the playbook as data: the import/export format', () => {
    const { code, stdout, stderr } = playbook('template', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const t = JSON.parse(stdout);
    expect(t.version).toBe('1.5');
    expect(t.phases.map((p: { name: string }) => p.name)).toEqual(['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release']);
    expect(t.phases[1].ordering).toEqual({ kind: 'staged', parallel: [[8, 9, 10, 11, 12, 13, 14]] });
    expect(t.roles.map((r: { code: string }) => r.code)).toEqual(['PM', 'IM', 'SA', 'OPM', 'B', 'CS', 'TC']);
    expect(t.roles[2]).toMatchObject({ code: 'SA', name: 'Solution Architect', team: 'Solution Engineering' });
    expect(t.changeLog.at(-1)).toEqual({ version: '1.5', date: '2025-05-02', author: 'Chris Faria', summary: 'Updated Supported Integrations section' });
    expect(t.steps).toHaveLength(25);
    expect(t.steps[18]).toEqual({
      id: 'complete-sit',
      number: 19,
      phase: 'Testing',
      category: 'SIT',
      title: 'Complete SIT',
      description: 'Complete SIT tasks in SIT workbook.',
      notes: ['For any errors that arise refer to SMART API - Error Codes V1 (10.23.24) for guidance on error messages'],
      references: ['sit-workbook', 'smart-api-error-codes'],
      raci: { raw: 'SA / PM / IM/OPM' },
      conditions: [],
      durationDays: 10,
    });
    expect(t.steps[24].conditions).toEqual([{ kind: 'integrationType', equals: 'partner' }]);
    expect(t.supportedIntegrations.map((i: { coreSystem: string }) => i.coreSystem)).toEqual([
      'IMT',
      'Guidewire (Accelerator)',
      'SimpleSolve',
      'Duck Creek (non-Orchestrator)',
    ]);
    // Exactly the loaded template, step for step, and it imports back to the same playbook.
    expect(t.steps.map((s: { title: string; description: string }) => [s.title, s.description])).toEqual(
      CURRENT_PLAYBOOK.steps.map((s) => [s.title, s.description]),
    );
    expect(loadPlaybook(t)).toEqual(CURRENT_PLAYBOOK);
  });

  it('plan --kickoff FILE --json prints the dry-run plan', () => {
    const { code, stdout, stderr } = playbook('plan', '--kickoff', EXAMPLE, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.title).toBe('Outbound Payments: Texas Mutual Insurance × Guidewire (Accelerator)');
    expect(plan.planId).toMatch(/^op-out-[0-9a-f]{16}$/);
    expect(plan.templateVersion).toBe('1.5');
    expect(plan.steps).toHaveLength(25);
    expect(plan.steps[0]).toMatchObject({ number: 1, applicable: true, start: '2026-12-01', due: '2026-12-02' });
    expect(plan.steps[7]).toMatchObject({ number: 8, applicable: false, start: null, reason: 'Skipped: Claims is not in scope.' });
    expect(plan.steps[14].dependsOn).toEqual([10, 11]);
    expect(plan.steps.map((s: { durationBusinessDays: number }) => s.durationBusinessDays)).toEqual(CURRENT_PLAYBOOK.steps.map((s) => s.durationDays));
    expect(plan.steps[0]).not.toHaveProperty('durationDays');
    expect(plan.baseline.goLive).toBe('2027-03-08');
    expect(plan.baseline.rebaselines).toEqual([]);
    expect(plan.baseline.steps.map((s: { step: number }) => s.step)).toEqual(
      plan.steps.filter((s: { applicable: boolean }) => s.applicable).map((s: { number: number }) => s.number),
    );
    expect(plan.baseline.steps.find((s: { step: number }) => s.step === 15)).toEqual({
      step: 15,
      start: '2027-01-04',
      end: '2027-01-06',
      durationBusinessDays: 3,
      dependsOn: [10, 11],
    });
  });

  it('plan without --json prints a table with dates and skip reasons', () => {
    const { code, stdout } = playbook('plan', '--kickoff', EXAMPLE);
    expect(code).toBe(0);
    expect(stdout).toContain('Outbound Payments: Texas Mutual Insurance × Guidewire (Accelerator)');
    expect(stdout).toMatch(/^1 +Discovery .* 2026-12-01 +2026-12-02 /m);
    expect(stdout).toContain('Skipped: Claims is not in scope.');
  });

  it('an invalid kickoff exits 2 and lists every field error on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-cli-'));
    try {
      const file = join(dir, 'bad.json');
      writeFileSync(
        file,
        JSON.stringify({
          projectKey: 'OUT',
          biller: 'B',
          coreSystem: 'IMT',
          integrationType: 'partner',
          capabilities: ['claims', 'payroll'],
          kickoffDate: '2026-02-30',
          roles: { PM: { displayName: 'Pat' } },
        }),
      );
      const { code, stdout, stderr } = playbook('plan', '--kickoff', file);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^Invalid kickoff \(\d+ problems\):/);
      for (const field of ['capabilities.1', 'kickoffDate', 'roles.SA', 'roles.PM.accountId', 'roles.IM', 'roles.B', 'roles.CS']) {
        expect(stderr).toMatch(new RegExp(`^  ${field.replace('.', '\\.')}: `, 'm'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows help for the top level and each command', () => {
    const top = playbook('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: playbook <command>/);
    expect(top.stdout).toMatch(/^ +template +/m);
    expect(top.stdout).toMatch(/^ +plan +/m);
    const template = playbook('template', '--help');
    expect([template.code, template.stdout]).toEqual([0, expect.stringContaining('Usage: playbook template [--json]')]);
    const plan = playbook('plan', '-h');
    expect([plan.code, plan.stdout]).toEqual([0, expect.stringContaining('Usage: playbook plan --kickoff FILE [--today YYYY-MM-DD] [--json]')]);
  });
});

/** In-process runs: same entry point, captured output (fast, no spawn). */
function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: ROOT, ...cliClockAt(), env: {} };
  return main(argv, io).then((code) => ({ code, stdout: out.join(''), stderr: err.join('') }));
}

describe('playbook (in process)', () => {
  it('usage errors exit 2 with help on stderr', async () => {
    expect(await run([])).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('Usage: playbook <command>') });
    expect(await run(['frobnicate'])).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('Unknown command "frobnicate"') });
    expect(await run(['template', '--yaml'])).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining("Unknown option '--yaml'") });
    expect(await run(['plan'])).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('Missing --kickoff FILE') });
  });

  it('issue 27: implausible input exits 2 with one line, before anything is sent (no site listens on port 9)', async () => {
    const connection = ['--site', 'http://127.0.0.1:9', '--email', 'e@example.com', '--token', 't'];
    const notAPlan = await run(['progress', ...connection, '--plan', 'out-1']);
    expect(notAPlan).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^--plan must be the plan's epic key such as OUT-1, or its plan id .*; not "out-1"\n$/),
    });
    const nul = await run(['progress', ...connection, '--plan', `OUT-1\u0000${'x'.repeat(5000)}`]);
    expect(nul.code).toBe(2);
    expect(nul.stderr.length).toBeLessThan(200);
    expect(nul.stderr).not.toContain('\u0000');
    const yearFifty = await run(['progress', ...connection, '--plan', 'OUT-1', '--today', '0050-01-01']);
    expect(yearFifty).toEqual({ code: 2, stdout: '', stderr: '--today must be a date between 2000-01-01 and 2100-12-31, not "0050-01-01"\n' });
    const remind = await run(['remind', ...connection, '--project', 'OUT', '--today', '0050-01-01']);
    expect(remind.code).toBe(2);
    expect(remind.stderr.split('\n')[0]).toBe('--today must be a date between 2000-01-01 and 2100-12-31, not "0050-01-01"');
  });

  it('a missing or malformed kickoff file is reported, not thrown', async () => {
    const missing = await run(['plan', '--kickoff', 'tests/fixtures/no-such-kickoff.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    const dir = mkdtempSync(join(tmpdir(), 'playbook-cli-'));
    try {
      writeFileSync(join(dir, 'broken.json'), '{ "projectKey": ');
      const broken = await run(['plan', '--kickoff', join(dir, 'broken.json')]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('is not valid JSON');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('template (table) lists every step with its RACI cell', async () => {
    const { code, stdout } = await run(['template']);
    expect(code).toBe(0);
    expect(stdout).toContain('Outbound Payments Playbook v1.5: 25 steps in 6 phases');
    for (const s of CURRENT_PLAYBOOK.steps) expect(stdout).toMatch(new RegExp(`^${s.number} +${s.phase} `, 'm'));
    expect(stdout).toContain('SA / PM / IM/OPM');
    expect(stdout).toContain('capability claims');
    expect(stdout).toContain('partner only');
  });
});

describe('command table', () => {
  it('declares each command once, in the order the top-level help lists them', async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(['template', 'plan', 'generate', 'progress', 'remind', 'upgrade']);
    const { stdout } = await run(['--help']);
    const listed = stdout.split('\n').flatMap((line) => line.match(/^  (\w+)  /)?.[1] ?? []);
    expect(listed).toEqual(COMMANDS.map((c) => c.name));
  });

  it('ships template and plan', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(['template', 'plan']));
  });
});
