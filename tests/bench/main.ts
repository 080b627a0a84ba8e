/**
 * `npm run bench [-- --json] [--latency MS] [--sizes 100,1000,5000,10000]`: generate / regenerate / progress /
 * portfolio against the local stand-in with simulated latency, a naive baseline side by side, the static
 * pages' initial bundle sizes and the Forge function bundle (size, load time). Progress lines go to stderr;
 * stdout carries the table, or with --json exactly one JSON object.
 */
import { parseBenchArgs } from './args';
import { runBench } from './harness';
import { loadBenchParts } from './parts';
import { formatReport } from './table';

async function main(argv: string[]): Promise<void> {
  let options;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const report = await runBench(loadBenchParts(), {
    latencyMs: options.latencyMs,
    sizes: options.sizes,
    static: true,
    log: (line) => console.error(`[bench] ${line}`),
  });
  if (options.json) {
    for (const line of formatReport(report)) console.error(line);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    console.log(formatReport(report).join('\n'));
    const missing = Object.entries(report.unavailable);
    if (missing.length) console.log(['', 'not measured', ...missing.map(([part, why]) => `  ${part}: ${why}`)].join('\n'));
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
