/**
 * Adapter behaviour on scripted responses (a plain JiraRequestFn, no HTTP): which calls are resent, which
 * errors surface, what the instrumentation counts. End-to-end behaviour is covered against the stand-in.
 */
import {
  createJiraAdapter,
  INVOCATION_MARGIN_MS,
  JiraDeadlineError,
  JiraNotFoundError,
  JiraOutcomeUnknownError,
  JiraPermissionError,
  JiraQuotaExhaustedError,
  JiraRateLimitedError,
  JiraServerError,
  type JiraRequestFn,
} from '../../src/jira';
import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';

type Scripted = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

function scripted(responses: Scripted[]) {
  const calls: { path: string; method: string; body?: string }[] = [];
  const request: JiraRequestFn = async (route, init) => {
    calls.push({ path: route.value, method: init?.method ?? 'GET', body: init?.body });
    const next = responses.shift();
    if (!next) throw new Error('script exhausted');
    if (next === 'drop') throw new TypeError('fetch failed: socket hang up');
    const text = next.body === undefined ? '' : JSON.stringify(next.body);
    return {
      status: next.status,
      headers: { get: (name: string) => next.headers?.[name.toLowerCase()] ?? null },
      json: async () => JSON.parse(text) as unknown,
      text: async () => text,
    };
  };
  return { request, calls };
}

function adapterFor(responses: Scripted[], extra: Parameters<typeof createJiraAdapter>[1] = {}) {
  const { request, calls } = scripted(responses);
  const sleeps: number[] = [];
  const adapter = createJiraAdapter(request, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...extra });
  return { adapter, calls, sleeps };
}

const project = { id: '10000', key: 'OUT', name: 'Outbound' };

describe('Jira adapter retries', () => {
  it('waits Retry-After on 429 then succeeds, counting each attempt as its own round trip', async () => {
    const { adapter, calls, sleeps } = adapterFor([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200, body: project },
    ]);
    await expect(adapter.getProject('OUT')).resolves.toMatchObject({ key: 'OUT' });
    expect(sleeps).toEqual([2000]);
    expect(calls.map((c) => c.path)).toEqual(['/rest/api/3/project/OUT', '/rest/api/3/project/OUT']);
    expect(adapter.metrics()).toEqual({ requests: 2, roundTrips: 2 });
  });

  it('resends a create after 429 (refused, not applied) but never after a 5xx or a dropped response', async () => {
    const created = { id: '1', key: 'OUT-1' };
    const ok = adapterFor([{ status: 429 }, { status: 201, body: created }]);
    await expect(ok.adapter.createIssue({ fields: {} })).resolves.toEqual(created);
    expect(ok.calls).toHaveLength(2);

    const fiveHundred = adapterFor([{ status: 503 }, { status: 201, body: created }]);
    await expect(fiveHundred.adapter.createIssue({ fields: {} })).rejects.toBeInstanceOf(JiraOutcomeUnknownError);
    expect(fiveHundred.calls).toHaveLength(1);

    const dropped = adapterFor(['drop', { status: 201, body: created }]);
    await expect(dropped.adapter.createIssues([{ fields: {} }])).rejects.toBeInstanceOf(JiraOutcomeUnknownError);
    expect(dropped.calls).toHaveLength(1);
  });

  it('retries 5xx and drops on reads, then gives up with a typed error', async () => {
    const recovered = adapterFor([{ status: 500 }, 'drop', { status: 200, body: project }]);
    await expect(recovered.adapter.getProject('OUT')).resolves.toMatchObject({ id: '10000' });
    expect(recovered.sleeps).toHaveLength(2);

    const down = adapterFor(
      Array.from({ length: 3 }, () => ({ status: 502 })),
      { maxAttempts: 3 },
    );
    await expect(down.adapter.getProject('OUT')).rejects.toBeInstanceOf(JiraServerError);
    expect(down.calls).toHaveLength(3);

    const storm = adapterFor(
      Array.from({ length: 3 }, () => ({ status: 429 })),
      { maxAttempts: 3 },
    );
    await expect(storm.adapter.getProject('OUT')).rejects.toBeInstanceOf(JiraRateLimitedError);
  });

  it('maps final statuses to typed errors carrying Jira messages', async () => {
    const missing = adapterFor([{ status: 404, body: { errorMessages: ["No project could be found with key 'NOPE'."], errors: {} } }]);
    const error = await missing.adapter.getProject('NOPE').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraNotFoundError);
    expect(error).toMatchObject({ status: 404, errorMessages: ["No project could be found with key 'NOPE'."] });
    const forbidden = adapterFor([{ status: 403, body: { errorMessages: [], errors: { project: 'no' } } }]);
    await expect(forbidden.adapter.getFields()).rejects.toBeInstanceOf(JiraPermissionError);
  });

  it('refuses to wait past its deadline', async () => {
    const now = 1_000_000;
    const { adapter, sleeps } = adapterFor([{ status: 429, headers: { 'retry-after': '30' } }], { now: () => now, deadline: now + 5000 });
    await expect(adapter.getFields()).rejects.toBeInstanceOf(JiraDeadlineError);
    expect(sleeps).toEqual([]);
  });

  it('counts parallel requests as one round trip and dependent ones as the next', async () => {
    const { adapter } = adapterFor([
      { status: 200, body: project },
      { status: 200, body: [] },
      { status: 200, body: project },
    ]);
    await Promise.all([adapter.getProject('OUT'), adapter.getFields()]);
    await adapter.getProject('OUT');
    expect(adapter.metrics()).toEqual({ requests: 3, roundTrips: 2 });
  });

  it('aligns bulk-create results with inputs when some elements fail', async () => {
    const { adapter } = adapterFor([
      {
        status: 201,
        body: {
          issues: [
            { id: '1', key: 'OUT-1' },
            { id: '3', key: 'OUT-3' },
          ],
          errors: [{ failedElementNumber: 1, status: 400, elementErrors: { errorMessages: [], errors: { assignee: 'cannot be assigned' } } }],
        },
      },
    ]);
    const result = await adapter.createIssues([{ fields: {} }, { fields: {} }, { fields: {} }]);
    expect(result.created.map((c) => c?.key ?? null)).toEqual(['OUT-1', null, 'OUT-3']);
    expect(result.failures).toEqual([{ index: 1, status: 400, messages: ['assignee: cannot be assigned'] }]);
  });

  it('uses the app identity only for app field values', async () => {
    const user = scripted([]);
    const app = scripted([{ status: 204 }]);
    const adapter = createJiraAdapter(user.request, { appRequest: app.request });
    await adapter.setAppFieldValues([{ customField: 'customfield_10100', issueIds: [1, 2], value: 'Design' }]);
    expect(user.calls).toHaveLength(0);
    expect(app.calls).toEqual([
      {
        path: '/rest/api/3/app/field/value',
        method: 'POST',
        body: JSON.stringify({ updates: [{ customField: 'customfield_10100', issueIds: [1, 2], value: 'Design' }] }),
      },
    ]);
  });
});

