/**
 * JQL search (`/search/jql`, GET and POST), approximate count, and the retired `/search` (410).
 * Results are the issues the actor may browse, as the index sees them (see JiraStore.searchableIssues),
 * with `reconcileIssues` read as they are now. Pages are cursors: `nextPageToken` carries the query and offset.
 */
import type { StandInResponse } from '../../http-types';
import { compileJql, JqlError, parseJql, type CompiledJql, type JqlIssue } from '../../jql';
import { browsableProjects, type SiteContext, type SiteRequest } from '../context';
import { selectFields } from '../fields';
import { renderIssue } from '../render';
import { errorCollection, fail, json, MESSAGES } from '../responses';
import { isObject, objectBody, queryList } from './query';

/** Jira's page caps: up to 5000 when only ids/keys are asked for, 100 otherwise; default 50. */
export const SEARCH_LIMITS = { defaultMaxResults: 50, idsOnlyMax: 5000, withFieldsMax: 100, maxProperties: 5, maxReconcile: 50 } as const;

interface SearchParams {
  jql: string;
  nextPageToken: string | null;
  maxResults: number;
  fields: string[];
  properties: string[];
  expand: string[];
  reconcileIssues: string[];
}

const asStringList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : [];

function paramsFromQuery(query: URLSearchParams): SearchParams {
  const maxRaw = query.get('maxResults');
  return {
    jql: query.get('jql') ?? '',
    nextPageToken: query.get('nextPageToken'),
    maxResults: maxRaw === null ? SEARCH_LIMITS.defaultMaxResults : Number(maxRaw),
    fields: query.getAll('fields'),
    properties: queryList(query, 'properties'),
    expand: queryList(query, 'expand'),
    reconcileIssues: queryList(query, 'reconcileIssues'),
  };
}

function paramsFromBody(body: unknown): SearchParams {
  const b = objectBody(body);
  return {
    jql: typeof b.jql === 'string' ? b.jql : '',
    nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : null,
    maxResults: b.maxResults === undefined ? SEARCH_LIMITS.defaultMaxResults : Number(b.maxResults),
    fields: asStringList(b.fields),
    properties: asStringList(b.properties),
    expand: asStringList(b.expand),
    reconcileIssues: Array.isArray(b.reconcileIssues) ? b.reconcileIssues.map(String) : [],
  };
}

interface PageToken {
  jql: string;
  offset: number;
}

export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function decodePageToken(raw: string, jql: string): number {
  try {
    const token: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (isObject(token) && token.jql === jql && Number.isInteger(token.offset) && Number(token.offset) >= 0) return Number(token.offset);
  } catch {
    // falls through to Jira's error
  }
  return fail(400, ['The provided next page token is invalid or expired.']);
}

/** Parses and compiles for the actor, answering Jira's 400 for JQL errors and unbounded queries. */
function compileFor(ctx: SiteContext, req: SiteRequest, jql: string): CompiledJql {
  try {
    const query = parseJql(jql);
    if (query.where === null) return fail(400, [MESSAGES.unbounded]);
    return compileJql(query, {
      now: new Date(ctx.now()),
      currentAccountId: req.actorId,
      aliases: ctx.fields.jqlAliases(),
      customFields: ctx.fields.jqlCustomFields(),
      knownProjects: browsableProjects(ctx, req.actorId).flatMap((p) => [p.key, p.id]),
      issueKeyById: (id) => ctx.store.issue(id)?.key,
    });
  } catch (error) {
    if (error instanceof JqlError) return fail(400, [error.message]);
    throw error;
  }
}

/** The matching issues the actor may browse, in the query's order. */
function matchingIssues(ctx: SiteContext, req: SiteRequest, compiled: CompiledJql, reconcile: ReadonlySet<string>): JqlIssue[] {
  const visibleProjects = new Set(browsableProjects(ctx, req.actorId).map((p) => p.id));
  const matches = ctx.store.searchableIssues(ctx.now(), reconcile).filter((doc) => visibleProjects.has(doc.projectId) && compiled.matches(doc));
  return compiled.sort(matches);
}

function search(ctx: SiteContext, req: SiteRequest, params: SearchParams): StandInResponse {
  if (!Number.isInteger(params.maxResults) || params.maxResults < 0) return fail(400, ['The maxResults parameter must be a non-negative integer.']);
  if (params.properties.length > SEARCH_LIMITS.maxProperties)
    return fail(400, [`A maximum of ${SEARCH_LIMITS.maxProperties} issue property keys can be specified.`]);
  if (params.reconcileIssues.length > SEARCH_LIMITS.maxReconcile) return fail(400, [`A maximum of ${SEARCH_LIMITS.maxReconcile} issue ids can be reconciled.`]);
  const compiled = compileFor(ctx, req, params.jql);
  const offset = params.nextPageToken ? decodePageToken(params.nextPageToken, params.jql) : 0;
  const fieldIds = selectFields(params.fields, ['id'], ctx.fields);
  const idsOnly = fieldIds.length === 0 && params.properties.length === 0;
  const pageSize = Math.min(params.maxResults, idsOnly ? SEARCH_LIMITS.idsOnlyMax : SEARCH_LIMITS.withFieldsMax);

  const all = matchingIssues(ctx, req, compiled, new Set(params.reconcileIssues));
  const page = all.slice(offset, offset + pageSize);
  const view = { fieldIds, properties: params.properties, expand: new Set(params.expand), actorId: req.actorId };
  const issues = page.flatMap((doc) => {
    const record = ctx.store.issue(doc.id);
    return record ? [renderIssue(req.baseUrl, ctx.store, ctx.fields, record, view)] : [];
  });
  const isLast = offset + page.length >= all.length;
  const body: Record<string, unknown> = { issues, isLast };
  if (!isLast) body.nextPageToken = encodePageToken({ jql: params.jql, offset: offset + page.length });
  if (view.expand.has('names')) body.names = Object.fromEntries(fieldIds.map((id) => [id, ctx.fields.fieldName(id) ?? id]));
  return json(200, body);
}

export const searchGet = (ctx: SiteContext, req: SiteRequest): StandInResponse => search(ctx, req, paramsFromQuery(req.query));
export const searchPost = (ctx: SiteContext, req: SiteRequest): StandInResponse => search(ctx, req, paramsFromBody(req.body));

/** Like Jira's approximate count: what the index sees now, no reconciliation. */
export function approximateCount(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const body = objectBody(req.body);
  const compiled = compileFor(ctx, req, typeof body.jql === 'string' ? body.jql : '');
  return json(200, { count: matchingIssues(ctx, req, compiled, new Set()).length });
}

export const searchRemoved = (): StandInResponse => errorCollection(410, [MESSAGES.searchRemoved]);
