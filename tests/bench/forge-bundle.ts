/**
 * The Forge function bundle as `forge deploy` builds it (`npm run bundle`: @forge/bundler's node bundler on the
 * manifest's handlers), its size, and what loading it costs in fresh Node processes:
 * - importMs: require() of the bundle alone, timed inside each child (Node's own start-up excluded), and
 *   importCpuMs, the CPU time of that require();
 * - firstCallMs: that require plus the first resolver invocation (`getTemplate`, which needs no Jira), i.e.
 *   what a cold start pays before the app answers, since each handler loads its chunk on its first call.
 * Median over several fresh processes.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ForgeBundle as BuiltBundle } from '../../src/local/forge-bundle/build';
import { REPO_ROOT } from './bundles';

const KVS_SEAM = join(REPO_ROOT, 'src', 'local', 'kvs', 'seam.ts');

const run = promisify(execFile);

export interface ForgeBundleMeasure {
  /** All the app's JS (index.cjs and the chunks its handlers load), without source maps or runtime files. */
  bytes: number;
  /** index.cjs alone: what require() parses before any handler runs. */
  entryBytes: number;
  gzipBytes: number;
  importMs: number;
  importSamplesMs: number[];
  /** CPU time (user + system) of the same require()s: on a busy shared machine, closer to what a quiet one would take. */
  importCpuMs: number;
  firstCallMs: number;
  firstCallSamplesMs: number[];
  /** npm packages inside, from the bundler's metadata. */
  modules: string[];
  method: string;
}

export const FORGE_BUNDLE_METHOD =
  'npm run bundle (@forge/bundler node bundler, webpack + ts-loader, as forge deploy); median over fresh `node` processes of require() of index.cjs alone (importMs) and of require() plus the first resolver call, getTemplate (firstCallMs)';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const TIMED_IMPORT =
  'const c0 = process.cpuUsage(); const t0 = performance.now(); require(process.argv[1]); const ms = performance.now() - t0; const c = process.cpuUsage(c0); process.stdout.write(ms + " " + (c.user + c.system) / 1000);';
// Storage as on a fresh installation (no published template version): the local KVS seam answers @forge/kvs,
// installed before the clock starts (getTemplate reads the latest published version).
const TIMED_FIRST_CALL = [
  'require(process.argv[2]).installForgeKvs();',
  'const t0 = performance.now();',
  'const { resolver } = require(process.argv[1]);',
  "resolver({ call: { functionKey: 'getTemplate', payload: {} }, context: {} }, {}).then((r) => {",
  "  if (!r || r.ok !== true) throw new Error('getTemplate failed: ' + JSON.stringify(r).slice(0, 200));",
  '  process.stdout.write(String(performance.now() - t0));',
  '});',
].join('\n');

/** Times `runs` fresh processes of each kind on a built bundle's entry file. */
export async function timeBundleLoad(
  entry: string,
  runs: number,
): Promise<Pick<ForgeBundleMeasure, 'importMs' | 'importSamplesMs' | 'importCpuMs' | 'firstCallMs' | 'firstCallSamplesMs'>> {
  const importSamplesMs: number[] = [];
  const importCpuSamplesMs: number[] = [];
  const firstCallSamplesMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const [wall, cpu] = (await run(process.execPath, ['-e', TIMED_IMPORT, entry], { cwd: dirname(entry) })).stdout.split(' ').map(Number);
    importSamplesMs.push(wall);
    importCpuSamplesMs.push(cpu);
    const withKvs = ['--import', pathToFileURL(require.resolve('tsx')).href, '-e', TIMED_FIRST_CALL, entry, KVS_SEAM];
    firstCallSamplesMs.push(Number((await run(process.execPath, withKvs, { cwd: dirname(entry) })).stdout));
  }
  return {
    importMs: median(importSamplesMs),
    importSamplesMs,
    importCpuMs: median(importCpuSamplesMs),
    firstCallMs: median(firstCallSamplesMs),
    firstCallSamplesMs,
  };
}

/** `npm run bundle` (reused when nothing it is built from changed), then times the load. */
export async function measureForgeBundle(runs = 7): Promise<ForgeBundleMeasure> {
  const dir = join(REPO_ROOT, '.forge-bundle');
  {
    const { stdout } = await run(process.execPath, ['--import', require.resolve('tsx'), join(REPO_ROOT, 'src/local/forge-bundle/main.ts'), '--json'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const built = JSON.parse(stdout.trim().split('\n').pop()!) as BuiltBundle;
    const timing = await timeBundleLoad(join(dir, 'index.cjs'), runs);
    return {
      bytes: built.bytes,
      gzipBytes: built.gzipBytes,
      entryBytes: built.entries[0].bytes,
      ...timing,
      modules: built.modules,
      method: FORGE_BUNDLE_METHOD,
    };
  }
}
