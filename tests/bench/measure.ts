/** Runs one scenario against the stand-in and reads what it cost from the stand-in's request log. */
import { summarizeRequests, type RequestLogEntry } from '../../src/local/jira/transport';
import type { Measured } from './report-types';
import { countWrites } from './writes';

/** The part of the transport's RequestLog the bench reads. */
export interface RequestLogView {
  entries(): readonly RequestLogEntry[];
  reset(): void;
}

/** Figures from logged requests plus the client-side wall time. Pure. */
export function measuredFrom(entries: readonly RequestLogEntry[], ms: number): Measured {
  const summary = summarizeRequests(entries);
  return { requests: summary.requests, roundTrips: summary.roundTrips, ms: round(ms), writes: countWrites(entries), byOperation: summary.byOperation };
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export async function measure<T>(log: RequestLogView, scenario: () => Promise<T>): Promise<{ measured: Measured; value: T }> {
  log.reset();
  const started = performance.now();
  const value = await scenario();
  const ms = performance.now() - started;
  const entries = [...log.entries()];
  log.reset();
  return { measured: measuredFrom(entries, ms), value };
}
