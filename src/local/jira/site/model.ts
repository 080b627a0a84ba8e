/** The stand-in's data: plain records, persisted as JSON, plus the fixed catalogues every project shares. */

export type PermissionKey =
  | 'BROWSE_PROJECTS'
  | 'CREATE_ISSUES'
  | 'EDIT_ISSUES'
  | 'LINK_ISSUES'
  | 'ASSIGN_ISSUES'
  | 'ASSIGNABLE_USER'
  | 'TRANSITION_ISSUES'
  | 'SCHEDULE_ISSUES'
  | 'ADD_COMMENTS'
  | 'MANAGE_WATCHERS'
  | 'VIEW_VOTERS_AND_WATCHERS'
  | 'DELETE_ISSUES';

export const PROJECT_PERMISSIONS: readonly PermissionKey[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'LINK_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'TRANSITION_ISSUES',
  'SCHEDULE_ISSUES',
  'ADD_COMMENTS',
  'MANAGE_WATCHERS',
  'VIEW_VOTERS_AND_WATCHERS',
  'DELETE_ISSUES',
];

/**
 * Projects stored before the stand-in modelled a permission mention it nowhere; like Jira's default permission
 * scheme, they grant SCHEDULE_ISSUES and MANAGE_WATCHERS to whoever may edit issues, and VIEW_VOTERS_AND_WATCHERS
 * to whoever may browse.
 */
export function withScheduleGrants(project: Project): Project {
  const defaults: [PermissionKey, PermissionKey][] = [
    ['SCHEDULE_ISSUES', 'EDIT_ISSUES'],
    ['MANAGE_WATCHERS', 'EDIT_ISSUES'],
    ['VIEW_VOTERS_AND_WATCHERS', 'BROWSE_PROJECTS'],
  ];
  const grants = Object.values(project.grants);
  const missing = defaults.filter(([key]) => !grants.some((keys) => keys.includes(key)));
  if (missing.length === 0) return project;
  return {
    ...project,
    grants: Object.fromEntries(
      Object.entries(project.grants).map(([id, keys]) => [id, [...keys, ...missing.filter(([, from]) => keys.includes(from)).map(([key]) => key)]]),
    ),
  };
}

export interface Account {
  accountId: string;
  emailAddress: string;
  displayName: string;
  apiToken: string;
  accountType: 'atlassian' | 'app';
  roleHint?: string;
}

export interface Project {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  /** accountId → the project permissions that account holds. */
  grants: Record<string, PermissionKey[]>;
}

export interface IssueRecord {
  /** Numeric string, unique across projects. */
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  /** ADF document or null. */
  description: unknown;
  labels: string[];
  assigneeAccountId: string | null;
  reporterAccountId: string | null;
  creatorAccountId: string | null;
  parentId: string | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  /** Epoch ms. */
  created: number;
  updated: number;
  statusCategoryChanged: number;
  /** Custom field id → value. */
  customFields: Record<string, unknown>;
  /** Issue property key → JSON value. */
  properties: Record<string, unknown>;
}

export interface IssueLinkRecord {
  id: string;
  typeId: string;
  /** Jira's REST naming: for Blocks, the inward issue blocks the outward issue. */
  inwardId: string;
  outwardId: string;
}

export interface RemoteLinkRecord {
  id: number;
  issueId: string;
  globalId: string | null;
  relationship: string | null;
  application: Record<string, unknown> | null;
  object: Record<string, unknown>;
}

/** What Jira would have e-mailed for `POST /issue/{key}/notify`: the stand-in's outbox (nothing leaves the machine). */
export interface OutboxEntry {
  id: number;
  issueId: string;
  issueKey: string;
  /** Who called notify. */
  senderAccountId: string;
  /** Resolved recipients (accountIds), in a stable order. */
  to: string[];
  subject: string;
  textBody: string | null;
  htmlBody: string | null;
  /** Epoch ms. */
  at: number;
}

/** A group of users (Jira's `groups` / `groupIds` in notify). */
export interface GroupDef {
  groupId: string;
  name: string;
  memberAccountIds: string[];
}

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  subtask: boolean;
  avatarId: number;
}

export const ISSUE_TYPES: readonly IssueTypeDef[] = [
  {
    id: '10000',
    name: 'Epic',
    description: 'Epics track collections of related bugs, stories, and tasks.',
    hierarchyLevel: 1,
    subtask: false,
    avatarId: 10307,
  },
  { id: '10001', name: 'Task', description: 'Tasks track small, distinct pieces of work.', hierarchyLevel: 0, subtask: false, avatarId: 10318 },
  {
    id: '10002',
    name: 'Subtask',
    description: 'Subtasks track small pieces of work that are part of a larger task.',
    hierarchyLevel: -1,
    subtask: true,
    avatarId: 10316,
  },
];

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusDef {
  id: string;
  name: string;
  category: StatusCategoryKey;
  /** The transition that leads to this status (Jira's simplified workflow: one global transition per status). */
  transitionId: string;
}

export const STATUSES: readonly StatusDef[] = [
  { id: '10000', name: 'To Do', category: 'new', transitionId: '11' },
  { id: '10001', name: 'In Progress', category: 'indeterminate', transitionId: '21' },
  { id: '10002', name: 'Done', category: 'done', transitionId: '31' },
];

export const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; key: StatusCategoryKey; colorName: string; name: string }> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export interface LinkTypeDef {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export const LINK_TYPES: readonly LinkTypeDef[] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export const issueTypeById = (id: string): IssueTypeDef | undefined => ISSUE_TYPES.find((t) => t.id === id);
export const statusById = (id: string): StatusDef | undefined => STATUSES.find((s) => s.id === id);
export const INITIAL_STATUS = STATUSES[0];
