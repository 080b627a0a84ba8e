/**
 * The Jira adapter: every Jira REST call the app makes. Typed inputs, zod-checked outputs, typed errors,
 * retries (429 honours Retry-After; 5xx and lost responses retried only for idempotent calls: a create is
 * never resent — the caller reconciles instead), and client-side request/round-trip accounting.
 */
import { NeedsAuthenticationError, NotAllowedError, ProxyRequestError, route, type Route } from '@forge/api';
import type { z } from 'zod';
import {
  JiraBadResponseError,
  JiraDeadlineError,
  JiraError,
  JiraOutcomeUnknownError,
  JiraQuotaExhaustedError,
  JiraRateLimitedError,
  JiraServerError,
  errorForStatus,
} from './errors';
import { RequestCounter, type RequestMetrics } from './instrumentation';
import type { JiraRequestFn, JiraResponseLike } from './request';
import { backoffMs, decideRetry } from './retry';
import {
  bulkAllFailedSchema,
  remoteLinkSchema,
  bulkCreatedSchema,
  createMetaIssueTypesSchema,
  createdIssueSchema,
  entityPropertySchema,
  errorBodySchema,
  transitionListSchema,
  fieldListSchema,
  issueSchema,
  myPermissionsSchema,
  projectPageSchema,
  projectSchema,
  bulkFetchSchema,
  idSearchPageSchema,
  searchPageSchema,
  serverInfoSchema,
  userListSchema,
  userPageSchema,
  type CreatedIssue,
  type JiraDirectoryProject,
  type JiraDirectoryUser,
  type JiraField,
  type JiraIssue,
  type JiraIssueType,
  type JiraProject,
  type JiraTransition,
} from './schemas';

export interface JiraAdapterOptions {
  /**
   * The app-identity request function. Used ONLY by setAppFieldValues: Jira accepts values of an app's
   * Forge custom fields only from that app.
   */
  appRequest?: JiraRequestFn;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Attempts per call including the first (default 5). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Epoch ms after which no retry wait may end; the call fails with JiraDeadlineError instead. */
  deadline?: number;
  /**
   * The invocation's remaining time (the Forge runtime's `getRemainingTimeInMillis`), read before every wait; a
   * wait that would outlast it (less a margin to answer) is not started. Null: no invocation limit known.
   */
  remainingTimeMs?: () => number | null;
  /** Shared accounting (withDeadline() shares it). */
  counter?: RequestCounter;
}

export interface IssueInput {
  fields: Record<string, unknown>;
  /** Issue properties set atomically with the create, so searches by property find the issue. */
  properties?: { key: string; value: unknown }[];
}

export interface BulkCreateResult {
  /** Aligned with the inputs: the created issue, or null when that element failed. */
  created: (CreatedIssue | null)[];
  failures: { index: number; status: number; messages: string[] }[];
}

export interface SearchRequest {
  jql: string;
  fields?: string[];
  properties?: string[];
  /** Issue ids whose latest state must be included even if the index lags behind recent writes. */
  reconcileIssues?: number[];
  pageSize?: number;
}

export interface GetIssueRequest {
  fields: readonly string[];
  properties?: readonly string[];
}

export interface SearchPage {
  issues: JiraIssue[];
  nextPageToken: string | null;
}

export interface IdSearchRequest {
  jql: string;
  /** Called with each page's ids as it arrives, so the caller can start on them while the next page loads. */
  onPage?: (ids: string[]) => void;
}

export interface BulkFetchRequest {
  fields: readonly string[];
  properties?: readonly string[];
}

export interface IssueLinkInput {
  type: string;
  /** Jira's naming: for "Blocks", the inward issue is the one that blocks the outward issue. */
  inwardKey: string;
  outwardKey: string;
}

export interface RemoteLinkInput {
  globalId: string;
  url: string;
  title: string;
  relationship?: string;
}

export interface AppFieldValueUpdate {
  customField: string;
  issueIds: number[];
  value: unknown;
}

/** An e-mail Jira sends about an issue with its own templates (`POST /issue/{key}/notify`), to named users only. */
export interface IssueNotification {
  subject: string;
  textBody: string;
  htmlBody: string;
  /** Account ids. Reporter, assignee, watchers and voters are left out explicitly (Jira includes them unless told not to). */
  to: readonly string[];
}

