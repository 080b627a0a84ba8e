/**
 * The Jira Cloud REST v3 stand-in's behaviour: store, endpoints, permissions, demo site. The transport
 * (src/local/jira/transport) calls `site.handle` after authenticating with `site.authenticate`.
 *
 *   const site = createJiraSite({ dataDir: null, declarations: loadForgeDeclarations('manifest.yml') });
 *   await site.handle({ method: 'GET', path: '/rest/api/3/myself', query, headers: {}, body: undefined, actor });
 */
export { createJiraSite, type JiraSite, type JiraSiteOptions, type IssueEventListener, type SiteAccount } from './site';
export type { IssueEvent } from './context';
export { loadForgeDeclarations, forgeDeclarationsOf, LOCAL_ENVIRONMENT_ID, NO_DECLARATIONS, type ForgeDeclarations } from './declarations';
export { APP_ACCOUNT_ID, DEMO_SITE } from './demo';
export { JiraStore, type DirectIssueInput, type DirectLinkInput } from './store';
export { NOTIFY_MESSAGES } from './handlers/notifications';
export { SEARCH_LIMITS } from './handlers/search';
export { BULK_FETCH_LIMITS } from './handlers/bulk-fetch';
export { eventIssue } from './event-payload';
export { DEFAULT_PER_ISSUE_WRITE_LIMIT, type WriteLimit } from './write-limit';
export {
  ISSUE_TYPES,
  STATUSES,
  LINK_TYPES,
  PROJECT_PERMISSIONS,
  type Account,
  type IssueRecord,
  type OutboxEntry,
  type GroupDef,
  type PermissionKey,
  type Project,
} from './model';
