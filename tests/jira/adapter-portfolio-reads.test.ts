/** The adapter's id-only search and bulk fetch on scripted responses: page sizes, chunks, in-flight cap, retries. */
import { BULK_FETCH_CONCURRENCY, createJiraAdapter, JiraServerError, type JiraRequestFn } from '../../src/jira';

interface Sent {
  path: string;
  body: Record<string, unknown>;
}

/** Answers each request with `answer(body)` after a tick, recording what was sent and how many were in flight. */
function scripted(answer: (body: Record<string, unknown>, n: number) => { status: number; body: unknown }) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const request: JiraRequestFn = async (route, init) => {
    const body = JSON.parse(init?.body ?? '{}') as Record<string, unknown>;
    sent.push({ path: route.value, body });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight -= 1;
    const reply = answer(body, sent.length);
    const text = JSON.stringify(reply.body);
    return { status: reply.status, headers: { get: () => null }, json: async () => JSON.parse(text) as unknown, text: async () => text };
  };
  return { request, sent, maxInFlight: () => maxInFlight };
}

const adapterOn = (request: JiraRequestFn) => createJiraAdapter(request, { sleep: async () => undefined, random: () => 0.5 });
const issuesFor = (ids: string[]) => ids.map((id) => ({ id, key: `OUT-${id}`, properties: { p: { id } } }));

describe('searchIssueIds', () => {
  it('asks for ids only, 5,000 a page, follows nextPageToken and hands each page over as it arrives', async () => {
    const pages = [Array.from({ length: 5000 }, (_, i) => String(i)), ['5000', '5001']];
    const { request, sent } = scripted((body) =>
      body.nextPageToken
        ? { status: 200, body: { issues: pages[1].map((id) => ({ id })), isLast: true } }
        : { status: 200, body: { issues: pages[0].map((id) => ({ id })), isLast: false, nextPageToken: 't1' } },
    );
    const seen: number[] = [];
    const ids = await adapterOn(request).searchIssueIds({ jql: 'project = OUT', onPage: (page) => seen.push(page.length) });
    expect(ids).toHaveLength(5002);
    expect(seen).toEqual([5000, 2]);
    expect(sent.map((s) => [s.body.maxResults, s.body.fields, s.body.nextPageToken])).toEqual([
      [5000, ['id'], undefined],
      [5000, ['id'], 't1'],
    ]);
  });
});

describe('bulkFetchIssues', () => {
  it('sends chunks of 100, at most BULK_FETCH_CONCURRENCY in flight, with the fields and properties asked for', async () => {
    const { request, sent, maxInFlight } = scripted((body) => ({ status: 200, body: { issues: issuesFor(body.issueIdsOrKeys as string[]), issueErrors: [] } }));
    const ids = Array.from({ length: 7250 }, (_, i) => String(i));
    const issues = await adapterOn(request).bulkFetchIssues(ids, { fields: ['summary'], properties: ['p'] });
    expect(issues.map((i) => i.id)).toEqual(ids);
    expect(sent.map((s) => (s.body.issueIdsOrKeys as string[]).length)).toEqual([...Array(72).fill(100), 50]);
    expect(
      sent.every(
        (s) => s.path === '/rest/api/3/issue/bulkfetch' && JSON.stringify(s.body.fields) === '["summary"]' && JSON.stringify(s.body.properties) === '["p"]',
      ),
    ).toBe(true);
    expect(maxInFlight()).toBe(BULK_FETCH_CONCURRENCY);
  });

  it('fetches again the issues Jira listed in issueErrors, and fails with a typed error if they keep failing', async () => {
    const flaky = scripted((body, n) => {
      const ids = body.issueIdsOrKeys as string[];
      return n === 1
        ? { status: 200, body: { issues: issuesFor(ids.slice(1)), issueErrors: [{ id: ids[0], errorMessage: 'Retry later' }] } }
        : { status: 200, body: { issues: issuesFor(ids), issueErrors: [] } };
    });
    expect((await adapterOn(flaky.request).bulkFetchIssues(['1', '2', '3'], { fields: ['summary'] })).map((i) => i.id).sort()).toEqual(['1', '2', '3']);
    expect(flaky.sent.map((s) => s.body.issueIdsOrKeys)).toEqual([['1', '2', '3'], ['1']]);

    const broken = scripted((body) => ({
      status: 200,
      body: { issues: [], issueErrors: (body.issueIdsOrKeys as string[]).map((id) => ({ id, errorMessage: 'Too large' })) },
    }));
    await expect(adapterOn(broken.request).bulkFetchIssues(['1'], { fields: ['summary'] })).rejects.toBeInstanceOf(JiraServerError);
    expect(broken.sent).toHaveLength(5);
  });

  it('retries a 429 like every adapter call', async () => {
    const limited = scripted((body, n) =>
      n === 1
        ? { status: 429, body: { errorMessages: ['Rate limit exceeded.'] } }
        : { status: 200, body: { issues: issuesFor(body.issueIdsOrKeys as string[]) } },
    );
    expect(await adapterOn(limited.request).bulkFetchIssues(['1'], { fields: ['summary'] })).toHaveLength(1);
    expect(limited.sent).toHaveLength(2);
  });
});
