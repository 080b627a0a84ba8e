/** `playbook remind`: the daily reminder job for one project, as the signed-in user; each notification once. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { safeExcerpt } from '../../core';
import { createFileNotificationLedger } from '../../storage';
import { runReminders, type RemindResult } from '../../usecases/remind';
import { commandToday } from '../today';
import { defineCommand, EXIT } from '../command';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connect, reportFailure } from './jira-connection';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;

const where = (n: { step: number | null; issueKey: string }) => `${n.step === null ? 'plan' : `step ${n.step}`} (${n.issueKey})`;

function remindText(result: RemindResult): string {
  const verb = result.dryRun ? 'would send' : 'sent';
  return [
    `${result.projectKey} on ${result.today}: ${verb} ${result.sent.length}, skipped ${result.skipped.length}, ${result.alreadySent} sent earlier; ${result.plans.reminded} plan(s) checked.`,
    ...result.sent.map((s) => `  ${verb}: ${s.rule} for ${where(s)} to ${s.to.join(', ')}`),
    ...result.skipped.map((s) => `  skipped: ${s.rule} for ${where(s)}: ${s.reason}`),
    ...result.plans.notReminded.map((p) => `  plan ${p.epicKey} not reminded: ${p.reason}`),
    `${result.requests} Jira requests, ${result.roundTrips} sequential round trips.`,
    '',
  ].join('\n');
}

export const command = defineCommand({
  name: 'remind',
  summary: "Send the day's RACI reminders, escalations and phase digests for a project (each once)",
  help: `Usage: playbook remind --site URL --email E --token T --project KEY --today YYYY-MM-DD [--dry-run] [--ledger DIR] [--json]

Finds the project's active plans with one search and sends, through Jira's notification e-mails, what
today owes: due soon and overdue (Responsible), escalation (Accountable), input needed (Consulted), phase
done (Informed). A notification ledger makes each one go out once: running it again the same day sends
nothing. Jira does not e-mail you about your own work, so reminders meant only for you are skipped.

Options:
${CONNECTION_HELP}
  --project KEY    the Jira project whose plans are reminded
  --today DATE     the day to judge for, YYYY-MM-DD (no notifications on weekends or plan holidays)
  --dry-run        show what would be sent; send and record nothing
  --ledger DIR     where sent notifications are recorded (default ~/.outbound-playbook/notified)
  --json           print {sent: [{rule, step, issueKey, to}], skipped: [{..., reason}], ...} as JSON
  -h, --help

Exit codes: 0 done, 1 Jira refused or failed, 2 invalid arguments.`,
  options: {
    ...CONNECTION_OPTIONS,
    project: { type: 'string' },
    today: { type: 'string' },
    'dry-run': { type: 'boolean' },
    ledger: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(values, io, usage) {
    const connection = connect(values, io);
    const problems = [
      connection.ok ? null : connection.message,
      values.project === undefined
        ? 'Missing --project KEY'
        : PROJECT_KEY.test(values.project)
          ? null
          : `--project must be a Jira project key such as OUT, not "${safeExcerpt(values.project)}"`,
      values.today === undefined ? 'Missing --today YYYY-MM-DD' : validToday(values.today),
    ].filter((m): m is string => m !== null);
    const { site, project, today } = values;
    if (!connection.ok || problems.length > 0 || site === undefined || project === undefined || today === undefined) return usage(problems.join('\n'));
    const directory = values.ledger ? resolve(io.cwd, values.ledger) : join(io.env.HOME || homedir(), '.outbound-playbook', 'notified');
    try {
      const result = await runReminders(
        { jira: connection.jira, ledger: createFileNotificationLedger({ directory }), siteUrl: site },
        { projectKey: project, today, dryRun: values['dry-run'] === true },
      );
      if (values.json) {
        const json = {
          projectKey: result.projectKey,
          today: result.today,
          dryRun: result.dryRun,
          sent: result.sent.map(({ rule, step, issueKey, to, planId, key }) => ({ rule, step, issueKey, to, planId, key })),
          skipped: result.skipped.map(({ rule, step, issueKey, reason, planId, key }) => ({ rule, step, issueKey, reason, planId, key })),
          alreadySent: result.alreadySent,
          notReminded: result.plans.notReminded,
          requests: result.requests,
          roundTrips: result.roundTrips,
        };
        io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      } else io.stdout(remindText(result));
      return EXIT.ok;
    } catch (error) {
      return reportFailure(error, io);
    }
  },
});

/** Null for a usable --today, else why not (the one rule every command shares, ../today.ts). */
function validToday(value: string): string | null {
  const day = commandToday(value, value);
  return day.ok ? null : day.message;
}
