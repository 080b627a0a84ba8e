/**
 * The bench scenarios, against interfaces only (the wiring to the real stand-in and use cases is ./parts.ts),
 * so the smoke test runs the very same functions at tiny sizes. A part that is not available yields null and
 * its reason, never a made-up figure.
 */
import type { Plan } from '../../src/core';
import { measureBundles } from './bundles';
import { measureForgeBundle } from './forge-bundle';
import { benchKickoff, benchPlan } from './kickoff';
import { measure, round } from './measure';
import { naiveGenerate, type NaiveGenerateResult } from './naive-generate';
import type {
  BenchReport,
  GenerateResult,
  Measured,
  NightlySize,
  PageTiming,
  PortfolioResult,
  PortfolioSize,
  RemindSize,
  TriggersResult,
} from './report-types';
import type { BenchStandIn as StandInHandle } from './stand-in';
import { checkTargets } from './targets';

/** Inserts complete plans (epic with roll-up property + step issues) straight into the store, no HTTP. */
export type SeedPlans = (standIn: StandInHandle, plans: readonly Plan[], firstN: number) => Promise<{ issues: number }>;

/** Our use cases, each run to completion over HTTP as the stand-in's user. */
export interface OurApp {
  generate(standIn: StandInHandle, kickoff: unknown): Promise<void>;
  progress(standIn: StandInHandle, planId: string): Promise<void>;
  /** The project page's first answer; resolves to what the browser would receive. */
  portfolio(standIn: StandInHandle, projectKey: string): Promise<{ responseBytes: number; rows: number }>;
  /** One plan's progress view with its forecast, as of `today`. */
  forecast(standIn: StandInHandle, planId: string, today: string): Promise<void>;
  /** The nightly refresh of every active plan, as the app, as of `today`. */
  nightly(standIn: StandInHandle, today: string): Promise<{ plans: number; written: number }>;
  /** The daily reminders job over every active plan, as the app, on `today`, with a ledger kept in `ledgerDir`. */
  remind(standIn: StandInHandle, today: string, ledgerDir: string): Promise<{ plans: number; sent: number }>;
}

export type Part<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface BenchParts {
  startStandIn: Part<(latencyMs: number) => Promise<StandInHandle>>;
  seedPlans: Part<SeedPlans>;
  generate: Part<OurApp['generate']>;
  progress: Part<OurApp['progress']>;
  portfolio: Part<OurApp['portfolio']>;
  /** Counts roll-up trigger invocations for unrelated updates and plan-step transitions, on a fresh stand-in. */
  triggers: Part<(standIn: StandInHandle) => Promise<TriggersResult>>;
  /** Opens each page in Chromium on the local site at this latency. */
  pages: Part<(latencyMs: number) => Promise<PageTiming[]>>;
  forecast: Part<OurApp['forecast']>;
  nightly: Part<OurApp['nightly']>;
  remind?: Part<OurApp['remind']>;
}

