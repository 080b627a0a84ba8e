/** Every request the transport saw, with the timings that give the sequential round-trip count. */
import { countRoundTrips } from './round-trips';

export interface RequestLogEntry {
  id: number;
  method: string;
  path: string;
  /** From the OpenAPI contract; `METHOD path` when the contract has no such operation. */
  operationId: string;
  status: number;
  /** Account the request acted as; null when unauthenticated. */
  actor: string | null;
  /** How the transport answered: by the site, or by an injected fault / limit / check. */
  outcome: 'handled' | 'unauthenticated' | 'burst429' | 'fault429' | 'fault5xx' | 'committedThenDropped' | 'badRequest' | 'contract400' | 'handlerError';
  /** Epoch milliseconds (fractional). */
  startedAt: number;
  endedAt: number;
}

export interface RequestLogSummary {
  requests: number;
  roundTrips: number;
  byOperation: Record<string, number>;
  /** From the first start to the last end. */
  ms: number;
}

export class RequestLog {
  private list: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  entries(): readonly RequestLogEntry[] {
    return this.list;
  }

  reset(): void {
    this.list = [];
  }

  summary(): RequestLogSummary {
    return summarizeRequests(this.list);
  }
}

export function summarizeRequests(entries: readonly RequestLogEntry[]): RequestLogSummary {
  const byOperation: Record<string, number> = {};
  for (const entry of entries) byOperation[entry.operationId] = (byOperation[entry.operationId] ?? 0) + 1;
  const ms = entries.length === 0 ? 0 : Math.max(...entries.map((e) => e.endedAt)) - Math.min(...entries.map((e) => e.startedAt));
  return { requests: entries.length, roundTrips: countRoundTrips(entries), byOperation, ms };
}
