/**
 * The local web host: Confluence-like and Jira-like pages that host the app's built Custom UI bundles in
 * iframes, bridge their @forge/bridge calls to the app's real resolver (run as the selected user against the
 * Jira stand-in), keep macro configs per page, and deliver issue events to the app's trigger.
 * This file wires the parts; the pages and endpoints are the route table in ./router (one module per family
 * in ./routes), each handler working on the shared SiteContext (./context).
 */
import http from 'http';
import path from 'path';
import { loadApp, type LoadedApp } from './app-loader';
import type { JiraSite } from '../jira/site';
import type { RequestLog } from '../jira/transport';
import { connectStandIn, type LocalJira, type LocalUser, type StandInLink } from './jira-link';
import { loadAppManifest, type AppManifest } from './manifest';
import { manifestPermissions, type CspViolation } from './csp';
import { openSiteClock, type SiteClock } from '../clock';
import { installHostClock } from '../../forge/clock';
import { siteContext, type SiteContext } from './context';
import { FORGE_LIMITS } from './frames';
import { HttpError, send, sendJson, CONTENT_TYPES } from './http';
import { chooseUserBody, layout, messageBody } from './pages';
import { matchRoute } from './router';
import { SiteStore } from './site-store';
import { startTriggers } from './triggers';

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
  /** Start the site's clock on this day (YYYY-MM-DD) whatever was saved; tests pin it so they pass on any day. */
  today?: string;
  /** How long a resolver may run (Forge: 25 s); tests shorten it. */
  resolverTimeoutMs?: number;
}

export interface LocalSite {
  url: string;
  dataDir: string;
  users: LocalUser[];
  /** The embedded stand-in (null when `options.jira` was given), for tests that look into its store. */
  standIn: JiraSite | null;
  /** Content-Security-Policy violations the app's frames reported (Forge's policy, see csp.ts). */
  cspViolations: CspViolation[];
  /** The site's "today": what the app, the stand-in and the local KVS read as now. */
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

export async function startLocalSite(options: LocalSiteOptions = {}): Promise<LocalSite> {
  const repoRoot = options.repoRoot ?? DEFAULT_REPO_ROOT;
  const dataDir = options.dataDir ?? path.join(repoRoot, '.local-data');
  const log = options.log ?? ((line: string) => console.log(line));
  const manifest: AppManifest = loadAppManifest(path.join(repoRoot, 'manifest.yml'));
  const permissions = manifestPermissions(path.join(repoRoot, 'manifest.yml'));
  const cspViolations: CspViolation[] = [];
  const clock = openSiteClock(dataDir, { today: options.today });
  // The app reads the site's clock through its host-clock seam, never a patched `Date`.
  const uninstallClock = installHostClock(clock.nowMs);
  const store = new SiteStore(dataDir);
  const embedded: StandInLink | null = options.jira ? null : await connectStandIn(dataDir, repoRoot, { latencyMs: options.jiraLatencyMs, nowMs: clock.nowMs });
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
  const triggers = startTriggers({ manifest, jira, site: { cloudId: jira.cloudId, siteUrl: url }, currentApp, log });
  const ctx = siteContext({
    url,
    repoRoot,
    manifest,
    permissions,
    store,
    jira,
    clock,
    log,
    cspViolations,
    bundleReady: options.bundleReady,
    currentApp,
    triggers,
    resolverTimeoutMs: options.resolverTimeoutMs ?? FORGE_LIMITS.resolverTimeoutMs,
  });

  server.on('request', (req, res) => {
    handleRequest(ctx, req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) log(`${req.method} ${req.url}: ${error instanceof Error ? error.stack : message}`);
      if (res.headersSent) return res.end();
      if ((req.headers.accept ?? '').includes('text/html') && req.method === 'GET') {
        const product = req.url?.startsWith('/wiki') ? 'confluence' : 'jira';
        // Nobody signed in: still 401 for anything that reads the status, but a person sees whom to choose.
        const page =
          status === 401
            ? layout(ctx.chrome(req, product, 'Choose who you are'), chooseUserBody(ctx.chrome(req, product, ''), message))
            : layout(ctx.chrome(req, product, 'Error'), messageBody(`Error ${status}`, message));
        send(res, status, page, CONTENT_TYPES['.html']);
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
    runScheduledTriggers: () => triggers.runScheduled(),
    jiraLog: embedded?.requestLog ?? null,
    async close() {
      triggers.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await triggers.idle();
      if (!options.jira) await jira.close();
      uninstallClock();
    },
  };
}

async function handleRequest(ctx: SiteContext, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.url);
  const method = req.method ?? 'GET';
  const matched = matchRoute(method, url.pathname);
  if (!matched) throw new HttpError(404, `Nothing at ${method} ${url.pathname}`);
  await matched.handler(ctx, { req, res, url, params: matched.params });
}
