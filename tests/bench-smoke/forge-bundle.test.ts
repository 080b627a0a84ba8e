/**
 * The bench's Forge bundle timing, on a tiny stand-in bundle (building the real one is tests/deploy's job and
 * too slow for a smoke test): each sample is its own fresh process, and a first call that fails is an error,
 * never a figure.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeBundleLoad } from '../bench/forge-bundle';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-smoke-forge-bundle-'));
  // Like the real entry: a resolver that answers getTemplate without Jira; it records the process it ran in.
  writeFileSync(
    join(dir, 'ok.cjs'),
    "require('fs').appendFileSync(__dirname + '/pids', process.pid + '\\n');\nexports.resolver = async ({ call }) => (call.functionKey === 'getTemplate' ? { ok: true, data: {} } : { ok: false });\n",
  );
  writeFileSync(join(dir, 'broken.cjs'), "exports.resolver = async () => ({ ok: false, error: { code: 'INTERNAL' } });\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('times require() and require() + first call, one fresh process per sample', async () => {
  const timing = await timeBundleLoad(join(dir, 'ok.cjs'), 2);
  expect(timing.importSamplesMs).toHaveLength(2);
  expect(timing.firstCallSamplesMs).toHaveLength(2);
  for (const ms of [...timing.importSamplesMs, ...timing.firstCallSamplesMs]) expect(ms).toBeGreaterThan(0);
  expect(timing.importMs).toBe((timing.importSamplesMs[0] + timing.importSamplesMs[1]) / 2);
  expect(timing.importCpuMs).toBeGreaterThan(0);
  const pids = readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n');
  expect(new Set(pids).size).toBe(4);
  expect(pids).not.toContain(String(process.pid));
}, 60_000);

it('refuses to report a first call that did not answer', async () => {
  await expect(timeBundleLoad(join(dir, 'broken.cjs'), 1)).rejects.toThrow(/getTemplate failed/);
}, 60_000);
