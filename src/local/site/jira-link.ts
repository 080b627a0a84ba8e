/**
 * What the local host needs from the Jira stand-in, and the one place that wires the real stand-in
 * (src/local/jira: createJiraSite + the Forge seam, and the local Forge KVS) to it. Everything else in the
 * host sees only LocalJira.
 */
import { installForgeKvs } from '../kvs';
import { runAsInvocation, type ForgeInvocation } from '../jira/transport';

export type { ForgeInvocation };

export interface LocalUser {
  accountId: string;
  displayName: string;
}

/** An issue change as the stand-in reports it; turned into a Forge product event for triggers. */
export interface LocalIssueEvent {
  type: 'created' | 'updated';
  issue: { id: string; key: string; fields: Record<string, unknown> };
  /** Who made the change. */
  accountId: string | null;
  changelog?: { id?: string; items: Record<string, unknown>[] };
}

export interface LocalJira {
  cloudId: string;
  users: LocalUser[];
  /** Runs fn as one Forge invocation: `asUser()` calls inside act as `invocation.accountId` (none: app-only, e.g. triggers). */
  runAsInvocation<T>(invocation: ForgeInvocation, fn: () => Promise<T>): Promise<T>;
  onIssueEvent(listener: (event: LocalIssueEvent) => void): () => void;
  close(): Promise<void>;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;
const fn = (value: unknown, what: string): ((...args: unknown[]) => unknown) => {
  if (typeof value !== 'function') throw new Error(`The Jira stand-in does not provide ${what} yet.`);
  return value as (...args: unknown[]) => unknown;
};

function usersOf(source: unknown): LocalUser[] {
  const list = isObject(source) ? (source.users ?? source.accounts) : undefined;
  const values = Array.isArray(list) ? list : isObject(list) ? Object.values(list) : [];
  return values.flatMap((u) => (isObject(u) && typeof u.accountId === 'string' ? [{ accountId: u.accountId, displayName: String(u.displayName ?? u.accountId) }] : []));
}

/**
 * Starts the embedded stand-in on `dataDir` (seeded with the demo site on first run) and installs the Forge
 * seam so the app's real `@forge/api` calls reach it.
 */
export async function connectStandIn(dataDir: string): Promise<LocalJira> {
  let siteModule: Loose;
  try {
    siteModule = require('../jira/site') as Loose;
  } catch (error) {
    throw new Error(`The Jira stand-in site (src/local/jira/site) is not available yet: ${error instanceof Error ? error.message : String(error)}`);
  }
  // createJiraSite opens (or seeds) the data dir and installs the Forge seam for the app's @forge/api calls.
  const site = (await fn(siteModule.createJiraSite, 'createJiraSite')({ dataDir, installForgeSeam: true })) as Loose;
  const kvs = installForgeKvs();
  const demo = siteModule.DEMO_SITE;
  const users = usersOf(site).length ? usersOf(site) : usersOf(demo);
  const cloudId = String((isObject(site) && site.cloudId) || (isObject(demo) && demo.cloudId) || 'local-cloud');
  return {
    cloudId,
    users,
    runAsInvocation: <T>(invocation: ForgeInvocation, body: () => Promise<T>) => runAsInvocation(invocation, body),
    onIssueEvent(listener) {
      const unsubscribe = fn(site.onIssueEvent, 'site.onIssueEvent').call(site, listener);
      return typeof unsubscribe === 'function' ? (unsubscribe as () => void) : () => undefined;
    },
    async close() {
      kvs.uninstall();
      if (typeof site.close === 'function') await (site.close as () => unknown)();
    },
  };
}
