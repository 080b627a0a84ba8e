/**
 * Notifications: what Jira would have e-mailed for the app's `POST /issue/{key}/notify` calls (the stand-in's
 * outbox; nothing leaves the machine), newest first, with the recipients' names, the subject and body, a link
 * to the issue and the reminder rule that sent it (named in the body's footer).
 */
import { reminderRuleOf } from '../../../core/reminders';
import type { OutboxEntry } from '../../jira/site';
import { sendHtml } from '../http';
import { esc, layout } from '../pages';
import { route, type Handler, type Route } from '../route';

const RULE_NAMES: Record<string, string> = {
  'due-soon': 'R · due soon',
  overdue: 'R · overdue',
  escalation: 'A · escalation',
  'input-needed': 'C · input needed',
  'phase-done': 'I · phase done',
};

export interface NotificationRow {
  id: number;
  at: number;
  issueKey: string;
  to: string[];
  subject: string;
  body: string;
  rule: string | null;
}

export function notificationRows(outbox: readonly OutboxEntry[], nameOf: (accountId: string) => string): NotificationRow[] {
  return [...outbox]
    .sort((a, b) => b.id - a.id)
    .map((e) => ({
      id: e.id,
      at: e.at,
      issueKey: e.issueKey,
      to: e.to.map(nameOf),
      subject: e.subject,
      body: e.textBody ?? '',
      rule: e.textBody ? reminderRuleOf(e.textBody) : null,
    }));
}

export function notificationsBody(rows: readonly NotificationRow[], available: boolean): string {
  if (!available) return '<h1>Notifications</h1><p>This site has no embedded Jira stand-in, so there is no outbox to show.</p>';
  const table = rows.length
    ? `<table class="outbox"><caption>E-mails Jira would have sent, newest first (${rows.length})</caption>
<thead><tr><th scope="col">Sent (site time)</th><th scope="col">Rule</th><th scope="col">Issue</th><th scope="col">To</th><th scope="col">Subject and body</th></tr></thead>
<tbody>${rows
        .map(
          (r) => `<tr data-rule="${esc(r.rule ?? '')}" data-issue="${esc(r.issueKey)}">
<td>${esc(new Date(r.at).toISOString().slice(0, 16).replace('T', ' '))}</td>
<td>${esc(r.rule ? (RULE_NAMES[r.rule] ?? r.rule) : '—')}</td>
<td><a href="/jira/browse/${esc(r.issueKey)}">${esc(r.issueKey)}</a></td>
<td>${esc(r.to.join(', '))}</td>
<td><strong>${esc(r.subject)}</strong><div class="mail-body">${esc(r.body)}</div></td>
</tr>`,
        )
        .join('\n')}</tbody></table>`
    : '<p>No notifications yet. Move the site\'s "Today" (header) to run the daily reminders.</p>';
  return `<h1>Notifications</h1>
<p>What Jira would have e-mailed (the issue notification API). The daily reminders run when the site's "Today" moves.</p>
${table}`;
}

const notificationsPage: Handler = (ctx, { req, res }) => {
  ctx.requireUser(req);
  const names = new Map(ctx.jira.users.map((u) => [u.accountId, u.displayName]));
  const outbox = ctx.jira.outbox?.() ?? null;
  const rows = outbox ? notificationRows(outbox, (id) => names.get(id) ?? id) : [];
  sendHtml(res, 200, layout(ctx.chrome(req, 'jira', 'Notifications'), notificationsBody(rows, outbox !== null)));
};

export const notificationRoutes: Route[] = [route('GET', /^\/jira\/notifications\/?$/, notificationsPage)];
