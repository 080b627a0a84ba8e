/** HTML of the local site's Confluence-like and Jira-like pages. Pure functions of plain data. */
import type { LocalUser } from './jira-link';

export const esc = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON inside a <script>: no way to close the tag early. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface Chrome {
  product: 'confluence' | 'jira';
  title: string;
  user: LocalUser | null;
  users: LocalUser[];
  colorMode: 'light' | 'dark';
  /** Current path + query, to come back to after switching user or theme. */
  back: string;
  notice?: string;
  /** The site clock's today (YYYY-MM-DD) and how far it is from the machine's. */
  today: string;
  offsetDays: number;
}

/** A Custom UI iframe and the Forge context the host gives it. */
export interface FrameSpec {
  id: string;
  /** Resource key from the manifest (served under /__forge/app/<resource>/). */
  resource: string;
  title: string;
  context: Record<string, unknown>;
  /** Whether view.submit is answered (a macro's config frame only; where it stores is the host's, see frames.ts). */
  submittable?: boolean;
  closable?: boolean;
  /** Where to go after submit/close (macro config only). */
  after?: string;
  minHeight?: number;
}

export function frameHtml(frame: FrameSpec): string {
  const src = `/__forge/app/${encodeURIComponent(frame.resource)}/index.html?__frame=${encodeURIComponent(frame.id)}`;
  return `<iframe class="forge-frame" data-frame-id="${esc(frame.id)}" title="${esc(frame.title)}" src="${esc(src)}" style="height:${frame.minHeight ?? 120}px"></iframe>`;
}

const STYLE = `
:root{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;font-size:14px;color:var(--ds-text,#172b4d);background:var(--ds-surface,#fff)}
html[data-color-mode=dark]{color-scheme:dark}
body{margin:0}
header{display:flex;gap:16px;align-items:center;padding:8px 16px;border-bottom:1px solid var(--ds-border,#091e4224);background:var(--ds-surface-raised,#fff);flex-wrap:wrap}
header .product{font-weight:700;color:var(--ds-text,#172b4d)}
header nav a{margin-right:12px}
header form{display:flex;gap:6px;align-items:center}
header form:first-of-type{margin-left:auto}
a{color:var(--ds-link,#0c66e4)}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
.forge-frame{width:100%;border:0;display:block;min-height:40px}
.macro{border:1px dashed var(--ds-border,#091e4224);border-radius:6px;padding:4px;margin:16px 0}
.macro-bar{display:flex;justify-content:space-between;align-items:center;font-size:12px;color:var(--ds-text-subtle,#44546f);padding:0 4px 4px}
.panel{border:1px solid var(--ds-border,#091e4224);border-radius:6px;padding:8px;margin-top:16px}
.modal-backdrop{position:fixed;inset:0;background:#091e427d;display:flex;align-items:flex-start;justify-content:center;padding:40px 16px;overflow:auto;z-index:20}
.modal{background:var(--ds-surface-overlay,#fff);border-radius:6px;width:min(960px,100%);padding:8px 8px 16px}
.modal h2{margin:8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--ds-border,#091e4224)}
input,select,button,textarea{font:inherit}
.jql{display:flex;gap:8px}.jql input{flex:1;font-family:monospace;padding:6px}
.subtle{color:var(--ds-text-subtle,#44546f)}.user-choices{list-style:none;padding:0;display:flex;flex-direction:column;gap:8px}.user-choices button{min-width:200px;padding:6px 12px;text-align:left}
.notice{padding:8px 12px;border-radius:4px;background:var(--ds-background-information,#e9f2ff);margin-bottom:12px}
.error{padding:8px 12px;border-radius:4px;background:var(--ds-background-danger,#ffeceb);color:var(--ds-text-danger,#ae2e24);margin-bottom:12px}
#site-flags{position:fixed;right:16px;bottom:16px;display:flex;flex-direction:column;gap:8px;z-index:30}
.site-flag{background:var(--ds-surface-overlay,#fff);box-shadow:0 4px 8px #091e4240;border-radius:4px;padding:8px 12px;max-width:360px}
.issue-layout{display:grid;grid-template-columns:minmax(0,2fr) minmax(240px,1fr);gap:24px}
.outbox td{vertical-align:top}.mail-body{white-space:pre-wrap;font-size:12px;color:var(--ds-text-subtle,#44546f);margin-top:4px}
dl.fields dt{font-size:12px;color:var(--ds-text-subtle,#44546f)}dl.fields dd{margin:0 0 8px}
`;

