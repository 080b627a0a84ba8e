/** Which logged requests changed something in Jira: every non-GET, except the POSTs Jira uses for reads. */
import type { RequestLogEntry } from '../../src/local/jira/transport';

/** POST operations that only read (their query is too large for a URL). */
const READ_ONLY_POSTS = new Set([
  'searchAndReconsileIssuesUsingJqlPost',
  'searchForIssuesUsingJqlPost',
  'countIssues',
  'bulkFetchIssues',
  'getBulkChangelogs',
  'matchIssues',
  'parseJqlQueries',
  'getCustomFieldsConfigurations',
  'getBulkPermissions',
]);

export function isWriteRequest(entry: Pick<RequestLogEntry, 'method' | 'operationId'>): boolean {
  const method = entry.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  return !READ_ONLY_POSTS.has(entry.operationId);
}

export function countWrites(entries: readonly Pick<RequestLogEntry, 'method' | 'operationId'>[]): number {
  return entries.filter(isWriteRequest).length;
}
