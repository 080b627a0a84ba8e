/**
 * Jira's burst limit ("jira-burst-based"): a token bucket per tenant, endpoint and method; here per user too,
 * so one noisy test user cannot starve another. Capacity and refill are both `perSecond`.
 */
export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface BurstOutcome {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until one token is back (only when refused); Jira sends whole seconds. */
  retryAfterSeconds: number;
}

/** Pure: refills the bucket up to `now`, then tries to take one token. */
export function takeToken(bucket: BucketState | undefined, perSecond: number, now: number): { bucket: BucketState; outcome: BurstOutcome } {
  const previous = bucket ?? { tokens: perSecond, updatedAt: now };
  const elapsedSeconds = Math.max(0, now - previous.updatedAt) / 1000;
  const tokens = Math.min(perSecond, previous.tokens + elapsedSeconds * perSecond);
  if (tokens >= 1) {
    return {
      bucket: { tokens: tokens - 1, updatedAt: now },
      outcome: { allowed: true, limit: perSecond, remaining: Math.floor(tokens - 1), retryAfterSeconds: 0 },
    };
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perSecond));
  return { bucket: { tokens, updatedAt: now }, outcome: { allowed: false, limit: perSecond, remaining: 0, retryAfterSeconds } };
}

export class BurstLimiter {
  private readonly buckets = new Map<string, BucketState>();

  constructor(private readonly perSecond: number) {}

  take(key: string, now: number): BurstOutcome {
    const { bucket, outcome } = takeToken(this.buckets.get(key), this.perSecond, now);
    this.buckets.set(key, bucket);
    return outcome;
  }
}

/** `yyyy-MM-ddTHH:mmZ`, the format Jira documents for X-RateLimit-Reset. */
export function rateLimitResetStamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16)}Z`;
}

/** Headers Jira sends with a burst 429. */
export function rateLimitHeaders(outcome: BurstOutcome, nowEpochMs: number, reason: string): Record<string, string> {
  return {
    'retry-after': String(outcome.retryAfterSeconds),
    'x-ratelimit-limit': String(outcome.limit),
    'x-ratelimit-remaining': String(outcome.remaining),
    'x-ratelimit-reset': rateLimitResetStamp(nowEpochMs + outcome.retryAfterSeconds * 1000),
    'ratelimit-reason': reason,
  };
}

/** Jira flags a response when less than 20% of a budget remains. */
export function isNearLimit(outcome: BurstOutcome): boolean {
  return outcome.remaining < outcome.limit * 0.2;
}

/** The hourly points quota a 429 reports in X-RateLimit-Limit (Jira's tiered quotas start at 65,000 points an hour). */
export const HOURLY_QUOTA_POINTS = 65_000;

/** The hourly quota resets at the top of the hour: its Retry-After, in whole seconds (at least 1). */
export const secondsToTopOfHour = (nowEpochMs: number): number => Math.max(1, Math.ceil((3_600_000 - (nowEpochMs % 3_600_000)) / 1000));
