/** Jira: the app's project page, an issue with the app's panel and its transitions, the issue navigator. */
import type http from 'http';
import api, { route as jiraPath } from '@forge/api';
import { jiraError, type SiteContext } from '../context';
import { HttpError, readBody, rec, redirect, sendHtml, str } from '../http';
import { adminPageBody, issueBody, layout, messageBody, navigatorBody, projectPageBody, type FrameSpec, type IssueData, type NavigatorRow } from '../pages';
import { route, type Handler, type Route } from '../route';

const ISSUE_KEY = '(?<key>[A-Z][A-Z0-9_]*-\\d+)';

async function renderIssue(ctx: SiteContext, req: http.IncomingMessage, res: http.ServerResponse, key: string, notice?: string): Promise<void> {
  const user = ctx.requireUser(req);
  const [issue, transitions] = await Promise.all([
    ctx.asUser(user, () => api.asUser().requestJira(jiraPath`/rest/api/3/issue/${key}?fields=summary,status,issuetype,project,duedate,assignee,parent`)),
    ctx.asUser(user, () => api.asUser().requestJira(jiraPath`/rest/api/3/issue/${key}/transitions`)),
  ]);
  if (issue.status !== 200) {
    sendHtml(res, issue.status === 404 ? 404 : 502, layout(ctx.chrome(req, 'jira', key), messageBody(key, jiraError(issue.body, issue.status))));
    return;
  }
  const body = rec(issue.body);
  const fields = rec(body.fields);
  const data: IssueData = {
    key: str(body.key) ?? key,
    summary: str(fields.summary) ?? '',
    issueType: str(rec(fields.issuetype).name) ?? '',
    status: str(rec(fields.status).name) ?? '',
    statusCategory: str(rec(rec(fields.status).statusCategory).key) ?? '',
    projectKey: str(rec(fields.project).key) ?? key.split('-')[0],
    dueDate: str(fields.duedate),
    assignee: str(rec(fields.assignee).displayName),
    parentKey: str(rec(fields.parent).key),
  };
  const list = transitions.status === 200 ? rec(transitions.body).transitions : [];
  const options = (Array.isArray(list) ? list : []).map((t) => ({ id: String(rec(t).id ?? ''), name: str(rec(t).name) ?? '' }));
  const panel: FrameSpec = ctx.hostFrame(user, {
    kind: 'panel',
    resource: ctx.manifest.issuePanel.resource,
    title: 'Outbound Playbook issue panel',
    minHeight: 160,
    moduleKey: ctx.manifest.issuePanel.key,
    localId: `panel-${data.key}`,
    extension: {
      type: 'jira:issuePanel',
      issue: { id: String(body.id ?? ''), key: data.key, type: data.issueType },
      project: { id: String(rec(fields.project).id ?? ''), key: data.projectKey, type: 'software' },
    },
  });
  sendHtml(res, 200, layout(ctx.chrome(req, 'jira', `${data.key} ${data.summary}`, notice), issueBody(data, options, panel), [panel]));
}

const issuePage: Handler = (ctx, { req, res, params }) => renderIssue(ctx, req, res, params.key);

