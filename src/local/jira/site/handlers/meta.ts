/** Site metadata: myself, projects, create metadata, fields, users, and the actor's permissions. */
import type { StandInResponse } from '../../http-types';
import { browsableProjects, hasPermission, requireBrowsableIssue, requireBrowsableProject, type SiteContext, type SiteRequest } from '../context';
import { ISSUE_TYPES, PROJECT_PERMISSIONS, type Account, type PermissionKey, type Project } from '../model';
import { renderIssueType, renderUser } from '../render';
import { fail, json } from '../responses';
import { queryInt, queryList } from './query';
import { DEMO_SITE } from '../demo';

export function getMyself(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const account = req.actorId ? ctx.store.account(req.actorId) : undefined;
  if (!account) return fail(401, ['You are not authenticated. Authentication required to perform this operation.']);
  return json(200, { ...renderUser(req.baseUrl, account), locale: 'en_US' });
}

function renderProject(ctx: SiteContext, req: SiteRequest, project: Project): Record<string, unknown> {
  const lead = ctx.store.account(project.leadAccountId);
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${req.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    description: project.description,
    ...(lead ? { lead: renderUser(req.baseUrl, lead) } : {}),
    issueTypes: ISSUE_TYPES.map((t) => renderIssueType(req.baseUrl, t)),
    assigneeType: 'UNASSIGNED',
    avatarUrls: Object.fromEntries(['48x48', '24x24', '16x16', '32x32'].map((s) => [s, `${req.baseUrl}/secure/projectavatar?size=${s}&pid=${project.id}`])),
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

export function getProject(ctx: SiteContext, req: SiteRequest): StandInResponse {
  return json(200, renderProject(ctx, req, requireBrowsableProject(ctx, req, req.params.projectIdOrKey)));
}

const ACTION_PERMISSION: Record<string, PermissionKey> = { view: 'BROWSE_PROJECTS', browse: 'BROWSE_PROJECTS', edit: 'EDIT_ISSUES', create: 'CREATE_ISSUES' };

export function searchProjects(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const startAt = Math.max(0, queryInt(req.query, 'startAt', 0));
  const maxResults = Math.min(100, Math.max(0, queryInt(req.query, 'maxResults', 50)));
  const keys = new Set(queryList(req.query, 'keys').map((k) => k.toUpperCase()));
  const ids = new Set(queryList(req.query, 'id'));
  const text = (req.query.get('query') ?? '').toLowerCase();
  const permission = ACTION_PERMISSION[req.query.get('action') ?? 'view'] ?? 'BROWSE_PROJECTS';
  const all = browsableProjects(ctx, req.actorId)
    .filter((p) => hasPermission(p, req.actorId, permission))
    .filter((p) => keys.size === 0 || keys.has(p.key))
    .filter((p) => ids.size === 0 || ids.has(p.id))
    .filter((p) => text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    .sort((a, b) => a.key.localeCompare(b.key));
  const values = all.slice(startAt, startAt + maxResults).map((p) => renderProject(ctx, req, p));
  const isLast = startAt + values.length >= all.length;
  const self = `${req.baseUrl}/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`;
  return json(200, {
    self,
    ...(isLast ? {} : { nextPage: `${req.baseUrl}/rest/api/3/project/search?startAt=${startAt + values.length}&maxResults=${maxResults}` }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  });
}

/** The issue types the actor may create in the project (none without CREATE_ISSUES). */
export function getCreateMetaIssueTypes(ctx: SiteContext, req: SiteRequest): StandInResponse {
  // Jira documents no 404 here: an unknown or hidden project is a 400.
  const project = requireBrowsableProject(ctx, req, req.params.projectIdOrKey, 400);
  const startAt = Math.max(0, queryInt(req.query, 'startAt', 0));
  const maxResults = Math.min(200, Math.max(0, queryInt(req.query, 'maxResults', 50)));
  const types = hasPermission(project, req.actorId, 'CREATE_ISSUES') ? ISSUE_TYPES : [];
  return json(200, {
    maxResults,
    startAt,
    total: types.length,
    issueTypes: types.slice(startAt, startAt + maxResults).map((t) => renderIssueType(req.baseUrl, t)),
  });
}

export function getFields(ctx: SiteContext): StandInResponse {
  return json(200, ctx.fields.fieldDetails());
}

function matchesUserQuery(account: Account, text: string): boolean {
  if (text === '') return true;
  const lower = text.toLowerCase();
  return (
    account.displayName
      .toLowerCase()
      .split(/\s+/)
      .some((word) => word.startsWith(lower)) ||
    account.displayName.toLowerCase().startsWith(lower) ||
    account.emailAddress.toLowerCase().startsWith(lower)
  );
}

function pageOfUsers(req: SiteRequest, accounts: Account[]): StandInResponse {
  const startAt = Math.max(0, queryInt(req.query, 'startAt', 0));
  const maxResults = Math.min(1000, Math.max(0, queryInt(req.query, 'maxResults', 50)));
  return json(
    200,
    accounts.slice(startAt, startAt + maxResults).map((a) => renderUser(req.baseUrl, a)),
  );
}

export function findUsers(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const query = req.query.get('query');
  const accountId = req.query.get('accountId');
  if (query === null && accountId === null) return fail(400, ["One of 'accountId' or 'query' must be specified."]);
  const users = ctx.store
    .accounts()
    .filter((a) => a.accountType === 'atlassian')
    .filter((a) => accountId === null || a.accountId === accountId)
    .filter((a) => matchesUserQuery(a, query ?? ''));
  return pageOfUsers(req, users);
}

/**
 * GET /rest/api/3/user/bulk (bulkGetUsers): the users named by one or more `accountId` parameters, as a page
 * (Jira's default page is 10, at most 200 per page). Unknown ids are left out, as Jira does; no id is a 400.
 */
export function bulkGetUsers(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const ids = req.query.getAll('accountId');
  if (ids.length === 0) return fail(400, ['At least one accountId is required.']);
  const startAt = Math.max(0, queryInt(req.query, 'startAt', 0));
  const maxResults = Math.min(200, Math.max(1, queryInt(req.query, 'maxResults', 10)));
  const users = [...new Set(ids)].flatMap((id) => {
    const account = ctx.store.account(id);
    return account ? [account] : [];
  });
  const page = users.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= users.length;
  const self = `${req.baseUrl}/rest/api/3/user/bulk?${req.query.toString()}`;
  return json(200, { self, maxResults, startAt, total: users.length, isLast, values: page.map((a) => renderUser(req.baseUrl, a)) });
}

export function findAssignableUsers(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const issueRef = req.query.get('issueKey') ?? req.query.get('issueId');
  const projectRef = req.query.get('project');
  let project: Project;
  if (issueRef !== null) project = requireBrowsableIssue(ctx, req, issueRef).project;
  else if (projectRef !== null) project = requireBrowsableProject(ctx, req, projectRef);
  else return fail(400, ['A project, issue key or issue id is required.']);
  const accountId = req.query.get('accountId');
  const users = ctx.store
    .accounts()
    .filter((a) => a.accountType === 'atlassian' && hasPermission(project, a.accountId, 'ASSIGNABLE_USER'))
    .filter((a) => accountId === null || a.accountId === accountId)
    .filter((a) => matchesUserQuery(a, req.query.get('query') ?? ''));
  return pageOfUsers(req, users);
}

/** The permissions this stand-in knows (Jira's ids and names); keys it does not model are never held. */
export const PERMISSION_CATALOGUE: Record<string, { id: string; name: string; type: 'PROJECT' | 'GLOBAL'; description: string }> = {
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT', description: 'Ability to resolve and reopen issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', type: 'PROJECT', description: 'Users with this permission may be assigned to issues.' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', type: 'PROJECT', description: "Ability to view or edit an issue's due date." },
  LINK_ISSUES: { id: '21', name: 'Link Issues', type: 'PROJECT', description: 'Ability to link issues together and create linked issues.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  MODIFY_REPORTER: { id: '30', name: 'Modify Reporter', type: 'PROJECT', description: 'Ability to modify the reporter when creating or editing an issue.' },
  VIEW_VOTERS_AND_WATCHERS: {
    id: '31',
    name: 'View Voters and Watchers',
    type: 'PROJECT',
    description: 'Ability to view the voters and watchers of an issue.',
  },
  MANAGE_WATCHERS: { id: '32', name: 'Manage Watchers', type: 'PROJECT', description: 'Ability to manage the watchers of an issue.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
};

/** A global permission is held through a group it is granted to, whatever the project context. */
function hasGlobalPermission(accountId: string | null, key: string): boolean {
  const granted = DEMO_SITE.globalGrants[key] ?? [];
  return accountId !== null && DEMO_SITE.groups.some((g) => granted.includes(g.name) && g.memberAccountIds.includes(accountId));
}

/** Held in a project context when granted there; in the global context when granted in any project. */
export function getMyPermissions(ctx: SiteContext, req: SiteRequest): StandInResponse {
  const keys = queryList(req.query, 'permissions');
  if (keys.length === 0) return fail(400, ['The permissions query parameter is required.']);
  const unknown = keys.filter((k) => !PERMISSION_CATALOGUE[k]);
  if (unknown.length > 0) return fail(400, [`Invalid permission key(s): ${unknown.join(', ')}.`]);
  const issueRef = req.query.get('issueId') ?? req.query.get('issueKey');
  const projectRef = req.query.get('projectId') ?? req.query.get('projectKey');
  let projects: Project[];
  if (issueRef !== null) projects = [requireBrowsableIssue(ctx, req, issueRef).project];
  else if (projectRef !== null) projects = [requireBrowsableProject(ctx, req, projectRef)];
  else projects = ctx.store.projects();
  const modelled = new Set<string>(PROJECT_PERMISSIONS);
  const permissions = Object.fromEntries(
    keys.map((key) => {
      const def = PERMISSION_CATALOGUE[key];
      const havePermission =
        def.type === 'GLOBAL'
          ? hasGlobalPermission(req.actorId, key)
          : modelled.has(key) && projects.some((p) => hasPermission(p, req.actorId, key as PermissionKey));
      return [key, { id: def.id, key, name: def.name, type: def.type, description: def.description, havePermission }];
    }),
  );
  return json(200, { permissions });
}

/** `GET /serverInfo` (no scope; Jira answers it for any caller): the site's base URL and version. */
export function getServerInfo(ctx: SiteContext, req: SiteRequest): StandInResponse {
  return json(200, {
    baseUrl: req.baseUrl,
    displayUrl: req.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100280,
    buildDate: '2026-11-01T00:00:00.000Z',
    serverTime: new Date(ctx.now()).toISOString(),
    scmInfo: 'local-stand-in',
    serverTitle: 'Jira (local stand-in)',
    serverTimeZone: 'Etc/UTC',
  });
}
