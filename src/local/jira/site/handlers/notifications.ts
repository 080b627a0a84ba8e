/**
 * Issue watchers (get, add, remove) and the issue notification API (`POST /issue/{key}/notify`). Nothing is
 * e-mailed: what Jira would have sent lands in the store's outbox, recipients resolved as Jira resolves them.
 */
import type { StandInResponse } from '../../http-types';
import { hasPermission, requireBrowsableIssue, takeIssueWrites, type SiteContext, type SiteRequest } from '../context';
import { DEMO_SITE } from '../demo';
import type { Account, IssueRecord, PermissionKey, Project } from '../model';
import { renderUser } from '../render';
import { fail, json, noContent } from '../responses';
import { isObject, type Json } from './query';
import { PERMISSION_CATALOGUE } from './meta';

export const NOTIFY_MESSAGES = {
  noManageWatchers: 'You do not have the permission to manage the watcher list.',
  watcherBody: 'The request body must be a JSON string: the account ID of the user to add as a watcher.',
  accountIdRequired: "The 'accountId' query parameter is required.",
  userNotFound: (accountId: string) => `The user with account ID '${accountId}' does not exist.`,
  cannotView: (name: string) => `The user "${name}" does not have permission to view this issue. This user will not be added to the watch list.`,
  noRecipients: 'No recipients were defined for notification.',
  noAssignee: 'The issue has no assignee to notify.',
  noReporter: 'The issue has no reporter to notify.',
  mailDisabled: 'Outgoing mail is disabled on this site: the notification was not queued.',
} as const;

const watchersUrl = (req: SiteRequest, issue: IssueRecord) => `${req.baseUrl}/rest/api/3/issue/${issue.key}/watchers`;

/** Everyone sees the count and whether they watch; only VIEW_VOTERS_AND_WATCHERS shows who the others are. */
export function getWatchers(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const ids = ctx.store.watchers(issue.id);
  const visible = hasPermission(project, req.actorId, 'VIEW_VOTERS_AND_WATCHERS') ? ids : ids.filter((id) => id === req.actorId);
  return json(200, {
    self: watchersUrl(req, issue),
    isWatching: req.actorId !== null && ids.includes(req.actorId),
    watchCount: ids.length,
    watchers: visible.flatMap((id) => {
      const account = ctx.store.account(id);
      return account ? [watcherView(req, account)] : [];
    }),
  });
}

/** Jira lists watchers with the short user shape (no e-mail address). */
function watcherView(req: SiteRequest, account: Account): Record<string, unknown> {
  const { self, accountId, avatarUrls, displayName, active, accountType } = renderUser(req.baseUrl, account);
  return { self, accountId, avatarUrls, displayName, active, accountType };
}

/** Who the watcher operation is about, after Jira's checks: MANAGE_WATCHERS for others, a real user. */
function watcherTarget(ctx: SiteContext, req: SiteRequest, project: Project, accountId: string): Account {
  if (accountId !== req.actorId && !hasPermission(project, req.actorId, 'MANAGE_WATCHERS')) return fail(403, [NOTIFY_MESSAGES.noManageWatchers]);
  const account = ctx.store.account(accountId);
  if (!account) return fail(404, [NOTIFY_MESSAGES.userNotFound(accountId)]);
  return account;
}

/** The body is the account id as a JSON string; no body adds the caller. Adding a watcher twice keeps one. */
export function addWatcher(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  let accountId: string;
  if (req.body === undefined || req.body === null) accountId = req.actorId ?? '';
  else if (typeof req.body === 'string' && req.body.trim() !== '') accountId = req.body.trim();
  else return fail(400, [NOTIFY_MESSAGES.watcherBody]);
  const account = watcherTarget(ctx, req, project, accountId);
  if (!hasPermission(project, account.accountId, 'BROWSE_PROJECTS')) return fail(400, [NOTIFY_MESSAGES.cannotView(account.displayName)]);
  if (!ctx.store.watchers(issue.id).includes(account.accountId)) {
    takeIssueWrites(ctx, [issue.id]);
    ctx.store.setWatching(issue.id, account.accountId, true);
  }
  return noContent();
}

/** `?accountId=` is required; removing someone who does not watch is a no-op (a user who lost access can still be removed). */
export function removeWatcher(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  const accountId = req.query.get('accountId');
  if (accountId === null || accountId.trim() === '') return fail(400, [NOTIFY_MESSAGES.accountIdRequired]);
  const account = watcherTarget(ctx, req, project, accountId.trim());
  if (ctx.store.watchers(issue.id).includes(account.accountId)) {
    takeIssueWrites(ctx, [issue.id]);
    ctx.store.setWatching(issue.id, account.accountId, false);
  }
  return noContent();
}

// ---- notify ------------------------------------------------------------------------------------

const optionalString = (body: Json, name: string, errors: Record<string, string>): string | null => {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') errors[name] = `The ${name} must be a string.`;
  return typeof value === 'string' ? value : null;
};

/** A list member of the request, or an error when it is not a list of objects. */
function listOf(owner: Json, name: string, path: string, errors: Record<string, string>): Json[] {
  const value = owner[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) {
    errors[path] = `'${path}' must be a list of objects.`;
    return [];
  }
  return value;
}

function stringList(owner: Json, name: string, path: string, errors: Record<string, string>): string[] {
  const value = owner[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    errors[path] = `'${path}' must be a list of strings.`;
    return [];
  }
  return value;
}

