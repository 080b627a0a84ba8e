/** Jira's JSON for users, projects, issue types, statuses, links and issues (REST v3 shapes). Pure. */
import type { FieldCatalog } from './fields';
import {
  INITIAL_STATUS,
  LINK_TYPES,
  STATUS_CATEGORIES,
  issueTypeById,
  statusById,
  type Account,
  type IssueLinkRecord,
  type IssueRecord,
  type IssueTypeDef,
  type LinkTypeDef,
  type Project,
  type RemoteLinkRecord,
  type StatusDef,
} from './model';
import type { JiraStore } from './store';

/** Jira's timestamp format: `2024-05-01T09:30:00.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const avatarUrls = (base: string, kind: string, id: string) =>
  Object.fromEntries(
    ['48x48', '24x24', '16x16', '32x32'].map((size) => [size, `${base}/secure/${kind}avatar?size=${size}&avatarId=${encodeURIComponent(id)}`]),
  );

export function renderUser(base: string, account: Account): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(account.accountId)}`,
    accountId: account.accountId,
    accountType: account.accountType,
    emailAddress: account.emailAddress,
    avatarUrls: avatarUrls(base, 'user', account.accountId),
    displayName: account.displayName,
    active: true,
    timeZone: 'Etc/UTC',
  };
}

export function renderIssueType(base: string, type: IssueTypeDef): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
    name: type.name,
    subtask: type.subtask,
    avatarId: type.avatarId,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function renderStatus(base: string, status: StatusDef): Record<string, unknown> {
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${base}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${base}/`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${base}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

export function renderProjectRef(base: string, project: Project): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatarUrls(base, 'project', project.id),
  };
}

export function renderLinkType(base: string, type: LinkTypeDef): Record<string, unknown> {
  return { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${base}/rest/api/3/issueLinkType/${type.id}` };
}

/** The short issue form Jira nests in `parent`, `subtasks` and `issuelinks`. */
export function renderIssueRef(base: string, issue: IssueRecord): Record<string, unknown> {
  const type = issueTypeById(issue.issueTypeId);
  return {
    id: issue.id,
    key: issue.key,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: renderStatus(base, statusById(issue.statusId) ?? INITIAL_STATUS),
      ...(type ? { issuetype: renderIssueType(base, type) } : {}),
    },
  };
}

/** One entry of an issue's `issuelinks`: the other issue under `outwardIssue` when this one is the link's inward side. */
export function renderIssueLink(base: string, store: JiraStore, link: IssueLinkRecord, fromIssueId: string): Record<string, unknown> | null {
  const type = LINK_TYPES.find((t) => t.id === link.typeId);
  const otherId = link.inwardId === fromIssueId ? link.outwardId : link.inwardId;
  const other = store.issue(otherId);
  if (!type || !other) return null;
  const side = link.inwardId === fromIssueId ? 'outwardIssue' : 'inwardIssue';
  return { id: link.id, self: `${base}/rest/api/3/issueLink/${link.id}`, type: renderLinkType(base, type), [side]: renderIssueRef(base, other) };
}

export function renderRemoteLink(base: string, issue: IssueRecord, link: RemoteLinkRecord): Record<string, unknown> {
  return {
    id: link.id,
    self: `${base}/rest/api/3/issue/${issue.key}/remotelink/${link.id}`,
    ...(link.globalId !== null ? { globalId: link.globalId } : {}),
    ...(link.application ? { application: link.application } : {}),
    ...(link.relationship !== null ? { relationship: link.relationship } : {}),
    object: link.object,
  };
}

const userOrNull = (base: string, store: JiraStore, accountId: string | null) => {
  const account = accountId ? store.account(accountId) : undefined;
  return account ? renderUser(base, account) : null;
};

/** The value of one field of an issue, as GET issue returns it. */
export function fieldValue(base: string, store: JiraStore, issue: IssueRecord, fieldId: string, actorId: string | null = null): unknown {
  const status = statusById(issue.statusId) ?? INITIAL_STATUS;
  switch (fieldId) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description ?? null;
    case 'issuetype': {
      const type = issueTypeById(issue.issueTypeId);
      return type ? renderIssueType(base, type) : null;
    }
    case 'project': {
      const project = store.project(issue.projectId);
      return project ? renderProjectRef(base, project) : null;
    }
    case 'status':
      return renderStatus(base, status);
    case 'labels':
      return [...issue.labels];
    case 'assignee':
      return userOrNull(base, store, issue.assigneeAccountId);
    case 'reporter':
      return userOrNull(base, store, issue.reporterAccountId);
    case 'creator':
      return userOrNull(base, store, issue.creatorAccountId);
    case 'duedate':
      return issue.dueDate;
    case 'created':
      return jiraDateTime(issue.created);
    case 'updated':
      return jiraDateTime(issue.updated);
    case 'statuscategorychangedate':
      return jiraDateTime(issue.statusCategoryChanged);
    case 'resolution':
      return status.category === 'done'
        ? { self: `${base}/rest/api/3/resolution/10000`, id: '10000', description: 'Work has been completed on this issue.', name: 'Done' }
        : null;
    case 'resolutiondate':
      return status.category === 'done' ? jiraDateTime(issue.statusCategoryChanged) : null;
    case 'parent': {
      const parent = issue.parentId ? store.issue(issue.parentId) : undefined;
      return parent ? renderIssueRef(base, parent) : undefined;
    }
    case 'watches': {
      const watchers = store.watchers(issue.id);
      return {
        self: `${base}/rest/api/3/issue/${issue.key}/watchers`,
        watchCount: watchers.length,
        isWatching: actorId !== null && watchers.includes(actorId),
      };
    }
    case 'issuelinks':
      return store.linksOf(issue.id).flatMap((link) => renderIssueLink(base, store, link, issue.id) ?? []);
    case 'subtasks':
      return store
        .children(issue.id)
        .filter((child) => issueTypeById(child.issueTypeId)?.subtask)
        .map((child) => renderIssueRef(base, child));
    default:
      return Object.prototype.hasOwnProperty.call(issue.customFields, fieldId) ? issue.customFields[fieldId] : null;
  }
}

export interface IssueView {
  fieldIds: readonly string[];
  properties: readonly string[];
  expand: ReadonlySet<string>;
  /** The caller, for fields that depend on who asks (`watches.isWatching`). */
  actorId?: string | null;
}

/** IssueBean for GET issue and search results. */
export function renderIssue(base: string, store: JiraStore, catalog: FieldCatalog, issue: IssueRecord, view: IssueView): Record<string, unknown> {
  const body: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (view.fieldIds.length > 0) {
    const fields: Record<string, unknown> = {};
    for (const id of view.fieldIds) {
      const value = fieldValue(base, store, issue, id, view.actorId ?? null);
      // Jira leaves `parent` out of issues that have none.
      if (value !== undefined) fields[id] = value;
    }
    body.fields = fields;
  }
  if (view.properties.length > 0) {
    body.properties = Object.fromEntries(
      view.properties.filter((key) => Object.prototype.hasOwnProperty.call(issue.properties, key)).map((key) => [key, issue.properties[key]]),
    );
  }
  if (view.expand.has('names')) body.names = Object.fromEntries(view.fieldIds.map((id) => [id, catalog.fieldName(id) ?? id]));
  if (view.expand.has('schema'))
    body.schema = Object.fromEntries(view.fieldIds.flatMap((id) => (catalog.fieldSchema(id) ? [[id, catalog.fieldSchema(id)]] : [])));
  return body;
}
