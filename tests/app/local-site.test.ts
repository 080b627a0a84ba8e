import fs from 'fs';
import os from 'os';
import path from 'path';
import Resolver from '@forge/resolver';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load as cheerioLoad } from 'cheerio';
import { parse as parseYaml } from 'yaml';
import { currentInvocation, runAsInvocation, type ForgeInvocation } from '../../src/local/jira/transport';
import { loadApp, type LoadedApp } from '../../src/local/site/app-loader';
import type { LocalIssueEvent, LocalJira } from '../../src/local/site/jira-link';
import { framesInHtml, renderFrame, type RenderedFrame } from '../../src/local/site/frame-client';
import { FORGE_LIMITS, INVALID_CONFIG_MESSAGE } from '../../src/local/site/frames';
import { startLocalSite, type LocalSite } from '../../src/local/site/server';
import { ensureStaticBuild, repoRoot } from './helpers/static-build';
import { TEST_TODAY } from '../fixtures/clock';
import { invocationClock } from '../../src/forge/clock';

/** The host's view of the stand-in, with the stand-in's real invocation context (no Jira data needed here). */
function fakeJira(): LocalJira & { emit(event: LocalIssueEvent): void } {
  const listeners = new Set<(event: LocalIssueEvent) => void>();
  return {
    cloudId: 'cloud-test',
    appAccountId: 'acc-app',
    users: [
      { accountId: 'acc-sa', displayName: 'Sam Architect' },
      { accountId: 'acc-pm', displayName: 'Pat Manager' },
    ],
    runAsInvocation: <T>(invocation: ForgeInvocation, fn: () => Promise<T>) => runAsInvocation(invocation, fn),
    onIssueEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((l) => l(event)),
    close: async () => undefined,
  };
}

interface Seen {
  calls: { payload: unknown; context: Record<string, unknown>; invocationAccount: string | undefined }[];
  triggers: { event: unknown; runtime: unknown; invocation: ForgeInvocation | undefined }[];
}

/** The app's handlers, built with the real @forge/resolver so the host must speak Forge's invocation shape. */
function testApp(seen: Seen): LoadedApp {
  const resolver = new Resolver();
  resolver.define('getMacroState', ({ payload, context }) => {
    seen.calls.push({ payload, context: context as Record<string, unknown>, invocationAccount: currentInvocation()?.accountId });
    return { ok: true, data: { echo: payload, accountId: (context as { accountId?: string }).accountId } };
  });
  resolver.define('answerHuge', () => ({ ok: true, data: 'x'.repeat(FORGE_LIMITS.invokeResponseBytes + 1) }));
  resolver.define('runPastDeadline', async () => {
    invocationTimeouts.push(currentInvocation()?.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, TEST_TIMEOUT_MS + 1000));
    return { ok: true, data: 'too late' };
  });
  const handlers: Record<string, (request: unknown, runtime: unknown) => Promise<unknown>> = {
    resolver: resolver.getDefinitions() as (request: unknown, runtime: unknown) => Promise<unknown>,
    onIssueChange: async (event, runtime) => {
      seen.triggers.push({ event, runtime, invocation: currentInvocation() });
    },
  };
  return { ok: true, handler: (name) => handlers[name] ?? null };
}

/** The host's resolver deadline here (Forge's is 25 s; the host takes it as an option so this stays fast). */
const TEST_TIMEOUT_MS = 2000;
const invocationTimeouts: (number | undefined)[] = [];
let site: LocalSite;
let dataDir: string;
const jira = fakeJira();
const seen: Seen = { calls: [], triggers: [] };

beforeAll(async () => {
  ensureStaticBuild();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-site-'));
  site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, jira, app: testApp(seen), log: () => undefined, resolverTimeoutMs: TEST_TIMEOUT_MS });
}, 180_000);

