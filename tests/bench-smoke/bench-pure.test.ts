/** The bench's pure pieces: arguments, write classification, growth, targets, build-all output, median. */
import { parseBenchArgs } from '../bench/args';
import { parseBuildAllOutput } from '../bench/bundles';
import { median } from '../bench/forge-bundle';
import { growthOf } from '../bench/harness';
import { measuredFrom } from '../bench/measure';
import type { Measured, PortfolioSize } from '../bench/report-types';
import { checkTargets } from '../bench/targets';
import { isWriteRequest } from '../bench/writes';
import type { RequestLogEntry } from '../../src/local/jira/transport';

const entry = (method: string, operationId: string, startedAt: number, endedAt: number): RequestLogEntry => ({
  id: startedAt,
  method,
  path: '/rest/api/3/x',
  operationId,
  status: 200,
  actor: 'a',
  outcome: 'handled',
  startedAt,
  endedAt,
});

const measured = (m: Partial<Measured>): Measured => ({ requests: 1, roundTrips: 1, ms: 1, writes: 0, byOperation: {}, ...m });
const size = (plans: number, roundTrips: number, requests = roundTrips, responseBytes = 1000): PortfolioSize => ({
  ...measured({ roundTrips, requests, ms: plans }),
  plans,
  issues: plans * 26,
  seedMs: 0,
  responseBytes,
  rows: 50,
});

describe('bench arguments', () => {
  it('defaults to 150 ms, sizes 100/1000/5000/10000, table output', () => {
    expect(parseBenchArgs([])).toEqual({ json: false, latencyMs: 150, sizes: [100, 1000, 5000, 10000] });
  });
  it('reads --json, --latency and --sizes (sorted, deduplicated)', () => {
    expect(parseBenchArgs(['--json', '--latency', '0', '--sizes', '50, 10,50'])).toEqual({ json: true, latencyMs: 0, sizes: [10, 50] });
  });
  it('rejects nonsense naming the option', () => {
    expect(() => parseBenchArgs(['--latency', '-1'])).toThrow(/--latency/);
    expect(() => parseBenchArgs(['--latency', ''])).toThrow(/--latency/);
    expect(() => parseBenchArgs(['--sizes', '10,x'])).toThrow(/--sizes/);
    expect(() => parseBenchArgs(['--sizes', '0'])).toThrow(/--sizes/);
    expect(() => parseBenchArgs(['--frobnicate'])).toThrow();
  });
});

describe('measuring from the request log', () => {
  it('counts writes, but not searches sent as POST', () => {
    expect(isWriteRequest({ method: 'POST', operationId: 'searchAndReconsileIssuesUsingJqlPost' })).toBe(false);
    expect(isWriteRequest({ method: 'GET', operationId: 'getIssue' })).toBe(false);
    expect(isWriteRequest({ method: 'POST', operationId: 'createIssue' })).toBe(true);
    expect(isWriteRequest({ method: 'PUT', operationId: 'setIssueProperty' })).toBe(true);
    expect(isWriteRequest({ method: 'delete', operationId: 'deleteIssue' })).toBe(true);
  });

  it('gives requests, sequential round trips, writes and operations', () => {
    // Two waves: a search, then two creates in parallel.
    const entries = [
      entry('POST', 'searchAndReconsileIssuesUsingJqlPost', 0, 10),
      entry('POST', 'createIssues', 10, 20),
      entry('POST', 'createIssues', 11, 19),
    ];
    expect(measuredFrom(entries, 20.04)).toEqual({
      requests: 3,
      roundTrips: 2,
      ms: 20,
      writes: 2,
      byOperation: { searchAndReconsileIssuesUsingJqlPost: 1, createIssues: 2 },
    });
  });
});

describe('portfolio growth', () => {
  it('compares the two largest sizes', () => {
    expect(growthOf([size(100, 2), size(1000, 4, 10), size(5000, 6, 50)])).toEqual({
      fromPlans: 1000,
      toPlans: 5000,
      plansRatio: 5,
      roundTrips: 1.5,
      requests: 5,
      ms: 5,
    });
  });
  it('is null with fewer than two sizes', () => {
    expect(growthOf([size(20, 1)])).toBeNull();
  });
});

