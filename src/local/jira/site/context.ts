/** What every endpoint handler works with: the store, the field catalogue, permissions, the clock, events. */
import type { StandInRequest } from '../http-types';
import type { FieldCatalog } from './fields';
import { PROJECT_PERMISSIONS, type IssueRecord, type PermissionKey, type Project } from './model';
import { fail, MESSAGES } from './responses';
import type { JiraStore } from './store';
import type { PerIssueWriteLimiter } from './write-limit';

export interface IssueEvent {
  eventType: string;
  issueId: string;
  issueKey: string;
  /** The key of the issue's project (filled in by the site when the event is queued). */
  projectKey: string;
  actorAccountId: string;
  changedFields: string[];
}

export interface SiteContext {
  store: JiraStore;
  fields: FieldCatalog;
  now(): number;
  writeLimiter: PerIssueWriteLimiter;
  appAccountId: string;
  /** The site's outgoing mail setting (notify answers 403 when it is off). */
  mail: { outgoingEnabled: boolean };
  /** Queues an event; listeners hear it after the current request has committed. */
  emit(event: Omit<IssueEvent, 'projectKey'>): void;
}

/** The request as handlers see it: the authenticated actor (the transport answers 401 before us). */
export interface SiteRequest extends StandInRequest {
  params: Record<string, string>;
  /** `http://host` from the Host header, for `self` links. */
  baseUrl: string;
  actorId: string | null;
}

export function hasPermission(project: Project, accountId: string | null, key: PermissionKey): boolean {
  return accountId !== null && (project.grants[accountId] ?? []).includes(key);
}

export function permissionsOf(project: Project, accountId: string | null): Set<PermissionKey> {
  return new Set(PROJECT_PERMISSIONS.filter((key) => hasPermission(project, accountId, key)));
}

export function browsableProjects(ctx: SiteContext, accountId: string | null): Project[] {
  return ctx.store.projects().filter((p) => hasPermission(p, accountId, 'BROWSE_PROJECTS'));
}

/** The project if the actor may browse it; otherwise Jira's "no project" 404 (existence is hidden). */
export function requireBrowsableProject(ctx: SiteContext, req: SiteRequest, idOrKey: string, status = 404): Project {
  const project = ctx.store.project(idOrKey);
  if (!project || !hasPermission(project, req.actorId, 'BROWSE_PROJECTS')) return fail(status, [MESSAGES.projectNotFound(idOrKey)]);
  return project;
}

/** The issue if the actor may browse its project; otherwise 404 (Jira hides whether it exists). */
export function requireBrowsableIssue(ctx: SiteContext, req: SiteRequest, idOrKey: string): { issue: IssueRecord; project: Project } {
  const issue = ctx.store.issue(idOrKey);
  const project = issue && ctx.store.project(issue.projectId);
  if (!issue || !project || !hasPermission(project, req.actorId, 'BROWSE_PROJECTS')) return fail(404, [MESSAGES.issueNotFound]);
  return { issue, project };
}

/** 429 with Jira's per-issue headers when any issue is over its write limit. */
export function takeIssueWrites(ctx: SiteContext, issueIds: readonly string[]): void {
  const decision = ctx.writeLimiter.take(issueIds, ctx.now());
  if (!decision.allowed) {
    fail(429, [MESSAGES.perIssueLimit], {}, { 'retry-after': String(decision.retryAfterSeconds), 'ratelimit-reason': 'jira-per-issue-on-write' });
  }
}
