import api, { getAppContext, route } from '@forge/api';
import { createTransport, installForgeSeam, runAsInvocation, type ForgeSeam, type Transport } from '../../../src/local/jira/transport';
import { ANN, APP, BOB, createFakeJira, type FakeJira } from './fake-jira';

let fake: FakeJira;
let transport: Transport;
let seam: ForgeSeam;

beforeEach(() => {
  fake = createFakeJira();
  transport = createTransport({ handler: fake.handler, authenticate: fake.authenticate, isKnownAccount: fake.isKnownAccount, contractMode: 'strict' });
  seam = installForgeSeam({ transport, appAccountId: APP.accountId });
});

afterEach(() => seam.uninstall());

const whoAmI = async (as: 'user' | 'app') => {
  const requester = as === 'user' ? api.asUser() : api.asApp();
  const response = await requester.requestJira(route`/rest/api/3/myself`, { headers: { Accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as { accountId: string } };
};

describe('Forge seam (the real @forge/api, in process)', () => {
  it('asUser().requestJira runs as the invoking account', async () => {
    const result = await runAsInvocation({ accountId: BOB.accountId }, () => whoAmI('user'));
    expect(result).toEqual({ status: 200, body: expect.objectContaining({ accountId: BOB.accountId }) });
    expect(transport.log.entries()[0]).toMatchObject({ operationId: 'getCurrentUser', actor: BOB.accountId });
  });

  it('asApp().requestJira runs as the app, even inside a user invocation', async () => {
    const result = await runAsInvocation({ accountId: ANN.accountId }, () => whoAmI('app'));
    expect(result.body.accountId).toBe(APP.accountId);
  });

  it('keeps concurrent invocations for different users apart', async () => {
    transport.setFaults({ latencyMs: { fixed: 5, jitter: 20 } });
    const people = [ANN, BOB, ANN, BOB, ANN, BOB];
    const results = await Promise.all(
      people.map((person) => runAsInvocation({ accountId: person.accountId }, async () => [await whoAmI('user'), await whoAmI('user')])),
    );
    expect(results.map((pair) => pair.map((r) => r.body.accountId))).toEqual(people.map((p) => [p.accountId, p.accountId]));
  });

  it('passes method, query and JSON body through the transport, and Jira errors back as responses', async () => {
    const response = await runAsInvocation({ accountId: ANN.accountId }, () =>
      api.asUser().requestJira(route`/rest/api/3/issue?updateHistory=${'true'}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields: { summary: 'from Forge', project: { key: 'OUT' }, issuetype: { name: 'Task' } } }),
      }),
    );
    expect(response.status).toBe(201);
    expect(fake.calls[0]).toMatchObject({ method: 'POST', body: { fields: { summary: 'from Forge' } }, actor: { accountId: ANN.accountId } });
    expect(fake.calls[0].query.get('updateHistory')).toBe('true');
    const missing = await runAsInvocation({ accountId: ANN.accountId }, () => api.asUser().requestJira(route`/rest/api/3/issue/${'OUT-99'}`));
    expect(missing.status).toBe(404);
  });

  it('refuses asUser() outside an invocation, and an account the site does not know', async () => {
    await expect(whoAmI('user')).rejects.toThrow(/outside a user invocation/);
    const unknown = await runAsInvocation({ accountId: 'acc-stranger' }, () => whoAmI('user'));
    expect(unknown.status).toBe(401);
  });

  it('answers requestConfluence with a clear 501 for now', async () => {
    const response = await runAsInvocation({ accountId: ANN.accountId }, () => api.asUser().requestConfluence(route`/wiki/api/v2/pages`));
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ errorMessages: [expect.stringContaining("'confluence'")] });
  });

  it('turns a reset-style dropped write into a failed fetch after the write committed', async () => {
    transport.setFaults({ rateCommitThenDrop: 1, dropStyle: 'reset' });
    const create = () =>
      api.asUser().requestJira(route`/rest/api/3/issue`, {
        method: 'POST',
        body: JSON.stringify({ fields: { summary: 'dropped', project: { key: 'OUT' }, issuetype: { name: 'Task' } } }),
      });
    await expect(runAsInvocation({ accountId: ANN.accountId }, create)).rejects.toThrow('fetch failed');
    expect(fake.issueCount()).toBe(1);
  });

  it('exposes the invocation through the Forge runtime (getAppContext)', async () => {
    const context = runAsInvocation({ accountId: ANN.accountId, invocationId: 'inv-1', moduleKey: 'playbook-macro' }, () => getAppContext());
    expect(context).toMatchObject({ invocationId: 'inv-1', moduleKey: 'playbook-macro' });
    expect(context.invocationRemainingTimeInMillis()).toBeGreaterThan(20_000);
  });

  it('passes other fetch types to the previously installed handler and restores globals on uninstall', async () => {
    seam.uninstall();
    const globals = globalThis as { __forge_fetch__?: (target: { type?: string }, path: string) => Promise<Response> };
    const previous = async () => new Response('{"value":1}', { status: 200 });
    globals.__forge_fetch__ = previous;
    seam = installForgeSeam({ transport, appAccountId: APP.accountId });
    const kvsAnswer = await globals.__forge_fetch__!({ type: 'kvs' }, '/api/v1/get');
    expect(await kvsAnswer.json()).toEqual({ value: 1 });
    seam.uninstall();
    expect(globals.__forge_fetch__).toBe(previous);
    expect('__forge_runtime__' in globalThis).toBe(false);
    delete globals.__forge_fetch__;
    seam = installForgeSeam({ transport, appAccountId: APP.accountId });
  });
});
