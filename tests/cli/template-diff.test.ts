import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { templateToJson } from '../../src/core';
import { v16 } from '../core/template-fixtures';
import { cliClockAt } from '../fixtures/clock';

const ROOT = join(__dirname, '../..');
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'template-diff-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function playbook(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/playbook.cjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: dir, ...cliClockAt(), env: {} };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('playbook template diff', () => {
  it('lists the edits between the built-in v1.5 and an edited export (spawned, as a user runs it)', () => {
    const exported = playbook('template', '--json');
    expect(exported.code).toBe(0);
    // A PMO edits the export by hand: moves TC from Consulted to Informed on step 6, drops step 2,
    // renumbers, lengthens SIT, adds a closing step, and records the release in the change log.
    const t = JSON.parse(exported.stdout);
    t.version = '1.6';
    t.changeLog.push({ version: '1.6', date: '2026-11-30', author: 'Pat PMO', summary: 'Edited by hand' });
    t.steps[5].raci.raw = 'SA / B, CS, PM / IM, TC';
    t.steps[18].durationDays = 12;
    t.steps.splice(1, 1);
    t.steps.push({ ...t.steps.at(-1), id: 'close-integration', title: 'Close the integration', conditions: [] });
    t.steps.forEach((s: { number: number }, i: number) => (s.number = i + 1));
    t.phases[1].ordering.parallel = [[7, 8, 9, 10, 11, 12, 13]];
    writeFileSync(join(dir, 'v1.6.json'), JSON.stringify(t, null, 2));

    const { code, stdout, stderr } = playbook('template', 'diff', '--from', '1.5', '--to', join(dir, 'v1.6.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Playbook 1.5 → 1.6: 1 step added, 1 removed, 2 changed, 21 renumbered');
    expect(lines).toEqual(
      expect.arrayContaining([
        '- 2. System Architecture Breakout Sessions (if Applicable) [architecture-breakout-sessions] removed',
        '# 2. Treasury [treasury-discovery] renumbered (was 3)',
        '~ 5. Review Conceptual Workflow Diagram Document [workflow-diagram-review] changed (was 6)',
        '    raci.consulted: B, CS, PM, TC → B, CS, PM',
        '    raci.informed: IM → IM, TC',
        '~ 18. Complete SIT [complete-sit] changed (was 19)',
        '    durationDays: 10 → 12',
        '+ 25. Close the integration [close-integration] added in Integration Release',
        '  + changeLog.1.6: {"version":"1.6","date":"2026-11-30","author":"Pat PMO","summary":"Edited by hand"}',
      ]),
    );
    expect(lines.filter((l) => l.startsWith('# '))).toHaveLength(21);
  });

  it('--json prints the diff as data', async () => {
    writeFileSync(join(dir, 'fixture-v1.6.json'), templateToJson(v16()));
    const { code, stdout } = await run('template', 'diff', '--from', '1.5', '--to', 'fixture-v1.6.json', '--json');
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect([diff.from, diff.to, diff.counts]).toEqual(['1.5', '1.6', { added: 1, removed: 1, changed: 2, renumbered: 21 }]);
    expect(diff.steps.find((s: { id: string }) => s.id === 'workflow-diagram-review').fields.map((f: { field: string }) => f.field)).toEqual([
      'raci.consulted',
      'raci.informed',
    ]);
  });

  it('a file diffed against its own export shows no changes', async () => {
    writeFileSync(join(dir, 'same.json'), (await run('template', '--json')).stdout);
    expect(await run('template', 'diff', '--from', 'same.json', '--to', '1.5')).toEqual({
      code: 0,
      stdout: 'Playbook 1.5 → 1.5: 0 steps added, 0 removed, 0 changed, 0 renumbered\n',
      stderr: '',
    });
  });

  it('bad input: one line on stderr, exit 2, nothing on stdout', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "version": ');
    const invalid = JSON.parse((await run('template', '--json')).stdout);
    invalid.steps[3].raci.raw = 'SA / ZZ / IM';
    invalid.steps[4].id = invalid.steps[3].id;
    delete invalid.changeLog;
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify(invalid));

    const cases: [string[], RegExp][] = [
      [['--from', '1.5'], /^playbook template diff needs --from and --to/],
      [['--from', '1.5', '--to', 'missing.json'], /^--to: Cannot read .*missing\.json: .*ENOENT/],
      [['--from', 'broken.json', '--to', '1.5'], /^--from: .*broken\.json is not valid JSON/],
      [['--from', '1.5', '--to', '2.0'], /^--to 2\.0: no built-in playbook version 2\.0 \(built in: 1\.5\)/],
      [['--from', '1.5', '--to', 'invalid.json'], /^--to invalid\.json: invalid playbook template: changeLog: Invalid input: expected array/],
    ];
    for (const [args, message] of cases) {
      const result = await run('template', 'diff', ...args);
      expect(result).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(message) });
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect((await run('template', 'diff', '--form', '1.5')).code).toBe(2);
  });

  it('lists the first field errors of an invalid template, with their paths', async () => {
    const invalid = JSON.parse((await run('template', '--json')).stdout);
    invalid.steps[3].raci.raw = 'SA / ZZ / IM';
    invalid.steps[4].id = invalid.steps[3].id;
    writeFileSync(join(dir, 'invalid-steps.json'), JSON.stringify(invalid));
    const { code, stderr } = await run('template', 'diff', '--from', 'invalid-steps.json', '--to', '1.5');
    expect(code).toBe(2);
    expect(stderr).toBe(
      `--from invalid-steps.json: invalid playbook template: steps.3.raci: Cannot read RACI "SA / ZZ / IM": unknown role "ZZ"; steps.4.id: duplicate step id "technology-consulting"\n`,
    );
  });
});

describe('playbook template validate', () => {
  it('accepts an export and lists every problem of an invalid file with its path (exit 2)', async () => {
    const exported = (await run('template', '--json')).stdout;
    writeFileSync(join(dir, 'export.json'), exported);
    expect(await run('template', 'validate', '--file', 'export.json')).toEqual({
      code: 0,
      stdout: 'export.json: valid playbook template 1.5 (25 steps in 6 phases; change log 1.0–1.5)\n',
      stderr: '',
    });
    const t = JSON.parse(exported);
    t.version = '1.6';
    t.steps[3].durationDays = -1;
    t.steps[4].raci.raw = 'SA / ZZ / IM';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(t));
    const bad = await run('template', 'validate', '--file', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n')[0]).toMatch(/^bad\.json: invalid playbook template \(\d+ problems?\):$/);
    expect(bad.stderr).toContain('  steps.3.durationDays: ');
    expect((await run('template', 'validate', '--file', 'nope.json')).stderr).toMatch(/^Cannot read .*nope\.json/);
    expect((await run('template', 'validate')).code).toBe(2);
  });
});
