import { backoffMs, decideRetry, parseRetryAfterMs, type RetryInput } from '../../src/jira/retry';

const base: RetryInput = { status: 429, retryAfter: null, attempt: 0, idempotent: false, maxAttempts: 5, random: 0.5, baseDelayMs: 200, maxDelayMs: 5000 };
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('retry policy', () => {
  it('honours Retry-After in seconds or as an HTTP date, even for creates', () => {
    expect(decideRetry({ ...base, retryAfter: '3' }, NOW)).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry({ ...base, retryAfter: 'Thu, 01 Jan 2026 00:00:02 GMT' }, NOW)).toEqual({ retry: true, delayMs: 2000 });
    expect(parseRetryAfterMs('soon', NOW)).toBeNull();
  });

  it('backs off exponentially with full jitter and a cap when 429 has no hint', () => {
    expect(backoffMs(0, 0.999, 200, 5000)).toBe(200);
    expect(backoffMs(3, 0.5, 200, 5000)).toBe(800);
    expect(backoffMs(10, 1, 200, 5000)).toBe(5000);
    expect(backoffMs(4, 0, 200, 5000)).toBe(0);
    expect(decideRetry({ ...base, attempt: 2, random: 0.25 }, NOW)).toEqual({ retry: true, delayMs: 200 });
  });

  it('retries 5xx and lost responses only for idempotent calls; a create reports an unknown outcome', () => {
    expect(decideRetry({ ...base, status: 503, idempotent: true }, NOW)).toMatchObject({ retry: true });
    expect(decideRetry({ ...base, status: 0, idempotent: true }, NOW)).toMatchObject({ retry: true });
    expect(decideRetry({ ...base, status: 502, idempotent: false }, NOW)).toEqual({ retry: false, reason: 'unknown' });
    expect(decideRetry({ ...base, status: 0, idempotent: false }, NOW)).toEqual({ retry: false, reason: 'unknown' });
  });

  it('never retries other statuses and stops after maxAttempts', () => {
    for (const status of [400, 401, 403, 404, 409]) expect(decideRetry({ ...base, status, idempotent: true }, NOW)).toEqual({ retry: false, reason: 'final' });
    expect(decideRetry({ ...base, attempt: 4 }, NOW)).toEqual({ retry: false, reason: 'exhausted' });
  });
});
