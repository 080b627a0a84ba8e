/**
 * Calls the resumable generate use case until it is done — what the UI does by polling, for callers that
 * can simply wait (CLI, tests). Accumulates what the calls created and their request counts.
 */
import type { GenerateResult } from './generate';

export interface DriveOptions {
  /** Give up after this many calls (a plan that never finishes is a bug or an outage). */
  maxCalls: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told every call's result, e.g. to print a progress line. */
  onProgress?: (result: GenerateResult, call: number) => void;
}

export type DrivenResult = Extract<GenerateResult, { state: 'done' }> & { calls: number };

export class GenerationUnfinishedError extends Error {
  constructor(
    readonly calls: number,
    readonly last: GenerateResult,
  ) {
    super(`Generation of plan ${last.planId} did not finish after ${calls} calls (last: ${last.state === 'running' ? last.reason : last.state})`);
    this.name = 'GenerationUnfinishedError';
  }
}

export async function driveToCompletion(step: () => Promise<GenerateResult>, options: DriveOptions): Promise<DrivenResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const created: string[] = [];
  let existing: string[] | null = null;
  let requests = 0;
  let roundTrips = 0;
  // A warning said once (e.g. the ledger remembered issues the site lacks) stays in the final answer.
  const warnings: string[] = [];
  let last: GenerateResult | null = null;
  for (let call = 1; call <= options.maxCalls; call += 1) {
    const result = await step();
    last = result;
    created.push(...result.created);
    requests += result.requests;
    roundTrips += result.roundTrips;
    for (const w of result.warnings) if (!warnings.includes(w)) warnings.push(w);
    // "Existing" means: there before the first call of this run.
    if (existing === null && !(result.state === 'running' && result.reason === 'locked')) existing = result.existing;
    options.onProgress?.(result, call);
    if (result.state === 'done') {
      // The truth at the end: every plan issue is either there before this run or made by it. A create whose
      // answer was lost shows up as "existing" in a later call, yet this run made it.
      const before = new Set(existing ?? result.existing);
      const all = [...new Set([...result.existing, ...result.created, ...created])];
      const made = all.filter((key) => !before.has(key));
      return { ...result, created: made, existing: all.filter((key) => before.has(key)), warnings, requests, roundTrips, calls: call };
    }
    await sleep(result.retryAfterMs);
  }
  throw new GenerationUnfinishedError(options.maxCalls, last!);
}
