import { basicAuthorization, createStandInServer, createTransport, type StandInServer, type Transport } from '../../../src/local/jira/transport';
import { ANN, createBody, createFakeJira, type FakeJira } from './fake-jira';

let fake: FakeJira;
let transport: Transport;
let server: StandInServer;
const lines: string[] = [];

beforeEach(async () => {
  fake = createFakeJira();
  transport = createTransport({ handler: fake.handler, authenticate: fake.authenticate, contractMode: 'strict' });
  lines.length = 0;
  server = await createStandInServer({ transport, port: 0, logLine: (line) => lines.push(line) });
});

afterEach(async () => {
  await server.close();
});

const auth = { authorization: basicAuthorization(ANN), accept: 'application/json' };

describe('HTTP server', () => {
  it('listens on 127.0.0.1 and serves an authenticated request end to end', async () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.baseUrl}/rest/api/3/myself`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ accountId: ANN.accountId });
    expect(lines).toEqual([expect.stringMatching(/^GET \/rest\/api\/3\/myself → 200 \(\d+ ms\)$/)]);
  });

  it('answers 401 without credentials', async () => {
    const response = await fetch(`${server.baseUrl}/rest/api/3/myself`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorMessages: [expect.stringContaining('not authenticated')] });
  });

  it('creates then reads an issue, passing the query string and JSON body through', async () => {
    const created = await fetch(`${server.baseUrl}/rest/api/3/issue`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: createBody('over HTTP'),
    });
    expect(created.status).toBe(201);
    const read = await fetch(`${server.baseUrl}/rest/api/3/issue/OUT-1?fields=summary`, { headers: auth });
    expect(await read.json()).toMatchObject({ key: 'OUT-1', fields: { summary: 'over HTTP' } });
    expect(fake.calls[1].query.get('fields')).toBe('summary');
  });

  it('answers 400 like Jira for malformed JSON', async () => {
    const response = await fetch(`${server.baseUrl}/rest/api/3/issue`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorMessages: [expect.stringMatching(/JSON/)], errors: {} });
  });

  it('sends the 429 headers over the wire', async () => {
    transport.setFaults({ rate429: 1 });
    const response = await fetch(`${server.baseUrl}/rest/api/3/myself`, { headers: auth });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('ratelimit-reason')).toBe('jira-burst-based');
  });

  it('commit-then-drop in reset style destroys the socket after the write commits', async () => {
    transport.setFaults({ rateCommitThenDrop: 1, dropStyle: 'reset' });
    await expect(
      fetch(`${server.baseUrl}/rest/api/3/issue`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: createBody('lost answer'),
      }),
    ).rejects.toThrow(/fetch failed/);
    expect(fake.issueCount()).toBe(1);
  });

  it('refuses bodies beyond the size limit with 413', async () => {
    await server.close();
    server = await createStandInServer({ transport, maxBodyBytes: 64 });
    const response = await fetch(`${server.baseUrl}/rest/api/3/issue`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: createBody('x'.repeat(200)),
    });
    expect(response.status).toBe(413);
    expect(fake.calls).toHaveLength(0);
  });

  it('closes promptly even with keep-alive connections open', async () => {
    await fetch(`${server.baseUrl}/rest/api/3/myself`, { headers: auth });
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.baseUrl}/rest/api/3/myself`, { headers: auth })).rejects.toThrow();
    server = await createStandInServer({ transport });
  });
});
