/**
 * Serves Forge KVS calls made by the real `@forge/kvs` package from a local KvsStore. `@forge/kvs` reaches
 * storage through `global.__forge_fetch__({ type: 'kvs', ... }, path, init)`; we wrap that global — after
 * the Jira transport's installForgeSeam ran, if it did — and answer only `type: 'kvs'` calls, passing the
 * rest through.
 */
import { KvsStore } from './store';

type ForgeFetch = (target: { type?: string }, path: string, init?: { body?: unknown }) => Promise<Response>;

interface ForgeGlobals {
  __forge_fetch__?: ForgeFetch;
}

export interface ForgeKvsInstallation {
  store: KvsStore;
  /** Restores the previous `__forge_fetch__`. */
  uninstall(): void;
}

export function installForgeKvs(options: { now?: () => number; store?: KvsStore; file?: string } = {}): ForgeKvsInstallation {
  const globals = globalThis as typeof globalThis & ForgeGlobals;
  const store = options.store ?? new KvsStore(options.now, options.file ?? null);
  const previous = globals.__forge_fetch__;
  const kvsFetch: ForgeFetch = async (target, path, init) => {
    if (target?.type !== 'kvs') {
      if (!previous) throw new Error(`No Forge fetch installed for ${String(target?.type)} ${path}`);
      return previous(target, path, init);
    }
    let body: unknown;
    try {
      body = typeof init?.body === 'string' && init.body ? (JSON.parse(init.body) as unknown) : undefined;
    } catch {
      return Response.json({ code: 'BAD_REQUEST', message: 'Provided request body is invalid' }, { status: 400 });
    }
    const outcome = store.handle(path, body);
    return outcome.status === 204 ? new Response(null, { status: 204 }) : Response.json(outcome.body, { status: outcome.status });
  };
  globals.__forge_fetch__ = kvsFetch;
  return {
    store,
    uninstall() {
      if (globals.__forge_fetch__ === kvsFetch) globals.__forge_fetch__ = previous;
    },
  };
}