export interface BenchRun {
  latencyMs: number;
  sizes: number[];
  /** Page bundles and the Forge bundle are skipped by the smoke test (they do not depend on the scenarios). */
  static: boolean;
  log?: (line: string) => void;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export interface GenerateScenarios {
  generate: GenerateResult | null;
  regenerate: Measured | null;
  progress: Measured | null;
  forecast: Measured | null;
  /** The plan ours generated and the baseline's (for callers that check what was written). */
  plan: Plan;
  naive: NaiveGenerateResult | null;
}

/** Ours and the naive baseline each write a fresh plan (different pages, so different plan ids) on one stand-in. */
export async function runGenerateScenarios(parts: BenchParts, standIn: StandInHandle, unavailable: Record<string, string>): Promise<GenerateScenarios> {
  const plan = benchPlan(standIn.people, standIn.projectKey, 1);
  const kickoff = benchKickoff(standIn.people, standIn.projectKey, 1);
  const generate = parts.generate.ok ? parts.generate.value : null;
  const result: GenerateScenarios = { generate: null, regenerate: null, progress: null, forecast: null, plan, naive: null };

  // Ours first, so any warm-up of the stand-in is paid by ours, not by the baseline.
  let ours: Measured | null = null;
  if (!generate) {
    unavailable.generate = `ours: ${parts.generate.ok ? '' : parts.generate.reason}`;
    unavailable.regenerate = unavailable.generate;
  } else {
    try {
      ours = (await measure(standIn.log, () => generate(standIn, kickoff))).measured;
    } catch (error) {
      unavailable.generate = `ours failed: ${reasonOf(error)}`;
      unavailable.regenerate = unavailable.generate;
    }
  }
  const naiveKickoff = benchKickoff(standIn.people, standIn.projectKey, 2);
  const naiveRun = await measure(standIn.log, () => naiveGenerate({ baseUrl: standIn.baseUrl, user: standIn.user, app: standIn.app, kickoff: naiveKickoff }));
  const naive = naiveRun.measured;
  result.naive = naiveRun.value;
  if (ours) result.generate = { ...ours, naive, speedup: round(naive.ms / ours.ms) };
  else unavailable.generate += ` (naive baseline alone: ${naive.requests} requests, ${naive.roundTrips} round trips, ${Math.round(naive.ms)} ms)`;

  if (ours && generate) {
    try {
      result.regenerate = (await measure(standIn.log, () => generate(standIn, kickoff))).measured;
    } catch (error) {
      unavailable.regenerate = `regenerate failed: ${reasonOf(error)}`;
    }
  }

  if (!parts.progress.ok) unavailable.progress = parts.progress.reason;
  else if (!result.generate) unavailable.progress = 'needs a generated plan (generate unavailable)';
  else {
    const progress = parts.progress.value;
    try {
      result.progress = (await measure(standIn.log, () => progress(standIn, plan.planId))).measured;
    } catch (error) {
      unavailable.progress = `progress failed: ${reasonOf(error)}`;
    }
  }

  if (!parts.forecast.ok) unavailable.forecast = parts.forecast.reason;
  else if (!result.generate) unavailable.forecast = 'needs a generated plan (generate unavailable)';
  else {
    const forecast = parts.forecast.value;
    try {
      // Weeks after the plan's start, so the forecast has overdue steps to move.
      result.forecast = (await measure(standIn.log, () => forecast(standIn, plan.planId, FORECAST_DAY))).measured;
    } catch (error) {
      unavailable.forecast = `forecast failed: ${reasonOf(error)}`;
    }
  }
  return result;
}

/** The day the forecast and nightly scenarios are judged as of: after the bench plans' first due dates. */
export const FORECAST_DAY = '2027-03-15';
/** The nightly scenario's largest size (the issue's 1,000 active plans). */
const NIGHTLY_MAX = 1000;

/** Seeds up to each size (≤ 1,000) in turn and runs the nightly refresh over every active plan once per size. */
export async function runNightlyScenario(
  parts: BenchParts,
  standIn: StandInHandle,
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<NightlySize[]> {
  if (!parts.seedPlans.ok) throw new Error(parts.seedPlans.reason);
  if (!parts.nightly.ok) throw new Error(parts.nightly.reason);
  const seed = parts.seedPlans.value;
  const nightly = parts.nightly.value;
  const results: NightlySize[] = [];
  let seeded = 0;
  const wanted = [...new Set(sizes.map((s) => Math.min(s, NIGHTLY_MAX)))].sort((a, b) => a - b);
  for (const [i, size] of wanted.entries()) {
    const plans: Plan[] = [];
    for (let n = seeded + 1; n <= size; n += 1) plans.push(benchPlan(standIn.people, standIn.projectKey, 5000 + n));
    await seed(standIn, plans, seeded + 1);
    seeded = size;
    // A day later per size, so every roll-up changes and is written (the nightly's worst case).
    const today = `2027-03-${String(15 + i).padStart(2, '0')}`;
    const { measured, value } = await measure(standIn.log, () => nightly(standIn, today));
    log(
      `nightly ${value.plans} plans: ${measured.requests} requests, ${measured.roundTrips} round trips, ${Math.round(measured.ms)} ms, ${value.written} written`,
    );
    results.push({ ...measured, plans: value.plans, written: value.written });
  }
  return results;
}

/**
 * Business days for the reminders scenario, one per size (a weekend day would send nothing): the first weeks
 * after the bench plans' kickoff (2026-12-01), so a day is a running portfolio's day (some steps due soon, a
 * few overdue and escalated), not the one-off catch-up of 1,000 plans three months behind with nothing done
 * (measured once, in docs/benchmarks.md: it runs past the job's 600 s budget and the next run finishes it).
 */
const REMIND_DAYS = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14'];

/**
 * Seeds up to each size (≤ 1,000) in turn and runs the daily reminders job once per size on the next business
 * day (a fresh day's occurrences), then again the same day: the second run must send nothing.
 */
export async function runRemindScenario(
  parts: BenchParts,
  standIn: StandInHandle,
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<RemindSize[]> {
  if (!parts.seedPlans.ok) throw new Error(parts.seedPlans.reason);
  if (!parts.remind?.ok) throw new Error(parts.remind?.reason ?? 'no reminders job');
  const seed = parts.seedPlans.value;
  const remind = parts.remind.value;
  const results: RemindSize[] = [];
  let seeded = 0;
  const wanted = [...new Set(sizes.map((s) => Math.min(s, NIGHTLY_MAX)))].sort((a, b) => a - b);
  for (const [i, size] of wanted.entries()) {
    const plans: Plan[] = [];
    for (let n = seeded + 1; n <= size; n += 1) plans.push(benchPlan(standIn.people, standIn.projectKey, 7000 + n));
    await seed(standIn, plans, seeded + 1);
    seeded = size;
    const today = REMIND_DAYS[i % REMIND_DAYS.length];
    const { measured, value } = await measure(standIn.log, () => remind(standIn, today, standIn.ledgerDir));
    const again = await remind(standIn, today, standIn.ledgerDir);
    const next = await measure(standIn.log, () => remind(standIn, REMIND_DAYS[(i + 1) % REMIND_DAYS.length], standIn.ledgerDir));
    log(
      `remind ${value.plans} plans: ${measured.requests} requests, ${measured.roundTrips} round trips, ${Math.round(measured.ms)} ms, ${value.sent} sent (again the same day: ${again.sent}; next business day: ${next.value.sent} sent, ${next.measured.roundTrips} round trips, ${Math.round(next.measured.ms)} ms)`,
    );
    results.push({ ...measured, plans: value.plans, sent: value.sent, againSent: again.sent, nextDay: { ...next.measured, sent: next.value.sent } });
  }
  return results;
}

/** Seeds the stand-in up to each size in turn and reads the portfolio once per size. */
export async function runPortfolioScenario(
  parts: BenchParts,
  standIn: StandInHandle,
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<PortfolioResult> {
  if (!parts.seedPlans.ok) throw new Error(parts.seedPlans.reason);
  if (!parts.portfolio.ok) throw new Error(parts.portfolio.reason);
  const seed = parts.seedPlans.value;
  const portfolio = parts.portfolio.value;
  const results: PortfolioSize[] = [];
  let seeded = 0;
  let issues = 0;
  for (const size of [...sizes].sort((a, b) => a - b)) {
    const started = performance.now();
    const plans: Plan[] = [];
    for (let n = seeded + 1; n <= size; n += 1) plans.push(benchPlan(standIn.people, standIn.projectKey, 1000 + n));
    issues += (await seed(standIn, plans, seeded + 1)).issues;
    seeded = size;
    const seedMs = round(performance.now() - started);
    const { measured, value } = await measure(standIn.log, () => portfolio(standIn, standIn.projectKey));
    log(
      `portfolio ${size} plans: ${measured.requests} requests, ${measured.roundTrips} round trips, ${Math.round(measured.ms)} ms, answer ${Math.round(value.responseBytes / 1024)} KB (seeded in ${Math.round(seedMs)} ms)`,
    );
    results.push({ plans: size, issues, seedMs, ...measured, ...value });
  }
  return { sizes: results, growth: growthOf(results) };
}

/** Ratios between the two largest sizes. Pure. */
export function growthOf(sizes: readonly PortfolioSize[]): PortfolioResult['growth'] {
  if (sizes.length < 2) return null;
  const [from, to] = sizes.slice(-2);
  const ratio = (a: number, b: number) => (a === 0 ? (b === 0 ? 1 : Number.POSITIVE_INFINITY) : round(b / a));
  return {
    fromPlans: from.plans,
    toPlans: to.plans,
    plansRatio: ratio(from.plans, to.plans),
    roundTrips: ratio(from.roundTrips, to.roundTrips),
    requests: ratio(from.requests, to.requests),
    ms: ratio(from.ms, to.ms),
  };
}

async function withStandIn<T>(parts: BenchParts, latencyMs: number, body: (standIn: StandInHandle) => Promise<T>): Promise<T> {
  if (!parts.startStandIn.ok) throw new Error(parts.startStandIn.reason);
  const standIn = await parts.startStandIn.value(latencyMs);
  try {
    return await body(standIn);
  } finally {
    await standIn.close();
  }
}

export async function runBench(parts: BenchParts, run: BenchRun): Promise<BenchReport> {
  const started = performance.now();
  const log = run.log ?? (() => undefined);
  const unavailable: Record<string, string> = {};
  const report: BenchReport = {
    latencyMs: run.latencyMs,
    sizes: [...run.sizes],
    generate: null,
    regenerate: null,
    progress: null,
    forecast: null,
    portfolio: null,
    triggers: null,
    pages: null,
    nightly: null,
    remind: null,
    bundles: null,
    forgeBundle: null,
    targets: [],
    unavailable,
    totalMs: 0,
  };

  log(`generate / regenerate / progress at ${run.latencyMs} ms latency…`);
  try {
    const scenarios = await withStandIn(parts, run.latencyMs, (standIn) => runGenerateScenarios(parts, standIn, unavailable));
    Object.assign(report, { generate: scenarios.generate, regenerate: scenarios.regenerate, progress: scenarios.progress, forecast: scenarios.forecast });
  } catch (error) {
    for (const key of ['generate', 'regenerate', 'progress', 'forecast']) unavailable[key] ??= reasonOf(error);
  }

  log(`portfolio at ${run.sizes.join(', ')} plans…`);
  try {
    report.portfolio = await withStandIn(parts, run.latencyMs, (standIn) => runPortfolioScenario(parts, standIn, run.sizes, log));
  } catch (error) {
    unavailable.portfolio = reasonOf(error);
  }

  log('trigger invocations…');
  if (!parts.triggers.ok) unavailable.triggers = parts.triggers.reason;
  else {
    const count = parts.triggers.value;
    try {
      report.triggers = await withStandIn(parts, 0, count);
    } catch (error) {
      unavailable.triggers = reasonOf(error);
    }
  }
  log(`nightly at ${run.sizes.map((s) => Math.min(s, NIGHTLY_MAX)).join(', ')} active plans…`);
  try {
    report.nightly = await withStandIn(parts, run.latencyMs, (standIn) => runNightlyScenario(parts, standIn, run.sizes, log));
  } catch (error) {
    unavailable.nightly = reasonOf(error);
  }
  log(`daily reminders at ${run.sizes.map((s) => Math.min(s, NIGHTLY_MAX)).join(', ')} active plans…`);
  try {
    report.remind = await withStandIn(parts, run.latencyMs, (standIn) => runRemindScenario(parts, standIn, run.sizes, log));
  } catch (error) {
    unavailable.remind = reasonOf(error);
  }

  if (run.static) {
    log('pages in the browser…');
    if (!parts.pages.ok) unavailable.pages = parts.pages.reason;
    else {
      try {
        report.pages = await parts.pages.value(run.latencyMs);
        for (const p of report.pages)
          log(`page ${p.page}: ${Math.round(p.ms)} ms to data, ${p.sequentialResolverCalls} sequential resolver call(s), ${p.jiraRoundTrips} Jira round trips`);
      } catch (error) {
        unavailable.pages = reasonOf(error);
      }
    }
    log('bundles (building stale pages first)…');
    try {
      report.bundles = await measureBundles();
    } catch (error) {
      unavailable.bundles = reasonOf(error);
    }
    log('Forge bundle (npm run bundle) and its load time…');
    try {
      report.forgeBundle = await measureForgeBundle();
    } catch (error) {
      unavailable.forgeBundle = reasonOf(error);
    }
  } else {
    unavailable.pages = 'not run (browser and static measurements off)';
    unavailable.bundles = 'not run (static measurements off)';
    unavailable.forgeBundle = 'not run (static measurements off)';
  }

  report.targets = checkTargets(report);
  report.totalMs = round(performance.now() - started);
  return report;
}