afterAll(async () => {
  await site?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every request signs in explicitly (the site acts as no one by default), unless a test overrides the cookie. */
const SIGNED_IN = { cookie: 'op_user=acc-sa' };
const get = (p: string, headers: Record<string, string> = {}) => fetch(site.url + p, { redirect: 'manual', headers: { ...SIGNED_IN, ...headers } });
const post = (p: string, body: string, type: string, headers: Record<string, string> = {}) =>
  fetch(site.url + p, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': type, ...SIGNED_IN, ...headers } });

/** The frames the page declares for the host client (`window.__forgeFrames = {...}`), keyed by kind and localId. */
function framesOf(html: string): Record<string, RenderedFrame & { after?: string }> {
  if (!html.includes('window.__forgeFrames=')) throw new Error('page declares no frames');
  return Object.fromEntries(Object.values(framesInHtml(html)).map((f) => [`${f.id.split('-')[0]}-${String(f.context.localId)}`, f]));
}

/** A frame the host rendered on `pagePath` for the signed-in user (or `cookie`'s). */
async function renderedFrame(pagePath: string, key: string, headers: Record<string, string> = {}): Promise<RenderedFrame> {
  const frame = framesOf(await (await get(pagePath, headers)).text())[key];
  if (!frame) throw new Error(`${pagePath} rendered no ${key}`);
  return frame;
}

describe('local site: Confluence macro flow', () => {
  const pagePath = '/wiki/spaces/IMP/pages/1001';
  let localId = '';

  it('opens on the discovery page, which has no macro yet', async () => {
    const root = await get('/');
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe(pagePath);
    const html = await (await get(pagePath)).text();
    expect(html).toContain('Lakeshore Mutual – Outbound integration / discovery');
    expect(html).toContain('Insert Outbound Playbook macro');
    expect(framesOf(html)).toEqual({});
  });

  it("inserts the macro and opens its configuration in a modal with Forge's macro context", async () => {
    const inserted = await post(`${pagePath}/macros`, '', 'application/x-www-form-urlencoded');
    expect(inserted.status).toBe(303);
    const location = inserted.headers.get('location') ?? '';
    localId = new URL(location, site.url).searchParams.get('configure') ?? '';
    expect(localId).toMatch(/^[0-9a-f-]{36}$/);
    const html = await (await get(location)).text();
    expect(html).toContain('role="dialog"');
    const frames = framesOf(html);
    const config = frames[`config-${localId}`];
    expect(config.context).toMatchObject({
      accountId: 'acc-sa',
      cloudId: 'cloud-test',
      moduleKey: 'outbound-playbook-macro',
      localId,
      extension: { type: 'macro', content: { id: '1001', type: 'page' }, space: { key: 'IMP' }, isEditing: true },
    });
    // The frame's id is the host's opaque one (not the localId), and only the config frame is submittable.
    expect(config.id).toMatch(/^config-[0-9a-f]{32}$/);
    expect(config.submittable).toBe(true);
    expect(html).toContain(`/__forge/app/macro-config/index.html?__frame=${config.id}`);
  });

  it('keeps what view.submit({ config }) saved, exactly `config`, and hands it to the macro view as extension.config', async () => {
    const config = { kickoff: { projectKey: 'OUT', biller: 'Texas Mutual' } };
    const frame = await renderedFrame(`${pagePath}?configure=${localId}`, `config-${localId}`);
    const saved = await post('/__forge/submit', JSON.stringify({ frame: frame.id, payload: { config } }), 'application/json');
    expect(saved.status).toBe(200);
    const html = await (await get(pagePath)).text();
    const view = framesOf(html)[`macro-${localId}`];
    expect(view.context.extension).toMatchObject({ type: 'macro', config, isEditing: false });
    expect(view.submittable).toBe(false);
    expect(html).toContain(`/__forge/app/macro-view/index.html?__frame=${view.id}`);
    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'local-site.json'), 'utf8'));
    expect(stored.pages['1001'].macros).toEqual([{ localId, config }]);
    // The old way in (a page/macro path chosen by the caller) is gone.
    expect((await post(`/__site/pages/1001/macros/${localId}/config`, JSON.stringify({ config }), 'application/json')).status).toBe(404);
  });

  it("refuses what Forge refuses: a flat view.submit payload, a config that is no object, a frame that is not a config's", async () => {
    const before = fs.readFileSync(path.join(dataDir, 'local-site.json'), 'utf8');
    const frame = await renderedFrame(`${pagePath}?configure=${localId}`, `config-${localId}`);
    for (const payload of [{ kickoff: { projectKey: 'OUT' } }, { config: 'kickoff' }, { config: [1] }, { config: null }, null, 'config']) {
      const refused = await post('/__forge/submit', JSON.stringify({ frame: frame.id, payload }), 'application/json');
      expect([payload, refused.status, (await refused.json()).message]).toEqual([payload, 400, INVALID_CONFIG_MESSAGE]);
    }
    const view = await renderedFrame(pagePath, `macro-${localId}`);
    const notConfig = await post('/__forge/submit', JSON.stringify({ frame: view.id, payload: { config: {} } }), 'application/json');
    expect(notConfig.status).toBe(400);
    expect((await post('/__forge/submit', JSON.stringify({ frame: 'config-forged', payload: { config: {} } }), 'application/json')).status).toBe(404);
    // A frame rendered for the SA cannot submit as the PM.
    const asPm = await post('/__forge/submit', JSON.stringify({ frame: frame.id, payload: { config: {} } }), 'application/json', { cookie: 'op_user=acc-pm' });
    expect(asPm.status).toBe(401);
    expect(fs.readFileSync(path.join(dataDir, 'local-site.json'), 'utf8')).toBe(before);
  });

  it('gives a second macro on the same page its own localId, which its frames carry as the Forge context (one plan per macro)', async () => {
    const inserted = await post(`${pagePath}/macros`, '', 'application/x-www-form-urlencoded');
    const second = new URL(inserted.headers.get('location') ?? '', site.url).searchParams.get('configure') ?? '';
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(localId);
    const frames = framesOf(await (await get(pagePath)).text());
    expect(frames[`macro-${localId}`].context).toMatchObject({ localId, extension: { content: { id: '1001' } } });
    expect(frames[`macro-${second}`].context).toMatchObject({ localId: second, extension: { content: { id: '1001' } } });
  });
});

