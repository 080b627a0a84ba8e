/**
 * What every route of the local site works with: the site's parts (manifest, macro store, Jira link, clock,
 * app, triggers, log) and the per-request helpers (who is signed in, the page chrome, Jira calls as the user).
 */
import type http from 'http';
import type { Permissions } from '@forge/manifest';
import type { LoadedApp } from './app-loader';
import type { SiteClock } from '../clock';
import type { CspViolation } from './csp';
import type { InvocationSite } from './invocation';
import type { LocalJira, LocalUser } from './jira-link';
import type { AppManifest } from './manifest';
import { FrameRegistry, type SubmitTarget } from './frames';
import type { Chrome, FrameSpec } from './pages';
import type { SiteStore } from './site-store';
import type { SiteTriggers } from './triggers';
import { cookies, HttpError, rec } from './http';

export interface SiteParts {
  /** The site's own origin (`http://host:port`). */
  url: string;
  repoRoot: string;
  manifest: AppManifest;
  permissions: Permissions;
  store: SiteStore;
  jira: LocalJira;
  clock: SiteClock;
  log: (line: string) => void;
  cspViolations: CspViolation[];
  bundleReady?: (resource: string) => Promise<void>;
  /** The app's handlers, loaded on first use (and again until they load). */
  currentApp(): LoadedApp;
  triggers: SiteTriggers;
  /** How long a resolver may run before the host stops waiting and answers Forge's timeout (25 s, as Forge). */
  resolverTimeoutMs: number;
}

type JiraResponse = { status: number; json(): Promise<unknown>; text(): Promise<string> };

export interface SiteContext extends SiteParts {
  site: InvocationSite;
  /** The user named by the identity cookie; null when it is missing or names no account (never a default user). */
  userOf(req: http.IncomingMessage): LocalUser | null;
  requireUser(req: http.IncomingMessage): LocalUser;
  chrome(req: http.IncomingMessage, product: Chrome['product'], title: string, notice?: string): Chrome;
  /** A Jira REST call made by the host itself, as the selected user, through the same Forge seam as the app. */
  asUser(user: LocalUser, call: () => Promise<JiraResponse>): Promise<{ status: number; body: unknown }>;
  /** The frames the host rendered, by opaque id: the only source of an invocation's context. */
  frames: FrameRegistry;
  /** Registers a UI module's frame for `user` and gives its spec, with the Forge context the host decided. */
  hostFrame(user: LocalUser, frame: HostedFrame): FrameSpec;
}

/** What a route decides about a frame it renders; the id and the context are the host's. */
export interface HostedFrame {
  /** Prefix of the opaque id: `macro`, `config`, `panel`, `project`, `admin`. */
  kind: string;
  resource: string;
  title: string;
  moduleKey: string;
  localId: string;
  extension: Record<string, unknown>;
  minHeight?: number;
  /** The macro instance a config frame's view.submit saves to. */
  submit?: SubmitTarget;
  closable?: boolean;
  after?: string;
}

export function siteContext(parts: SiteParts): SiteContext {
  const { jira, clock } = parts;
  const site: InvocationSite = { cloudId: jira.cloudId, siteUrl: parts.url };
  const userOf = (req: http.IncomingMessage): LocalUser | null => {
    const wanted = cookies(req).op_user;
    return wanted ? (jira.users.find((u) => u.accountId === wanted) ?? null) : null;
  };
  const frames = new FrameRegistry();
  const frameContext = (accountId: string, moduleKey: string, localId: string, extension: Record<string, unknown>) => ({
    accountId,
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
  return {
    ...parts,
    site,
    userOf,
    frames,
    requireUser(req) {
      const user = userOf(req);
      if (!user) {
        throw new HttpError(
          401,
          cookies(req).op_user
            ? 'The identity cookie names no user of this site. Choose who you are under "Acting as".'
            : 'Not signed in. Choose who you are under "Acting as".',
        );
      }
      return user;
    },
    chrome(req, product, title, notice) {
      return {
        product,
        title,
        user: userOf(req),
        users: jira.users,
        colorMode: cookies(req).op_theme === 'dark' ? 'dark' : 'light',
        back: req.url ?? '/',
        notice,
        today: clock.today(),
        offsetDays: clock.offsetDays(),
      };
    },
    async asUser(user, call) {
      const response = await jira.runAsInvocation({ accountId: user.accountId }, call);
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : null;
      return { status: response.status, body };
    },
    hostFrame(user, frame) {
      const id = frames.register(frame.kind, {
        accountId: user.accountId,
        moduleKey: frame.moduleKey,
        localId: frame.localId,
        extension: frame.extension,
        submit: frame.submit ?? null,
      });
      return {
        id,
        resource: frame.resource,
        title: frame.title,
        context: frameContext(user.accountId, frame.moduleKey, frame.localId, frame.extension),
        ...(frame.minHeight ? { minHeight: frame.minHeight } : {}),
        ...(frame.submit ? { submittable: true } : {}),
        ...(frame.closable ? { closable: true } : {}),
        ...(frame.after ? { after: frame.after } : {}),
      };
    },
  };
}

/** Jira's error messages, or its status when it gave none. */
export function jiraError(body: unknown, status: number): string {
  const messages = rec(body).errorMessages;
  return Array.isArray(messages) && messages.length ? messages.join(' ') : `Jira answered ${status}`;
}
