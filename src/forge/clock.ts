/**
 * The app's one clock: every entry point (resolver, trigger, scheduled job) reads the time here, once, when
 * its invocation starts, and hands `today`/`now` down; nothing below the edge reads `Date` for what day it is
 * (a lint rule keeps it that way). On Forge the time is the platform's wall clock. A local host (the local
 * site, the tests) installs its own clock through `installHostClock`, so moving the site's "Today" moves what
 * the app sees without patching the global `Date`.
 */

/** What an invocation knows of time. */
export interface InvocationClock {
  /** The calendar day in UTC when the invocation started (YYYY-MM-DD): what "overdue" is judged against. */
  readonly today: string;
  /** Now as an ISO timestamp (ticks on; when a person's decision is recorded). */
  now(): string;
  /** Now in epoch ms (ticks on; leases and time budgets). */
  nowMs(): number;
}

/** Where a local host keeps its clock: a registry symbol, so a bundled copy of this module sees the same one. */
const HOST_CLOCK = Symbol.for('outbound-playbook.host-clock');

type HostGlobals = typeof globalThis & { [HOST_CLOCK]?: () => number };

/** The host's epoch ms: the installed host clock, else the platform's wall clock. */
export function hostNowMs(): number {
  const host = (globalThis as HostGlobals)[HOST_CLOCK];
  return host ? host() : Date.now();
}

/** Read once at an entry point. */
export function invocationClock(): InvocationClock {
  const startedMs = hostNowMs();
  return {
    today: new Date(startedMs).toISOString().slice(0, 10),
    now: () => new Date(hostNowMs()).toISOString(),
    nowMs: hostNowMs,
  };
}

/** For local hosts only: the app reads `nowMs()` instead of the wall clock until the returned function is called. */
export function installHostClock(nowMs: () => number): () => void {
  const globals = globalThis as HostGlobals;
  const previous = globals[HOST_CLOCK];
  globals[HOST_CLOCK] = nowMs;
  return () => {
    if (globals[HOST_CLOCK] === nowMs) globals[HOST_CLOCK] = previous;
  };
}
