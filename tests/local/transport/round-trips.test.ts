import { countRoundTrips } from '../../../src/local/jira/transport';
import { isNearLimit, rateLimitResetStamp, takeToken } from '../../../src/local/jira/transport/burst-limiter';
import { planFault, NO_FAULTS, mergeFaults } from '../../../src/local/jira/transport/faults';
import { seededRandom } from '../../../src/local/jira/transport/rng';

const span = (startedAt: number, endedAt: number) => ({ startedAt, endedAt });

describe('countRoundTrips', () => {
  it('is 0 for no requests and 1 for requests that were all in flight together', () => {
    expect(countRoundTrips([])).toBe(0);
    expect(countRoundTrips([span(0, 100), span(1, 90), span(2, 120)])).toBe(1);
  });

  it('counts waves, not requests', () => {
    const waves = [0, 100, 200].flatMap((t) => [span(t, t + 90), span(t + 1, t + 95), span(t + 2, t + 80)]);
    expect(countRoundTrips(waves)).toBe(3);
  });

  it('follows the critical path: a request that waited for a fast one is a second trip even while a slow one is in flight', () => {
    // A and B start together; C starts when A is done, while B is still running: A → C is two trips.
    expect(countRoundTrips([span(0, 100), span(0, 300), span(150, 250)])).toBe(2);
  });

  it('treats a request that starts exactly when another ends as sequential', () => {
    expect(countRoundTrips([span(0, 10), span(10, 20), span(20, 30)])).toBe(3);
  });
});

describe('burst token bucket', () => {
  it('spends the full budget, refuses, then refills proportionally to elapsed time', () => {
    let bucket;
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      const step = takeToken(bucket, 3, 0);
      bucket = step.bucket;
      outcomes.push(step.outcome);
    }
    expect(outcomes.map((o) => [o.allowed, o.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(outcomes[3].retryAfterSeconds).toBe(1);
    expect(takeToken(bucket, 3, 200).outcome.allowed).toBe(false);
    expect(takeToken(bucket, 3, 400).outcome.allowed).toBe(true);
  });

  it('formats X-RateLimit-Reset as Jira documents and flags the last 20%', () => {
    expect(rateLimitResetStamp(Date.UTC(2026, 2, 4, 7, 9, 59))).toBe('2026-03-04T07:09Z');
    expect(isNearLimit({ allowed: true, limit: 100, remaining: 19, retryAfterSeconds: 0 })).toBe(true);
    expect(isNearLimit({ allowed: true, limit: 100, remaining: 20, retryAfterSeconds: 0 })).toBe(false);
  });
});

describe('planFault', () => {
  it('never drops reads, and draws the same amount of randomness whatever the outcome', () => {
    const config = mergeFaults(NO_FAULTS, { rateCommitThenDrop: 1 });
    expect(planFault(config, seededRandom(1), 'GET').kind).toBe('none');
    expect(planFault(config, seededRandom(1), 'POST').kind).toBe('commitThenDrop');
    const a = seededRandom(9);
    const b = seededRandom(9);
    planFault(config, a, 'GET');
    planFault(mergeFaults(NO_FAULTS, { rate429: 1 }), b, 'POST');
    expect(a()).toBe(b());
  });
});
