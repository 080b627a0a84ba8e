/** Issues: create (one and bulk), get, edit, transitions. */
import type { StandInResponse } from '../../http-types';
import { hasPermission, requireBrowsableIssue, takeIssueWrites, type SiteContext, type SiteRequest } from '../context';
import { selectFields } from '../fields';
import { parseIssueInput, parseProperties, resolveIssueType, type InputOutcome } from '../issue-input';
import { STATUSES, issueTypeById, statusById, type IssueRecord, type Project } from '../model';
import { renderIssue, renderStatus } from '../render';
import { errorCollection, fail, json, JiraHttpError, MESSAGES, noContent } from '../responses';
import { isObject, objectBody, queryBool, queryList, type Json } from './query';

const BULK_LIMIT = 50;

/** A 400/403 as an ErrorCollection response, or null when the input is valid. */
function outcomeError(outcome: InputOutcome): StandInResponse | null {
  if (outcome.forbidden) return errorCollection(403, [outcome.forbidden]);
  if (Object.keys(outcome.errors).length > 0 || outcome.errorMessages.length > 0) return errorCollection(400, outcome.errorMessages, outcome.errors);
  return null;
}

/** Validates and creates one issue; returns the record or the error response. */
function createOne(ctx: SiteContext, req: SiteRequest, raw: unknown): { issue: IssueRecord } | { error: StandInResponse } {
  if (!isObject(raw)) return { error: errorCollection(400, ['The request body must be a JSON object.']) };
  const fields = isObject(raw.fields) ? { ...raw.fields } : {};
  const update = isObject(raw.update) ? raw.update : {};
  const projectRef = fields.project;
  delete fields.project;
  const typeRef = fields.issuetype;
  delete fields.issuetype;

  const ref = isObject(projectRef) ? (projectRef.key ?? projectRef.id) : undefined;
  const project = typeof ref === 'string' || typeof ref === 'number' ? ctx.store.project(String(ref)) : undefined;
  if (!project || !hasPermission(project, req.actorId, 'BROWSE_PROJECTS'))
    return { error: errorCollection(400, [], { project: 'Specify a valid project ID or key' }) };
  if (!hasPermission(project, req.actorId, 'CREATE_ISSUES')) return { error: errorCollection(403, [MESSAGES.noCreate]) };
  const type = typeRef === undefined ? undefined : resolveIssueType(typeRef);
  if (!type) return { error: errorCollection(400, [], { issuetype: typeRef === undefined ? 'Specify an issue type' : 'The issue type selected is invalid.' }) };

  const outcome = parseIssueInput(ctx, req.actorId, { project, type, issue: null }, fields, update, 'create');
  outcome.properties = parseProperties(raw.properties, outcome.errorMessages);
  const error = outcomeError(outcome);
  if (error) return { error };

  const issue = ctx.store.createIssue({
    projectId: project.id,
    issueTypeId: type.id,
    summary: outcome.changes.summary ?? '',
    description: outcome.changes.description ?? null,
    labels: outcome.changes.labels ?? [],
    assigneeAccountId: outcome.changes.assigneeAccountId ?? null,
    reporterAccountId: req.actorId,
    creatorAccountId: req.actorId,
    parentId: outcome.changes.parentId ?? null,
    dueDate: outcome.changes.dueDate ?? null,
    customFields: outcome.changes.customFields ?? {},
    properties: Object.fromEntries(outcome.properties.map((p) => [p.key, p.value])),
  });
  takeIssueWrites(ctx, [issue.id]);
  // Jira's default "watch issues you create" preference: a person (not an app) who creates an issue watches it.
  if (req.actorId && ctx.store.account(req.actorId)?.accountType === 'atlassian') ctx.store.setWatching(issue.id, req.actorId, true);
  ctx.emit({
    eventType: 'avi:jira:created:issue',
    issueId: issue.id,
    issueKey: issue.key,
    actorAccountId: req.actorId ?? '',
    changedFields: ['issuetype', 'project', 'status', ...outcome.changedFields],
  });
  return { issue };
}

const createdBody = (req: SiteRequest, issue: IssueRecord) => ({ id: issue.id, key: issue.key, self: `${req.baseUrl}/rest/api/3/issue/${issue.id}` });