describe('local site: serving the Custom UI bundles', () => {
  it('serves the built index.html with the bridge ahead of the app scripts', async () => {
    const response = await get('/__forge/app/macro-view/index.html?__frame=x');
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    const bridgeAt = html.indexOf('<script src="/__forge/bridge.js"></script>');
    const appAt = html.search(/<script type="module"[^>]*src="\.\/assets\//);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(appAt).toBeGreaterThan(bridgeAt);
    const asset = html.match(/src="\.\/(assets\/[^"]+\.js)"/)![1];
    const js = await get(`/__forge/app/macro-view/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toBe(fs.readFileSync(path.join(repoRoot, 'static', 'macro-view', 'build', asset), 'utf8'));
  });

  it('serves only declared resources and nothing outside them', async () => {
    expect((await get('/__forge/app/not-a-resource/index.html')).status).toBe(404);
    expect((await get('/__forge/app/macro-view/..%2F..%2F..%2Fpackage.json')).status).toBe(403);
    expect((await get('/__forge/app/icons/playbook.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('serves the bridge shim, host client and token styles', async () => {
    const shim = await (await get('/__forge/bridge.js')).text();
    expect(shim).toContain('globalThis.__bridge = { callBridge: callBridge }');
    const hostClient = await (await get('/__forge/host-client.js')).text();
    expect(hostClient).toContain("postJson('/__forge/invoke'");
    // view.submit's payload goes to the host as it is: no wrapping that would hide a wrong shape.
    expect(hostClient).toContain("postJson('/__forge/submit', { frame: frame.id, payload: payload })");
    expect(await (await get('/__forge/tokens.css')).text()).toContain("html[data-color-mode='dark']");
  });
});

describe("local site: invoke bridges to the app's resolver", () => {
  /** The first macro view frame the host renders on the discovery page for `accountId`. */
  const macroFrameFor = async (accountId: string): Promise<RenderedFrame> => {
    const frames = framesOf(await (await get('/wiki/spaces/IMP/pages/1001', { cookie: `op_user=${accountId}` })).text());
    const frame = Object.values(frames).find((f) => f.id.startsWith('macro-'));
    if (!frame) throw new Error('no macro frame on the discovery page');
    return frame;
  };

  it("runs the resolver as the frame's user, in the context the host registered for the frame, with Forge's request shape", async () => {
    const switched = await post(
      '/__site/preferences',
      new URLSearchParams({ accountId: 'acc-pm', colorMode: 'dark', back: '/jira/issues' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe('/jira/issues');
    const cookie = switched.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toContain('op_user=acc-pm');
    const frame = await macroFrameFor('acc-pm');

    const response = await post(
      '/__forge/invoke',
      JSON.stringify({ functionKey: 'getMacroState', payload: { pageId: '1001' }, frame: frame.id }),
      'application/json',
      {
        cookie,
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ body: { ok: true, data: { echo: { pageId: '1001' }, accountId: 'acc-pm' } } });
    const call = seen.calls[seen.calls.length - 1];
    expect(call.invocationAccount).toBe('acc-pm');
    expect(call.context).toMatchObject({
      moduleKey: 'outbound-playbook-macro',
      localId: frame.context.localId,
      cloudId: 'cloud-test',
      siteUrl: site.url,
      extension: { type: 'macro', content: { id: '1001', type: 'page' }, space: { key: 'IMP' } },
      installContext: 'ari:cloud:jira::site/cloud-test',
    });
  });

  it('takes nothing of the context from the browser: a forged page, localId, module or account in the body changes nothing', async () => {
    const frame = await macroFrameFor('acc-sa');
    const forged = {
      functionKey: 'getMacroState',
      payload: {},
      frame: frame.id,
      moduleKey: 'outbound-playbook-admin-page',
      localId: 'forged-local-id',
      accountId: 'acc-pm',
      extension: { type: 'macro', content: { id: '6666', type: 'page' }, space: { key: 'EVIL' } },
      context: { extension: { content: { id: '6666' } } },
    };
    const response = await post('/__forge/invoke', JSON.stringify(forged), 'application/json');
    expect(response.status).toBe(200);
    const call = seen.calls[seen.calls.length - 1];
    expect(call.invocationAccount).toBe('acc-sa');
    expect(call.context).toMatchObject({
      accountId: 'acc-sa',
      moduleKey: 'outbound-playbook-macro',
      localId: frame.context.localId,
      extension: { content: { id: '1001', type: 'page' }, space: { key: 'IMP' } },
    });
    // The old body, a context object in place of the frame's id, is refused; so is an id the host never rendered.
    const contextInBody = { moduleKey: 'outbound-playbook-macro', localId: 'l-1', extension: { type: 'macro', content: { id: '6666' } } };
    expect((await post('/__forge/invoke', JSON.stringify({ functionKey: 'getMacroState', frame: contextInBody }), 'application/json')).status).toBe(400);
    expect((await post('/__forge/invoke', JSON.stringify({ functionKey: 'getMacroState', frame: 'macro-00' }), 'application/json')).status).toBe(404);
    // A frame rendered for the SA does not run as the PM (nor the PM as the SA).
    const asPm = await post('/__forge/invoke', JSON.stringify({ functionKey: 'getMacroState', frame: frame.id }), 'application/json', {
      cookie: 'op_user=acc-pm',
    });
    expect(asPm.status).toBe(401);
  });

  it("applies Forge's limits: a payload over 500 KB is refused, an answer over 5 MB fails, a resolver past the deadline gets Forge's timeout", async () => {
    const frame = await macroFrameFor('acc-sa');
    const before = seen.calls.length;
    const big = { text: 'x'.repeat(FORGE_LIMITS.invokePayloadBytes) };
    const tooBig = await post('/__forge/invoke', JSON.stringify({ functionKey: 'getMacroState', payload: big, frame: frame.id }), 'application/json');
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).message).toMatch(/Forge accepts at most 512000 bytes \(500 KB\)/);
    expect(seen.calls.length).toBe(before);
    const justUnder = { text: 'x'.repeat(FORGE_LIMITS.invokePayloadBytes - 20) };
    expect(
      (await post('/__forge/invoke', JSON.stringify({ functionKey: 'getMacroState', payload: justUnder, frame: frame.id }), 'application/json')).status,
    ).toBe(200);

    const huge = await post('/__forge/invoke', JSON.stringify({ functionKey: 'answerHuge', payload: {}, frame: frame.id }), 'application/json');
    expect(huge.status).toBe(500);
    expect((await huge.json()).message).toMatch(/at most 5242880 bytes \(5 MB\)/);

    const started = Date.now();
    const slow = await post('/__forge/invoke', JSON.stringify({ functionKey: 'runPastDeadline', payload: {}, frame: frame.id }), 'application/json');
    expect(slow.status).toBe(504);
    expect((await slow.json()).message).toBe(`The function timed out: Forge stops an invocation after ${TEST_TIMEOUT_MS / 1000} seconds.`);
    expect(Date.now() - started).toBeLessThan(TEST_TIMEOUT_MS + 1500);
    // The invocation runs with the same deadline (the Forge runtime's remaining time, which the adapter budgets by).
    expect(invocationTimeouts).toEqual([TEST_TIMEOUT_MS]);
  });

  it('answers errors as errors: unknown resolver, no frame, bad body', async () => {
    const frame = await macroFrameFor('acc-sa');
    const unknown = await post('/__forge/invoke', JSON.stringify({ functionKey: 'nope', payload: {}, frame: frame.id }), 'application/json');
    expect(unknown.status).toBe(500);
    expect((await unknown.json()).message).toContain("Resolver has no definition for 'nope'");
    const noFrame = await post('/__forge/invoke', JSON.stringify({ functionKey: 'getMacroState' }), 'application/json');
    expect(noFrame.status).toBe(400);
    expect((await post('/__forge/invoke', '[1]', 'application/json')).status).toBe(400);
  });

  it('failure 10: refuses to act when the identity cookie is missing or unknown (never the first demo user)', async () => {
    const frame = await macroFrameFor('acc-sa');
    const before = seen.calls.length;
    for (const cookie of ['', 'op_user=', 'op_user=acc-nobody', 'other=1']) {
      const invoked = await post(
        '/__forge/invoke',
        JSON.stringify({ functionKey: 'getMacroState', payload: { pageId: '1001' }, frame: frame.id }),
        'application/json',
        {
          cookie,
        },
      );
      expect([cookie, invoked.status]).toEqual([cookie, 401]);
      const page = await get('/wiki/spaces/IMP/pages/1001', { cookie });
      expect([cookie, page.status]).toEqual([cookie, 401]);
      const html = await page.text();
      expect(html).toMatch(/Choose who you are/);
      expect((await post('/wiki/spaces/IMP/pages/1001/macros', '', 'application/x-www-form-urlencoded', { cookie })).status).toBe(401);
    }
    expect(seen.calls.length).toBe(before);
  });

  it('refuses open redirects when switching user', async () => {
    const response = await post(
      '/__site/preferences',
      new URLSearchParams({ accountId: 'acc-sa', back: '//evil.example' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(response.headers.get('location')).toBe('/');
  });
});

describe('local site: triggers', () => {
  it('delivers issue events to the declared trigger as Forge product events, as an app invocation', async () => {
    jira.emit({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10001', key: 'OUT-2', fields: { summary: 'Step', labels: ['outbound-playbook'] } },
      accountId: 'acc-sa',
      changelog: { items: [{ field: 'status', toString: 'Done' }] },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const delivered = seen.triggers[seen.triggers.length - 1];
    expect(delivered.event).toEqual({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10001', key: 'OUT-2', fields: { summary: 'Step', labels: ['outbound-playbook'] } },
      atlassianId: 'acc-sa',
      user: { accountId: 'acc-sa' },
      associatedUsers: [{ accountId: 'acc-sa' }],
      changelog: { items: [{ field: 'status', toString: 'Done' }] },
      context: { cloudId: 'cloud-test', moduleKey: 'plan-roll-up' },
    });
    expect(delivered.runtime).toEqual({ installContext: 'ari:cloud:jira::site/cloud-test' });
    expect(delivered.invocation).toMatchObject({ moduleKey: 'plan-roll-up', functionKey: 'on-issue-change' });
    expect(delivered.invocation?.accountId).toBeUndefined();
  });

  it("applies the trigger's manifest filter: no invocation for issues without the playbook label, nor for the app's own edits", async () => {
    const before = seen.triggers.length;
    jira.emit({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10002', key: 'OUT-3', fields: { summary: 'Unrelated', labels: [] } },
      accountId: 'acc-sa',
      changelog: { items: [] },
    });
    jira.emit({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10003', key: 'OUT-4', fields: { summary: 'No labels field' } },
      accountId: 'acc-sa',
      changelog: { items: [] },
    });
    jira.emit({
      eventType: 'avi:jira:updated:issue',
      issue: { id: '10001', key: 'OUT-2', fields: { labels: ['outbound-playbook'] } },
      accountId: 'acc-app',
      changelog: { items: [] },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.triggers.length).toBe(before);
  });
});

describe('local site: before the resolvers exist', () => {
  it('starts anyway and says clearly that src/index.ts is missing', async () => {
    const emptyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'op-empty-'));
    fs.copyFileSync(path.join(repoRoot, 'manifest.yml'), path.join(emptyRoot, 'manifest.yml'));
    const missing = 'The app has no Forge entry yet: src/index.ts (exporting resolver and onIssueChange) does not exist.';
    expect(loadApp(emptyRoot)).toEqual({ ok: false, message: missing });
    const other = await startLocalSite({
      port: 0,
      today: TEST_TODAY,
      dataDir: path.join(emptyRoot, '.local-data'),
      jira: fakeJira(),
      repoRoot: emptyRoot,
      log: () => undefined,
    });
    try {
      expect(await (await fetch(`${other.url}/__site/health`)).json()).toEqual({ ok: true, app: missing, users: 2 });
      await fetch(`${other.url}/wiki/spaces/IMP/pages/1001/macros`, { method: 'POST', redirect: 'manual', headers: SIGNED_IN });
      const frame = await renderFrame(other.url, 'acc-sa', '/wiki/spaces/IMP/pages/1001', (f) => f.id.startsWith('macro-'));
      const response = await fetch(`${other.url}/__forge/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...SIGNED_IN },
        body: JSON.stringify({ functionKey: 'getTemplate', payload: {}, frame: frame.id }),
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ message: missing });
    } finally {
      await other.close();
      fs.rmSync(emptyRoot, { recursive: true, force: true });
    }
  });
});

