/** `playbook upgrade` against the real stand-in over HTTP (in-process CLI): dry run, apply, re-run, bad input. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { templateToJson } from '../../src/core';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { v16 } from '../core/template-fixtures';
import { demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';
import { cliClockAt } from '../fixtures/clock';

let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-upgrade-'));
  fs.writeFileSync(path.join(dir, 'v1.6.json'), templateToJson(v16()));
  fs.writeFileSync(path.join(dir, 'kickoff.json'), JSON.stringify(demoKickoff({ biller: 'CLI upgrade biller', page: undefined })));
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

const site = () => ['--site', standIn.baseUrl, '--email', standIn.credentials('pm').email, '--token', standIn.credentials('pm').token];
const writes = (from: number) =>
  standIn.transport.log
    .entries()
    .slice(from)
    .filter((e) => e.method !== 'GET' && e.operationId !== 'searchAndReconsileIssuesUsingJqlPost');

describe('playbook upgrade', () => {
  it('previews without writing, applies once, and a re-run changes nothing', async () => {
    const generated = await cli(['generate', ...site(), '--project', 'OUT', '--kickoff', 'kickoff.json', '--json']);
    expect(generated.code).toBe(0);
    const { epicKey, planId } = JSON.parse(generated.stdout) as { epicKey: string; planId: string };

    const before = standIn.transport.log.entries().length;
    const dry = await cli(['upgrade', ...site(), '--plan', epicKey, '--template', 'v1.6.json', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout) as { from: string; to: string; dryRun: boolean; create: { id: string }[]; leave: { reason: string }[] };
    expect([preview.from, preview.to, preview.dryRun]).toEqual(['1.5', '1.6', true]);
    expect(preview.create.map((c) => c.id)).toEqual(['close-integration']);
    expect(preview.leave.filter((l) => l.reason === 'removed-from-template')).toHaveLength(1);
    expect(writes(before)).toEqual([]);

    const applied = await cli(['upgrade', ...site(), '--plan', epicKey, '--template', 'v1.6.json', '--json']);
    expect(applied.code).toBe(0);
    const result = JSON.parse(applied.stdout) as { created: string[]; flagged: string[]; dryRun: boolean };
    expect(result.dryRun).toBe(false);
    expect(result.created).toHaveLength(1);
    expect(result.flagged).toHaveLength(1);
    const stored = planInStore(standIn.site, planId);
    expect([...stored.steps.values()].every((issues) => issues.length === 1)).toBe(true);
    expect(stored.steps.size).toBe(25);

    const rerunStart = standIn.transport.log.entries().length;
    const again = await cli(['upgrade', ...site(), '--plan', epicKey, '--template', 'v1.6.json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to change');
    expect(writes(rerunStart)).toEqual([]);
  });

  it('bad input: exit 2, the problem in the first line (usage errors then show the help), no stack, nothing written', async () => {
    const before = standIn.transport.log.entries().length;
    for (const [args, first] of [
      [['--plan', 'not a key', '--template', 'v1.6.json'], /--plan must be the plan's epic key/],
      [['--plan', 'OUT-1', '--template', 'missing.json'], /^--template: /],
      [['--plan', 'OUT-1', '--template', '9.9'], /no built-in playbook version 9\.9/],
      [['--template', 'v1.6.json'], /^Missing --plan KEY$/],
    ] as const) {
      const run = await cli(['upgrade', ...site(), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(first);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(writes(before)).toEqual([]);
  });

  it('finishes under 30 % 429s, 20 % 5xx and 30 % dropped answers with index lag, as generation does; a re-run writes nothing', async () => {
    fs.writeFileSync(path.join(dir, 'kickoff-faults.json'), JSON.stringify(demoKickoff({ biller: 'CLI upgrade under faults', page: undefined })));
    const generated = await cli(['generate', ...site(), '--project', 'OUT', '--kickoff', 'kickoff-faults.json', '--json']);
    expect(generated.code).toBe(0);
    const { epicKey, planId } = JSON.parse(generated.stdout) as { epicKey: string; planId: string };
    standIn.transport.setFaults({
      seed: 27,
      rate429: 0.3,
      rate5xx: 0.2,
      rateCommitThenDrop: 0.3,
      dropStyle: '504',
      indexLagMs: 200,
      retryAfterSeconds: 0.002,
      latencyMs: { fixed: 0, jitter: 1 },
    });
    let applied: Awaited<ReturnType<typeof cli>>;
    try {
      applied = await cli(['upgrade', ...site(), '--plan', epicKey, '--template', 'v1.6.json', '--json']);
    } finally {
      standIn.transport.setFaults({ rate429: 0, rate5xx: 0, rateCommitThenDrop: 0, indexLagMs: 0 });
    }
    expect({ code: applied.code, stderr: applied.code === 0 ? '' : applied.stderr.slice(-400) }).toEqual({ code: 0, stderr: '' });
    const stored = planInStore(standIn.site, planId);
    expect(stored.epics).toHaveLength(1);
    expect([...stored.steps.values()].every((issues) => issues.length === 1)).toBe(true);
    expect(stored.steps.has(25)).toBe(true);
    const before = standIn.transport.log.entries().length;
    const again = await cli(['upgrade', ...site(), '--plan', epicKey, '--template', 'v1.6.json', '--json']);
    expect(again.code).toBe(0);
    expect(writes(before)).toEqual([]);
  }, 240_000);
});
