export * from './adapter';
export * from './errors';
export * from './request';
export type { RequestMetrics } from './instrumentation';
export type { CreatedIssue, JiraField, JiraIssue, JiraIssueLink, JiraIssueType, JiraProject, JiraWatchers } from './schemas';