export function createIssue(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const result = createOne(ctx, req, req.body);
  if ('error' in result) return result.error;
  const body = objectBody(req.body);
  if (isObject(body.transition)) transitionTo(ctx, req, result.issue, body.transition);
  return json(201, createdBody(req, result.issue));
}

/** Up to 50 creates; each element succeeds or fails on its own (201 if any succeeded, else 400). */
export function createIssues(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const body = objectBody(req.body);
  const updates = Array.isArray(body.issueUpdates) ? body.issueUpdates : [];
  if (updates.length > BULK_LIMIT) {
    return json(400, {
      issues: [],
      errors: [
        {
          status: 400,
          elementErrors: { errorMessages: [`Bulk create can create at most ${BULK_LIMIT} issues in one request.`], errors: {} },
          failedElementNumber: BULK_LIMIT,
        },
      ],
    });
  }
  const issues: unknown[] = [];
  const errors: unknown[] = [];
  updates.forEach((element, index) => {
    let result: ReturnType<typeof createOne>;
    try {
      result = createOne(ctx, req, element);
    } catch (error) {
      if (!(error instanceof JiraHttpError)) throw error;
      result = { error: error.response };
    }
    if ('issue' in result) issues.push(createdBody(req, result.issue));
    else {
      const elementErrors = isObject(result.error.body) ? result.error.body : { errorMessages: [], errors: {} };
      errors.push({ status: result.error.status, elementErrors, failedElementNumber: index });
    }
  });
  return json(issues.length > 0 || updates.length === 0 ? 201 : 400, { issues, errors });
}

function issueView(ctx: SiteContext, req: SiteRequest, defaults: string[]) {
  return {
    fieldIds: selectFields(req.query.getAll('fields'), defaults, ctx.fields),
    properties: queryList(req.query, 'properties'),
    expand: new Set(queryList(req.query, 'expand')),
    actorId: req.actorId,
  };
}

export function renderTransitions(req: SiteRequest, project: Project, actorId: string | null): Record<string, unknown>[] {
  if (!hasPermission(project, actorId, 'TRANSITION_ISSUES')) return [];
  return STATUSES.map((status) => ({
    id: status.transitionId,
    name: status.name,
    to: renderStatus(req.baseUrl, status),
    hasScreen: false,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  }));
}

export function getIssue(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const view = issueView(ctx, req, ['*all']);
  const body = renderIssue(req.baseUrl, ctx.store, ctx.fields, issue, view);
  if (view.expand.has('transitions')) body.transitions = renderTransitions(req, project, req.actorId);
  return json(200, body);
}

/**
 * DELETE /rest/api/3/issue/{issueIdOrKey} (deleteIssue): 404 when the caller cannot see it, 403 without
 * DELETE_ISSUES, 400 when it has subtasks and `deleteSubtasks` is not "true" (then they go with it), 204.
 * An epic's child issues are not subtasks: they stay, without their parent, as in Jira.
 */
export function deleteIssue(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  if (!hasPermission(project, req.actorId, 'DELETE_ISSUES')) return fail(403, ['You do not have permission to delete issues in this project.']);
  const flag = req.query.get('deleteSubtasks');
  if (flag !== null && flag !== 'true' && flag !== 'false') return fail(400, [`The value '${flag}' is invalid for deleteSubtasks.`]);
  const children = ctx.store.children(issue.id);
  const subtasks = children.filter((c) => issueTypeById(c.issueTypeId)?.subtask);
  if (subtasks.length > 0 && flag !== 'true') return fail(400, [`The issue ${issue.key} has subtasks. To delete it, set deleteSubtasks to true.`]);
  for (const subtask of subtasks) ctx.store.deleteIssue(subtask.id);
  for (const child of children.filter((c) => !issueTypeById(c.issueTypeId)?.subtask))
    ctx.store.updateIssue({ ...child, parentId: null }, undefined, { touch: true });
  ctx.store.deleteIssue(issue.id);
  return { status: 204 };
}

