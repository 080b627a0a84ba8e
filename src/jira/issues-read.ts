/**
 * Read-only Jira calls the UIs' read side needs beyond the adapter's own methods (GET one issue here; the
 * directory in ./directory.ts). They go through the adapter's `getJson`: its retry policy, typed errors and
 * request accounting.
 */
import { route } from '@forge/api';
import type { JiraAdapter } from './adapter';
import type { JiraIssue } from './schemas';
import { issueSchema } from './schemas';

export type JsonGetter = JiraAdapter['getJson'];

export interface GetIssueRequest {
  fields: readonly string[];
  properties?: readonly string[];
}

/** One issue with the given fields and properties (read-after-write consistent, unlike search). */
export async function getIssue(getJson: JsonGetter, issueKeyOrId: string, wanted: GetIssueRequest): Promise<JiraIssue> {
  const query = new URLSearchParams({ fields: wanted.fields.join(',') });
  if (wanted.properties?.length) query.set('properties', wanted.properties.join(','));
  return getJson(route`/rest/api/3/issue/${issueKeyOrId}?${query}`, issueSchema);
}
