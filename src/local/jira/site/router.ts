/** Method + path template → handler, for every endpoint the stand-in serves. */
import type { StandInResponse } from '../http-types';
import type { SiteContext, SiteRequest } from './context';
import { bulkFetchIssues } from './handlers/bulk-fetch';
import { updateCustomFieldValue, updateMultipleCustomFieldValues } from './handlers/app-fields';
import { createIssue, createIssues, deleteIssue, doTransition, editIssue, getIssue, getTransitions } from './handlers/issues';
import { getIssueLinkTypes, getRemoteLinks, linkIssues, upsertRemoteLink } from './handlers/links';
import {
  bulkGetUsers,
  findAssignableUsers,
  findUsers,
  getCreateMetaIssueTypes,
  getFields,
  getMyPermissions,
  getMyself,
  getProject,
  searchProjects,
  getServerInfo,
} from './handlers/meta';
import { addWatcher, getWatchers, notify, removeWatcher } from './handlers/notifications';
import { deleteProperty, getProperty, getPropertyKeys, setProperty } from './handlers/properties';
import { approximateCount, searchGet, searchPost, searchRemoved } from './handlers/search';

export type Handler = (ctx: SiteContext, req: SiteRequest) => StandInResponse;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

function route(method: string, template: string, handler: Handler): Route {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${template
      .split('/')
      .map((segment) => {
        const match = segment.match(/^\{(\w+)\}$/);
        if (!match) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        names.push(match[1]);
        return '([^/]+)';
      })
      .join('/')}/?$`,
  );
  return { method, template, pattern, names, handler };
}

const API = '/rest/api/3';

export const ROUTES: readonly Route[] = [
  route('GET', `${API}/myself`, getMyself),
  route('GET', `${API}/project/search`, searchProjects),
  route('GET', `${API}/project/{projectIdOrKey}`, getProject),
  route('GET', `${API}/issue/createmeta/{projectIdOrKey}/issuetypes`, getCreateMetaIssueTypes),
  route('POST', `${API}/issue/bulk`, createIssues),
  route('POST', `${API}/issue/bulkfetch`, bulkFetchIssues),
  route('POST', `${API}/issue`, createIssue),
  route('GET', `${API}/issue/{issueIdOrKey}`, getIssue),
  route('PUT', `${API}/issue/{issueIdOrKey}`, editIssue),
  route('DELETE', `${API}/issue/{issueIdOrKey}`, deleteIssue),
  route('GET', `${API}/issue/{issueIdOrKey}/transitions`, getTransitions),
  route('POST', `${API}/issue/{issueIdOrKey}/transitions`, doTransition),
  route('GET', `${API}/issueLinkType`, getIssueLinkTypes),
  route('POST', `${API}/issueLink`, linkIssues),
  route('GET', `${API}/issue/{issueIdOrKey}/remotelink`, getRemoteLinks),
  route('POST', `${API}/issue/{issueIdOrKey}/remotelink`, upsertRemoteLink),
  route('GET', `${API}/issue/{issueIdOrKey}/watchers`, getWatchers),
  route('POST', `${API}/issue/{issueIdOrKey}/watchers`, addWatcher),
  route('DELETE', `${API}/issue/{issueIdOrKey}/watchers`, removeWatcher),
  route('POST', `${API}/issue/{issueIdOrKey}/notify`, notify),
  route('GET', `${API}/issue/{issueIdOrKey}/properties`, getPropertyKeys),
  route('GET', `${API}/issue/{issueIdOrKey}/properties/{propertyKey}`, getProperty),
  route('PUT', `${API}/issue/{issueIdOrKey}/properties/{propertyKey}`, setProperty),
  route('DELETE', `${API}/issue/{issueIdOrKey}/properties/{propertyKey}`, deleteProperty),
  route('GET', `${API}/search/jql`, searchGet),
  route('POST', `${API}/search/jql`, searchPost),
  route('POST', `${API}/search/approximate-count`, approximateCount),
  route('GET', `${API}/field`, getFields),
  route('PUT', `${API}/app/field/{fieldIdOrKey}/value`, updateCustomFieldValue),
  route('POST', `${API}/app/field/value`, updateMultipleCustomFieldValues),
  route('GET', `${API}/user/search`, findUsers),
  route('GET', `${API}/user/bulk`, bulkGetUsers),
  route('GET', `${API}/user/assignable/search`, findAssignableUsers),
  route('GET', `${API}/mypermissions`, getMyPermissions),
  route('GET', `${API}/serverInfo`, getServerInfo),
  // Removed by Atlassian (CHANGE-2046): 410 with Jira's message.
  ...['2', '3', 'latest'].flatMap((v) => [route('GET', `/rest/api/${v}/search`, searchRemoved), route('POST', `/rest/api/${v}/search`, searchRemoved)]),
];

export function matchRoute(method: string, path: string): { handler: Handler; params: Record<string, string>; template: string } | null {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const match = path.match(r.pattern);
    if (!match) continue;
    const params = Object.fromEntries(r.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    return { handler: r.handler, params, template: r.template };
  }
  return null;
}
