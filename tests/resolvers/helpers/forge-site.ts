/**
 * The app as Forge runs it, in process: the REAL resolver definitions and trigger from src/index.ts,
 * through the real @forge/api and @forge/kvs, on the Jira stand-in's Forge seam (strict contract checks).
 * Product events from the stand-in are delivered to `onIssueChange` the way Forge delivers them.
 */
import { join } from 'node:path';
import api, { assumeTrustedRoute } from '@forge/api';
import type { ResolverName, Result, ResultOf } from '../../../src/contract';
import { createJiraSite, DEMO_SITE, eventIssue, loadForgeDeclarations, type JiraSite } from '../../../src/local/jira/site';
import { createTransport, installForgeSeam, runAsInvocation, type Transport } from '../../../src/local/jira/transport';
import { installForgeKvs, type KvsStore } from '../../../src/local/kvs';
import { assertNoContractViolations } from '../../../src/local/jira/testing';
import { issueEventInvocation, resolverInvocation } from '../../../src/local/site/invocation';
import { loadAppManifest } from '../../../src/local/site/manifest';
import { compileTriggerFilter } from '../../../src/local/site/trigger-filter';
import { openSiteClock, type SiteClock } from '../../../src/local/clock';
import { installHostClock } from '../../../src/forge/clock';
import { TEST_TODAY } from '../../fixtures/clock';

export type DemoUser = 'sa' | 'pm' | 'im' | 'opm' | 'viewer';

type ForgeHandler = (request: unknown, runtime: unknown) => Promise<unknown>;
/** The manifest's two handlers (index.resolver, index.onIssueChange). */
export interface ForgeEntry {
  resolver: ForgeHandler;
  onIssueChange: (event: unknown, context: unknown) => Promise<unknown>;
}

/** The Forge entry from the sources, exactly as the manifest names it. */
function sourceEntry(): ForgeEntry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../../src/index') as ForgeEntry;
}

const MANIFEST = join(__dirname, '../../../manifest.yml');
const SITE = { cloudId: DEMO_SITE.cloudId, siteUrl: 'https://outbound.example.atlassian.net' };
export const MODULES = {
  macro: 'outbound-playbook-macro',
  panel: 'outbound-playbook-issue-panel',
  page: 'outbound-playbook-project-page',
  admin: 'outbound-playbook-admin-page',
  processMacro: 'outbound-playbook-process-macro',
  integrationsMacro: 'outbound-playbook-integrations-macro',
} as const;

