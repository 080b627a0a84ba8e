/**
 * The local web host: Confluence-like and Jira-like pages that host the app's built Custom UI bundles in
 * iframes, bridge their @forge/bridge calls to the app's real resolver (run as the selected user against the
 * Jira stand-in), keep macro configs per page, and deliver issue events to the app's trigger.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import api, { route } from '@forge/api';
import { loadApp, type LoadedApp } from './app-loader';
import type { JiraSite } from '../jira/site';
import type { RequestLog } from '../jira/transport';
import { compileTriggerFilter } from './trigger-filter';
import { connectStandIn, type LocalIssueEvent, type LocalJira, type LocalUser, type StandInLink } from './jira-link';
import { loadAppManifest, type AppManifest } from './manifest';
import { CSP_REPORT_PATH, forgeResourceCsp, manifestPermissions, parseCspReport, type CspViolation } from './csp';
import { issueEventInvocation, resolverInvocation, scheduledInvocation, type InvocationSite } from './invocation';
import { openSiteClock, type SiteClock } from '../clock';
import {
  confluencePageBody,
  issueBody,
  layout,
  messageBody,
  navigatorBody,
  projectPageBody,
  spaceIndexBody,
  type Chrome,
  type FrameSpec,
  type IssueData,
  type NavigatorRow,
} from './pages';
import { DISCOVERY_PAGE, SITE_PAGES, SiteStore } from './site-store';

export interface LocalSiteOptions {
  port?: number;
  host?: string;
  /** Where the stand-in and the site keep their data (default `<repo>/.local-data`). */
  dataDir?: string;
  repoRoot?: string;
  /** The Jira stand-in; by default the embedded one is started on `dataDir`. */
  jira?: LocalJira;
  /** The app's handlers; by default `src/index.ts` is loaded on first use. */
  app?: LoadedApp;
  /** Settles when a resource's Custom UI bundle is built (npm start builds them while the site starts); its files wait for it. */
  bundleReady?: (resource: string) => Promise<void>;
  log?: (line: string) => void;
  /** Simulated latency per request on the embedded stand-in (the bench); none by default. */
  jiraLatencyMs?: number;
}

export interface LocalSite {
  url: string;
  dataDir: string;
  users: LocalUser[];
  /** The embedded stand-in (null when `options.jira` was given), for tests that look into its store. */
  standIn: JiraSite | null;
  /** Content-Security-Policy violations the app's frames reported (Forge's policy, see csp.ts). */
  cspViolations: CspViolation[];
  /** The site's "today" (moves `Date` for the whole process). */
  clock: SiteClock;
  /** Whether a page holds a macro yet (the demo seed fills only empty pages). */
  hasMacro(pageId: string): boolean;
  /** Runs every `scheduledTrigger` of the manifest once, as Forge would on its interval (what moving the clock does). */
  runScheduledTriggers(): Promise<void>;
  /** The embedded stand-in's request log (null when `options.jira` was given). */
  jiraLog: RequestLog | null;
  close(): Promise<void>;
}

