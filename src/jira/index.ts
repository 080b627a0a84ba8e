export * from './adapter';
export * from './errors';
export * from './request';
export * from './issue-fields';
export type { RequestMetrics } from './instrumentation';
export type {
  CreatedIssue,
  JiraDirectoryProject,
  JiraDirectoryUser,
  JiraField,
  JiraIssue,
  JiraIssueLink,
  JiraIssueType,
  JiraProject,
  JiraTransition,
} from './schemas';
