/** Jira's per-issue write limit (default 20 writes per 2 s on one issue → 429, reason jira-per-issue-on-write). */
export interface WriteLimit {
  writes: number;
  perMs: number;
}

export const DEFAULT_PER_ISSUE_WRITE_LIMIT: WriteLimit = { writes: 20, perMs: 2000 };

export type WriteDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Sliding window per issue id. */
export class PerIssueWriteLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly limit: WriteLimit | null) {}

  /** Whether every issue may take one more write now; records the writes only when all are allowed. */
  take(issueIds: readonly string[], now: number): WriteDecision {
    if (!this.limit) return { allowed: true };
    const { writes, perMs } = this.limit;
    let waitMs = 0;
    for (const id of new Set(issueIds)) {
      const window = (this.windows.get(id) ?? []).filter((t) => t > now - perMs);
      this.windows.set(id, window);
      if (window.length >= writes) waitMs = Math.max(waitMs, window[0] + perMs - now);
    }
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    for (const id of new Set(issueIds)) this.windows.get(id)?.push(now);
    return { allowed: true };
  }
}
