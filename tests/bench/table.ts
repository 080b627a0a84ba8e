/** The human-readable bench report. Pure: report in, lines out. */
import type { BenchReport, Measured } from './report-types';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (text: string, width: number) => text.padEnd(width);
const num = (value: number) => value.toLocaleString('en-US');

function row(label: string, m: Measured | null, reason?: string): string {
  if (!m) return `${pad(label, 34)} n/a${reason ? ` — ${reason}` : ''}`;
  return `${pad(label, 34)}${num(m.requests).padStart(9)}${num(m.roundTrips).padStart(12)}${num(Math.round(m.ms)).padStart(10)}${num(m.writes).padStart(8)}`;
}

export function formatReport(report: BenchReport): string[] {
  const why = report.unavailable;
  const lines = [
    `Outbound Playbook bench — stand-in latency ${report.latencyMs} ms per request (whole run ${(report.totalMs / 1000).toFixed(1)} s)`,
    '',
    `${pad('scenario', 34)}${'requests'.padStart(9)}${'roundTrips'.padStart(12)}${'ms'.padStart(10)}${'writes'.padStart(8)}`,
    row('generate (ours)', report.generate, why.generate),
    row('generate (naive baseline)', report.generate?.naive ?? null, why.generate),
  ];
  if (report.generate) lines.push(`${pad('  speedup (naive ms / ours ms)', 34)}${report.generate.speedup.toFixed(1)}×`);
  lines.push(row('regenerate (complete plan)', report.regenerate, why.regenerate));
  lines.push(row('progress (one plan)', report.progress, why.progress));
  lines.push(row('forecast (one plan)', report.forecast, why.forecast));
  if (report.portfolio) {
    for (const size of report.portfolio.sizes) {
      lines.push(row(`portfolio ${num(size.plans)} plans (${num(size.issues)} issues)`, size));
      lines.push(`  answer ${kb(size.responseBytes)} (${num(size.rows)} rows + totals)`);
    }
    const g = report.portfolio.growth;
    if (g)
      lines.push(`  growth ${num(g.fromPlans)}→${num(g.toPlans)} plans (${g.plansRatio}×): roundTrips ×${g.roundTrips}, requests ×${g.requests}, ms ×${g.ms}`);
  } else {
    lines.push(row('portfolio', null, why.portfolio));
  }

  lines.push('', 'roll-up trigger invocations');
  if (report.triggers) {
    const t = report.triggers;
    lines.push(`  ${num(t.unrelatedUpdates.events)} updates of non-plan issues → ${num(t.unrelatedUpdates.invocations)} invocations`);
    lines.push(`  ${num(t.planStepTransitions.events)} plan-step transitions → ${num(t.planStepTransitions.invocations)} invocations`);
    lines.push(`  method: ${t.method}`);
  } else lines.push(`  n/a — ${why.triggers ?? 'not measured'}`);

  lines.push('', 'pages in the browser (navigation → data on screen)');
  if (report.pages) {
    for (const p of report.pages) {
      lines.push(
        `  ${pad(p.page, 28)} ${num(Math.round(p.ms)).padStart(7)} ms  resolver calls ${p.resolverCalls} (${p.sequentialResolverCalls} sequential: ${p.functions.join(', ')})  Jira ${p.jiraRequests} requests, ${p.jiraRoundTrips} round trips (≤ ${p.maxJiraRoundTripsPerCall} per call)`,
      );
    }
  } else lines.push(`  n/a — ${why.pages ?? 'not measured'}`);
  if (report.nightly) {
    for (const n of report.nightly) lines.push(`${row(`nightly ${num(n.plans)} active plans`, n)}  (${num(n.written)} roll-ups written)`);
  } else lines.push(row('nightly', null, why.nightly));
  if (report.remind) {
    for (const r of report.remind)
      lines.push(
        `${row(`daily reminders ${num(r.plans)} active plans`, r)}  (${num(r.sent)} sent; again the same day: ${num(r.againSent)})`,
        `${row(`  next business day, ${num(r.plans)} plans`, r.nextDay)}  (${num(r.nextDay.sent)} sent)`,
      );
  } else lines.push(row('daily reminders', null, why.remind));

  lines.push('', 'bundles (initial JS + CSS per page)');
  if (report.bundles) {
    for (const b of report.bundles) {
      lines.push(`  ${pad(b.app, 14)} JS ${kb(b.jsRaw)} (gzip ${kb(b.jsGzip)})  CSS ${kb(b.cssRaw)} (gzip ${kb(b.cssGzip)})  initial gzip ${kb(b.totalGzip)}`);
    }
  } else lines.push(`  n/a — ${why.bundles ?? 'not measured'}`);

  lines.push('', 'Forge function bundle (npm run bundle)');
  if (report.forgeBundle) {
    const f = report.forgeBundle;
    lines.push(
      `  JS ${kb(f.bytes)} (gzip ${kb(f.gzipBytes)}; index.cjs ${kb(f.entryBytes)}, the rest in lazy chunks); require() median ${f.importMs.toFixed(1)} ms (CPU ${f.importCpuMs.toFixed(1)} ms), require() + first resolver call ${f.firstCallMs.toFixed(1)} ms, over ${f.importSamplesMs.length} fresh processes`,
      `  packages inside: ${f.modules.join(', ')}`,
      `  method: ${f.method}`,
    );
  } else lines.push(`  n/a — ${why.forgeBundle ?? 'not measured'}`);

  lines.push('', 'targets');
  for (const t of report.targets) {
    const verdict = t.met === null ? 'not measured' : t.met ? 'met' : 'NOT MET';
    lines.push(`  ${pad(t.name, 44)} ${pad(t.target, 34)} ${pad(t.actual === null ? '—' : String(Math.round(t.actual * 100) / 100), 10)} ${verdict}`);
  }
  return lines;
}
