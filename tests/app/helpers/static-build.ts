/**
 * Makes sure static/<app>/build is current before a test reads it: runs `build-all.mjs --if-stale` under a
 * machine-wide lock, so parallel suites (and `npm test`, which built already) never build twice.
 */
import { execFileSync } from 'child_process';
import path from 'path';
import { z } from 'zod';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const LOCK = '/tmp/outbound-playbook-static-build.lock';

const sizesSchema = z.array(
  z.object({
    app: z.string(),
    files: z.array(z.object({ file: z.string(), raw: z.number(), gzip: z.number() })),
    js: z.object({ raw: z.number(), gzip: z.number() }),
    css: z.object({ raw: z.number(), gzip: z.number() }),
    totalGzip: z.number(),
  }),
);
export type AppSizes = z.infer<typeof sizesSchema>;

/** Builds what is stale and returns each app's initial-load sizes. */
export function ensureStaticBuild(): AppSizes {
  let output: string;
  try {
    output = execFileSync('flock', [LOCK, process.execPath, path.join(repoRoot, 'static', 'build-all.mjs'), '--if-stale', '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`static/build-all.mjs failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
  const lines = output.trim().split('\n');
  return sizesSchema.parse(JSON.parse(lines[lines.length - 1]));
}
