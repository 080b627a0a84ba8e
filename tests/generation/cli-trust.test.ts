/**
 * Issue 16, failures 6 and 9: the CLI's lock, its connection errors and its one-line failures (some through a
 * real `playbook` process and real signals), and true summary counts after dropped responses.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildPlan } from '../../src/core';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import type { JiraRequestFn } from '../../src/jira';
import { createFileLedger } from '../../src/storage';
import { driveToCompletion, generatePlan } from '../../src/usecases/generate';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type GenerationStandIn } from './stand-in';
import { cliClockAt } from '../fixtures/clock';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'src/cli/playbook.cjs');

let standIn: GenerationStandIn;
let dir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-cli-trust-'));
});
afterAll(async () => {
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
    env: { HOME: dir, JIRA_API_TOKEN: standIn.credentials('sa').token },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function kickoffFile(name: string, kickoff: Record<string, unknown>): string {
  fs.writeFileSync(path.join(dir, name), JSON.stringify(kickoff));
  return name;
}

const site = () => ['--site', standIn.baseUrl, '--email', standIn.credentials('sa').email];
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+\(|\n\s+at .+:\d+:\d+/);
const lockFiles = (ledger: string) => (fs.existsSync(ledger) ? fs.readdirSync(ledger).filter((f) => f.endsWith('.lock')) : []);

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A pid that surely ran on this machine and no longer runs. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('failure 6: a CLI run killed or interrupted leaves its lock; connection and ledger errors end in stack traces', () => {
  it('a lock left by a dead process on this machine is recognised: an immediate re-run resumes (no "locked" wait)', async () => {
    const kickoff = demoKickoff({ biller: 'Dead lock biller', page: undefined });
    const plan = buildPlan(kickoff);
    const ledgerDir = path.join(dir, 'ledger-dead');
    fs.mkdirSync(ledgerDir, { recursive: true });
    const lock = path.join(ledgerDir, `${Buffer.from(plan.planId).toString('base64url')}.lock`);
    fs.writeFileSync(lock, JSON.stringify({ owner: 'killed-run', expiresAt: Date.now() + 60_000, pid: deadPid(), host: os.hostname() }));
    const started = Date.now();
    const run = await cli(['generate', ...site(), '--project', 'OUT', '--kickoff', kickoffFile('dead.json', kickoff), '--ledger', ledgerDir]);
    expect(run.stderr).not.toMatch(/locked/);
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(planInStore(standIn.site, plan.planId).epics).toHaveLength(1);
    expect(lockFiles(ledgerDir)).toEqual([]);
  });

  it("a live process's lock is still respected (another machine's, or this machine's running one)", async () => {
    const ledger = createFileLedger({ directory: path.join(dir, 'ledger-live'), pid: 1, host: 'elsewhere' });
    expect(await ledger.claim('p', 'a', 60_000)).toBe(true);
    const mine = createFileLedger({ directory: path.join(dir, 'ledger-live'), isAlive: () => false });
    expect(await mine.claim('p', 'b', 60_000)).toBe(false);
    const sameHost = createFileLedger({ directory: path.join(dir, 'ledger-live2'), pid: process.pid });
    expect(await sameHost.claim('q', 'a', 60_000)).toBe(true);
    expect(await createFileLedger({ directory: path.join(dir, 'ledger-live2'), pid: process.pid + 1 }).claim('q', 'b', 60_000)).toBe(false);
    sameHost.releaseAllSync();
    expect(lockFiles(path.join(dir, 'ledger-live2'))).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s releases the lock of a real `playbook generate` process; an immediate re-run completes the plan',
    async (signal, exitCode) => {
      standIn.transport.setFaults({ latencyMs: { fixed: 150, jitter: 0 } });
      try {
        const kickoff = demoKickoff({ biller: `Signal ${signal}`, page: undefined });
        const plan = buildPlan(kickoff);
        const ledgerDir = path.join(dir, `ledger-${signal}`);
        const child = spawn(
          process.execPath,
          [BIN, 'generate', ...site(), '--project', 'OUT', '--kickoff', kickoffFile(`${signal}.json`, kickoff), '--ledger', ledgerDir],
          {
            cwd: dir,
            ...cliClockAt(),
            env: { ...process.env, HOME: dir, JIRA_API_TOKEN: standIn.credentials('sa').token },
          },
        );
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        // Interrupt while it holds the lock (the lock exists from the first ledger claim to the end of the call).
        for (let i = 0; i < 400 && lockFiles(ledgerDir).length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
        expect(lockFiles(ledgerDir)).toHaveLength(1);
        child.kill(signal);
        expect(await exited).toBe(exitCode);
        expect(stderr).toMatch(new RegExp(`interrupted \\(${signal}\\); run the same command again to resume`));
        noStack(stderr);
        expect(lockFiles(ledgerDir)).toEqual([]);

        standIn.transport.setFaults({ latencyMs: { fixed: 0, jitter: 0 } });
        const again = await cli(['generate', ...site(), '--project', 'OUT', '--kickoff', `${signal}.json`, '--ledger', ledgerDir, '--json']);
        expect(again.stderr).not.toMatch(/locked/);
        expect(again.code).toBe(0);
        const stored = planInStore(standIn.site, plan.planId);
        expect(stored.epics).toHaveLength(1);
        for (const step of plan.steps) expect([step.number, stored.steps.get(step.number)?.length]).toEqual([step.number, 1]);
      } finally {
        standIn.transport.setFaults({ latencyMs: { fixed: 0, jitter: 0 } });
      }
    },
    60_000,
  );

  it('an unreachable site fails within seconds in one line naming the site and what failed (exit 1)', async () => {
    kickoffFile('ok.json', demoKickoff({ page: undefined }));
    const port = await closedPort();
    const started = Date.now();
    const run = await cli([
      'generate',
      '--site',
      `http://127.0.0.1:${port}`,
      '--email',
      'sa@example.com',
      '--project',
      'OUT',
      '--kickoff',
      'ok.json',
      '--ledger',
      path.join(dir, 'l1'),
    ]);
    expect(Date.now() - started).toBeLessThan(6_000);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`Cannot reach Jira at http://127.0.0.1:${port}: connection refused (ECONNREFUSED).\n`);
  });

  it('an ftp:// site is bad input (exit 2), one line', async () => {
    const run = await cli(['generate', '--site', 'ftp://example.com', '--email', 'sa@example.com', '--project', 'OUT', '--kickoff', 'ok.json']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('--site must be an http(s) URL such as https://example.atlassian.net, not "ftp://example.com"');
    noStack(run.stderr);
  });

  it('a file given as --ledger is a one-line error (exit 2)', async () => {
    fs.writeFileSync(path.join(dir, 'a-file'), 'x');
    const run = await cli(['generate', ...site(), '--project', 'OUT', '--kickoff', 'ok.json', '--ledger', 'a-file']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`--ledger: The ledger directory ${path.join(dir, 'a-file')} cannot be used: it (or a parent) is a file, not a directory\n`);
  });

  it('an unreadable kickoff file (a directory) is one line without a stack (exit 2)', async () => {
    fs.mkdirSync(path.join(dir, 'dir.json'), { recursive: true });
    const run = await cli(['plan', '--kickoff', 'dir.json']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    noStack(run.stderr);
  });
});

describe('failures 3 and 4 through the CLI: dates and text are bad input (exit 2), judged before Jira is contacted', () => {
  it.each([
    ['a two-digit-year kickoff', { kickoffDate: '0050-01-05', holidays: [] }, /kickoffDate: kickoffDate must lie within 2 years of today/],
    ['a kickoff in 2200', { kickoffDate: '2200-01-01', holidays: [] }, /kickoffDate: /],
    ['a NUL byte in the biller', { biller: 'Texas\u0000Mutual' }, /biller: .*control characters/],
    ['a 50 MB biller', { biller: 'x'.repeat(50 * 1024 * 1024) }, /biller: biller must be at most 100 characters/],
  ])('%s', async (_name, change, message) => {
    const file = kickoffFile('bad-text.json', demoKickoff({ ...change, page: undefined }));
    const port = await closedPort();
    const run = await cli([
      'generate',
      '--site',
      `http://127.0.0.1:${port}`,
      '--email',
      'e@example.com',
      '--project',
      'OUT',
      '--kickoff',
      file,
      '--ledger',
      'ledger-bad',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.length).toBeLessThan(2_000);
    noStack(run.stderr);
  });
});

describe('failure 9: after dropped responses the summary counts are true', () => {
  it('creates whose answers were lost count as created by this run, not as existing or nothing', async () => {
    const kickoff = demoKickoff({ biller: 'Dropped answers', page: undefined });
    const plan = buildPlan(kickoff);
    // Every create commits in Jira, then its answer is lost.
    const dropCreates =
      (fn: JiraRequestFn): JiraRequestFn =>
      async (route, init) => {
        const response = await fn(route, init);
        if (init?.method === 'POST' && /\/rest\/api\/3\/issue(\/bulk)?$/.test(route.value.split('?')[0])) throw new TypeError('fetch failed (dropped)');
        return response;
      };
    const jira = adapterAs(standIn, 'sa', {}, dropCreates);
    const ledger = createFileLedger({ directory: path.join(dir, 'ledger-drop') });
    const options = { maxIndexLagMs: 20, requestTimeoutMs: 20, retryAfterMs: 5 };
    const result = await driveToCompletion(() => generatePlan({ jira, ledger, options }, { kickoff }), {
      maxCalls: 50,
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 30))),
    });
    const stored = planInStore(standIn.site, plan.planId);
    const allKeys = [...stored.epics, ...[...stored.steps.values()].flat()].map((i) => i.key).sort();
    expect(allKeys).toHaveLength(26);
    expect(result.existing).toEqual([]);
    expect([...result.created].sort()).toEqual(allKeys);
  });
});
