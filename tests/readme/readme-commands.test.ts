/**
 * Every command in a `sh` block of README.md and docs/*.md, run verbatim in the repository as a newcomer would:
 * servers are started, probed and stopped; the CLI lines run against `npm run jira`, twice for generate. A line no
 * runner here knows fails the suite, so the documentation cannot show a command nobody runs; a line shown in two
 * places runs once.
 */
import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DEMO_SITE } from '../../src/local/jira/site';
import { documentedCommands, readmeCommands } from './commands';

const ROOT = path.resolve(__dirname, '..', '..');

const commands = documentedCommands(ROOT);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'op-readme-home-'));
// A fresh HOME: the CLI's default ledger lives there, as on a newcomer's machine.
const env = { ...process.env, HOME: home, FORCE_COLOR: '0' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, timeoutMs = 300_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command}: no exit after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface Server {
  output(): string;
  stop(): Promise<void>;
}

/** Starts a long-running command in its own process group and waits until its output matches `ready`. */
async function serve(command: string, ready: RegExp, timeoutMs = 300_000): Promise<Server> {
  const child: ChildProcess = spawn('bash', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command}: not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (c: Buffer) => {
      output += c.toString('utf8');
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command}: exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    output: () => output,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

const handled = new Set<string>();
const take = (pattern: RegExp): string[] => {
  const found = commands.filter((c) => pattern.test(c));
  found.forEach((c) => handled.add(c));
  return found;
};

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

test('the README shows the two set-up commands, and CI runs the test one', () => {
  const [start] = take(/^npm install && npm start(\s|$)/);
  const [tests] = take(/^npm install && npm test(\s|$)/);
  expect(start).toBeDefined();
  expect(tests).toBeDefined();
  // In the README itself, not only somewhere in docs/.
  expect(readmeCommands(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))).toEqual(expect.arrayContaining([start, tests]));
  // `npm install && npm test` is what CI runs on a clean clone: the same two commands, in that order.
  const ci = fs
    .readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const install = ci.findIndex((l) => l === 'npm install' || l.startsWith('npm install '));
  // CI runs it under libfaketime at a date far from the commit (`faketime "<day> 10:00:00" npm test`).
  const test = ci.findIndex((l) => l === 'npm test' || /^faketime "[^"]+" npm test$/.test(l));
  expect(install).toBeGreaterThanOrEqual(0);
  expect(test).toBeGreaterThan(install);
});

test('npm install && npm start serves the site on its embedded default, then stops', async () => {
  const [start] = commands.filter((c) => /^npm install && npm start(\s|$)/.test(c));
  const server = await serve(start, /Ready in [\d.]+ s/);
  try {
    const url = /Outbound Playbook local site: (http:\/\/\S+)/.exec(server.output())?.[1];
    expect(url).toBe('http://127.0.0.1:3000');
    const home = await fetch(`${url}/`, { redirect: 'manual' });
    expect(home.status).toBe(303);
    // Nobody is signed in yet: the site asks who you are instead of acting as someone.
    const anonymous = await fetch(`${url}${home.headers.get('location')}`);
    expect(anonymous.status).toBe(401);
    const sa = DEMO_SITE.accounts.sa.accountId;
    const page = await fetch(`${url}${home.headers.get('location')}`, { headers: { cookie: `op_user=${encodeURIComponent(sa)}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Insert Outbound Playbook macro');
  } finally {
    await server.stop();
  }
}, 600_000);

test('the Forge bundle commands: build it, then run the site from it', async () => {
  const [bundle] = take(/^npm run bundle(\s|$)/);
  const [fromBundle] = take(/^npm start -- --bundle(\s|$)/);
  const built = await run(bundle, 600_000);
  expect({ code: built.code, stderr: built.stderr.slice(-500) }).toEqual({ code: 0, stderr: expect.any(String) });
  expect(fs.existsSync(path.join(ROOT, '.forge-bundle', 'index.cjs'))).toBe(true);
  const server = await serve(fromBundle, /Outbound Playbook local site: http/, 600_000);
  try {
    const answer = await fetch('http://127.0.0.1:3000/__site/health');
    expect(await answer.json()).toMatchObject({ ok: true, app: 'loaded' });
  } finally {
    await server.stop();
  }
}, 900_000);

test('the stand-in and the playbook CLI lines work as written, twice (the second generate creates nothing)', async () => {
  const [jira] = take(/^npm run jira(\s|$)/);
  const cli = take(/^npx playbook /);
  expect(cli.length).toBeGreaterThanOrEqual(4);
  // A fresh stand-in, as on a new machine (the command names its data folder).
  const dataDir = /--data (\S+)/.exec(jira)?.[1];
  if (dataDir) fs.rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  const server = await serve(jira, /Jira stand-in listening on http/);
  try {
    for (const round of [1, 2]) {
      for (const line of cli) {
        const result = await run(line);
        if (result.code !== 0) throw new Error(`round ${round}: ${line}\nexit ${result.code}\n${result.stdout.slice(-1500)}\n${result.stderr.slice(-1500)}`);
        if (/ generate /.test(line) && / --json/.test(line)) {
          const summary = JSON.parse(result.stdout) as { epicKey: string; created: unknown[]; existing: unknown[] };
          expect(summary.epicKey).toBe('OUT-1');
          if (round === 1) expect(summary.created.length).toBeGreaterThan(10);
          else expect(summary.created).toEqual([]);
        }
        if (/ progress /.test(line) && / --json/.test(line)) expect(JSON.parse(result.stdout)).toMatchObject({ epicKey: 'OUT-1', biller: 'Lakeshore Mutual' });
        if (/ template --json/.test(line)) expect(JSON.parse(result.stdout)).toMatchObject({ version: '1.5' });
      }
    }
  } finally {
    await server.stop();
    if (dataDir) fs.rmSync(path.join(ROOT, dataDir), { recursive: true, force: true });
  }
}, 900_000);

// The full bench takes about ten minutes and measures targets, not correctness: CI runs the README's line at the
// smallest size without latency (the same scenarios and assertions as tests/bench-smoke), so it stays minutes.
test('npm run bench runs as written (at the smallest size in CI)', async () => {
  const [bench] = take(/^npm run bench(\s|$)/);
  expect(bench).toBeDefined();
  const result = await run(`${bench} -- --sizes 100 --latency 0`, 900_000);
  if (result.code !== 0) throw new Error(`${bench}: exit ${result.code}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  expect(result.stdout).toMatch(/generate/);
}, 1_900_000);

test('no command of README.md or docs/*.md is left without a runner above', () => {
  handled.add(commands.find((c) => /^npm install && npm start(\s|$)/.test(c)) ?? '');
  expect(commands.filter((c) => !handled.has(c))).toEqual([]);
});
