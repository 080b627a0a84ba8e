/** createJiraSite: the store, the demo seed, the request handler, authentication and issue events. */
import type { StandInHandler, StandInRequest, StandInResponse } from '../http-types';
import type { IssueEvent, SiteContext, SiteRequest } from './context';
import { IN_MEMORY, openSqlitePersistence } from './db';
import type { ForgeDeclarations } from './declarations';
import { APP_ACCOUNT_ID, DEMO_SITE } from './demo';
import { FieldCatalog } from './fields';
import { errorCollection, JiraHttpError } from './responses';
import { matchRoute } from './router';
import { JiraStore } from './store';
import { DEFAULT_PER_ISSUE_WRITE_LIMIT, PerIssueWriteLimiter, type WriteLimit } from './write-limit';

export interface JiraSiteOptions {
  /** null = in memory (tests); else persisted in `<dataDir>/jira.sqlite`. */
  dataDir: string | null;
  declarations: ForgeDeclarations;
  /** Search sees new or changed issues only this long after the write, unless named in reconcileIssues. Default 0. */
  indexLagMs?: number;
  clock?: () => Date;
  /** Default 20 writes per 2000 ms per issue; null disables it. */
  perIssueWriteLimit?: WriteLimit | null;
  /** What an empty store is seeded with; default 'demo'. */
  seed?: 'demo' | 'none';
  /** Used for `self` links when the request has no Host header (the Forge seam). */
  baseUrl?: string;
  /** Whether the site sends e-mail (notify answers 403 when not); default true. */
  outgoingMail?: boolean;
  /** Where requests for endpoints the stand-in does not serve are reported; default console.warn. */
  logger?: (message: string) => void;
}

export type IssueEventListener = (event: IssueEvent) => void;

export interface SiteAccount {
  accountId: string;
  emailAddress: string;
  displayName: string;
  apiToken: string;
  roleHint?: string;
}

export interface JiraSite {
  /** All REST behaviour; the transport calls this after authentication. */
  handle: StandInHandler;
  authenticate(email: string, apiToken: string): { accountId: string } | null;
  accounts(): SiteAccount[];
  /** Fired asynchronously after each committed change (create, update, transition, link, property). */
  onIssueEvent(listener: IssueEventListener): () => void;
  /** Direct access for tests and benchmarks (bulk insert, inspection). */
  store: JiraStore;
  /** The app's account (what asApp() acts as). */
  appAccountId: string;
  cloudId: string;
  /** Turns the site's outgoing mail on or off (Jira admin: Outgoing mail). */
  setOutgoingMail(enabled: boolean): void;
  /** The transport's index-lag fault changes this. */
  setIndexLagMs(ms: number): void;
  close(): void;
}

const DEFAULT_BASE_URL = 'http://localhost:8080';

function seedDemo(store: JiraStore): void {
  for (const account of DEMO_SITE.accountList) store.putAccount(account);
  for (const project of DEMO_SITE.projects) store.putProject(project);
}

export function createJiraSite(options: JiraSiteOptions): JiraSite {
  const clock = options.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const log = options.logger ?? ((message: string) => console.warn(message));
  const persistence = options.dataDir === null ? IN_MEMORY : openSqlitePersistence(options.dataDir);
  const store = new JiraStore(persistence, now, options.indexLagMs ?? 0);
  if (store.isEmpty() && (options.seed ?? 'demo') === 'demo') seedDemo(store);

  const listeners = new Set<IssueEventListener>();
  const ctx: SiteContext = {
    store,
    fields: new FieldCatalog(options.declarations),
    now,
    writeLimiter: new PerIssueWriteLimiter(options.perIssueWriteLimit === undefined ? DEFAULT_PER_ISSUE_WRITE_LIMIT : options.perIssueWriteLimit),
    appAccountId: APP_ACCOUNT_ID,
    mail: { outgoingEnabled: options.outgoingMail ?? true },
    emit(queued) {
      const issue = store.issue(queued.issueId);
      const event: IssueEvent = { ...queued, projectKey: (issue && store.project(issue.projectId)?.key) ?? '' };
      // After the commit and after the response: listeners (Forge triggers) never run inside the request.
      setImmediate(() => {
        for (const listener of listeners) {
          try {
            listener(event);
          } catch (error) {
            log(`Jira stand-in: issue event listener failed on ${event.eventType} ${event.issueKey}: ${(error as Error).message}`);
          }
        }
      });
    },
  };

  function handleSync(req: StandInRequest): StandInResponse {
    const method = req.method.toUpperCase();
    const route = matchRoute(method, req.path);
    if (!route) {
      log(`Jira stand-in: no endpoint for ${method} ${req.path}`);
      return errorCollection(404, [`No resource is found for ${method} ${req.path} in this Jira stand-in.`]);
    }
    const host = req.headers.host;
    const siteRequest: SiteRequest = {
      ...req,
      method,
      params: route.params,
      baseUrl: host ? `http://${host}` : (options.baseUrl ?? DEFAULT_BASE_URL),
      actorId: req.actor?.accountId ?? null,
    };
    try {
      return route.handler(ctx, siteRequest);
    } catch (error) {
      if (error instanceof JiraHttpError) return error.response;
      throw error;
    }
  }

  return {
    handle: async (req) => handleSync(req),
    authenticate(email, apiToken) {
      const lower = email.toLowerCase();
      const account = store.accounts().find((a) => a.emailAddress.toLowerCase() === lower && a.apiToken === apiToken);
      return account ? { accountId: account.accountId } : null;
    },
    accounts: () =>
      store.accounts().map(({ accountId, emailAddress, displayName, apiToken, roleHint }) => ({
        accountId,
        emailAddress,
        displayName,
        apiToken,
        ...(roleHint ? { roleHint } : {}),
      })),
    onIssueEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    store,
    appAccountId: APP_ACCOUNT_ID,
    cloudId: DEMO_SITE.cloudId,
    setOutgoingMail(enabled) {
      ctx.mail.outgoingEnabled = enabled;
    },
    setIndexLagMs(ms) {
      store.indexLagMs = Math.max(0, ms);
    },
    close() {
      listeners.clear();
      store.close();
    },
  };
}