interface CallSpec<S extends z.ZodType | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: Route;
  body?: unknown;
  schema: S;
  /** Repeating it cannot create anything twice. */
  idempotent: boolean;
  asApp?: boolean;
  /** A non-2xx status whose body, when it matches `schema`, still answers the call (bulk create: 400 when every element failed). */
  answersWith?: { status: number; schema: z.ZodType };
}

const NOT_READ = Symbol('not read');

type CallResult<S> = S extends z.ZodType ? z.infer<S> : undefined;

const BULK_CREATE_LIMIT = 50;
/** Jira's cap for `/project/search`. */
const PROJECT_PAGE = 100;
/** Jira's page size cap for `/user/bulk`. */
const USER_BULK_PAGE = 200;
/** Time kept back from the invocation's remaining time to answer (map the error, release a lease, reply). */
export const INVOCATION_MARGIN_MS = 2_000;
/** Keeps a runaway directory from holding the resolver past its time limit. */
const MAX_PROJECT_PAGES = 20;
/** Jira's search page when only ids are asked for (the OpenAPI document: "It returns max 5000 issues"). */
export const ID_SEARCH_PAGE_SIZE = 5000;
/** Issues per bulk fetch (the OpenAPI document: "You can request up to 100 issues"). */
export const BULK_FETCH_LIMIT = 100;
/**
 * Bulk fetches in flight at once, per adapter: half of Jira's burst budget per endpoint (the stand-in's is
 * 100/s), so one id page's chunks (5,000 / 100 = 50) go in one wave and a retry has room.
 */
export const BULK_FETCH_CONCURRENCY = 50;

/** Errors the Forge platform raises instead of a response (consent needed, proxy refusal, endpoint not allowed). */
export const isForgePlatformRefusal = (error: unknown): boolean =>
  error instanceof NeedsAuthenticationError || error instanceof ProxyRequestError || error instanceof NotAllowedError;

/** At most `limit` tasks running at once; the rest start, in order, as slots free up. */
function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

