/**
 * The one shape through which the adapter reaches Jira. On Forge it is `api.asUser().requestJira`
 * (see ./forge.ts); in the CLI it is `fetch` with Basic auth (see createBasicAuthRequest).
 */
import type { Route } from '@forge/api';

export type { Route };

export interface JiraRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface JiraResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export type JiraRequestFn = (route: Route, init?: JiraRequestInit) => Promise<JiraResponseLike>;

export interface BasicAuthOptions {
  /** Site base URL, e.g. `https://example.atlassian.net` or the local stand-in's `http://127.0.0.1:PORT`. */
  baseUrl: string;
  email: string;
  token: string;
  /** Defaults to the global fetch (Node 20+). */
  fetch?: typeof fetch;
}

/** A `requestJira`-shaped function over plain HTTP with Basic auth (CLI, tests). */
export function createBasicAuthRequest(options: BasicAuthOptions): JiraRequestFn {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;
  return async (route, init) =>
    doFetch(base + route.value, {
      method: init?.method ?? 'GET',
      body: init?.body,
      headers: { Accept: 'application/json', Authorization: authorization, ...init?.headers },
    });
}
