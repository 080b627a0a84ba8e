/**
 * Each static page's initial JS + CSS (what its build/index.html loads before first paint), raw and gzipped.
 * The measuring itself is static/build-all.mjs's (`--sizes`); it runs in a child process because it is an
 * ES module and the bench is CommonJS. Stale or missing builds are rebuilt first (`--if-stale`).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

export const REPO_ROOT = join(__dirname, '..', '..');
export const GZIP_BUDGET_BYTES = 100 * 1024;

const sizeSchema = z.object({ raw: z.number(), gzip: z.number() });
const appSizesSchema = z.array(
  z.object({
    app: z.string(),
    files: z.array(z.object({ file: z.string(), raw: z.number(), gzip: z.number() })),
    js: sizeSchema,
    css: sizeSchema,
    totalGzip: z.number(),
  }),
);

export interface BundleSize {
  app: string;
  jsRaw: number;
  jsGzip: number;
  cssRaw: number;
  cssGzip: number;
  totalRaw: number;
  totalGzip: number;
  files: number;
}

/** The JSON line build-all prints last, as bundle sizes. Pure. */
export function parseBuildAllOutput(stdout: string): BundleSize[] {
  const last = stdout.trim().split('\n').pop() ?? '';
  const apps = appSizesSchema.parse(JSON.parse(last) as unknown);
  return apps.map((a) => ({
    app: a.app,
    jsRaw: a.js.raw,
    jsGzip: a.js.gzip,
    cssRaw: a.css.raw,
    cssGzip: a.css.gzip,
    totalRaw: a.js.raw + a.css.raw,
    totalGzip: a.totalGzip,
    files: a.files.length,
  }));
}

export async function measureBundles(options: { build: 'if-stale' | 'never' } = { build: 'if-stale' }): Promise<BundleSize[]> {
  const mode = options.build === 'if-stale' ? '--if-stale' : '--sizes';
  try {
    const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'static', 'build-all.mjs'), mode, '--json'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    return parseBuildAllOutput(stdout);
  } catch (error) {
    // build-all exits 1 when a page is over budget but still prints the sizes: report them.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout && stdout.trim().endsWith(']')) return parseBuildAllOutput(stdout);
    throw error;
  }
}
