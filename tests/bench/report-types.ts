/** The shape of `npm run bench -- --json`: one object; a part that could not be measured is null, with its reason in `unavailable`. */
import type { BundleSize } from './bundles';
import type { ForgeBundleMeasure } from './forge-bundle';

/** What one scenario cost, from the stand-in's request log. */
export interface Measured {
  requests: number;
  /** Sequential round trips: requests on the critical path (see src/local/jira/transport/round-trips.ts). */
  roundTrips: number;
  /** Wall time of the scenario, client side. */
  ms: number;
  /** Requests that changed something (non-GET, except read-only POSTs such as search). */
  writes: number;
  byOperation: Record<string, number>;
}

export interface GenerateResult extends Measured {
  naive: Measured;
  /** naive.ms / ms */
  speedup: number;
}

export interface PortfolioSize extends Measured {
  plans: number;
  issues: number;
  /** Bytes of the resolver's answer (the JSON envelope the browser receives). */
  responseBytes: number;
  /** Rows in that answer (one page). */
  rows: number;
  /** How long seeding the store took (not part of the measurement). */
  seedMs: number;
}

export interface PortfolioResult {
  sizes: PortfolioSize[];
  /** Ratios between the two largest sizes, e.g. 1000 → 5000 plans. */
  growth: { fromPlans: number; toPlans: number; plansRatio: number; roundTrips: number; requests: number; ms: number } | null;
}

/** Events the roll-up trigger subscribes to, and how many of them Forge would invoke it for (after its filter). */
export interface TriggerCount {
  events: number;
  invocations: number;
}

export interface TriggersResult {
  /** Edits of issues that are not plan issues (a busy site with other work). */
  unrelatedUpdates: TriggerCount;
  /** Status transitions of plan steps. */
  planStepTransitions: TriggerCount;
  /** How invocations were counted. */
  method: string;
}

/** One page opened in the browser: time to its data and the calls on that path. */
export interface PageTiming {
  page: string;
  /** From navigation to the page's data on screen. */
  ms: number;
  resolverCalls: number;
  /** Resolver calls one after another (a waterfall counts each step). */
  sequentialResolverCalls: number;
  functions: string[];
  jiraRequests: number;
  jiraRoundTrips: number;
  /** The most sequential Jira round trips inside one resolver call. */
  maxJiraRoundTripsPerCall: number;
}

export interface NightlySize extends Measured {
  /** Active plans refreshed (each with its forecast). */
  plans: number;
  /** Roll-ups that changed and were written. */
  written: number;
}

export interface RemindSize extends Measured {
  /** Active plans the daily reminders job read (one search over the project). */
  plans: number;
  /** Notifications sent by the run (each one `POST /issue/{key}/notify`). */
  sent: number;
  /** Sent by a second run the same day (must be 0: the ledger). */
  againSent: number;
  /** The next business day's run (the steady state: only that day's new occurrences). */
  nextDay: Measured & { sent: number };
}

export interface TargetCheck {
  name: string;
  target: string;
  actual: number | null;
  /** null: not measured. */
  met: boolean | null;
}

export interface BenchReport {
  latencyMs: number;
  sizes: number[];
  generate: GenerateResult | null;
  regenerate: Measured | null;
  progress: Measured | null;
  /** One plan's progress with its forecast, as of a later day (what `progress --today` reads). */
  forecast: Measured | null;
  portfolio: PortfolioResult | null;
  triggers: TriggersResult | null;
  pages: PageTiming[] | null;
  /** The nightly scheduled trigger over N active plans, as the app. */
  nightly: NightlySize[] | null;
  /** The daily reminders scheduled trigger over N active plans, as the app. */
  remind?: RemindSize[] | null;
  bundles: BundleSize[] | null;
  /** The Forge function bundle: size and load time (see forge-bundle.ts). */
  forgeBundle: ForgeBundleMeasure | null;
  targets: TargetCheck[];
  /** Part → why it is null. */
  unavailable: Record<string, string>;
  totalMs: number;
}