/** The issue page's transition form; a refusal shows the issue again with Jira's message. */
const transitionIssue: Handler = async (ctx, { req, res, params }) => {
  const user = ctx.requireUser(req);
  const transitionId = new URLSearchParams(await readBody(req)).get('transitionId') ?? '';
  const key = params.key;
  const moved = await ctx.asUser(user, () =>
    api.asUser().requestJira(jiraPath`/rest/api/3/issue/${key}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transition: { id: transitionId } }),
    }),
  );
  if (moved.status >= 300) return renderIssue(ctx, req, res, key, `The transition failed: ${jiraError(moved.body, moved.status)}`);
  redirect(res, `/jira/browse/${key}`);
};

const projectPage: Handler = async (ctx, { req, res, params }) => {
  const { projectKey } = params;
  const user = ctx.requireUser(req);
  const project = await ctx.asUser(user, () => api.asUser().requestJira(jiraPath`/rest/api/3/project/${projectKey}`));
  if (project.status !== 200) {
    sendHtml(res, 404, layout(ctx.chrome(req, 'jira', projectKey), messageBody(projectKey, jiraError(project.body, project.status))));
    return;
  }
  const body = rec(project.body);
  const frame: FrameSpec = ctx.hostFrame(user, {
    kind: 'project',
    resource: ctx.manifest.projectPage.resource,
    title: 'Outbound Playbook project page',
    minHeight: 320,
    moduleKey: ctx.manifest.projectPage.key,
    localId: `project-${projectKey}`,
    extension: { type: 'jira:projectPage', project: { id: String(body.id ?? ''), key: projectKey, type: 'software' } },
  });
  sendHtml(
    res,
    200,
    layout(ctx.chrome(req, 'jira', `${projectKey} · Outbound Playbook`), projectPageBody(projectKey, str(body.name) ?? projectKey, frame), [frame]),
  );
};

/** The issue navigator: `?jql=` searched as the user; Jira's error shown for bad JQL. */
const navigator: Handler = async (ctx, { req, res, url }) => {
  const jql = url.searchParams.get('jql') ?? '';
  const user = ctx.requireUser(req);
  let rows: NavigatorRow[] | null = null;
  let error: string | null = null;
  let total: number | null = null;
  if (jql.trim()) {
    const found = await ctx.asUser(user, () =>
      api.asUser().requestJira(jiraPath`/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ jql, fields: ['summary', 'status', 'issuetype', 'duedate'], maxResults: 100 }),
      }),
    );
    if (found.status === 200) {
      const issues = rec(found.body).issues;
      rows = (Array.isArray(issues) ? issues : []).map((i) => {
        const f = rec(rec(i).fields);
        return {
          key: str(rec(i).key) ?? '',
          summary: str(f.summary) ?? '',
          issueType: str(rec(f.issuetype).name) ?? '',
          status: str(rec(f.status).name) ?? '',
          dueDate: str(f.duedate),
        };
      });
      total = typeof rec(found.body).total === 'number' ? (rec(found.body).total as number) : null;
    } else error = jiraError(found.body, found.status);
  }
  sendHtml(res, error ? 400 : 200, layout(ctx.chrome(req, 'jira', 'Issues'), navigatorBody(jql, rows, error, total)));
};

/** Settings → Apps → the app's admin page (the frame decides nothing: its resolvers check ADMINISTER as the user). */
const adminPage: Handler = (ctx, { req, res }) => {
  const user = ctx.requireUser(req);
  const module = ctx.manifest.adminPage;
  if (!module) throw new HttpError(404, 'manifest.yml declares no jira:adminPage');
  const frame: FrameSpec = ctx.hostFrame(user, {
    kind: 'admin-page',
    resource: module.resource,
    title: module.title,
    minHeight: 480,
    moduleKey: module.key,
    localId: 'admin-page',
    extension: { type: 'jira:adminPage' },
  });
  sendHtml(res, 200, layout(ctx.chrome(req, 'jira', module.title), adminPageBody(frame), [frame]));
};

export const jiraRoutes: Route[] = [
  route('GET', /^\/jira\/?$/, (_ctx, { res }) => redirect(res, '/jira/projects/OUT/apps/outbound-playbook')),
  route('GET', /^\/jira\/projects\/(?<projectKey>[A-Z][A-Z0-9_]*)\/apps(?:\/.*)?$/, projectPage),
  route('GET', new RegExp(`^/jira/browse/${ISSUE_KEY}$`), issuePage),
  route('POST', new RegExp(`^/jira/browse/${ISSUE_KEY}/transition$`), transitionIssue),
  route('GET', /^\/jira\/issues\/?$/, navigator),
  route('GET', /^\/jira\/settings\/apps\/outbound-playbook\/?$/, adminPage),
];
