/** Issue properties: list keys, get, set (201 created / 200 updated), delete. */
import type { StandInResponse } from '../../http-types';
import { hasPermission, requireBrowsableIssue, takeIssueWrites, type SiteContext, type SiteRequest } from '../context';
import { propertyProblem } from '../issue-input';
import { fail, json, MESSAGES, noContent } from '../responses';

const propertyUrl = (req: SiteRequest, issueKey: string, key: string) => `${req.baseUrl}/rest/api/3/issue/${issueKey}/properties/${encodeURIComponent(key)}`;
const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

export function getPropertyKeys(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  return json(200, { keys: Object.keys(issue.properties).map((key) => ({ key, self: propertyUrl(req, issue.key, key) })) });
}

export function getProperty(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const key = req.params.propertyKey;
  if (!hasOwn(issue.properties, key)) return fail(404, [`The property with key '${key}' does not exist.`]);
  return json(200, { key, value: issue.properties[key] });
}

export function setProperty(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  if (!hasPermission(project, req.actorId, 'EDIT_ISSUES')) return fail(403, [MESSAGES.noEdit]);
  const key = req.params.propertyKey;
  const problem = propertyProblem(key, req.body);
  if (problem) return fail(400, [problem]);
  takeIssueWrites(ctx, [issue.id]);
  const existed = hasOwn(issue.properties, key);
  const next = ctx.store.updateIssue({ ...issue, properties: { ...issue.properties, [key]: req.body } }, ctx.now(), { touch: false });
  ctx.emit({ eventType: 'avi:jira:set:issue:property', issueId: next.id, issueKey: next.key, actorAccountId: req.actorId ?? '', changedFields: [key] });
  return { status: existed ? 200 : 201 };
}

export function deleteProperty(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const key = req.params.propertyKey;
  if (!hasOwn(issue.properties, key)) return fail(404, [`The property with key '${key}' does not exist.`]);
  if (!hasPermission(project, req.actorId, 'EDIT_ISSUES')) return fail(403, [MESSAGES.noEdit]);
  takeIssueWrites(ctx, [issue.id]);
  const properties = Object.fromEntries(Object.entries(issue.properties).filter(([k]) => k !== key));
  const next = ctx.store.updateIssue({ ...issue, properties }, ctx.now(), { touch: false });
  ctx.emit({ eventType: 'avi:jira:deleted:issue:property', issueId: next.id, issueKey: next.key, actorAccountId: req.actorId ?? '', changedFields: [key] });
  return noContent();
}
