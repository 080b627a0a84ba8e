import { createTransport, basicAuthorization, type TransportOptions, type TransportRequest } from '../../../src/local/jira/transport';
import { ANN, BOB, createBody, createFakeJira } from './fake-jira';

function setUp(overrides: Partial<TransportOptions> = {}) {
  const fake = createFakeJira();
  const transport = createTransport({ handler: fake.handler, authenticate: fake.authenticate, contractMode: 'strict', ...overrides });
  return { fake, transport };
}

function request(method: string, pathAndQuery: string, options: { as?: { email: string; token: string } | null; body?: string } = {}): TransportRequest {
  const url = new URL(pathAndQuery, 'http://x');
  const who = options.as === undefined ? ANN : options.as;
  return {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: who ? { authorization: basicAuthorization(who), 'content-type': 'application/json' } : {},
    rawBody: options.body,
  };
}

const myself = (as?: { email: string; token: string } | null) => request('GET', '/rest/api/3/myself', { as });
const createIssue = (summary: string) => request('POST', '/rest/api/3/issue', { body: createBody(summary) });

describe('authentication', () => {
  it('answers 401 with Jira’s body when credentials are missing or wrong, without running the handler', async () => {
    const { fake, transport } = setUp();
    for (const as of [null, { email: ANN.email, token: 'wrong' }]) {
      const response = await transport.handle(myself(as));
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    }
    expect(fake.calls).toHaveLength(0);
    expect(transport.log.entries().map((e) => e.outcome)).toEqual(['unauthenticated', 'unauthenticated']);
  });

  it('passes the authenticated account to the site as the actor', async () => {
    const { fake, transport } = setUp();
    const response = await transport.handle(myself(BOB));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accountId: BOB.accountId });
    expect(fake.calls[0].actor).toEqual({ accountId: BOB.accountId });
  });

  it('lets non-REST paths through anonymously (only /rest/ needs credentials)', async () => {
    const { transport } = setUp();
    const response = await transport.handle(request('GET', '/plain', { as: null }));
    expect(response).toMatchObject({ status: 200, body: { anonymous: true } });
  });

  it('trusts the Forge seam’s acting account only when the site knows it', async () => {
    const { fake, transport } = setUp({ isKnownAccount: createFakeJira().isKnownAccount });
    const known = await transport.handle({ ...myself(null), actingAs: { accountId: BOB.accountId } });
    const unknown = await transport.handle({ ...myself(null), actingAs: { accountId: 'acc-nobody' } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(401);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('burst rate limit', () => {
  it('refuses the request beyond the per-second budget with Jira’s 429 headers, per endpoint and user, and refills', async () => {
    let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
    const { fake, transport } = setUp({ burstPerSecond: 3, now: () => clock });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await transport.handle(myself())).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const refused = await transport.handle(myself());
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({
      'retry-after': '1',
      'ratelimit-reason': 'jira-burst-based',
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
    });
    expect(refused.headers?.['x-ratelimit-reset']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    expect(fake.calls).toHaveLength(3);

    // Another endpoint and another user have their own buckets.
    expect((await transport.handle(request('GET', '/rest/api/3/issue/OUT-9'))).status).toBe(404);
    expect((await transport.handle(myself(BOB))).status).toBe(200);

    clock += 1000;
    expect((await transport.handle(myself())).status).toBe(200);
  });

  it('flags responses with X-RateLimit-NearLimit once less than 20% of the budget remains', async () => {
    const { transport } = setUp({ burstPerSecond: 10, now: () => 0 });
    const flags: Array<string | undefined> = [];
    for (let i = 0; i < 10; i++) flags.push((await transport.handle(myself())).headers?.['x-ratelimit-nearlimit']);
    expect(flags.filter((flag) => flag === 'true')).toHaveLength(2);
    expect(flags.slice(0, 8).every((flag) => flag === undefined)).toBe(true);
  });
});

describe('fault injection', () => {
  it('rate429 answers 429 before the handler runs: nothing is written', async () => {
    const { fake, transport } = setUp({ faults: { rate429: 1, retryAfterSeconds: 2 } });
    const response = await transport.handle(createIssue('never'));
    expect(response.status).toBe(429);
    expect(response.headers).toMatchObject({ 'retry-after': '2', 'ratelimit-reason': 'jira-burst-based' });
    expect(fake.issueCount()).toBe(0);
    expect(fake.calls).toHaveLength(0);
  });

  it('rate5xx answers 500, 502 or 503 before the handler runs', async () => {
    const { fake, transport } = setUp({ burstPerSecond: null, faults: { rate5xx: 1, seed: 7 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 30; i++) statuses.add((await transport.handle(createIssue(`x${i}`))).status);
    expect([...statuses].sort()).toEqual([500, 502, 503]);
    expect(fake.issueCount()).toBe(0);
  });

  it('commit-then-drop commits the write, answers 504, and leaves reads alone', async () => {
    const { fake, transport } = setUp({ faults: { rateCommitThenDrop: 1 } });
    const dropped = await transport.handle(createIssue('committed anyway'));
    expect(dropped.status).toBe(504);
    expect(dropped.resetConnection).toBeUndefined();
    expect(fake.issueCount()).toBe(1);

    const readBack = await transport.handle(request('GET', '/rest/api/3/issue/OUT-1'));
    expect(readBack.status).toBe(200);
    expect(readBack.body).toMatchObject({ key: 'OUT-1', fields: { summary: 'committed anyway' } });
    expect(transport.log.entries().map((e) => e.outcome)).toEqual(['committedThenDropped', 'handled']);
  });

  it('commit-then-drop in reset style asks the caller to drop the connection', async () => {
    const { transport } = setUp({ faults: { rateCommitThenDrop: 1, dropStyle: 'reset' } });
    expect((await transport.handle(createIssue('reset'))).resetConnection).toBe(true);
  });

  it('applies latency (fixed plus bounded jitter) to every request', async () => {
    const { transport } = setUp({ faults: { latencyMs: { fixed: 40, jitter: 20 } } });
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await transport.handle(myself());
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(39);
      // Only a loose upper bound: CI machines are shared and a timer may fire late.
      expect(elapsed).toBeLessThan(60 + 1_000);
    }
  });

  it('replays the same faults from the same seed, and different ones from another seed', async () => {
    const run = async (seed: number) => {
      const { transport } = setUp({ burstPerSecond: null, faults: { seed, rate429: 0.25, rate5xx: 0.25, rateCommitThenDrop: 0.25 } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await transport.handle(createIssue(`s${i}`))).status);
      return statuses;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
    expect(first).toEqual(expect.arrayContaining([201, 429, 504]));
    expect(first.some((status) => status >= 500 && status <= 503)).toBe(true);
  });

  it('changes faults at runtime between calls, and restarts the stream on a new seed', async () => {
    const lags: number[] = [];
    const { transport } = setUp({ onIndexLagChange: (ms) => lags.push(ms) });
    expect((await transport.handle(myself())).status).toBe(200);
    transport.setFaults({ rate5xx: 1 });
    expect((await transport.handle(myself())).status).toBeGreaterThanOrEqual(500);
    transport.setFaults({ rate5xx: 0, indexLagMs: 250 });
    expect((await transport.handle(myself())).status).toBe(200);
    expect(transport.faults()).toMatchObject({ rate5xx: 0, indexLagMs: 250 });
    expect(lags).toEqual([0, 250]);
    expect(() => transport.setFaults({ rate429: 0.7, rate5xx: 0.7 })).toThrow(/add up to more than 1/);
  });

  it('restarts the random stream when setFaults gives a seed', async () => {
    const { transport } = setUp({ burstPerSecond: null });
    const statuses = async () => {
      transport.setFaults({ seed: 5, rate5xx: 0.5 });
      const seen: number[] = [];
      for (let i = 0; i < 20; i++) seen.push((await transport.handle(myself())).status);
      return seen;
    };
    const first = await statuses();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await statuses()).toEqual(first);
  });
});

describe('request log and sequential round trips', () => {
  it('counts three sequential waves of parallel requests as three round trips', async () => {
    const { transport } = setUp({ faults: { latencyMs: { fixed: 25, jitter: 10 } } });
    for (let wave = 0; wave < 3; wave++) {
      await Promise.all(
        [myself(), myself(BOB), request('GET', '/rest/api/3/issue/OUT-1'), request('GET', '/rest/api/3/issue/OUT-2')].map((r) => transport.handle(r)),
      );
    }
    const summary = transport.log.summary();
    expect(summary).toMatchObject({ requests: 12, roundTrips: 3, byOperation: { getCurrentUser: 6, getIssue: 6 } });
    expect(summary.ms).toBeGreaterThanOrEqual(3 * 24);
  });

  it('counts one-after-another requests each as a round trip, and resets', async () => {
    const { transport } = setUp();
    for (let i = 0; i < 5; i++) await transport.handle(myself());
    expect(transport.log.summary()).toMatchObject({ requests: 5, roundTrips: 5 });
    transport.log.reset();
    expect(transport.log.summary()).toEqual({ requests: 0, roundTrips: 0, byOperation: {}, ms: 0 });
  });

  it('logs method, path, operation, status, actor and timestamps for every request', async () => {
    const { transport } = setUp();
    await transport.handle(createIssue('logged'));
    await transport.handle(myself(null));
    const [created, refused] = transport.log.entries();
    expect(created).toMatchObject({
      method: 'POST',
      path: '/rest/api/3/issue',
      operationId: 'createIssue',
      status: 201,
      actor: ANN.accountId,
      outcome: 'handled',
    });
    expect(refused).toMatchObject({ operationId: 'getCurrentUser', status: 401, actor: null });
    expect(created.endedAt).toBeGreaterThanOrEqual(created.startedAt);
    expect(refused.startedAt).toBeGreaterThanOrEqual(created.endedAt);
  });
});

describe('contract checks', () => {
  it('strict: a request that breaks the Jira contract gets a 400 naming the violation and never reaches the site', async () => {
    const { fake, transport } = setUp();
    const bad = request('POST', '/rest/api/3/issue?bogus=1', { body: JSON.stringify({ fields: 'not an object' }) });
    const response = await transport.handle(bad);
    expect(response.status).toBe(400);
    const messages = (response.body as { errorMessages: string[] }).errorMessages;
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining("query parameter 'bogus' is not declared"), expect.stringContaining('/fields must be object')]),
    );
    expect(fake.calls).toHaveLength(0);
    expect(transport.violations().map((v) => v.where)).toEqual(['request', 'request']);
  });

  it('strict: an undocumented endpoint is a violation too', async () => {
    const { transport } = setUp();
    const response = await transport.handle(request('GET', '/rest/api/3/made-up-endpoint'));
    expect(response.status).toBe(400);
    expect(transport.violations()[0].message).toContain('no operation in the contract matches');
  });

  it('collects a response that breaks the contract (the site’s bug), and clears on request', async () => {
    const { fake, transport } = setUp();
    fake.overrideMyself = () => ({ accountId: 12345, displayName: 'Broken' });
    const response = await transport.handle(myself());
    expect(response.status).toBe(200);
    expect(transport.violations()).toEqual([
      expect.objectContaining({ where: 'response', operation: 'getCurrentUser', message: expect.stringContaining('/accountId must be string') }),
    ]);
    transport.clearViolations();
    expect(transport.violations()).toHaveLength(0);
  });

  it('accepts a 204 without a body although the document declares a schema for it', async () => {
    const { transport } = setUp();
    await transport.handle(createIssue('before'));
    const edited = await transport.handle(request('PUT', '/rest/api/3/issue/OUT-1', { body: JSON.stringify({ fields: { summary: 'after' } }) }));
    expect(edited.status).toBe(204);
    expect(transport.violations()).toEqual([]);
  });

  it('warn: collects and reports the violation but lets the request through; off: no checks', async () => {
    const reported: string[] = [];
    const warn = setUp({ contractMode: 'warn', onViolation: (v) => reported.push(v.message) });
    expect((await warn.transport.handle(request('GET', '/rest/api/3/myself?nonsense=1'))).status).toBe(200);
    expect(reported).toEqual([expect.stringContaining("'nonsense' is not declared")]);

    const off = setUp({ contractMode: 'off' });
    expect((await off.transport.handle(request('GET', '/rest/api/3/myself?nonsense=1'))).status).toBe(200);
    expect(off.transport.violations()).toHaveLength(0);
  });
});

describe('malformed input and site failures', () => {
  it('answers 400 like Jira for a body that is not JSON', async () => {
    const { fake, transport } = setUp();
    const response = await transport.handle(request('POST', '/rest/api/3/issue', { body: '{"fields": ' }));
    expect(response.status).toBe(400);
    expect((response.body as { errorMessages: string[] }).errorMessages[0]).toMatch(/JSON/);
    expect(fake.calls).toHaveLength(0);
  });

  it('turns a handler exception into a 500 with Jira’s error body', async () => {
    const { transport } = setUp();
    const response = await transport.handle(request('GET', '/rest/api/3/serverInfo'));
    expect(response).toMatchObject({ status: 500, body: { errorMessages: ['Internal server error: the fake broke'] } });
    expect(transport.log.entries()[0].outcome).toBe('handlerError');
  });
});