export function layout(chrome: Chrome, body: string, frames: FrameSpec[] = []): string {
  const framesById = Object.fromEntries(
    frames.map((f) => [f.id, { id: f.id, context: f.context, submittable: f.submittable === true, closable: f.closable, after: f.after }]),
  );
  const nav =
    chrome.product === 'confluence'
      ? `<a href="/wiki">Pages</a><a href="/jira/projects/OUT/apps/outbound-playbook">Jira</a><a href="/jira/notifications">Notifications</a>`
      : `<a href="/jira/projects/OUT/apps/outbound-playbook">Outbound Playbook</a><a href="/jira/issues">Issues</a><a href="/jira/notifications">Notifications</a><a href="/wiki">Confluence</a><a href="/jira/settings/apps/outbound-playbook">Apps: playbook template</a>`;
  const options = chrome.users
    .map(
      (u) =>
        `<option value="${esc(u.accountId)}"${u.accountId === chrome.user?.accountId ? ' selected' : ''}>${esc(u.displayName)}${u.roleHint ? ` (${esc(u.roleHint)})` : ''}</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${chrome.colorMode}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(chrome.title)} – ${chrome.product === 'confluence' ? 'Confluence' : 'Jira'} (local)</title>
<link rel="stylesheet" href="/__forge/tokens.css"><style>${STYLE}</style></head>
<body>
<header>
  <span class="product">${chrome.product === 'confluence' ? 'Confluence' : 'Jira'} · local</span>
  <nav>${nav}</nav>
  <form method="post" action="/__site/preferences">
    <input type="hidden" name="back" value="${esc(chrome.back)}">
    <label for="site-user">Acting as</label>
    <select id="site-user" name="accountId" onchange="this.form.submit()">${chrome.user ? '' : '<option value="" selected disabled>Choose who you are…</option>'}${options}</select>
    <label for="site-theme">Theme</label>
    <select id="site-theme" name="colorMode" onchange="this.form.submit()">
      <option value="light"${chrome.colorMode === 'light' ? ' selected' : ''}>Light</option>
      <option value="dark"${chrome.colorMode === 'dark' ? ' selected' : ''}>Dark</option>
    </select>
    <noscript><button type="submit">Switch</button></noscript>
  </form>
  <form method="post" action="/__site/clock" class="clock" aria-label="Site clock">
    <input type="hidden" name="back" value="${esc(chrome.back)}">
    <label for="site-today">Today</label>
    <input id="site-today" name="today" type="date" value="${esc(chrome.today)}" required>
    <button type="submit" name="action" value="set">Set</button>
    <button type="submit" name="action" value="next-business-day">Next business day</button>
    ${chrome.offsetDays ? `<button type="submit" name="action" value="reset" title="${chrome.offsetDays > 0 ? '+' : ''}${chrome.offsetDays} days from the machine's clock">Reset</button>` : ''}
  </form>
</header>
<main>
${chrome.notice ? `<div class="notice" role="status">${esc(chrome.notice)}</div>` : ''}
${body}
</main>
<div id="site-flags" aria-live="polite"></div>
<script>window.__forgeFrames=${scriptJson(framesById)};</script>
<script src="/__forge/host-client.js"></script>
<script>
window.addEventListener('forge-local:submitted', function (e) { var f = window.__forgeFrames[e.detail.frameId]; if (f && f.after) location.assign(f.after); });
window.addEventListener('forge-local:close', function (e) { var f = window.__forgeFrames[e.detail.frameId]; if (f && f.after) location.assign(f.after); });
</script>
</body></html>`;
}

export interface ConfluencePageData {
  id: string;
  spaceKey: string;
  title: string;
  paragraphs: string[];
  macros: { localId: string; configured: boolean; title?: string; editable?: boolean }[];
  /** Other macros a newcomer may insert (the kickoff macro's button is always there). */
  insertable?: { moduleKey: string; label: string }[];
}

/** The discovery page: its text, the macros on it, and (when `configuring`) the macro's config modal. */
export function confluencePageBody(page: ConfluencePageData, frames: { view: Map<string, FrameSpec>; config: FrameSpec | null }): string {
  const macros = page.macros
    .map((m) => {
      const frame = frames.view.get(m.localId);
      const title = m.title ?? 'Outbound Playbook';
      return `<section class="macro" aria-label="${esc(title)} macro">
  <div class="macro-bar"><span>${esc(title)}</span>${m.editable === false ? '' : `<a id="edit-macro-${esc(m.localId)}" href="?configure=${encodeURIComponent(m.localId)}&amp;from=edit">Edit macro</a>`}</div>
  ${frame ? frameHtml(frame) : ''}
</section>`;
    })
    .join('\n');
  const action = `/wiki/spaces/${esc(page.spaceKey)}/pages/${esc(page.id)}/macros`;
  const insert = `<form method="post" action="${action}"><button type="submit" id="insert-macro">Insert Outbound Playbook macro</button></form>${(
    page.insertable ?? []
  )
    .map(
      (m) =>
        `<form method="post" action="${action}"><input type="hidden" name="module" value="${esc(m.moduleKey)}"><button type="submit">${esc(m.label)}</button></form>`,
    )
    .join('')}`;
  const modal = frames.config
    ? `<div class="modal-backdrop"><div class="modal" role="dialog" aria-modal="true" aria-labelledby="config-dialog-title" data-forge-dialog="${esc(frames.config.id)}">
  <h2 id="config-dialog-title">Configure Outbound Playbook</h2>${frameHtml(frames.config)}
  <p style="margin:8px"><a href="${esc(frames.config.after ?? '?')}">Cancel</a></p></div></div>`
    : '';
  return `<article>
<p class="subtle"><a href="/wiki">Implementations</a> / ${esc(page.spaceKey)}</p>
<h1>${esc(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${macros}
${insert}
</article>
${modal}`;
}

export interface IssueData {
  key: string;
  summary: string;
  issueType: string;
  status: string;
  statusCategory: string;
  projectKey: string;
  dueDate: string | null;
  assignee: string | null;
  parentKey: string | null;
}

export function issueBody(issue: IssueData, transitions: { id: string; name: string }[], panel: FrameSpec): string {
  const options = transitions.map((t) => `<option value="${esc(t.id)}">${esc(t.name)}</option>`).join('');
  return `<p><a href="/jira/projects/${esc(issue.projectKey)}/apps/outbound-playbook">${esc(issue.projectKey)}</a>${issue.parentKey ? ` / <a href="/jira/browse/${esc(issue.parentKey)}">${esc(issue.parentKey)}</a>` : ''} / ${esc(issue.key)}</p>
<h1>${esc(issue.summary)}</h1>
<div class="issue-layout">
  <div>
    <section class="panel" aria-label="Outbound Playbook panel">${frameHtml(panel)}</section>
  </div>
  <aside>
    <form method="post" action="/jira/browse/${esc(issue.key)}/transition" aria-label="Change status">
      <label for="transition">Status: <strong>${esc(issue.status)}</strong></label><br>
      ${transitions.length ? `<select id="transition" name="transitionId">${options}</select> <button type="submit">Move</button>` : '<span>No transitions available</span>'}
    </form>
    <dl class="fields">
      <dt>Type</dt><dd>${esc(issue.issueType)}</dd>
      <dt>Assignee</dt><dd>${esc(issue.assignee ?? 'Unassigned')}</dd>
      <dt>Due date</dt><dd>${esc(issue.dueDate ?? 'None')}</dd>
    </dl>
  </aside>
</div>`;
}

export function projectPageBody(projectKey: string, projectName: string, frame: FrameSpec): string {
  return `<p>Projects / ${esc(projectName)} (${esc(projectKey)})</p>${frameHtml(frame)}`;
}

export interface NavigatorRow {
  key: string;
  summary: string;
  issueType: string;
  status: string;
  dueDate: string | null;
}

export function navigatorBody(jql: string, rows: NavigatorRow[] | null, error: string | null, total: number | null): string {
  const table = rows
    ? rows.length
      ? `<table><caption class="visually-hidden">Search results</caption><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th><th>Due</th></tr></thead><tbody>${rows
          .map(
            (r) =>
              `<tr><td><a href="/jira/browse/${esc(r.key)}">${esc(r.key)}</a></td><td>${esc(r.issueType)}</td><td>${esc(r.summary)}</td><td>${esc(r.status)}</td><td>${esc(r.dueDate ?? '')}</td></tr>`,
          )
          .join('')}</tbody></table><p>${rows.length}${total !== null && total > rows.length ? ` of ${total}` : ''} issues</p>`
      : '<p>No issues match.</p>'
    : '';
  return `<h1>Issues</h1>
<form class="jql" method="get" action="/jira/issues" role="search"><label for="jql" class="visually-hidden">JQL</label><input id="jql" name="jql" value="${esc(jql)}" placeholder="project = OUT ORDER BY created DESC"><button type="submit">Search</button></form>
${error ? `<div class="error" role="alert">${esc(error)}</div>` : ''}
${table}`;
}

/**
 * The first screen of a browser nobody signed in on (the page still answers 401): who to act as, one button per
 * demo user, each coming back to the page asked for. `reason` says why (no cookie, or a cookie naming no user).
 */
export function chooseUserBody(chrome: Pick<Chrome, 'users' | 'back' | 'colorMode'>, reason: string): string {
  const choices = chrome.users
    .map(
      (u) =>
        `<li><button type="submit" name="accountId" value="${esc(u.accountId)}">${esc(u.displayName)}</button>${u.roleHint ? ` <span class="subtle">${esc(u.roleHint)}</span>` : ''}</li>`,
    )
    .join('');
  return `<article class="choose-user" aria-labelledby="choose-user-title">
<h1 id="choose-user-title">Choose who you are</h1>
<p>This local site acts as one of its demo users, never as a default one. Pick a user to continue to this page; you can switch any time under “Acting as” in the header.</p>
<p class="subtle">${esc(reason)}</p>
<form method="post" action="/__site/preferences" aria-label="Choose who you are">
<input type="hidden" name="back" value="${esc(chrome.back)}">
<input type="hidden" name="colorMode" value="${esc(chrome.colorMode)}">
<ul class="user-choices">${choices}</ul>
</form>
</article>`;
}

export function messageBody(title: string, message: string): string {
  return `<h1>${esc(title)}</h1><div class="error" role="alert">${esc(message)}</div>`;
}

/** The space overview: every page, with how many Outbound Playbook macros it holds. */
export function spaceIndexBody(spaceKey: string, pages: { id: string; title: string; macros: number }[]): string {
  const rows = pages
    .map(
      (p) =>
        `<li><a href="/wiki/spaces/${esc(spaceKey)}/pages/${esc(p.id)}">${esc(p.title)}</a>${p.macros ? ` <span class="subtle">(${p.macros} Outbound Playbook macro${p.macros === 1 ? '' : 's'})</span>` : ' <span class="subtle">(no macro yet)</span>'}</li>`,
    )
    .join('\n');
  return `<article><h1>Implementations (${esc(spaceKey)})</h1><p>Discovery pages, one per biller integration.</p><ul>${rows}</ul></article>`;
}

/** Jira's administration area (Settings → Apps) hosting the app's admin page. */
export function adminPageBody(frame: FrameSpec): string {
  return `<p>Settings / Apps / Outbound Playbook template</p>${frameHtml(frame)}`;
}
