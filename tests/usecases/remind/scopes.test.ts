/** The manifest grants the OAuth scopes Atlassian's document lists (state Current) for the reminder job's Jira calls. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { JIRA_SPEC_FILE } from '../../../src/local/jira/contract';

interface Operation {
  'x-atlassian-oauth2-scopes'?: { state: string; scopes: string[] }[];
}

const spec = JSON.parse(readFileSync(JIRA_SPEC_FILE, 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const manifest = parse(readFileSync(join(__dirname, '..', '..', '..', 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } };

it.each([
  ['post', '/rest/api/3/issue/{issueIdOrKey}/notify'],
  ['get', '/rest/api/3/issue/{issueIdOrKey}/watchers'],
  ['post', '/rest/api/3/issue/{issueIdOrKey}/watchers'],
  ['delete', '/rest/api/3/issue/{issueIdOrKey}/watchers'],
  ['post', '/rest/api/3/search/jql'],
])('%s %s', (method, path) => {
  const current = spec.paths[path][method]['x-atlassian-oauth2-scopes']?.find((s) => s.state === 'Current')?.scopes ?? [];
  expect(current.length).toBeGreaterThan(0);
  expect(manifest.permissions.scopes).toEqual(expect.arrayContaining(current));
});
