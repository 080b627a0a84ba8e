/** One route of the local site: method + path pattern → handler (the table is ./router). */
import type http from 'http';
import type { SiteContext } from './context';

export interface SiteRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** The pattern's named groups, as they appear in the path (not decoded). */
  params: Record<string, string>;
}

export type Handler = (ctx: SiteContext, request: SiteRequest) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST';
  /** A path (exact) or a pattern over the whole path with named groups. */
  path: string | RegExp;
  handler: Handler;
}

export const route = (method: Route['method'], path: string | RegExp, handler: Handler): Route => ({ method, path, handler });