function findGroup(ref: Json | string): (typeof DEMO_SITE.groups)[number] | undefined {
  if (typeof ref === 'string') return DEMO_SITE.groups.find((g) => g.groupId === ref);
  if (typeof ref.groupId === 'string') return DEMO_SITE.groups.find((g) => g.groupId === ref.groupId);
  return typeof ref.name === 'string' ? DEMO_SITE.groups.find((g) => g.name.toLowerCase() === (ref.name as string).toLowerCase()) : undefined;
}

const groupLabel = (ref: Json | string) => (typeof ref === 'string' ? ref : String(ref.groupId ?? ref.name ?? ''));

/** `to.reporter|assignee|watchers|voters`: Jira treats an omitted flag as true (name them false to leave them out). */
const flag = (to: Json, name: string): { on: boolean; explicit: boolean } => ({ on: to[name] !== false, explicit: to[name] === true });

/** Resolves `to` into account ids, or fails with Jira's 400. */
function recipientsOf(ctx: SiteContext, issue: IssueRecord, to: Json, errors: Record<string, string>, messages: string[]): string[] {
  const ids: string[] = [];
  const reporter = flag(to, 'reporter');
  if (reporter.on && issue.reporterAccountId) ids.push(issue.reporterAccountId);
  else if (reporter.explicit) messages.push(NOTIFY_MESSAGES.noReporter);
  const assignee = flag(to, 'assignee');
  if (assignee.on && issue.assigneeAccountId) ids.push(issue.assigneeAccountId);
  else if (assignee.explicit) messages.push(NOTIFY_MESSAGES.noAssignee);
  if (flag(to, 'watchers').on) ids.push(...ctx.store.watchers(issue.id));
  // The stand-in models no voting: an issue's voters are nobody.
  for (const user of listOf(to, 'users', 'to.users', errors)) {
    const accountId = user.accountId;
    if (typeof accountId !== 'string' || accountId === '') messages.push('Each user in to.users needs an accountId.');
    else if (!ctx.store.account(accountId)) messages.push(NOTIFY_MESSAGES.userNotFound(accountId));
    else ids.push(accountId);
  }
  const groupRefs: (Json | string)[] = [...listOf(to, 'groups', 'to.groups', errors), ...stringList(to, 'groupIds', 'to.groupIds', errors)];
  for (const ref of groupRefs) {
    const group = findGroup(ref);
    if (!group) messages.push(`Group '${groupLabel(ref)}' does not exist.`);
    else ids.push(...group.memberAccountIds);
  }
  return ids;
}

/** `restrict`: only recipients holding every listed permission and in every listed group. */
function restriction(restrict: Json, errors: Record<string, string>, messages: string[]): (project: Project, accountId: string) => boolean {
  const permissions: string[] = [];
  for (const p of listOf(restrict, 'permissions', 'restrict.permissions', errors)) {
    const entry = Object.entries(PERMISSION_CATALOGUE).find(
      ([key, def]) => (typeof p.key === 'string' && key === p.key) || (p.id !== undefined && def.id === String(p.id)),
    );
    if (!entry) messages.push(`Permission '${String(p.key ?? p.id ?? '')}' does not exist.`);
    else permissions.push(entry[0]);
  }
  const groups = [...listOf(restrict, 'groups', 'restrict.groups', errors), ...stringList(restrict, 'groupIds', 'restrict.groupIds', errors)].map((ref) => {
    const group = findGroup(ref);
    if (!group) messages.push(`Group '${groupLabel(ref)}' does not exist.`);
    return group;
  });
  return (project, accountId) =>
    permissions.every((key) => hasPermission(project, accountId, key as PermissionKey)) &&
    groups.every((g) => g === undefined || g.memberAccountIds.includes(accountId));
}

/**
 * Queues an e-mail about the issue (204). Recipients who may not browse the issue, app accounts and the caller
 * are left out, as Jira does; when nobody is left, 400. 403 when the site's outgoing mail is off.
 */
export function notify(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const { issue, project } = requireBrowsableIssue(ctx, req, req.params.issueIdOrKey);
  if (!isObject(req.body)) return fail(400, ['The request body must be a JSON object.']);
  const body = req.body;
  const errors: Record<string, string> = {};
  const messages: string[] = [];
  const subject = optionalString(body, 'subject', errors);
  const textBody = optionalString(body, 'textBody', errors);
  const htmlBody = optionalString(body, 'htmlBody', errors);
  for (const name of ['to', 'restrict'])
    if (body[name] !== undefined && body[name] !== null && !isObject(body[name])) errors[name] = `'${name}' must be an object.`;
  const to = isObject(body.to) ? body.to : {};
  const restrict = isObject(body.restrict) ? body.restrict : {};
  const requested = recipientsOf(ctx, issue, to, errors, messages);
  const allowed = restriction(restrict, errors, messages);
  if (messages.length > 0 || Object.keys(errors).length > 0) return fail(400, messages, errors);
  if (!ctx.mail.outgoingEnabled) return fail(403, [NOTIFY_MESSAGES.mailDisabled]);
  const recipients = [...new Set(requested)].filter((id) => {
    const account = ctx.store.account(id);
    return account?.accountType === 'atlassian' && id !== req.actorId && hasPermission(project, id, 'BROWSE_PROJECTS') && allowed(project, id);
  });
  if (recipients.length === 0) return fail(400, [NOTIFY_MESSAGES.noRecipients]);
  ctx.store.addOutboxEntry({
    issueId: issue.id,
    issueKey: issue.key,
    senderAccountId: req.actorId ?? '',
    to: recipients,
    subject: subject ?? `[JIRA] (${issue.key}) ${issue.summary}`,
    textBody,
    htmlBody,
    at: ctx.now(),
  });
  return noContent();
}
