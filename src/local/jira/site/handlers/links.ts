/** Issue links (between two issues) and remote links (to pages outside Jira, upserted by globalId). */
import type { StandInResponse } from '../../http-types';
import { hasPermission, requireBrowsableIssue, takeIssueWrites, type SiteContext, type SiteRequest } from '../context';
import { LINK_TYPES } from '../model';
import { renderLinkType, renderRemoteLink } from '../render';
import { fail, json, MESSAGES } from '../responses';
import { isObject, objectBody } from './query';

export function getIssueLinkTypes(_ctx: SiteContext, req: SiteRequest): StandInResponse {
  return json(200, { issueLinkTypes: LINK_TYPES.map((t) => renderLinkType(req.baseUrl, t)) });
}

function issueRef(value: unknown): string | null {
  if (!isObject(value)) return null;
  const ref = value.key ?? value.id;
  return typeof ref === 'string' || typeof ref === 'number' ? String(ref) : null;
}

/** `{type: {name|id}, inwardIssue, outwardIssue}`: for Blocks, the inward issue blocks the outward one. */
export function linkIssues(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const body = objectBody(req.body);
  const typeRef = isObject(body.type) ? body.type : {};
  const type = LINK_TYPES.find(
    (t) =>
      (typeRef.id !== undefined && t.id === String(typeRef.id)) || (typeof typeRef.name === 'string' && t.name.toLowerCase() === typeRef.name.toLowerCase()),
  );
  if (!type) return fail(404, [`No issue link type with name '${String(typeRef.name ?? typeRef.id ?? '')}' found.`]);
  const inwardRef = issueRef(body.inwardIssue);
  const outwardRef = issueRef(body.outwardIssue);
  if (!inwardRef || !outwardRef) return fail(400, ['Both inwardIssue and outwardIssue must be given by key or id.']);
  const inward = requireBrowsableIssue(ctx, req, inwardRef);
  const outward = requireBrowsableIssue(ctx, req, outwardRef);
  if (!hasPermission(inward.project, req.actorId, 'LINK_ISSUES')) return fail(403, [MESSAGES.noLink]);
  if (inward.issue.id === outward.issue.id) return fail(400, ['You cannot link an issue to itself.']);
  // Linking twice leaves one link, as Jira does.
  if (!ctx.store.findLink(type.id, inward.issue.id, outward.issue.id)) {
    takeIssueWrites(ctx, [inward.issue.id, outward.issue.id]);
    ctx.store.addLink(type.id, inward.issue.id, outward.issue.id);
    for (const issue of [inward.issue, outward.issue]) {
      ctx.emit({
        eventType: 'avi:jira:created:issuelink',
        issueId: issue.id,
        issueKey: issue.key,
        actorAccountId: req.actorId ?? '',
        changedFields: ['issuelinks'],
      });
    }
  }
  return { status: 201 };
}

/** All remote links of the issue, or the one with `globalId` (404 when none has it). */
export function getRemoteLinks(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const links = ctx.store.remoteLinks(issue.id);
  const globalId = req.query.get('globalId');
  if (globalId !== null) {
    const link = links.find((l) => l.globalId === globalId);
    return link
      ? json(200, renderRemoteLink(req.baseUrl, issue, link))
      : fail(404, [`No remote link with global id '${globalId}' was found on issue ${issue.key}.`]);
  }
  return json(
    200,
    links.map((l) => renderRemoteLink(req.baseUrl, issue, l)),
  );
}

/** Create (201) or, when a link with the same globalId exists, replace it (200); fields left out become null. */
export function upsertRemoteLink(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  if (!hasPermission(project, req.actorId, 'LINK_ISSUES')) return fail(403, [MESSAGES.noLink]);
  const body = objectBody(req.body);
  const object = isObject(body.object) ? body.object : null;
  const errors: Record<string, string> = {};
  if (!object || typeof object.url !== 'string' || object.url === '') errors.url = "'url' is required.";
  if (!object || typeof object.title !== 'string' || object.title === '') errors.title = "'title' is required.";
  if (Object.keys(errors).length > 0 || !object) return fail(400, [], errors);
  takeIssueWrites(ctx, [issue.id]);
  const { link, created } = ctx.store.upsertRemoteLink(issue.id, {
    globalId: typeof body.globalId === 'string' && body.globalId !== '' ? body.globalId : null,
    relationship: typeof body.relationship === 'string' ? body.relationship : null,
    application: isObject(body.application) ? body.application : null,
    object,
  });
  return json(created ? 201 : 200, { id: link.id, self: `${req.baseUrl}/rest/api/3/issue/${issue.key}/remotelink/${link.id}` });
}
