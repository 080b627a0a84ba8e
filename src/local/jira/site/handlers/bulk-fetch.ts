/**
 * Bulk fetch (`POST /issue/bulkfetch`): up to 100 issues by id or key in one call, as Jira documents it:
 * 400 with no ids or more than 100; issues the actor may not browse, and ids that match nothing, are left out
 * silently (not listed in `issueErrors`); the rest come back in ascending id order. Fields default to
 * `*navigable`; up to 5 property keys. Reads the issues as they are now (no search index involved).
 */
import type { StandInResponse } from '../../http-types';
import { hasPermission, type SiteContext, type SiteRequest } from '../context';
import { selectFields } from '../fields';
import { renderIssue } from '../render';
import { fail, json } from '../responses';
import { objectBody } from './query';
import { SEARCH_LIMITS } from './search';

export const BULK_FETCH_LIMITS = { maxIssues: 100, maxProperties: SEARCH_LIMITS.maxProperties } as const;

const stringList = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : [];

export function bulkFetchIssues(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const body = objectBody(req.body);
  const requested = Array.isArray(body.issueIdsOrKeys) ? body.issueIdsOrKeys.map((v) => String(v).trim()).filter((v) => v !== '') : [];
  if (requested.length === 0) return fail(400, ['No issue IDs or keys were provided.']);
  if (requested.length > BULK_FETCH_LIMITS.maxIssues) return fail(400, [`A maximum of ${BULK_FETCH_LIMITS.maxIssues} issue IDs or keys can be fetched.`]);
  const properties = stringList(body.properties);
  if (properties.length > BULK_FETCH_LIMITS.maxProperties)
    return fail(400, [`A maximum of ${BULK_FETCH_LIMITS.maxProperties} issue property keys can be specified.`]);
  const view = {
    fieldIds: selectFields(stringList(body.fields), ['*navigable'], ctx.fields),
    properties,
    expand: new Set(stringList(body.expand)),
    actorId: req.actorId,
  };

  const found = new Map<string, NonNullable<ReturnType<typeof ctx.store.issue>>>();
  for (const idOrKey of requested) {
    const issue = ctx.store.issue(idOrKey);
    const project = issue && ctx.store.project(issue.projectId);
    if (issue && project && hasPermission(project, req.actorId, 'BROWSE_PROJECTS')) found.set(issue.id, issue);
  }
  const issues = [...found.values()].sort((a, b) => Number(a.id) - Number(b.id)).map((issue) => renderIssue(req.baseUrl, ctx.store, ctx.fields, issue, view));
  return json(200, { issues, issueErrors: [] });
}
