/** `npm run bench -- [--json] [--latency MS] [--sizes 100,1000,5000,10000]`, parsed and checked. Pure. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Print one JSON object (after the table goes to stderr) instead of the table on stdout. */
  json: boolean;
  /** Simulated latency per request on the stand-in's HTTP path. */
  latencyMs: number;
  /** Portfolio sizes, in plans (25 issues each). */
  sizes: number[];
}

export const BENCH_USAGE = 'Usage: npm run bench -- [--json] [--latency MS (default 150)] [--sizes 100,1000,5000,10000]';

export const DEFAULT_SIZES = [100, 1000, 5000, 10000];

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { json: { type: 'boolean' }, latency: { type: 'string' }, sizes: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) throw new Error(BENCH_USAGE);
  const latencyMs = values.latency === undefined ? 150 : Number(values.latency);
  if (values.latency !== undefined && (values.latency.trim() === '' || !Number.isFinite(latencyMs) || latencyMs < 0)) {
    throw new Error(`--latency must be a number of milliseconds ≥ 0 (got '${values.latency}')`);
  }
  const sizes = values.sizes === undefined ? DEFAULT_SIZES : values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`--sizes must be a comma-separated list of positive whole numbers (got '${values.sizes}')`);
  }
  return { json: values.json === true, latencyMs, sizes: [...new Set(sizes)].sort((a, b) => a - b) };
}
