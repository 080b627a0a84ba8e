/**
 * Read-only Jira calls the UIs' read side needs beyond the adapter (GET one issue; the directory in
 * ./directory.ts). GETs only, so every one may be retried: 429 honours Retry-After, 5xx and lost responses
 * back off — the same policy as the adapter (decideRetry), the same typed errors (errorForStatus), and the
 * same request accounting when given the adapter's RequestCounter.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraBadResponseError, JiraRateLimitedError, JiraServerError, errorForStatus } from './errors';
import { RequestCounter } from './instrumentation';
import type { JiraRequestFn, JiraResponseLike } from './request';
import { decideRetry } from './retry';
import { errorBodySchema, issueSchema, type JiraIssue } from './schemas';

export interface JiraReadOptions {
  /** Share the adapter's counter so one use case reports one request/round-trip total. */
  counter?: RequestCounter;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

type RouteValue = Parameters<JiraRequestFn>[0];

async function bodyOf(response: JiraResponseLike): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A retried, schema-checked GET: the building block of every read in this file and ./directory.ts. */
export function createJsonGetter(request: JiraRequestFn, options: JiraReadOptions = {}) {
  const counter = options.counter ?? new RequestCounter();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 5;

  return async function getJson<S extends z.ZodType>(target: RouteValue, schema: S): Promise<z.infer<S>> {
    const where = { method: 'GET', path: target.value };
    for (let attempt = 0; ; attempt += 1) {
      const done = counter.start();
      let response: JiraResponseLike | null = null;
      try {
        response = await request(target, { method: 'GET', headers: { Accept: 'application/json' } });
      } catch {
        response = null;
      } finally {
        done();
      }
      const status = response?.status ?? 0;
      if (response && status >= 200 && status < 300) {
        const parsed = schema.safeParse(await bodyOf(response));
        if (!parsed.success) throw new JiraBadResponseError('bad-response', `GET ${where.path}: unexpected response shape: ${parsed.error.message}`, { ...where, status });
        return parsed.data as z.infer<S>;
      }
      const decision = decideRetry(
        {
          status,
          retryAfter: response?.headers.get('retry-after') ?? null,
          attempt,
          idempotent: true,
          maxAttempts,
          random: random(),
          baseDelayMs: options.baseDelayMs ?? 250,
          maxDelayMs: options.maxDelayMs ?? 8000,
        },
        now(),
      );
      if (decision.retry) {
        await sleep(decision.delayMs);
        continue;
      }
      const error = response ? errorBodySchema.safeParse(await bodyOf(response)) : undefined;
      const details = {
        ...where,
        status,
        errorMessages: error?.success ? error.data.errorMessages : undefined,
        errors: error?.success && error.data.errors ? Object.fromEntries(Object.entries(error.data.errors).map(([k, v]) => [k, String(v)])) : undefined,
      };
      if (decision.reason === 'exhausted') {
        throw status === 429
          ? new JiraRateLimitedError('rate-limited', `GET ${where.path}: still rate limited after ${maxAttempts} attempts`, details)
          : new JiraServerError('server', `GET ${where.path}: failed ${maxAttempts} times (last status ${status || 'no response'})`, details);
      }
      throw errorForStatus(details);
    }
  };
}

export type JsonGetter = ReturnType<typeof createJsonGetter>;

export interface GetIssueRequest {
  fields: readonly string[];
  properties?: readonly string[];
}

/** One issue with the given fields and properties (read-after-write consistent, unlike search). */
export async function getIssue(getJson: JsonGetter, issueKeyOrId: string, wanted: GetIssueRequest): Promise<JiraIssue> {
  const query = new URLSearchParams({ fields: wanted.fields.join(',') });
  if (wanted.properties?.length) query.set('properties', wanted.properties.join(','));
  return getJson(route`/rest/api/3/issue/${issueKeyOrId}?${query}`, issueSchema);
}