describe("local site: Forge's Content-Security-Policy on every Custom UI resource", () => {
  const resources = ['macro-view', 'macro-config', 'issue-panel', 'project-page', 'admin-page', 'playbook-page'];
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );

  it.each(resources)('%s is served under a path prefix with exactly the policy @forge/csp computes', async (resource) => {
    const response = await get(`/__forge/app/${resource}/index.html?__frame=x`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    // The expectation comes from Atlassian's package, fed the built file and the manifest as Forge's resource server is.
    const built = fs.readFileSync(path.join(repoRoot, 'static', resource, 'build', 'index.html'), 'utf8');
    const manifest = parseYaml(fs.readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')) as { permissions?: Permissions };
    const details = new CSPProcessingService({ info: () => undefined }, cheerioLoad).getCspDetails(built, manifest.permissions ?? {});
    const expected = new CSPInjectionService()
      .getInjectableCSP({
        existingCSPDetails: details,
        microsEnv: 'prod',
        hostname: site.url,
        tunnelCSPReporterUri: `${site.url}/__forge/csp-report?resource=${resource}`,
      })
      .join('; ');
    expect(policy).toBe(expected);
    const parsed = directives(policy);
    expect(parsed.get('script-src')).not.toContain("'unsafe-eval'");
    expect(parsed.get('script-src')).not.toContain("'unsafe-inline'");
    expect(parsed.get('style-src')).not.toContain("'unsafe-inline'");
    expect(parsed.get('sandbox')).toContain('allow-scripts');
    // Nothing in the built page needs an exception: no inline scripts, no style attributes, relative assets.
    const $ = cheerioLoad(built);
    expect($('script:not([src])').length).toBe(0);
    expect($('[style]').length).toBe(0);
    expect(
      $('script[src], link[href]')
        .map((_i, el) => $(el).attr('src') ?? $(el).attr('href'))
        .get(),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/^\.\//)]));
  });

  it('keeps the violations a frame reports (report-uri), tagged with the resource', async () => {
    const report = {
      'csp-report': { 'effective-directive': 'script-src', 'blocked-uri': 'eval', 'source-file': `${site.url}/__forge/app/macro-config/assets/x.js` },
    };
    const before = site.cspViolations.length;
    const response = await post('/__forge/csp-report?resource=macro-config', JSON.stringify(report), 'application/csp-report');
    expect(response.status).toBe(204);
    expect(site.cspViolations.slice(before)).toEqual([
      { resource: 'macro-config', directive: 'script-src', blockedUri: 'eval', sourceFile: `${site.url}/__forge/app/macro-config/assets/x.js` },
    ]);
    site.cspViolations.splice(before);
  });
});

describe('local site: the clock people and tests move', () => {
  it('moves today for the whole process from the header form, persists it, and runs the scheduled triggers', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'op-clock-'));
    const manifestText = fs.readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8');
    const withSchedule = parseYaml(manifestText) as { modules: Record<string, unknown[]> };
    withSchedule.modules.scheduledTrigger = [{ key: 'daily-check', function: 'daily', interval: 'day' }];
    withSchedule.modules.function = [...withSchedule.modules.function, { key: 'daily', handler: 'index.daily' }];
    fs.writeFileSync(path.join(root, 'manifest.yml'), JSON.stringify(withSchedule));
    const runs: { request: unknown; today: string; invocation: ForgeInvocation | undefined }[] = [];
    const scheduledApp: LoadedApp = {
      ok: true,
      handler: (name) =>
        name === 'daily'
          ? async (request: unknown) => {
              runs.push({ request, today: invocationClock().today, invocation: currentInvocation() });
              return { statusCode: 204 };
            }
          : null,
    };
    const dataDir = path.join(root, '.local-data');
    let clockSite = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, jira: fakeJira(), app: scheduledApp, repoRoot: root, log: () => undefined });
    try {
      const move = (form: Record<string, string>) =>
        fetch(`${clockSite.url}/__site/clock`, { method: 'POST', body: new URLSearchParams({ back: '/jira/issues', ...form }), redirect: 'manual' });
      const header = await (await fetch(`${clockSite.url}/jira/issues`, { headers: { cookie: 'op_user=acc-sa' } })).text();
      expect(header).toContain(`id="site-today" name="today" type="date" value="${clockSite.clock.today()}"`);

      const set = await move({ action: 'set', today: '2027-03-05' });
      expect(set.status).toBe(303);
      expect(set.headers.get('location')).toBe('/jira/issues');
      expect(clockSite.clock.today()).toBe('2027-03-05');
      // The app reads the site's day through its clock seam; the process's own `Date` is left alone.
      expect(invocationClock().today).toBe('2027-03-05');
      expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(60_000);
      expect(new Date('2026-01-02T00:00:00Z').toISOString()).toBe('2026-01-02T00:00:00.000Z');
      expect(runs.map((r) => r.today)).toEqual(['2027-03-05']);
      expect(runs[0].request).toEqual({ context: { cloudId: 'cloud-test', moduleKey: 'daily-check' }, contextToken: 'local-daily-check' });
      expect(runs[0].invocation).toMatchObject({ moduleKey: 'daily-check', functionKey: 'daily' });
      expect(runs[0].invocation?.accountId).toBeUndefined();

      // Friday → Monday.
      await move({ action: 'next-business-day', today: '2027-03-05' });
      expect(clockSite.clock.today()).toBe('2027-03-08');
      expect(runs.map((r) => r.today)).toEqual(['2027-03-05', '2027-03-08']);

      const bad = await move({ action: 'set', today: '2027-02-30' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ message: 'Not a calendar date: 2027-02-30' });
      expect(clockSite.clock.today()).toBe('2027-03-08');

      await clockSite.close();
      clockSite = await startLocalSite({ port: 0, dataDir, jira: fakeJira(), app: scheduledApp, repoRoot: root, log: () => undefined });
      expect(clockSite.clock.today()).toBe('2027-03-08');
      await move({ action: 'reset' });
      expect(clockSite.clock.offsetDays()).toBe(0);
      expect(Math.abs(Date.now() - performance.timeOrigin - performance.now())).toBeLessThan(60_000);
    } finally {
      clockSite.clock.reset();
      await clockSite.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