const DEFAULT_REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const BROWSER_DIR = path.join(__dirname, 'browser');
const MAX_BODY_BYTES = 1024 * 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function cookies(req: http.IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    (req.headers.cookie ?? '').split(';').flatMap((part) => {
      const at = part.indexOf('=');
      return at > 0 ? [[part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim())]] : [];
    }),
  );
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'Expected a JSON object');
  }
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}
const sendJson = (res: http.ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
const redirect = (res: http.ServerResponse, location: string, cookie?: string[]) => {
  res.writeHead(303, { location, ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end();
};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const rec = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

export async function startLocalSite(options: LocalSiteOptions = {}): Promise<LocalSite> {
  const repoRoot = options.repoRoot ?? DEFAULT_REPO_ROOT;
  const dataDir = options.dataDir ?? path.join(repoRoot, '.local-data');
  const log = options.log ?? ((line: string) => console.log(line));
  const manifest: AppManifest = loadAppManifest(path.join(repoRoot, 'manifest.yml'));
  const permissions = manifestPermissions(path.join(repoRoot, 'manifest.yml'));
  const cspViolations: CspViolation[] = [];
  const clock = openSiteClock(dataDir);
  const store = new SiteStore(dataDir);
  const embedded: StandInLink | null = options.jira ? null : await connectStandIn(dataDir, repoRoot, { latencyMs: options.jiraLatencyMs });
  const jira: LocalJira = options.jira ?? (embedded as StandInLink);
  let app: LoadedApp | null = options.app ?? null;
  const currentApp = (): LoadedApp => {
    if (app?.ok) return app;
    const loaded = loadApp(repoRoot);
    if (loaded.ok) app = loaded;
    return loaded;
  };

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The local site did not get a TCP address');
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  const site: InvocationSite = { cloudId: jira.cloudId, siteUrl: url };

  // ---- identity ------------------------------------------------------------------------------------
  /** The user named by the identity cookie; null when it is missing or names no account (never a default user). */
  function userOf(req: http.IncomingMessage): LocalUser | null {
    const wanted = cookies(req).op_user;
    return wanted ? (jira.users.find((u) => u.accountId === wanted) ?? null) : null;
  }
  function chrome(req: http.IncomingMessage, product: Chrome['product'], title: string, notice?: string): Chrome {
    return { product, title, user: userOf(req), users: jira.users, colorMode: cookies(req).op_theme === 'dark' ? 'dark' : 'light', back: req.url ?? '/', notice, today: clock.today(), offsetDays: clock.offsetDays() };
  }
  function requireUser(req: http.IncomingMessage): LocalUser {
    const user = userOf(req);
    if (!user) {
      throw new HttpError(
        401,
        cookies(req).op_user ? 'The identity cookie names no user of this site. Choose who you are under "Acting as".' : 'Not signed in. Choose who you are under "Acting as".',
      );
    }
    return user;
  }

  /** A Jira REST call made by the host itself, as the selected user, through the same Forge seam as the app. */
  async function asUser(user: LocalUser, call: () => Promise<{ status: number; json(): Promise<unknown>; text(): Promise<string> }>) {
    const response = await jira.runAsInvocation({ accountId: user.accountId }, call);
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : null;
    return { status: response.status, body };
  }
  const jiraError = (body: unknown, status: number) => {
    const messages = rec(body).errorMessages;
    return Array.isArray(messages) && messages.length ? messages.join(' ') : `Jira answered ${status}`;
  };

  // ---- contexts ------------------------------------------------------------------------------------
  const baseContext = (user: LocalUser, moduleKey: string, localId: string, extension: Record<string, unknown>) => ({
    accountId: user.accountId,
    cloudId: site.cloudId,
    siteUrl: site.siteUrl,
    moduleKey,
    localId,
    locale: 'en-US',
    timezone: 'UTC',
    environmentType: 'DEVELOPMENT',
    theme: { colorMode: 'light' },
    extension,
  });
  const macroExtension = (pageId: string, spaceKey: string, config: unknown, isEditing: boolean) => ({
    type: 'macro',
    content: { id: pageId, type: 'page' },
    space: { key: spaceKey, id: spaceKey },
    isEditing,
    ...(config ? { config } : {}),
  });

  // ---- pages ---------------------------------------------------------------------------------------
  function confluencePage(req: http.IncomingMessage, res: http.ServerResponse, spaceKey: string, pageId: string, query: URLSearchParams) {
    const page = SITE_PAGES.find((p) => p.id === pageId && p.spaceKey === spaceKey);
    if (!page) throw new HttpError(404, `No page ${spaceKey}/${pageId}`);
    const user = requireUser(req);
    const macros = store.macros(page.id);
    const pagePath = `/wiki/spaces/${page.spaceKey}/pages/${page.id}`;
    const viewFrames = new Map<string, FrameSpec>(
      macros.map((m) => [
        m.localId,
        { id: `macro-${m.localId}`, resource: manifest.macro.resource, title: 'Outbound Playbook', minHeight: 160, context: baseContext(user, manifest.macro.key, m.localId, macroExtension(page.id, page.spaceKey, m.config, false)) },
      ]),
    );
    const configuring = macros.find((m) => m.localId === query.get('configure'));
    const configFrame: FrameSpec | null =
      configuring && manifest.macro.configResource
        ? {
            id: `config-${configuring.localId}`,
            resource: manifest.macro.configResource,
            title: 'Outbound Playbook configuration',
            minHeight: 480,
            context: baseContext(user, manifest.macro.key, configuring.localId, macroExtension(page.id, page.spaceKey, configuring.config, true)),
            submit: `/__site/pages/${page.id}/macros/${configuring.localId}/config`,
            closable: true,
            after: pagePath,
          }
        : null;
    const frames = [...viewFrames.values(), ...(configFrame ? [configFrame] : [])];
    send(res, 200, layout(chrome(req, 'confluence', page.title), confluencePageBody({ ...page, macros: macros.map((m) => ({ localId: m.localId, configured: m.config !== null })) }, { view: viewFrames, config: configFrame }), frames), CONTENT_TYPES['.html']);
  }

  async function issuePage(req: http.IncomingMessage, res: http.ServerResponse, key: string, notice?: string) {
    const user = requireUser(req);
    const [issue, transitions] = await Promise.all([
      asUser(user, () => api.asUser().requestJira(route`/rest/api/3/issue/${key}?fields=summary,status,issuetype,project,duedate,assignee,parent`)),
      asUser(user, () => api.asUser().requestJira(route`/rest/api/3/issue/${key}/transitions`)),
    ]);
    if (issue.status !== 200) {
      send(res, issue.status === 404 ? 404 : 502, layout(chrome(req, 'jira', key), messageBody(key, jiraError(issue.body, issue.status))), CONTENT_TYPES['.html']);
      return;
    }
    const body = rec(issue.body);
    const fields = rec(body.fields);
    const data: IssueData = {
      key: str(body.key) ?? key,
      summary: str(fields.summary) ?? '',
      issueType: str(rec(fields.issuetype).name) ?? '',
      status: str(rec(fields.status).name) ?? '',
      statusCategory: str(rec(rec(fields.status).statusCategory).key) ?? '',
      projectKey: str(rec(fields.project).key) ?? key.split('-')[0],
      dueDate: str(fields.duedate),
      assignee: str(rec(fields.assignee).displayName),
      parentKey: str(rec(fields.parent).key),
    };
    const list = transitions.status === 200 ? rec(transitions.body).transitions : [];
    const options = (Array.isArray(list) ? list : []).map((t) => ({ id: String(rec(t).id ?? ''), name: str(rec(t).name) ?? '' }));
    const panel: FrameSpec = {
      id: `panel-${data.key}`,
      resource: manifest.issuePanel.resource,
      title: 'Outbound Playbook issue panel',
      minHeight: 160,
      context: baseContext(user, manifest.issuePanel.key, `panel-${data.key}`, {
        type: 'jira:issuePanel',
        issue: { id: String(body.id ?? ''), key: data.key, type: data.issueType },
        project: { id: String(rec(fields.project).id ?? ''), key: data.projectKey, type: 'software' },
      }),
    };
    send(res, 200, layout(chrome(req, 'jira', `${data.key} ${data.summary}`, notice), issueBody(data, options, panel), [panel]), CONTENT_TYPES['.html']);
  }

  async function projectPage(req: http.IncomingMessage, res: http.ServerResponse, projectKey: string) {
    const user = requireUser(req);
    const project = await asUser(user, () => api.asUser().requestJira(route`/rest/api/3/project/${projectKey}`));
    if (project.status !== 200) {
      send(res, 404, layout(chrome(req, 'jira', projectKey), messageBody(projectKey, jiraError(project.body, project.status))), CONTENT_TYPES['.html']);
      return;
    }
    const body = rec(project.body);
    const frame: FrameSpec = {
      id: `project-${projectKey}`,
      resource: manifest.projectPage.resource,
      title: 'Outbound Playbook project page',
      minHeight: 320,
      context: baseContext(user, manifest.projectPage.key, `project-${projectKey}`, { type: 'jira:projectPage', project: { id: String(body.id ?? ''), key: projectKey, type: 'software' } }),
    };
    send(res, 200, layout(chrome(req, 'jira', `${projectKey} · Outbound Playbook`), projectPageBody(projectKey, str(body.name) ?? projectKey, frame), [frame]), CONTENT_TYPES['.html']);
  }

  async function navigator(req: http.IncomingMessage, res: http.ServerResponse, jql: string) {
    const user = requireUser(req);
    let rows: NavigatorRow[] | null = null;
    let error: string | null = null;
    let total: number | null = null;
    if (jql.trim()) {
      const found = await asUser(user, () =>
        api.asUser().requestJira(route`/rest/api/3/search/jql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ jql, fields: ['summary', 'status', 'issuetype', 'duedate'], maxResults: 100 }),
        }),
      );
      if (found.status === 200) {
        const issues = rec(found.body).issues;
        rows = (Array.isArray(issues) ? issues : []).map((i) => {
          const f = rec(rec(i).fields);
          return { key: str(rec(i).key) ?? '', summary: str(f.summary) ?? '', issueType: str(rec(f.issuetype).name) ?? '', status: str(rec(f.status).name) ?? '', dueDate: str(f.duedate) };
        });
        total = typeof rec(found.body).total === 'number' ? (rec(found.body).total as number) : null;
      } else error = jiraError(found.body, found.status);
    }
    send(res, error ? 400 : 200, layout(chrome(req, 'jira', 'Issues'), navigatorBody(jql, rows, error, total)), CONTENT_TYPES['.html']);
  }

  // ---- bridge --------------------------------------------------------------------------------------
  async function invoke(req: http.IncomingMessage, res: http.ServerResponse) {
    const user = requireUser(req);
    const body = await readJson(req);
    const frame = rec(body.frame);
    const functionKey = str(body.functionKey);
    const moduleKey = str(frame.moduleKey);
    if (!functionKey || !moduleKey) throw new HttpError(400, 'invoke needs functionKey and frame.moduleKey');
    const module = [manifest.macro, manifest.issuePanel, manifest.projectPage].find((m) => m.key === moduleKey);
    if (!module?.resolverFunction) throw new HttpError(400, `Module ${moduleKey} has no resolver in manifest.yml`);
    const handlerRef = manifest.functions.get(module.resolverFunction);
    if (!handlerRef) throw new HttpError(500, `manifest.yml has no function ${module.resolverFunction}`);
    const loaded = currentApp();
    if (!loaded.ok) throw new HttpError(503, loaded.message);
    const handler = loaded.handler(handlerRef.exportName);
    if (!handler) throw new HttpError(503, `src/${handlerRef.file}.ts does not export ${handlerRef.exportName}`);
    const { request, runtime } = resolverInvocation(site, {
      functionKey,
      payload: body.payload ?? {},
      accountId: user.accountId,
      moduleKey,
      localId: str(frame.localId),
      extension: rec(frame.extension),
    });
    const result = await jira.runAsInvocation({ accountId: user.accountId, moduleKey, functionKey: module.resolverFunction }, () => handler(request, runtime));
    sendJson(res, 200, { body: result ?? null });
  }

  async function serveAppFile(res: http.ServerResponse, resourceKey: string, rest: string) {
    await options.bundleReady?.(resourceKey);
    const dir = manifest.resources.get(resourceKey);
    if (!dir) throw new HttpError(404, `No resource ${resourceKey} in manifest.yml`);
    const file = path.resolve(dir, rest || 'index.html');
    if (!file.startsWith(dir + path.sep)) throw new HttpError(403, 'Outside the resource');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (rest === 'index.html' || rest === '') throw new HttpError(404, `${path.relative(repoRoot, dir)} is not built; run npm run build`);
      throw new HttpError(404, 'Not found');
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (path.extname(file) === '.html') {
      // The same bundle Forge serves, under the policy Forge computes for it, plus the host's bridge (an
      // external script of the host's origin) ahead of the app's scripts.
      const built = fs.readFileSync(file, 'utf8');
      const html = built.replace(/<head>/i, '<head><script src="/__forge/bridge.js"></script>');
      send(res, 200, html, type, { 'content-security-policy': forgeResourceCsp(built, permissions, url, resourceKey) });
    } else send(res, 200, fs.readFileSync(file), type);
  }

  // ---- triggers ------------------------------------------------------------------------------------
  let triggerQueue: Promise<void> = Promise.resolve();
  // Forge applies each trigger's filter before invoking anything: a filtered-out event costs no invocation.
  const triggers = manifest.triggers.map((trigger) => ({ ...trigger, accepts: compileTriggerFilter(trigger.filter, jira.appAccountId) }));
  const unsubscribe = jira.onIssueEvent((event: LocalIssueEvent) => {
    const eventType = event.eventType;
    for (const trigger of triggers.filter((t) => t.events.includes(eventType))) {
      const { event: filtered } = issueEventInvocation(site, { eventType, triggerKey: trigger.key, issue: event.issue, accountId: event.accountId, changelog: event.changelog });
      const decision = trigger.accepts(filtered as Record<string, unknown>);
      if (decision.log) log(`trigger ${trigger.key} on ${event.issue.key}: ${decision.log}`);
      if (!decision.deliver) continue;
      triggerQueue = triggerQueue.then(async () => {
        const ref = manifest.functions.get(trigger.functionKey);
        const loaded = currentApp();
        const handler = ref && loaded.ok ? loaded.handler(ref.exportName) : null;
        if (!handler) return log(`trigger ${trigger.key}: no handler (${loaded.ok ? `export ${ref?.exportName}` : loaded.message})`);
        const { event: forgeEvent, runtime } = issueEventInvocation(site, { eventType, triggerKey: trigger.key, issue: event.issue, accountId: event.accountId, changelog: event.changelog });
        try {
          await jira.runAsInvocation({ moduleKey: trigger.key, functionKey: trigger.functionKey }, () => handler(forgeEvent, runtime));
        } catch (error) {
          log(`trigger ${trigger.key} failed on ${event.issue.key}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    }
  });

  /** Scheduled triggers run one after the other, without a user, like Forge's scheduler. */
  async function runScheduledTriggers(): Promise<void> {
    for (const trigger of manifest.scheduledTriggers) {
      const ref = manifest.functions.get(trigger.functionKey);
      const loaded = currentApp();
      const handler = ref && loaded.ok ? loaded.handler(ref.exportName) : null;
      if (!handler) {
        log(`scheduled trigger ${trigger.key}: no handler (${loaded.ok ? `export ${ref?.exportName}` : loaded.message})`);
        continue;
      }
      const { request, runtime } = scheduledInvocation(site, trigger.key);
      try {
        await jira.runAsInvocation({ moduleKey: trigger.key, functionKey: trigger.functionKey }, () => handler(request, runtime));
      } catch (error) {
        log(`scheduled trigger ${trigger.key} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  // ---- routing -------------------------------------------------------------------------------------
  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    const requestUrl = new URL(req.url ?? '/', url);
    const p = requestUrl.pathname;
    const method = req.method ?? 'GET';
    let m: RegExpMatchArray | null;
    if (method === 'GET' && p === '/') return redirect(res, `/wiki/spaces/${DISCOVERY_PAGE.spaceKey}/pages/${DISCOVERY_PAGE.id}`);
    if (method === 'GET' && (p === '/wiki' || p === '/wiki/')) {
      const pages = SITE_PAGES.map((page) => ({ id: page.id, title: page.title, macros: store.macros(page.id).length }));
      return send(res, 200, layout(chrome(req, 'confluence', 'Implementations'), spaceIndexBody(DISCOVERY_PAGE.spaceKey, pages)), CONTENT_TYPES['.html']);
    }
    if (method === 'GET' && (m = p.match(/^\/wiki\/spaces\/([^/]+)\/pages\/([^/]+)(?:\/[^/]*)?$/))) return confluencePage(req, res, m[1], m[2], requestUrl.searchParams);
    if (method === 'POST' && (m = p.match(/^\/wiki\/spaces\/([^/]+)\/pages\/([^/]+)\/macros$/))) {
      if (!SITE_PAGES.some((page) => page.id === m![2])) throw new HttpError(404, 'No such page');
      requireUser(req);
      const localId = store.insertMacro(m[2]);
      return redirect(res, `/wiki/spaces/${m[1]}/pages/${m[2]}?configure=${localId}`);
    }
    if (method === 'POST' && (m = p.match(/^\/__site\/pages\/([^/]+)\/macros\/([^/]+)\/config$/))) {
      requireUser(req);
      const body = await readJson(req);
      if (!store.saveConfig(m[1], m[2], body.config ?? null)) throw new HttpError(404, 'No such macro');
      return sendJson(res, 200, { saved: true });
    }
    if (method === 'GET' && (p === '/jira' || p === '/jira/')) return redirect(res, '/jira/projects/OUT/apps/outbound-playbook');
    if (method === 'GET' && (m = p.match(/^\/jira\/projects\/([A-Z][A-Z0-9_]*)\/apps(?:\/.*)?$/))) return projectPage(req, res, m[1]);
    if (method === 'GET' && (m = p.match(/^\/jira\/browse\/([A-Z][A-Z0-9_]*-\d+)$/))) return issuePage(req, res, m[1]);
    if (method === 'POST' && (m = p.match(/^\/jira\/browse\/([A-Z][A-Z0-9_]*-\d+)\/transition$/))) {
      const user = requireUser(req);
      const transitionId = new URLSearchParams(await readBody(req)).get('transitionId') ?? '';
      const key = m[1];
      const moved = await asUser(user, () =>
        api.asUser().requestJira(route`/rest/api/3/issue/${key}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ transition: { id: transitionId } }) }),
      );
      if (moved.status >= 300) return issuePage(req, res, key, `The transition failed: ${jiraError(moved.body, moved.status)}`);
      return redirect(res, `/jira/browse/${key}`);
    }
    if (method === 'GET' && (p === '/jira/issues' || p === '/jira/issues/')) return navigator(req, res, requestUrl.searchParams.get('jql') ?? '');
    if (method === 'POST' && p === '/__site/preferences') {
      const form = new URLSearchParams(await readBody(req));
      const accountId = form.get('accountId');
      const colorMode = form.get('colorMode') === 'dark' ? 'dark' : 'light';
      const back = form.get('back') ?? '/';
      const cookie = [`op_theme=${colorMode}; Path=/; SameSite=Lax`];
      if (accountId && jira.users.some((u) => u.accountId === accountId)) cookie.push(`op_user=${encodeURIComponent(accountId)}; Path=/; SameSite=Lax`);
      return redirect(res, back.startsWith('/') && !back.startsWith('//') ? back : '/', cookie);
    }
    if (method === 'POST' && p === '/__site/clock') {
      const form = new URLSearchParams(await readBody(req));
      const back = form.get('back') ?? '/';
      try {
        if (form.get('action') === 'next-business-day') clock.nextBusinessDay();
        else if (form.get('action') === 'reset') clock.reset();
        else clock.setToday(form.get('today') ?? '');
      } catch (error) {
        throw new HttpError(400, error instanceof Error ? error.message : String(error));
      }
      await triggerQueue;
      await runScheduledTriggers();
      return redirect(res, back.startsWith('/') && !back.startsWith('//') ? back : '/');
    }
    if (method === 'POST' && p === '/__forge/invoke') return invoke(req, res);
    if (method === 'POST' && p === CSP_REPORT_PATH) {
      const violation = parseCspReport(requestUrl.searchParams.get('resource') ?? 'unknown', await readBody(req));
      if (violation) {
        cspViolations.push(violation);
        log(`CSP violation in ${violation.resource}: ${violation.directive} blocked ${violation.blockedUri || '(inline)'}${violation.sourceFile ? ` from ${violation.sourceFile}` : ''}`);
      }
      return send(res, 204, '', 'text/plain');
    }
    if (method === 'GET' && p === '/__forge/bridge.js') return send(res, 200, fs.readFileSync(path.join(BROWSER_DIR, 'bridge-shim.js')), CONTENT_TYPES['.js']);
    if (method === 'GET' && p === '/__forge/host-client.js') return send(res, 200, fs.readFileSync(path.join(BROWSER_DIR, 'host-client.js')), CONTENT_TYPES['.js']);
    if (method === 'GET' && p === '/favicon.ico') return send(res, 200, fs.readFileSync(path.join(repoRoot, 'static', 'icons', 'playbook.svg')), CONTENT_TYPES['.svg']);
    if (method === 'GET' && p === '/__forge/tokens.css') return send(res, 200, fs.readFileSync(path.join(BROWSER_DIR, 'tokens.css')), CONTENT_TYPES['.css']);
    if (method === 'GET' && (m = p.match(/^\/__forge\/app\/([^/]+)\/(.*)$/))) return serveAppFile(res, decodeURIComponent(m[1]), decodeURIComponent(m[2]));
    if (method === 'GET' && p === '/__site/health') {
      const loaded = currentApp();
      return sendJson(res, 200, { ok: true, app: loaded.ok ? 'loaded' : loaded.message, users: jira.users.length });
    }
    throw new HttpError(404, `Nothing at ${method} ${p}`);
  }

  server.on('request', (req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) log(`${req.method} ${req.url}: ${error instanceof Error ? error.stack : message}`);
      if (res.headersSent) return res.end();
      if ((req.headers.accept ?? '').includes('text/html') && req.method === 'GET') {
        send(res, status, layout(chrome(req, req.url?.startsWith('/wiki') ? 'confluence' : 'jira', 'Error'), messageBody(`Error ${status}`, message)), CONTENT_TYPES['.html']);
      } else sendJson(res, status, { message });
    });
  });

  return {
    url,
    dataDir,
    users: jira.users,
    standIn: embedded?.site ?? null,
    cspViolations,
    clock,
    hasMacro: (pageId) => store.macros(pageId).length > 0,
    runScheduledTriggers,
    jiraLog: embedded?.requestLog ?? null,
    async close() {
      unsubscribe();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await triggerQueue;
      if (!options.jira) await jira.close();
    },
  };
}
