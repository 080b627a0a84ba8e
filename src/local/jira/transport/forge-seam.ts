/**
 * Runs the real `@forge/api` in-process against the stand-in. `api.asUser().requestJira(route)` ends in
 * `global.__forge_fetch__({ type: 'fpp', provider: 'user', remote: 'jira', accountId? }, path, init)` and
 * expects a fetch `Response`; `asApp()` sends `provider: 'app'` (and the legacy top-level `requestJira`
 * `provider: 'none'`, which Forge also runs as the app). We answer those through the transport, as the invoking
 * account or as the app. The invoking account lives in an AsyncLocalStorage so concurrent invocations for
 * different users never mix. `__forge_runtime__` (read by `authorize()`, `getAppContext()` and metrics) is a
 * getter over the same context. Other fetch types (e.g. `kvs`) pass through to whatever was installed before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { ForgeRuntime } from '@forge/api';
import type { Transport } from './transport';

export interface ForgeInvocation {
  /** The user who invoked the module; absent for app-only invocations such as triggers. */
  accountId?: string;
  moduleKey?: string;
  functionKey?: string;
  invocationId?: string;
  /** How long the invocation may run; Forge gives resolvers 25 s. */
  timeoutMs?: number;
}

interface ActiveInvocation extends ForgeInvocation {
  invocationId: string;
  deadline: number;
}

const DEFAULT_TIMEOUT_MS = 25_000;
const invocations = new AsyncLocalStorage<ActiveInvocation>();

/** Runs `fn` as one Forge invocation: `asUser()` calls inside it act as `invocation.accountId`. */
export function runAsInvocation<T>(invocation: ForgeInvocation, fn: () => T): T {
  const active: ActiveInvocation = {
    ...invocation,
    invocationId: invocation.invocationId ?? randomUUID(),
    deadline: Date.now() + (invocation.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  return invocations.run(active, fn);
}

export function currentInvocation(): ForgeInvocation | undefined {
  return invocations.getStore();
}

/** The first argument of `__forge_fetch__`, as `@forge/api` and `@forge/kvs` build it. */
interface ForgeFetchTarget {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

type ForgeFetch = (target: ForgeFetchTarget, path: string, init?: RequestInit) => Promise<Response>;

interface ForgeGlobals {
  __forge_fetch__?: ForgeFetch;
}

export interface ForgeSeamOptions {
  transport: Transport;
  /** The app's own account: what `asApp()` acts as. */
  appAccountId: string;
  /** Where `asUser()` finds the invoking account; defaults to the runAsInvocation context. */
  getInvocation?: () => ForgeInvocation | undefined;
  appId?: string;
}

export interface ForgeSeam {
  /** Restores the previous globals (leaves a later wrapper, such as the KVS seam, working). */
  uninstall(): void;
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const noBody = status === 204 || status === 304 || body === undefined;
  return new Response(noBody ? null : JSON.stringify(body), {
    status,
    headers: noBody ? headers : { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });
}

function initHeaders(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}

function initBody(init: RequestInit | undefined): string | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  throw new TypeError('The local Forge seam accepts string request bodies only (JSON.stringify the payload)');
}

const NO_METRICS: ForgeRuntime['metrics'] = {
  timing: () => ({ measure: () => ({ stop: () => undefined }) }),
  counter: () => ({ incr: () => undefined, incrBy: () => undefined, decr: () => undefined, decrBy: () => undefined }),
  gauge: () => ({ set: () => undefined }),
};

function runtimeFor(invocation: ForgeInvocation | undefined, appId: string): ForgeRuntime {
  const active = invocation as Partial<ActiveInvocation> | undefined;
  const invocationId = active?.invocationId ?? 'outside-invocation';
  return {
    proxy: { token: 'stand-in', url: 'http://stand-in.local' },
    contextAri: 'ari:cloud:jira::site/stand-in',
    container: {},
    appContext: {
      appId,
      appVersion: '0.0.0-local',
      environmentId: 'local',
      environmentType: 'DEVELOPMENT',
      invocationId,
      installationId: 'stand-in',
      functionKey: invocation?.functionKey ?? '',
      moduleType: '',
      moduleKey: invocation?.moduleKey ?? '',
    },
    aaid: invocation?.accountId,
    lambdaContext: {
      awsRequestId: invocationId,
      getRemainingTimeInMillis: () => Math.max(0, (active?.deadline ?? Number.POSITIVE_INFINITY) - Date.now()),
    },
    tracing: { traceId: invocationId, spanId: invocationId },
    realtime: {},
    metrics: NO_METRICS,
    featureFlags: () => false,
  };
}

export function installForgeSeam(options: ForgeSeamOptions): ForgeSeam {
  const globals = globalThis as typeof globalThis & ForgeGlobals;
  const getInvocation = options.getInvocation ?? currentInvocation;
  const appId = options.appId ?? 'outbound-playbook-local';
  const previousFetch = globals.__forge_fetch__;
  const previousRuntime = Object.getOwnPropertyDescriptor(globalThis, '__forge_runtime__');
  let active = true;

  const actingAccount = (target: ForgeFetchTarget, path: string): string => {
    if (target.provider === 'app' || target.provider === 'none') return options.appAccountId;
    const accountId = target.accountId ?? getInvocation()?.accountId;
    if (!accountId) throw new Error(`asUser().requestJira('${path}') ran outside a user invocation: wrap the call in runAsInvocation({ accountId }, ...)`);
    return accountId;
  };

  const forgeFetch: ForgeFetch = async (target, path, init) => {
    if (!active || target?.type !== 'fpp') {
      if (!previousFetch) throw new Error(`No Forge fetch installed for type '${String(target?.type)}' (${path})`);
      return previousFetch(target, path, init);
    }
    if (target.remote !== 'jira') {
      return jsonResponse(501, { errorMessages: [`The local stand-in does not serve '${String(target.remote)}' yet (only requestJira).`], errors: {} });
    }
    const url = new URL(path, 'http://stand-in.local');
    const response = await options.transport.handle({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: initHeaders(init),
      rawBody: initBody(init),
      actingAs: { accountId: actingAccount(target, path) },
    });
    // What undici throws when the connection drops mid-request.
    if (response.resetConnection) throw new TypeError('fetch failed', { cause: new Error('other side closed (stand-in fault)') });
    return jsonResponse(response.status, response.body, response.headers);
  };

  globals.__forge_fetch__ = forgeFetch;
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    enumerable: false,
    get: () => runtimeFor(getInvocation(), appId),
  });

  return {
    uninstall() {
      active = false;
      if (globals.__forge_fetch__ === forgeFetch) globals.__forge_fetch__ = previousFetch;
      if (previousRuntime) Object.defineProperty(globalThis, '__forge_runtime__', previousRuntime);
      else delete (globalThis as Record<string, unknown>).__forge_runtime__;
    },
  };
}