export function createJiraAdapter(request: JiraRequestFn, options: JiraAdapterOptions = {}) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const counter = options.counter ?? new RequestCounter();
  const bulkFetchSlot = concurrencyLimit(BULK_FETCH_CONCURRENCY);
  /** How long a retry wait may last: the caller's deadline and the invocation's remaining time, less a margin to answer. */
  const budgetMs = (): number | null => {
    const limits = [
      ...(options.deadline !== undefined ? [options.deadline - now()] : []),
      ...((remaining) => (remaining === null ? [] : [remaining - INVOCATION_MARGIN_MS]))(options.remainingTimeMs?.() ?? null),
    ];
    return limits.length ? Math.max(0, Math.min(...limits)) : null;
  };

  async function send(spec: CallSpec<z.ZodType | undefined>): Promise<{ status: number; response: JiraResponseLike | null }> {
    const fn = spec.asApp ? options.appRequest : request;
    if (!fn) throw new Error('createJiraAdapter: appRequest is required for app-identity calls');
    const done = counter.start();
    try {
      const response = await fn(spec.route, {
        method: spec.method,
        headers: spec.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      });
      return { status: response.status, response };
    } catch (error) {
      // Forge's own refusals are not lost answers: the user must grant access, the proxy refused, an endpoint is
      // not allowed. Retrying cannot help, and calling them "Jira had a problem" hides the fix: rethrow as they are.
      if (isForgePlatformRefusal(error)) throw error;
      // No response at all (connection dropped): the call may or may not have been applied.
      return { status: 0, response: null };
    } finally {
      done();
    }
  }

  async function readBody(response: JiraResponseLike): Promise<unknown> {
    const text = await response.text();
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  async function call<S extends z.ZodType | undefined>(spec: CallSpec<S>): Promise<CallResult<S>> {
    const where = { method: spec.method, path: spec.route.value };
    for (let attempt = 0; ; attempt += 1) {
      const { status, response } = await send(spec);
      let preread: unknown = NOT_READ;
      if (response && spec.answersWith && status === spec.answersWith.status) {
        preread = await readBody(response).catch(() => undefined);
        const answer = spec.answersWith.schema.safeParse(preread);
        if (answer.success) return answer.data as CallResult<S>;
      }
      if (response && status >= 200 && status < 300) {
        const body = await readBody(response);
        if (!spec.schema) return undefined as CallResult<S>;
        const parsed = spec.schema.safeParse(body);
        if (!parsed.success) {
          throw new JiraBadResponseError('bad-response', `${where.method} ${where.path}: unexpected response shape: ${parsed.error.message}`, {
            ...where,
            status,
          });
        }
        return parsed.data as CallResult<S>;
      }
      const decision = decideRetry(
        {
          status,
          retryAfter: response?.headers.get('retry-after') ?? null,
          rateLimitReason: response?.headers.get('ratelimit-reason') ?? null,
          attempt,
          idempotent: spec.idempotent,
          maxAttempts,
          random: random(),
          baseDelayMs,
          maxDelayMs,
          budgetMs: budgetMs(),
        },
        now(),
      );
      if (decision.retry) {
        await sleep(decision.delayMs);
        continue;
      }
      if (decision.reason === 'budget') {
        throw new JiraDeadlineError('deadline', `${where.method} ${where.path}: a ${decision.delayMs} ms retry wait would overrun the time left`, {
          ...where,
          status,
        });
      }
      const errorBody = response ? errorBodySchema.safeParse(preread !== NOT_READ ? preread : await readBody(response).catch(() => undefined)) : undefined;
      const details = {
        ...where,
        status,
        errorMessages: errorBody?.success ? errorBody.data.errorMessages : undefined,
        errors:
          errorBody?.success && errorBody.data.errors ? Object.fromEntries(Object.entries(errorBody.data.errors).map(([k, v]) => [k, String(v)])) : undefined,
      };
      if (decision.reason === 'quota') {
        const reset = decision.retryAfterMs === null ? 'later' : `in ${Math.ceil(decision.retryAfterMs / 60_000)} min`;
        throw new JiraQuotaExhaustedError(
          `${where.method} ${where.path}: Jira's hourly API quota is used up; it resets ${reset}`,
          details,
          decision.retryAfterMs,
        );
      }
      if (decision.reason === 'unknown') {
        throw new JiraOutcomeUnknownError('outcome-unknown', `${where.method} ${where.path}: outcome unknown (status ${status || 'no response'})`, details);
      }
      if (decision.reason === 'exhausted') {
        throw status === 429
          ? new JiraRateLimitedError('rate-limited', `${where.method} ${where.path}: still rate limited after ${maxAttempts} attempts`, details)
          : new JiraServerError('server', `${where.method} ${where.path}: failed ${maxAttempts} times (last status ${status || 'no response'})`, details);
      }
      throw errorForStatus(details);
    }
  }

  /** One page of `/search/jql` (fields and properties as asked), with the next page's token when there is one. */
  async function searchPage(search: SearchRequest, nextPageToken: string | null): Promise<SearchPage> {
    const page = await call({
      method: 'POST',
      route: route`/rest/api/3/search/jql`,
      body: {
        jql: search.jql,
        maxResults: search.pageSize ?? 100,
        fields: search.fields ?? ['summary'],
        ...(search.properties?.length ? { properties: search.properties } : {}),
        ...(search.reconcileIssues?.length ? { reconcileIssues: search.reconcileIssues } : {}),
        ...(nextPageToken ? { nextPageToken } : {}),
      },
      schema: searchPageSchema,
      idempotent: true,
    });
    const more = page.isLast === false || (page.isLast === undefined && !!page.nextPageToken);
    return { issues: page.issues ?? [], nextPageToken: more ? (page.nextPageToken ?? null) : null };
  }

  const adapter = {
    metrics(): RequestMetrics {
      return counter.snapshot();
    },

    /** Whether app-identity calls (setAppFieldValues) are possible: only inside Forge, or with app credentials. */
    canActAsApp(): boolean {
      return options.appRequest !== undefined;
    },

    /** The same adapter (and accounting) with a time budget for retry waits. */
    withDeadline(deadline: number) {
      return createJiraAdapter(request, { ...options, counter, deadline });
    },

    async getProject(projectKeyOrId: string): Promise<JiraProject> {
      return call({ method: 'GET', route: route`/rest/api/3/project/${projectKeyOrId}`, schema: projectSchema, idempotent: true });
    },

    /** Issue types the current user may create in the project. */
    async getCreatableIssueTypes(projectKeyOrId: string): Promise<JiraIssueType[]> {
      const types: JiraIssueType[] = [];
      for (let startAt = 0; ;) {
        const query = new URLSearchParams({ startAt: String(startAt), maxResults: '200' });
        const page = await call({
          method: 'GET',
          route: route`/rest/api/3/issue/createmeta/${projectKeyOrId}/issuetypes?${query}`,
          schema: createMetaIssueTypesSchema,
          idempotent: true,
        });
        const batch = page.issueTypes ?? page.createMetaIssueType ?? [];
        types.push(...batch);
        startAt += batch.length;
        if (batch.length === 0 || page.total === undefined || startAt >= page.total) return types;
      }
    },

    /** Whether the current user holds each permission in the project. */
    async getMyPermissions(projectKey: string, permissions: readonly string[]): Promise<Record<string, boolean>> {
      const query = new URLSearchParams({ projectKey, permissions: permissions.join(',') });
      const body = await call({ method: 'GET', route: route`/rest/api/3/mypermissions?${query}`, schema: myPermissionsSchema, idempotent: true });
      return Object.fromEntries(permissions.map((key) => [key, body.permissions[key]?.havePermission === true]));
    },

    /** Whether the current user holds each global permission (e.g. ADMINISTER: a Jira admin); no project context. */
    async getMyGlobalPermissions(permissions: readonly string[]): Promise<Record<string, boolean>> {
      const query = new URLSearchParams({ permissions: permissions.join(',') });
      const body = await call({ method: 'GET', route: route`/rest/api/3/mypermissions?${query}`, schema: myPermissionsSchema, idempotent: true });
      return Object.fromEntries(permissions.map((key) => [key, body.permissions[key]?.havePermission === true]));
    },

    async getFields(): Promise<JiraField[]> {
      return call({ method: 'GET', route: route`/rest/api/3/field`, schema: fieldListSchema, idempotent: true });
    },

    /** One issue with the given fields and properties (read-after-write consistent, unlike search). */
    async getIssue(issueKeyOrId: string, wanted: GetIssueRequest): Promise<JiraIssue> {
      const query = new URLSearchParams({ fields: wanted.fields.join(',') });
      if (wanted.properties?.length) query.set('properties', wanted.properties.join(','));
      return call({ method: 'GET', route: route`/rest/api/3/issue/${issueKeyOrId}?${query}`, schema: issueSchema, idempotent: true });
    },

    /** Projects where the user may create issues (`action=create`), all pages, ordered by name. */
    async searchCreatableProjects(): Promise<JiraDirectoryProject[]> {
      const projects: JiraDirectoryProject[] = [];
      for (let page = 0; page < MAX_PROJECT_PAGES; page += 1) {
        const query = new URLSearchParams({ action: 'create', orderBy: 'name', startAt: String(projects.length), maxResults: String(PROJECT_PAGE) });
        const body = await call({ method: 'GET', route: route`/rest/api/3/project/search?${query}`, schema: projectPageSchema, idempotent: true });
        projects.push(...body.values.map(({ id, key, name }) => ({ id, key, name })));
        if (body.isLast !== false || body.values.length === 0) break;
      }
      return projects;
    },

    /** People who can be assigned issues in the project, matching the query (name or e-mail prefix). */
    async findAssignableUsers(projectKey: string, query: string, maxResults = 20): Promise<JiraDirectoryUser[]> {
      const params = new URLSearchParams({ project: projectKey, query, maxResults: String(maxResults) });
      return call({ method: 'GET', route: route`/rest/api/3/user/assignable/search?${params}`, schema: userListSchema, idempotent: true });
    },

    /**
     * Which of these accounts can be assigned issues in the project (Jira's ASSIGNABLE_USER permission): one
     * `/user/assignable/search?accountId=` per account (Jira matches the id exactly), all sent in parallel.
     */
    async assignableAmong(projectKey: string, accountIds: readonly string[]): Promise<Set<string>> {
      const ids = [...new Set(accountIds)];
      const found = await Promise.all(
        ids.map((accountId) => {
          const params = new URLSearchParams({ project: projectKey, accountId, maxResults: '1' });
          return call({ method: 'GET', route: route`/rest/api/3/user/assignable/search?${params}`, schema: userListSchema, idempotent: true });
        }),
      );
      return new Set(ids.filter((id, i) => found[i].some((u) => u.accountId === id)));
    },

    /** Adds the user as a watcher (the body is the account id as a JSON string). Jira keeps one entry: safe to resend. */
    async addWatcher(issueKeyOrId: string, accountId: string): Promise<void> {
      await call({ method: 'POST', route: route`/rest/api/3/issue/${issueKeyOrId}/watchers`, body: accountId, schema: undefined, idempotent: true });
    },

    /**
     * The Jira users with these account ids, by id (unknown ids are absent): one `/user/bulk` request for up to
     * 200 ids. Display names shown for Jira users come from here, never from what a form sent.
     */
    async getUsersByAccountId(accountIds: readonly string[]): Promise<Map<string, JiraDirectoryUser>> {
      const ids = [...new Set(accountIds)].slice(0, USER_BULK_PAGE);
      if (ids.length === 0) return new Map();
      const params = new URLSearchParams({ maxResults: String(USER_BULK_PAGE) });
      for (const id of ids) params.append('accountId', id);
      const body = await call({ method: 'GET', route: route`/rest/api/3/user/bulk?${params}`, schema: userPageSchema, idempotent: true });
      return new Map(body.values.map((u) => [u.accountId, u]));
    },

    /** Every issue matching the JQL (all pages), plus the reconciled ids' fresh state. */
    async searchIssues(search: SearchRequest): Promise<JiraIssue[]> {
      const issues: JiraIssue[] = [];
      let nextPageToken: string | null = null;
      do {
        const page = await searchPage(search, nextPageToken);
        issues.push(...page.issues);
        nextPageToken = page.nextPageToken;
      } while (nextPageToken);
      return issues;
    },

    /**
     * The ids of every issue matching the JQL, in its order: Jira's largest pages (5,000) because nothing but
     * ids is asked for. Pages follow one another (each needs the previous page's token).
     */
    async searchIssueIds(search: IdSearchRequest): Promise<string[]> {
      const ids: string[] = [];
      let nextPageToken: string | undefined;
      do {
        const page = await call({
          method: 'POST',
          route: route`/rest/api/3/search/jql`,
          body: { jql: search.jql, maxResults: ID_SEARCH_PAGE_SIZE, fields: ['id'], ...(nextPageToken ? { nextPageToken } : {}) },
          schema: idSearchPageSchema,
          idempotent: true,
        });
        const pageIds = (page.issues ?? []).map((issue) => issue.id);
        ids.push(...pageIds);
        search.onPage?.(pageIds);
        nextPageToken = page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? (page.nextPageToken ?? undefined) : undefined;
      } while (nextPageToken);
      return ids;
    },

    /**
     * The issues with these ids or keys as they are now (no index lag), in chunks of 100 sent in parallel (at
     * most BULK_FETCH_CONCURRENCY in flight). Issues that are gone or hidden from the user are simply absent.
     */
    async bulkFetchIssues(idsOrKeys: readonly string[], wanted: BulkFetchRequest): Promise<JiraIssue[]> {
      const fetchChunk = (chunk: string[]) =>
        bulkFetchSlot(() =>
          call({
            method: 'POST',
            route: route`/rest/api/3/issue/bulkfetch`,
            body: { issueIdsOrKeys: chunk, fields: [...wanted.fields], ...(wanted.properties?.length ? { properties: [...wanted.properties] } : {}) },
            schema: bulkFetchSchema,
            idempotent: true,
          }),
        );
      const issues: JiraIssue[] = [];
      let pending = [...idsOrKeys];
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        const chunks: string[][] = [];
        for (let i = 0; i < pending.length; i += BULK_FETCH_LIMIT) chunks.push(pending.slice(i, i + BULK_FETCH_LIMIT));
        const pages = await Promise.all(chunks.map(fetchChunk));
        issues.push(...pages.flatMap((page) => page.issues ?? []));
        // Jira lists in issueErrors only issues it could not return for a retriable reason or a payload limit.
        const failed = pages.flatMap((page) => page.issueErrors ?? []);
        pending = failed.flatMap((e) => (e.id ? [e.id] : []));
        if (pending.length === 0 && failed.length === 0) break;
        if (attempt + 1 >= maxAttempts || pending.length === 0) {
          throw new JiraServerError(
            'server',
            `POST /rest/api/3/issue/bulkfetch: Jira could not return ${failed.length} issue(s): ${failed[0].errorMessage ?? 'no reason given'}`,
            {
              method: 'POST',
              path: '/rest/api/3/issue/bulkfetch',
              status: 200,
            },
          );
        }
        await sleep(backoffMs(attempt, random(), baseDelayMs, maxDelayMs));
      }
      return issues;
    },

    /** One page of a search (a bounded chunk of work), with the token of the next page when there is one. */
    async searchIssuesPage(search: SearchRequest & { nextPageToken?: string }): Promise<SearchPage> {
      return searchPage(search, search.nextPageToken ?? null);
    },

    /**
     * Sets fields of an issue (e.g. its due date) as the caller. Watchers are notified: only administrators
     * may switch that off. Repeating it sets the same values, so it is safe to resend.
     */
    async editIssueFields(issueKeyOrId: string, fields: Record<string, unknown>): Promise<void> {
      await call({ method: 'PUT', route: route`/rest/api/3/issue/${issueKeyOrId}`, body: { fields }, schema: undefined, idempotent: true });
    },

    /**
     * Sets fields and entity properties of an issue in one request (Jira applies both or neither), as the caller.
     * Repeating it sets the same values, so it is safe to resend.
     */
    async editIssue(issueKeyOrId: string, edit: { fields: Record<string, unknown>; properties: { key: string; value: unknown }[] }): Promise<void> {
      await call({ method: 'PUT', route: route`/rest/api/3/issue/${issueKeyOrId}`, body: edit, schema: undefined, idempotent: true });
    },

    /** The transitions open to the caller on this issue, each with the status (and its category) it leads to. */
    async getTransitions(issueKeyOrId: string): Promise<JiraTransition[]> {
      const body = await call({ method: 'GET', route: route`/rest/api/3/issue/${issueKeyOrId}/transitions`, schema: transitionListSchema, idempotent: true });
      return body.transitions;
    },

    /**
     * Moves the issue along a transition. Not resent after a lost response (the issue may have moved; a
     * second transition could move it again): the caller reads the issue again on its next pass.
     */
    async transitionIssue(issueKeyOrId: string, transitionId: string): Promise<void> {
      await call({
        method: 'POST',
        route: route`/rest/api/3/issue/${issueKeyOrId}/transitions`,
        body: { transition: { id: transitionId } },
        schema: undefined,
        idempotent: false,
      });
    },

    /** Never retried on 5xx or a lost response: throws JiraOutcomeUnknownError so the caller reconciles. */
    async createIssue(input: IssueInput): Promise<CreatedIssue> {
      return call({ method: 'POST', route: route`/rest/api/3/issue`, body: input, schema: createdIssueSchema, idempotent: false });
    },

    /** Bulk create (≤ 50 per request, chunks sent in parallel). Same no-resend rule as createIssue. */
    async createIssues(inputs: readonly IssueInput[]): Promise<BulkCreateResult> {
      const chunks: IssueInput[][] = [];
      for (let i = 0; i < inputs.length; i += BULK_CREATE_LIMIT) chunks.push(inputs.slice(i, i + BULK_CREATE_LIMIT));
      const results = await Promise.all(
        chunks.map((chunk) =>
          call({
            method: 'POST',
            route: route`/rest/api/3/issue/bulk`,
            body: { issueUpdates: chunk },
            schema: bulkCreatedSchema,
            idempotent: false,
            answersWith: { status: 400, schema: bulkAllFailedSchema },
          }),
        ),
      );
      const created: (CreatedIssue | null)[] = [];
      const failures: BulkCreateResult['failures'] = [];
      results.forEach((result, chunkIndex) => {
        const offset = chunkIndex * BULK_CREATE_LIMIT;
        const failed = new Map((result.errors ?? []).map((e) => [e.failedElementNumber ?? -1, e]));
        const made = [...(result.issues ?? [])];
        chunks[chunkIndex].forEach((_, i) => {
          const error = failed.get(i);
          if (error) {
            created.push(null);
            const body = error.elementErrors;
            failures.push({
              index: offset + i,
              status: error.status ?? 400,
              messages: [...(body?.errorMessages ?? []), ...Object.entries(body?.errors ?? {}).map(([k, v]) => `${k}: ${String(v)}`)],
            });
          } else {
            const issue = made.shift() ?? null;
            created.push(issue);
            if (!issue) failures.push({ index: offset + i, status: 0, messages: ['Jira returned no result for this element'] });
          }
        });
      });
      return { created, failures };
    },

    /** Not idempotent on every Jira (a lost response may leave the link behind): reconcile before resending. */
    async linkIssues(link: IssueLinkInput): Promise<void> {
      await call({
        method: 'POST',
        route: route`/rest/api/3/issueLink`,
        body: { type: { name: link.type }, inwardIssue: { key: link.inwardKey }, outwardIssue: { key: link.outwardKey } },
        schema: undefined,
        idempotent: false,
      });
    },

    /** Create-or-update keyed by globalId, so resending is safe. */
    /** The URL of the issue's remote link with this global id, or null when there is none (Jira's 404). */
    async getRemoteLinkUrl(issueKey: string, globalId: string): Promise<string | null> {
      const query = new URLSearchParams({ globalId });
      try {
        const link = await call({ method: 'GET', route: route`/rest/api/3/issue/${issueKey}/remotelink?${query}`, schema: remoteLinkSchema, idempotent: true });
        return link.object?.url ?? null;
      } catch (error) {
        if (error instanceof JiraError && error.code === 'not-found') return null;
        throw error;
      }
    },

    async upsertRemoteLink(issueKey: string, link: RemoteLinkInput): Promise<void> {
      await call({
        method: 'POST',
        route: route`/rest/api/3/issue/${issueKey}/remotelink`,
        body: {
          globalId: link.globalId,
          ...(link.relationship ? { relationship: link.relationship } : {}),
          object: { url: link.url, title: link.title },
        },
        schema: undefined,
        idempotent: true,
      });
    },

    /**
     * Sets the app's Forge custom-field values in one call, AS THE APP: Jira rejects user-identity writes to
     * an app's fields. Callers must pass only issues the current user just created through this adapter
     * (so the app identity never touches work the user could not).
     */
    async setAppFieldValues(updates: readonly AppFieldValueUpdate[]): Promise<void> {
      if (updates.length === 0) return;
      await call({
        method: 'POST',
        route: route`/rest/api/3/app/field/value`,
        body: { updates },
        schema: undefined,
        idempotent: true,
        asApp: true,
      });
    },

    async setIssueProperty(issueKeyOrId: string, propertyKey: string, value: unknown): Promise<void> {
      await call({
        method: 'PUT',
        route: route`/rest/api/3/issue/${issueKeyOrId}/properties/${propertyKey}`,
        body: value,
        schema: undefined,
        idempotent: true,
      });
    },

    /**
     * Queues Jira's e-mail to the given users. Never resent after a 5xx or a lost response (JiraOutcomeUnknownError):
     * Jira cannot be asked what it queued, so the caller records the outcome as unknown instead of e-mailing twice.
     */
    async notify(issueKeyOrId: string, notification: IssueNotification): Promise<void> {
      await call({
        method: 'POST',
        route: route`/rest/api/3/issue/${issueKeyOrId}/notify`,
        body: {
          subject: notification.subject,
          textBody: notification.textBody,
          htmlBody: notification.htmlBody,
          to: { reporter: false, assignee: false, watchers: false, voters: false, users: notification.to.map((accountId) => ({ accountId })) },
        },
        schema: undefined,
        idempotent: false,
      });
    },

    /** The site's base URL (`https://your-site.atlassian.net`), as Jira reports it. */
    async getSiteBaseUrl(): Promise<string> {
      const info = await call({ method: 'GET', route: route`/rest/api/3/serverInfo`, schema: serverInfoSchema, idempotent: true });
      return info.baseUrl;
    },

    /** The property's value, or undefined when the issue has no such property. */
    async getIssueProperty(issueKeyOrId: string, propertyKey: string): Promise<unknown> {
      try {
        const body = await call({
          method: 'GET',
          route: route`/rest/api/3/issue/${issueKeyOrId}/properties/${propertyKey}`,
          schema: entityPropertySchema,
          idempotent: true,
        });
        return body.value;
      } catch (error) {
        if (error instanceof JiraError && error.code === 'not-found') return undefined;
        throw error;
      }
    },
  };
  return adapter;
}

export type JiraAdapter = ReturnType<typeof createJiraAdapter>;
