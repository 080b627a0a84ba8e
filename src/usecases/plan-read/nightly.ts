/**
 * Time passes without events: the nightly refresh of every active plan's roll-up (health, slip, forecast
 * go-live, overdue count), as the app. Active plans are read in bounded chunks by ascending epic id; after
 * each chunk the cursor (the last epic id done) is saved, so a run cut short (its time budget, a crash)
 * resumes there on the next run instead of starting over. Each plan is the one read model (one search) and
 * at most one write of its epic's property, a few plans at a time to stay inside Jira's rate limits.
 */
import { PLAYBOOK_PROPERTY_KEY, activePlansJql, planPropertyValueSchema } from '../../core';
import type { NightlyCursorStore } from '../../storage';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { refreshRollup } from './refresh';

export interface NightlyOptions {
  cursor: NightlyCursorStore;
  /** Stop starting chunks after this long (Forge stops a scheduled function at its timeoutSeconds, ≤ 900 s). */
  budgetMs?: number;
  /** Plan epics per chunk (one search page). */
  chunkSize?: number;
  /** Plans refreshed at once. */
  concurrency?: number;
  now?: () => number;
}

export interface NightlyOutcome {
  /** Plans read in this run. */
  plans: number;
  /** Roll-ups that changed and were written. */
  written: number;
  /** Plans that could not be refreshed (logged; the next run or the next read retries). */
  failed: { epicKey: string; message: string }[];
  /** False when the budget ran out first; the cursor then says where the next run resumes. */
  complete: boolean;
  /** The epic id the next run starts after (null: from the beginning). */
  resumeAfter: number | null;
}

export const NIGHTLY_DEFAULTS = { budgetMs: 600_000, chunkSize: 100, concurrency: 10 } as const;

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export async function refreshActivePlans(deps: UseCaseDeps, options: NightlyOptions): Promise<NightlyOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const budgetMs = options.budgetMs ?? NIGHTLY_DEFAULTS.budgetMs;
  const chunkSize = options.chunkSize ?? NIGHTLY_DEFAULTS.chunkSize;
  const concurrency = options.concurrency ?? NIGHTLY_DEFAULTS.concurrency;
  let after = (await options.cursor.read()) ?? 0;
  const outcome: NightlyOutcome = { plans: 0, written: 0, failed: [], complete: false, resumeAfter: null };
  for (;;) {
    if (now() - started >= budgetMs) {
      outcome.resumeAfter = after;
      return outcome;
    }
    // Each chunk is its own search after the cursor, so a resumed run needs no page token.
    const page = await deps.jira.searchIssuesPage({
      jql: activePlansJql(after),
      fields: ['summary'],
      properties: [PLAYBOOK_PROPERTY_KEY],
      pageSize: chunkSize,
    });
    const epics = page.issues.flatMap((issue) => {
      const property = planPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
      return property.success ? [{ id: Number(issue.id), key: issue.key, planId: property.data.planId }] : [];
    });
    await inBatches(epics, concurrency, async (epic) => {
      try {
        const result = await refreshRollup(deps, { planId: epic.planId });
        outcome.plans += 1;
        if (result.written) outcome.written += 1;
      } catch (error) {
        if (error instanceof UseCaseError && error.code === 'plan-not-found') return;
        outcome.failed.push({ epicKey: epic.key, message: error instanceof Error ? error.message : String(error) });
      }
    });
    const last = page.issues.at(-1);
    if (!last || page.nextPageToken === null) {
      await options.cursor.write(null);
      outcome.complete = true;
      return outcome;
    }
    after = Number(last.id);
    await options.cursor.write(after);
  }
}
