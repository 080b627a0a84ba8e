/**
 * The seam between the stand-in's Jira behaviour (store + endpoints) and its transport
 * (HTTP server, Forge seam, auth, rate limits, faults, contract checks, request log).
 * Both sides depend only on these shapes.
 */

/** An authenticated (or anonymous) request, already parsed from HTTP or from the Forge seam. */
export interface StandInRequest {
  method: string;
  /** Path without query string, e.g. `/rest/api/3/issue/OUT-1`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
  /** The account the request acts as; null when no credentials were given. */
  actor: { accountId: string } | null;
}

export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable body; undefined for 204. */
  body?: unknown;
}

export type StandInHandler = (req: StandInRequest) => Promise<StandInResponse>;
