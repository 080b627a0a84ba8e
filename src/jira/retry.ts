/** Retry policy, pure: given what happened, how long to wait before the next attempt (or null: stop). */

export interface RetryInput {
  /** HTTP status, or 0 when the request failed without a response (connection reset, timeout). */
  status: number;
  /** Raw `Retry-After` header value, if any. */
  retryAfter: string | null;
  /** 0 for the first retry. */
  attempt: number;
  /** Repeating the call cannot create anything twice (reads, PUTs, upserts by key). */
  idempotent: boolean;
  maxAttempts: number;
  /** Uniform random number in [0, 1) for jitter. */
  random: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** `RateLimit-Reason` of a 429 (`jira-burst-based`, `jira-per-issue-on-write`, `jira-quota-…`), if any. */
  rateLimitReason?: string | null;
  /** How long the caller may still wait (the invocation's remaining time, a generation's budget); null: no limit. */
  budgetMs?: number | null;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  /** `unknown`: a non-idempotent call may have been committed (5xx or lost response): reconcile, never resend. */
  | { retry: false; reason: 'final' | 'exhausted' | 'unknown' }
  /** `quota`: the hourly points quota is spent; waiting inside one invocation cannot help. */
  | { retry: false; reason: 'quota'; retryAfterMs: number | null }
  /** `budget`: the wait would outlast the caller's remaining time. */
  | { retry: false; reason: 'budget'; delayMs: number };

/** Jira's hourly points quota (`jira-quota-global-based`, `jira-quota-tenant-based`), as opposed to burst or per-issue limits. */
export const isQuotaReason = (reason: string | null | undefined): boolean => !!reason && /^jira-quota-/i.test(reason.trim());

/** Seconds (integer or decimal) or an HTTP date; null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Full-jitter exponential back-off: random in [0, min(max, base·2^attempt)]. */
export function backoffMs(attempt: number, random: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.round(random * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
}

export function decideRetry(input: RetryInput, nowMs: number): RetryDecision {
  const rateLimited = input.status === 429;
  const transient = input.status === 0 || input.status >= 500;
  if (!rateLimited && !transient) return { retry: false, reason: 'final' };
  // A 429 is refused before any work is done, so even a create may be resent; a 5xx or a lost response may
  // hide a committed create.
  if (transient && !input.idempotent) return { retry: false, reason: 'unknown' };
  const hinted = rateLimited ? parseRetryAfterMs(input.retryAfter, nowMs) : null;
  if (rateLimited && isQuotaReason(input.rateLimitReason)) return { retry: false, reason: 'quota', retryAfterMs: hinted };
  if (input.attempt + 1 >= input.maxAttempts) return { retry: false, reason: 'exhausted' };
  const delayMs = hinted ?? backoffMs(input.attempt, input.random, input.baseDelayMs, input.maxDelayMs);
  // Every wait is capped by the time left: a wait that would outlast it is not started.
  if (input.budgetMs !== undefined && input.budgetMs !== null && delayMs > input.budgetMs) return { retry: false, reason: 'budget', delayMs };
  return { retry: true, delayMs };
}