describe('Jira adapter inside an invocation: quota and remaining time (issue 22)', () => {
  it('stops at once on a 429 whose RateLimit-Reason names the hourly quota, with a typed error that says when it resets', async () => {
    const { adapter, calls, sleeps } = adapterFor([
      {
        status: 429,
        headers: { 'retry-after': '1800', 'ratelimit-reason': 'jira-quota-tenant-based', 'x-ratelimit-limit': '65000', 'x-ratelimit-remaining': '0' },
      },
      { status: 200, body: project },
    ]);
    const error = await adapter.getProject('OUT').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraQuotaExhaustedError);
    expect(error).toMatchObject({ code: 'quota-exhausted', retryAfterMs: 1_800_000, status: 429 });
    expect((error as Error).message).toContain("Jira's hourly API quota is used up; it resets in 30 min");
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('keeps waiting out burst and per-issue 429s (their Retry-After is short)', async () => {
    const { adapter, sleeps } = adapterFor([
      { status: 429, headers: { 'retry-after': '1', 'ratelimit-reason': 'jira-burst-based' } },
      { status: 429, headers: { 'retry-after': '2', 'ratelimit-reason': 'jira-per-issue-on-write' } },
      { status: 200, body: project },
    ]);
    await expect(adapter.getProject('OUT')).resolves.toMatchObject({ key: 'OUT' });
    expect(sleeps).toEqual([1000, 2000]);
  });

  it("caps every retry wait by the invocation's remaining time (less a margin to answer): a longer wait is not started", async () => {
    let remaining = 10_000;
    const { adapter, calls, sleeps } = adapterFor(
      [
        { status: 429, headers: { 'retry-after': '3' } },
        { status: 429, headers: { 'retry-after': '7' } },
        { status: 200, body: project },
      ],
      {
        remainingTimeMs: () => remaining,
        sleep: async (ms) => {
          sleeps.push(ms);
          remaining -= ms;
        },
      },
    );
    const error = await adapter.getProject('OUT').catch((e: unknown) => e);
    // 3 s fit in 10 s; then 7 s do not fit in the 7 s left less the margin.
    expect(sleeps).toEqual([3000]);
    expect(calls).toHaveLength(2);
    expect(error).toBeInstanceOf(JiraDeadlineError);
    expect((error as Error).message).toContain('a 7000 ms retry wait would overrun the time left');
  });

  it('reads the remaining time before every wait, also for back-off after a 5xx; without an invocation there is no cap', async () => {
    const { adapter, sleeps } = adapterFor([{ status: 503 }, { status: 200, body: project }], {
      remainingTimeMs: () => INVOCATION_MARGIN_MS + 50,
      baseDelayMs: 1000,
    });
    await expect(adapter.getProject('OUT')).rejects.toBeInstanceOf(JiraDeadlineError);
    expect(sleeps).toEqual([]);
    const free = adapterFor(
      [
        { status: 429, headers: { 'retry-after': '60' } },
        { status: 200, body: project },
      ],
      { remainingTimeMs: () => null },
    );
    await expect(free.adapter.getProject('OUT')).resolves.toMatchObject({ key: 'OUT' });
    expect(free.sleeps).toEqual([60_000]);
  });
});

describe("Jira adapter: Forge's platform errors are rethrown as what they are (issue 22)", () => {
  it.each([
    ['NeedsAuthenticationError', () => new NeedsAuthenticationError('Authentication required', 'jira', { scopes: ['read:jira-work'] })],
    ['ProxyRequestError', () => new ProxyRequestError(502, 'PROXY_ERR')],
  ])('%s: one attempt, no retry, no status 0', async (_name, make) => {
    const thrown = make();
    const calls: string[] = [];
    const sleeps: number[] = [];
    const adapter = createJiraAdapter(
      async (route) => {
        calls.push(route.value);
        throw thrown;
      },
      { sleep: async (ms) => void sleeps.push(ms) },
    );
    await expect(adapter.getProject('OUT')).rejects.toBe(thrown);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});