describe('targets', () => {
  const base = { latencyMs: 150, generate: null, regenerate: null, progress: null, portfolio: null, bundles: null, forgeBundle: null };

  it('reports unmeasured parts as not measured, never as met', () => {
    const checks = checkTargets(base);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((c) => c.met === null && c.actual === null)).toBe(true);
  });

  it('tells met from not met', () => {
    const checks = checkTargets({
      ...base,
      generate: { ...measured({ roundTrips: 5 }), naive: measured({}), speedup: 12 },
      regenerate: measured({ writes: 1 }),
      progress: measured({ roundTrips: 1 }),
      portfolio: { sizes: [size(1000, 12), size(5000, 70), size(10000, 4, 102, 500 * 1024 + 1)], growth: growthOf([size(5000, 70), size(10000, 4, 102)]) },
      triggers: { unrelatedUpdates: { events: 1000, invocations: 0 }, planStepTransitions: { events: 100, invocations: 100 }, method: 'm' },
      forecast: measured({ roundTrips: 2 }),
      nightly: [{ ...measured({ ms: 599_000 }), plans: 1000, written: 1000 }],
      remind: [{ ...measured({ ms: 600_001 }), plans: 1000, sent: 3000, againSent: 0, nextDay: { ...measured({}), sent: 10 } }],
      bundles: [{ app: 'big', jsRaw: 0, jsGzip: 0, cssRaw: 0, cssGzip: 0, totalRaw: 0, totalGzip: 100 * 1024 + 1, files: 1 }],
      forgeBundle: {
        bytes: 1024 * 1024 + 1,
        gzipBytes: 1,
        entryBytes: 1,
        importMs: 59,
        importSamplesMs: [59],
        importCpuMs: 40,
        firstCallMs: 300,
        firstCallSamplesMs: [300],
        modules: [],
        method: 'm',
      },
    });
    const verdict = Object.fromEntries(checks.map((c) => [c.name.split(' ')[0], c.met]));
    expect(verdict).toEqual({
      'generate.roundTrips': false,
      'generate.speedup': true,
      'regenerate.writes': false,
      'progress.roundTrips': true,
      'forecast.roundTrips': false,
      'nightly[largest].ms': true,
      'remind[largest].ms': false,
      'remind[largest].againSent': true,
      'portfolio[1000].roundTrips': true,
      portfolio: true,
      'portfolio[5000].roundTrips': false,
      'portfolio[10000].roundTrips': true,
      'portfolio[10000].responseBytes': false,
      'triggers.unrelatedUpdates.invocations': true,
      'pages.*.sequentialResolverCalls': null,
      'bundles.big.totalGzip': false,
      'forgeBundle.bytes': false,
      'forgeBundle.importMs': true,
    });
  });
});

describe('bundle sizes from static/build-all.mjs --json', () => {
  it('reads the last line and sums JS and CSS', () => {
    const stdout = [
      'built x in 1 s',
      JSON.stringify([
        {
          app: 'issue-panel',
          files: [
            { file: 'a.js', raw: 10, gzip: 4 },
            { file: 'a.css', raw: 5, gzip: 2 },
          ],
          js: { raw: 10, gzip: 4 },
          css: { raw: 5, gzip: 2 },
          totalGzip: 6,
        },
      ]),
    ].join('\n');
    expect(parseBuildAllOutput(stdout)).toEqual([{ app: 'issue-panel', jsRaw: 10, jsGzip: 4, cssRaw: 5, cssGzip: 2, totalRaw: 15, totalGzip: 6, files: 2 }]);
  });
  it('refuses output that is not the sizes list', () => {
    expect(() => parseBuildAllOutput('built\n{"oops":1}')).toThrow();
  });
});

describe('median', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