export interface ForgeSite {
  site: JiraSite;
  /** The site's clock (pinned to `today`, TEST_TODAY by default): the app, the stand-in and KVS read it. */
  clock: SiteClock;
  transport: Transport;
  /** Forge KVS as the app's @forge/kvs sees it. */
  kvs: KvsStore;
  accountId(user: DemoUser): string;
  invoke<N extends ResolverName>(
    user: DemoUser | null,
    name: N,
    payload: unknown,
    extension?: Record<string, unknown>,
    moduleKey?: string,
    /** The module instance (a macro's `localId`); one per test site unless named. */
    localId?: string,
  ): Promise<Result<ResultOf<N>>>;
  /** A REST call as the user through the real `api.asUser()` (e.g. a transition made in Jira's UI). */
  asUser(user: DemoUser, path: string, method?: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Resolves when every trigger run for events so far has finished. */
  triggersSettled(): Promise<void>;
  /** One per trigger invocation (events the trigger's filter let through). */
  triggerOutcomes: unknown[];
  /** Events the trigger subscribes to that its filter dropped (no invocation). */
  filteredEvents(): number;
  close(): void;
}

/**
 * `entry`: the handlers to run (default: src/index.ts; tests/deploy passes the ones from the Forge bundle);
 * `latencyMs`: simulated latency per request, so parallel requests overlap and the request log counts waves;
 * `burstPerSecond`: Jira's burst limit (off unless given).
 */
export function startForgeSite(
  options: { indexLagMs?: number; triggers?: boolean; entry?: ForgeEntry; latencyMs?: number; burstPerSecond?: number | null; today?: string } = {},
): ForgeSite {
  const entry = options.entry ?? sourceEntry();
  const clock = openSiteClock(null, { today: options.today ?? TEST_TODAY });
  const uninstallClock = installHostClock(clock.nowMs);
  const site = createJiraSite({
    clock: () => new Date(clock.nowMs()),
    dataDir: null,
    declarations: loadForgeDeclarations(join(__dirname, '../../../manifest.yml')),
    indexLagMs: options.indexLagMs ?? 0,
    logger: () => undefined,
  });
  const transport = createTransport({
    handler: site.handle,
    authenticate: (email, token) => site.authenticate(email, token),
    isKnownAccount: (id) => site.store.account(id) !== undefined,
    contractMode: 'strict',
    burstPerSecond: options.burstPerSecond ?? null,
    ...(options.latencyMs ? { faults: { latencyMs: { fixed: options.latencyMs, jitter: 0 } } } : {}),
    onIndexLagChange: (ms) => site.setIndexLagMs(ms),
  });
  const seam = installForgeSeam({ transport, appAccountId: site.appAccountId });
  const kvs = installForgeKvs({ now: clock.nowMs });
  const accountId = (user: DemoUser) => DEMO_SITE.accounts[user].accountId;

  let pending: Promise<void> = Promise.resolve();
  const triggerOutcomes: unknown[] = [];
  // The manifest's trigger with its filter, applied as Forge applies it (src/local/site/trigger-filter.ts).
  const trigger = loadAppManifest(MANIFEST).triggers.find((t) => t.key === 'plan-roll-up');
  if (!trigger) throw new Error('manifest.yml declares no plan-roll-up trigger');
  const accepts = compileTriggerFilter(trigger.filter, site.appAccountId);
  const filtered = { count: 0 };
  const unsubscribe =
    options.triggers === false
      ? () => undefined
      : site.onIssueEvent((event) => {
          if (!trigger.events.includes(event.eventType)) return;
          const { event: forgeEvent, runtime } = issueEventInvocation(SITE, {
            eventType: event.eventType,
            triggerKey: trigger.key,
            issue: eventIssue(site.store, event.issueId, event.issueKey),
            accountId: event.actorAccountId || null,
            ...(event.eventType === 'avi:jira:updated:issue' ? { changelog: { items: event.changedFields.map((f) => ({ field: f, fieldId: f })) } } : {}),
          });
          if (!accepts(forgeEvent as Record<string, unknown>).deliver) {
            filtered.count += 1;
            return;
          }
          // Forge runs triggers one invocation each, with no user.
          pending = pending.then(async () => {
            triggerOutcomes.push(
              await runAsInvocation({ moduleKey: trigger.key, functionKey: trigger.functionKey }, () => entry.onIssueChange(forgeEvent, runtime)),
            );
          });
        });

  return {
    site,
    clock,
    transport,
    kvs: kvs.store,
    accountId,
    async invoke(user, name, payload, extension = {}, moduleKey = MODULES.macro, localId = 'local-1') {
      const account = user === null ? '' : accountId(user);
      const { request, runtime } = resolverInvocation(SITE, { functionKey: name, payload, accountId: account, moduleKey, localId, extension });
      const runtimeWithoutUser = user === null ? { ...(runtime as object), principal: undefined } : runtime;
      const answer = await runAsInvocation(user === null ? { moduleKey } : { accountId: account, moduleKey, functionKey: 'resolver' }, () =>
        entry.resolver(request, runtimeWithoutUser),
      );
      return answer as Result<ResultOf<typeof name>>;
    },
    async asUser(user, path, method = 'GET', body) {
      const response = await runAsInvocation({ accountId: accountId(user) }, () =>
        api.asUser().requestJira(assumeTrustedRoute(path), {
          method,
          headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async triggersSettled() {
      // Events are emitted on setImmediate after each response; let them queue, then drain.
      for (let i = 0; i < 3; i += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        await pending;
      }
    },
    triggerOutcomes,
    filteredEvents: () => filtered.count,
    close() {
      unsubscribe();
      kvs.uninstall();
      seam.uninstall();
      site.close();
      uninstallClock();
    },
  };
}

export const HOST_PAGE_EXTENSION = { content: { id: '3374284829', type: 'page' }, space: { key: 'IMP' } };
export const SITE_URL = SITE.siteUrl;

/** The answer's data; a failed envelope fails the test with its code and message. */
export function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** A fresh Forge site for every test of the calling file (handed to `assign`), closed after it; any Jira contract violation the stand-in saw fails the test. */
export function useForgeSitePerTest(assign: (site: ForgeSite) => void, options: Parameters<typeof startForgeSite>[0] = {}): void {
  let current: ForgeSite | undefined;
  beforeEach(() => {
    current = startForgeSite(options);
    assign(current);
  });
  afterEach(() => {
    try {
      if (current) assertNoContractViolations(current.transport);
    } finally {
      current?.close();
    }
  });
}