/** Applies a validated edit (fields and properties), stamps `updated`, and emits the events. */
function commitEdit(ctx: SiteContext, req: SiteRequest, issue: IssueRecord, outcome: InputOutcome): IssueRecord {
  if (outcome.changedFields.length === 0 && outcome.properties.length === 0) return issue;
  const { customFields, ...rest } = outcome.changes;
  const properties = { ...issue.properties };
  for (const p of outcome.properties) properties[p.key] = p.value;
  const next = ctx.store.updateIssue({ ...issue, ...rest, customFields: { ...issue.customFields, ...(customFields ?? {}) }, properties }, ctx.now(), {
    touch: outcome.changedFields.length > 0,
  });
  const actorAccountId = req.actorId ?? '';
  if (outcome.changedFields.length > 0) {
    ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: next.id, issueKey: next.key, actorAccountId, changedFields: [...outcome.changedFields] });
    if (outcome.changedFields.includes('assignee'))
      ctx.emit({ eventType: 'avi:jira:assigned:issue', issueId: next.id, issueKey: next.key, actorAccountId, changedFields: ['assignee'] });
  }
  for (const p of outcome.properties)
    ctx.emit({ eventType: 'avi:jira:set:issue:property', issueId: next.id, issueKey: next.key, actorAccountId, changedFields: [p.key] });
  return next;
}

export function editIssue(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const body = objectBody(req.body);
  if (!hasPermission(project, req.actorId, 'EDIT_ISSUES')) return fail(403, [MESSAGES.noEdit]);
  // Jira lets only administrators (and apps) switch notifications off.
  if (!queryBool(req.query, 'notifyUsers', true) && req.actorId !== ctx.appAccountId) {
    return fail(403, ['To discard the user notification either admin or project admin permissions are required.']);
  }
  const type = issueTypeById(issue.issueTypeId);
  if (!type) return fail(500, ['Issue has an unknown issue type.']);
  const outcome = parseIssueInput(
    ctx,
    req.actorId,
    { project, type, issue },
    isObject(body.fields) ? body.fields : {},
    isObject(body.update) ? body.update : {},
    'edit',
  );
  outcome.properties = parseProperties(body.properties, outcome.errorMessages);
  const error = outcomeError(outcome);
  if (error) return error;
  takeIssueWrites(ctx, [issue.id]);
  const next = commitEdit(ctx, req, issue, outcome);
  if (queryBool(req.query, 'returnIssue', false)) return json(200, renderIssue(req.baseUrl, ctx.store, ctx.fields, next, issueView(ctx, req, ['*all'])));
  return noContent();
}

export function getTransitions(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  return json(200, { expand: 'transitions', transitions: renderTransitions(req, project, req.actorId) });
}

/** Moves the issue along the transition `{id}`; 400 (Jira's wording) when it is not available to the actor. */
function transitionTo(ctx: SiteContext, req: SiteRequest, issue: IssueRecord, transition: Json): IssueRecord {
  const project = ctx.store.project(issue.projectId);
  const id = transition.id === undefined ? '' : String(transition.id);
  const target = STATUSES.find((s) => s.transitionId === id);
  if (!project || !target || !hasPermission(project, req.actorId, 'TRANSITION_ISSUES')) {
    return fail(400, [`Transition id '${id}' is not valid for this issue.`]);
  }
  takeIssueWrites(ctx, [issue.id]);
  const previous = statusById(issue.statusId);
  const at = ctx.now();
  const categoryChanged = previous?.category !== target.category;
  const next = ctx.store.updateIssue({ ...issue, statusId: target.id, statusCategoryChanged: categoryChanged ? at : issue.statusCategoryChanged }, at);
  const changedFields = categoryChanged ? ['status', 'resolution'] : ['status'];
  ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: next.id, issueKey: next.key, actorAccountId: req.actorId ?? '', changedFields });
  return next;
}

export function doTransition(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const body = objectBody(req.body);
  if (!isObject(body.transition)) return fail(400, ['Missing transition.']);
  // Fields set on the transition screen are an edit made with the transition.
  const fields = isObject(body.fields) ? body.fields : {};
  const update = isObject(body.update) ? body.update : {};
  let current = issue;
  if (Object.keys(fields).length > 0 || Object.keys(update).length > 0) {
    const type = issueTypeById(issue.issueTypeId);
    if (!type) return fail(500, ['Issue has an unknown issue type.']);
    const outcome = parseIssueInput(ctx, req.actorId, { project, type, issue }, fields, update, 'edit');
    const error = outcomeError(outcome);
    if (error) return error;
    transitionTo(ctx, req, issue, body.transition);
    current = ctx.store.issue(issue.id) ?? issue;
    commitEdit(ctx, req, current, outcome);
    return noContent();
  }
  transitionTo(ctx, req, current, body.transition);
  return noContent();
}
