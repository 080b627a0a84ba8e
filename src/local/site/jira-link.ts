/**
 * What the local host needs from the Jira stand-in, and the one place that wires the real stand-in
 * (src/local/jira: createJiraSite + transport + the Forge seam, and the local Forge KVS) to it. Everything
 * else in the host sees only LocalJira.
 */
import path from 'path';
import { installForgeKvs } from '../kvs';
import { APP_ACCOUNT_ID, createJiraSite, eventIssue, loadForgeDeclarations, type IssueEvent, type JiraSite, type OutboxEntry } from '../jira/site';
import { createTransport, installForgeSeam, runAsInvocation, type ForgeInvocation, type RequestLog } from '../jira/transport';

export type { ForgeInvocation };

export interface LocalUser {
  accountId: string;
  displayName: string;
  /** The demo role this sign-in is meant for (SA, PM, viewer…), shown in the user switcher. */
  roleHint?: string;
}

/** An issue change as Forge delivers it to a product trigger (`eventType` such as `avi:jira:updated:issue`). */
export interface LocalIssueEvent {
  eventType: string;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  /** Who made the change. */
  accountId: string | null;
  changelog?: { id?: string; items: Record<string, unknown>[] };
}

export interface LocalJira {
  cloudId: string;
  /** The app's own account: events it caused are what a trigger's `ignoreSelf` drops. */
  appAccountId: string;
  users: LocalUser[];
  /** Runs fn as one Forge invocation: `asUser()` calls inside act as `invocation.accountId` (none: app-only, e.g. triggers). */
  runAsInvocation<T>(invocation: ForgeInvocation, fn: () => Promise<T>): Promise<T>;
  onIssueEvent(listener: (event: LocalIssueEvent) => void): () => void;
  /** What Jira would have e-mailed for notify, oldest first (the Notifications page); absent without a stand-in. */
  outbox?(): OutboxEntry[];
  close(): Promise<void>;
}

/** A stand-in event as Forge would deliver it: the issue's event fields, the changed fields as changelog items. */
export function forgeIssueEvent(event: IssueEvent, site: JiraSite): LocalIssueEvent {
  return {
    eventType: event.eventType,
    issue: eventIssue(site.store, event.issueId, event.issueKey),
    accountId: event.actorAccountId || null,
    ...(event.eventType === 'avi:jira:updated:issue' ? { changelog: { items: event.changedFields.map((field) => ({ field, fieldId: field })) } } : {}),
  };
}

export interface StandInLink extends LocalJira {
  /** The stand-in itself, for tests that look straight into its store. */
  site: JiraSite;
  /** Every REST request the stand-in answered (the bench counts round trips from it). */
  requestLog: RequestLog;
}

/**
 * Opens the stand-in on `dataDir` (seeded with the demo site on first run), puts the transport pipeline in
 * front of it and installs the Forge seam and the local KVS, so the app's real `@forge/api` and `@forge/kvs`
 * calls reach it in-process. One stand-in per process: the seam is a process global.
 */
export async function connectStandIn(dataDir: string, repoRoot: string, options: { latencyMs?: number; nowMs?: () => number } = {}): Promise<StandInLink> {
  const nowMs = options.nowMs ?? Date.now;
  const site = createJiraSite({ dataDir, declarations: loadForgeDeclarations(path.join(repoRoot, 'manifest.yml')), clock: () => new Date(nowMs()) });
  const transport = createTransport({
    handler: site.handle,
    authenticate: (email, token) => site.authenticate(email, token),
    isKnownAccount: (accountId) => site.accounts().some((a) => a.accountId === accountId),
    onIndexLagChange: (ms) => site.setIndexLagMs(ms),
    // Simulated latency per request (the bench's browser measurements); none by default.
    ...(options.latencyMs ? { faults: { latencyMs: { fixed: options.latencyMs, jitter: 0 } } } : {}),
    // Default contract mode: strict under jest (browser tests fail on a contract violation), warn for npm start.
  });
  const seam = installForgeSeam({ transport, appAccountId: APP_ACCOUNT_ID });
  // Forge KVS outlives an invocation and a deploy: the local one lives beside the site's data.
  const kvs = installForgeKvs({ file: path.join(dataDir, 'forge-kvs.json'), now: nowMs });
  const users = site
    .accounts()
    .filter((a) => a.accountId !== APP_ACCOUNT_ID)
    .map(({ accountId, displayName, roleHint }) => ({ accountId, displayName, ...(roleHint ? { roleHint } : {}) }));
  return {
    site,
    requestLog: transport.log,
    cloudId: site.cloudId,
    users,
    runAsInvocation: <T>(invocation: ForgeInvocation, body: () => Promise<T>) => runAsInvocation(invocation, body),
    appAccountId: APP_ACCOUNT_ID,
    onIssueEvent: (listener) => site.onIssueEvent((event) => listener(forgeIssueEvent(event, site))),
    outbox: () => site.store.outbox(),
    async close() {
      kvs.uninstall();
      seam.uninstall();
      site.close();
    },
  };
}
