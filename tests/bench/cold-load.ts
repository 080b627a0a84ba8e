/**
 * Cold load of the backend entry (src/index.ts), measured the way Forge runs it: one bundled CommonJS file
 * (Forge bundles the backend with webpack; we bundle with esbuild, which tsx already depends on), required
 * in a fresh Node process. Each child times only its `require()` (performance.now() around it), so Node's own
 * start-up and TypeScript compilation are excluded. Median of several fresh processes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ColdLoad {
  medianMs: number;
  samplesMs: number[];
  bundleBytes: number;
  method: string;
}

export const COLD_LOAD_METHOD =
  'esbuild-bundled src/index.ts (CommonJS, node20, all dependencies inlined as Forge bundles them), then the median over fresh `node` processes of the time spent in require() of that bundle alone';

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ errors: unknown[] }>;
}

function loadEsbuild(): EsbuildLike {
  // esbuild is tsx's own dependency (no extra install); resolve it from there.
  const fromTsx = require.resolve('esbuild', { paths: [dirname(require.resolve('tsx/package.json'))] });
  return require(fromTsx) as EsbuildLike;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const TIMED_REQUIRE = 'const t0 = performance.now(); require(process.argv[1]); process.stdout.write(String(performance.now() - t0));';

export async function measureColdLoad(entry: string, runs = 7): Promise<ColdLoad> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-coldload-'));
  try {
    const outfile = join(dir, 'index.js');
    await loadEsbuild().build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
    const samplesMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const { stdout } = await run(process.execPath, ['-e', TIMED_REQUIRE, outfile], { cwd: dir });
      samplesMs.push(Number(stdout));
    }
    return { medianMs: median(samplesMs), samplesMs, bundleBytes: statSync(outfile).size, method: COLD_LOAD_METHOD };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
