/** The issue's targets, checked against measured figures (reported, never asserted by time). Pure. */
import type { BenchReport, TargetCheck } from './report-types';

export const GZIP_PAGE_BUDGET = 100 * 1024;

type Measures = Pick<BenchReport, 'generate' | 'regenerate' | 'progress' | 'portfolio' | 'bundles' | 'coldLoad' | 'latencyMs'> & Partial<Pick<BenchReport, 'forecast' | 'nightly'>>;

function check(name: string, target: string, actual: number | null | undefined, ok: (value: number) => boolean): TargetCheck {
  const value = actual ?? null;
  return { name, target, actual: value, met: value === null ? null : ok(value) };
}

export function checkTargets(report: Measures): TargetCheck[] {
  const at1000 = report.portfolio?.sizes.find((s) => s.plans === 1000);
  const growth = report.portfolio?.growth;
  const checks: TargetCheck[] = [
    check('generate.roundTrips', '≤ 4', report.generate?.roundTrips, (v) => v <= 4),
    check('generate.speedup', report.latencyMs === 150 ? '≥ 10' : `≥ 10 (target is at 150 ms; ran at ${report.latencyMs} ms)`, report.generate?.speedup, (v) => v >= 10),
    check('regenerate.writes', '= 0', report.regenerate?.writes, (v) => v === 0),
    check('progress.roundTrips', '= 1', report.progress?.roundTrips, (v) => v === 1),
    check('forecast.roundTrips', '= 1', report.forecast?.roundTrips, (v) => v === 1),
    // Forge stops a scheduled function at 900 s; the nightly stops starting chunks at 600 s.
    check('nightly[1000].ms', '≤ 600,000 (900 s limit, with margin)', report.nightly?.find((n) => n.plans === 1000)?.ms, (v) => v <= 600_000),
    check('portfolio[1000].roundTrips', '≤ 12', at1000?.roundTrips, (v) => v <= 12),
    check(
      `portfolio growth roundTrips ${growth ? `${growth.fromPlans}→${growth.toPlans}` : ''}`.trim(),
      `≤ ~5× (plans grow ${growth ? `${growth.plansRatio}×` : '?'})`,
      growth?.roundTrips,
      (v) => v <= 5,
    ),
  ];
  for (const bundle of report.bundles ?? []) {
    checks.push(check(`bundles.${bundle.app}.totalGzip`, '≤ 100 KB', bundle.totalGzip, (v) => v <= GZIP_PAGE_BUDGET));
  }
  if (!report.bundles) checks.push(check('bundles.*.totalGzip', '≤ 100 KB', null, () => false));
  checks.push(check('coldLoad.medianMs', '≤ 150 ms', report.coldLoad?.medianMs, (v) => v <= 150));
  return checks;
}
