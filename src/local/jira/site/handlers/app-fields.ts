/**
 * Values of the app's Forge custom fields. Jira accepts these only from the app that declared the field
 * ("Only the app that owns the custom field … can update its values"), so here only APP_ACCOUNT_ID may
 * write them; users get 403, exactly as a user-identity call would on Jira Cloud.
 */
import type { StandInResponse } from '../../http-types';
import { takeIssueWrites, type SiteContext, type SiteRequest } from '../context';
import type { CustomFieldDef } from '../fields';
import { customValueProblem } from '../issue-input';
import type { IssueRecord } from '../model';
import { fail, MESSAGES, noContent } from '../responses';
import { isObject, objectBody } from './query';

interface FieldUpdate {
  field: CustomFieldDef;
  issueIds: string[];
  value: unknown;
}

function issueIdsOf(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return fail(400, ['issueIds must be a non-empty list of issue ids.']);
  return value.map((id) => String(id));
}

/** Validates everything first, then writes all values (one request, all or nothing). */
function applyUpdates(ctx: SiteContext, req: SiteRequest, updates: FieldUpdate[]): StandInResponse {
  if (req.actorId !== ctx.appAccountId) return fail(403, [MESSAGES.appOnly]);
  const seen = new Set<string>();
  const writes: { issue: IssueRecord; field: CustomFieldDef; value: unknown }[] = [];
  for (const update of updates) {
    const problem = customValueProblem(update.field, update.value);
    if (problem) return fail(400, [], { [update.field.id]: problem });
    for (const id of update.issueIds) {
      const combo = `${update.field.id}/${id}`;
      if (seen.has(combo)) return fail(400, [`The combination of field ${update.field.id} and issue ${id} appears more than once.`]);
      seen.add(combo);
      const issue = ctx.store.issue(id);
      if (!issue) return fail(400, [`Issue with id ${id} does not exist.`]);
      writes.push({ issue, field: update.field, value: update.value });
    }
  }
  takeIssueWrites(ctx, [...new Set(writes.map((w) => w.issue.id))]);
  const changed = new Map<string, string[]>();
  for (const write of writes) {
    const current = ctx.store.issue(write.issue.id) ?? write.issue;
    ctx.store.updateIssue({ ...current, customFields: { ...current.customFields, [write.field.id]: write.value } });
    changed.set(current.id, [...(changed.get(current.id) ?? []), write.field.id]);
  }
  for (const [issueId, fields] of changed) {
    const issue = ctx.store.issue(issueId);
    if (issue) ctx.emit({ eventType: 'avi:jira:updated:issue', issueId, issueKey: issue.key, actorAccountId: req.actorId ?? '', changedFields: fields });
  }
  return noContent();
}

function requireField(ctx: SiteContext, idOrKey: unknown): CustomFieldDef {
  const field = typeof idOrKey === 'string' ? ctx.fields.customField(idOrKey) : undefined;
  if (!field) return fail(404, [`The custom field '${String(idOrKey)}' was not found.`]);
  return field;
}

/** PUT /rest/api/3/app/field/{fieldIdOrKey}/value: `{updates: [{issueIds, value}]}`. */
export function updateCustomFieldValue(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const field = requireField(ctx, req.params.fieldIdOrKey);
  const body = objectBody(req.body);
  const updates = Array.isArray(body.updates) ? body.updates : fail(400, ['updates must be a list.']);
  return applyUpdates(
    ctx,
    req,
    updates.map((u) => (isObject(u) ? { field, issueIds: issueIdsOf(u.issueIds), value: u.value } : fail(400, ['Each update must be an object.']))),
  );
}

/** POST /rest/api/3/app/field/value: `{updates: [{customField, issueIds, value}]}`. */
export function updateMultipleCustomFieldValues(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const body = objectBody(req.body);
  const updates = Array.isArray(body.updates) ? body.updates : fail(400, ['updates must be a list.']);
  return applyUpdates(
    ctx,
    req,
    updates.map((u) =>
      isObject(u)
        ? { field: requireField(ctx, u.customField), issueIds: issueIdsOf(u.issueIds), value: u.value }
        : fail(400, ['Each update must be an object.']),
    ),
  );
}
