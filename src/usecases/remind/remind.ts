/**
 * The daily reminder job for one project: one search, the core's rules, then for each occurrence due today
 * that the ledger has not seen: claim it as pending → Jira notify → mark sent. A re-run the same day finds
 * every occurrence claimed and sends nothing.
 *
 * Exactly once is at most once here, by choice: Jira has no API that tells what notify queued, so an attempt
 * whose outcome was lost (5xx, dropped response, or a job killed between pending and sent) cannot be verified
 * and is never resent — it is recorded `unknown` and reported. A duplicate e-mail costs the reminders their
 * credibility; a lost one is followed by the next occurrence (weekly overdue, the escalation). Attempts Jira
 * certainly refused (400/403/404, 429 until the retries ran out) are released, so tomorrow's run tries again.
 */
import { isIsoDate, remindersDue, type Reminder, type ReminderRule } from '../../core';
import { JiraError, JiraOutcomeUnknownError, type JiraAdapter } from '../../jira';
import type { NotificationLedger } from '../../storage';
import { UseCaseError } from '../errors';
import { readProjectSnapshot, type PlanNotReminded } from './snapshot';
import type { UseCaseDeps } from '../deps';

export interface RemindDeps {
  /** The job's Jira identity: the app on Forge (scheduled trigger), the user in the CLI. */
  jira: JiraAdapter;
  ledger: NotificationLedger;
  /** The site's base URL, for the links in the e-mails (`<site>/browse/KEY`); asked of Jira when not given (Forge's scheduled trigger knows no URL). */
  siteUrl?: string;
  now?: () => number;
  /** Published template versions (Forge KVS), so a plan on one is reminded by its own steps. */
  playbookVersions?: UseCaseDeps['playbookVersions'];
  /** Notify calls in flight at once (Jira's burst limits; default 8). */
  concurrency?: number;
}

export interface RemindInput {
  /** The project whose plans are reminded; null: every project the identity can see (the scheduled job). */
  projectKey: string | null;
  /** YYYY-MM-DD: the day the rules are judged for (time is an input). */
  today: string;
  /** Compute and report, send nothing, record nothing. */
  dryRun?: boolean;
  /**
   * Stop claiming new notifications after this many ms (Forge stops a scheduled function at its timeoutSeconds);
   * what is left is reported skipped, unclaimed, and the next run sends it (the occurrence keys do not expire daily).
   */
  budgetMs?: number;
}

export interface SentNotification {
  key: string;
  planId: string;
  rule: ReminderRule;
  step: number | null;
  issueKey: string;
  to: string[];
}

export interface SkippedNotification {
  key: string;
  planId: string;
  rule: ReminderRule;
  step: number | null;
  issueKey: string;
  reason: string;
}

export interface RemindResult {
  projectKey: string | null;
  today: string;
  dryRun: boolean;
  /** Sent by this run (in a dry run: what would be sent). */
  sent: SentNotification[];
  /** Due today but not sent by this run, with the reason; occurrences sent by an earlier run are only counted. */
  skipped: SkippedNotification[];
  alreadySent: number;
  plans: { reminded: number; notReminded: PlanNotReminded[] };
  requests: number;
  roundTrips: number;
}

/** A pending claim younger than this may belong to a run still sending it (Forge stops a scheduled job at 900 s). */
export const PENDING_IN_FLIGHT_MS = 15 * 60 * 1000;

const DEFAULT_CONCURRENCY = 8;

/** The reason given for what a run left for the next one (its time budget was spent; nothing was claimed). */
export const OUT_OF_TIME = "the run's time budget was spent before it; the next run sends it";

type Outcome = { kind: 'sent' } | { kind: 'already' } | { kind: 'skipped'; reason: string };

async function deliver(deps: RemindDeps, reminder: Reminder, now: () => number): Promise<Outcome> {
  const existing = await deps.ledger.claim({ key: reminder.key, issueKey: reminder.issueKey, rule: reminder.rule, to: reminder.to });
  if (existing) {
    if (existing.state !== 'pending') return { kind: 'already' };
    if (now() - existing.since < PENDING_IN_FLIGHT_MS) return { kind: 'skipped', reason: 'another run is sending it right now' };
    await deps.ledger.settle(reminder.key, 'unknown');
    return {
      kind: 'skipped',
      reason: 'an earlier run stopped between claiming and confirming it; Jira cannot tell whether it was e-mailed, so it is not resent',
    };
  }
  try {
    await deps.jira.notify(reminder.issueKey, { subject: reminder.subject, textBody: reminder.textBody, htmlBody: reminder.htmlBody, to: reminder.to });
  } catch (error) {
    if (error instanceof JiraOutcomeUnknownError) {
      await deps.ledger.settle(reminder.key, 'unknown');
      return { kind: 'skipped', reason: `Jira's answer was lost (${error.status || 'no response'}); it may have been e-mailed, so it is not resent` };
    }
    if (error instanceof JiraError) {
      await deps.ledger.release(reminder.key);
      const said = error.errorMessages.length > 0 ? error.errorMessages.join(' ') : error.message;
      return { kind: 'skipped', reason: `Jira refused it (${error.status}): ${said}` };
    }
    throw error;
  }
  await deps.ledger.settle(reminder.key, 'sent');
  return { kind: 'sent' };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function runReminders(deps: RemindDeps, input: RemindInput): Promise<RemindResult> {
  if (!isIsoDate(input.today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD; got "${input.today}"`);
  const now = deps.now ?? Date.now;
  const started = now();
  const before = deps.jira.metrics();
  let snapshot;
  try {
    snapshot = await readProjectSnapshot(deps.jira, input.projectKey ?? undefined, deps);
  } catch (error) {
    // Jira answers a JQL naming a project the user cannot see with a 400.
    if (input.projectKey !== null && error instanceof JiraError && (error.code === 'validation' || error.code === 'not-found')) {
      throw new UseCaseError('project-not-found', `No project ${input.projectKey} that you can see.`, { projectKey: input.projectKey });
    }
    throw error;
  }
  const siteUrl = deps.siteUrl ?? (snapshot.plans.length > 0 ? await deps.jira.getSiteBaseUrl() : '');
  const links = { issueUrl: (key: string) => `${siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}` };
  const result: RemindResult = {
    projectKey: input.projectKey,
    today: input.today,
    dryRun: input.dryRun === true,
    sent: [],
    skipped: [],
    alreadySent: 0,
    plans: { reminded: snapshot.plans.length, notReminded: snapshot.notReminded },
    requests: 0,
    roundTrips: 0,
  };
  const due: Reminder[] = [];
  for (const plan of snapshot.plans) {
    const today = remindersDue(plan, input.today, links);
    due.push(...today.reminders);
    result.skipped.push(...today.skipped.map(({ key, planId, rule, step, issueKey, reason }) => ({ key, planId, rule, step, issueKey, reason })));
  }
  const summary = (r: Reminder): SentNotification => ({ key: r.key, planId: r.planId, rule: r.rule, step: r.step, issueKey: r.issueKey, to: [...r.to] });
  if (input.dryRun) {
    const known = await pool(due, deps.concurrency ?? DEFAULT_CONCURRENCY, (r) => deps.ledger.read(r.key));
    due.forEach((r, i) => (known[i] ? (result.alreadySent += 1) : result.sent.push(summary(r))));
  } else {
    const budget = input.budgetMs ?? Number.POSITIVE_INFINITY;
    const outcomes = await pool(due, deps.concurrency ?? DEFAULT_CONCURRENCY, (r) =>
      now() - started >= budget ? Promise.resolve<Outcome>({ kind: 'skipped', reason: OUT_OF_TIME }) : deliver(deps, r, now),
    );
    due.forEach((r, i) => {
      const outcome = outcomes[i];
      if (outcome.kind === 'sent') result.sent.push(summary(r));
      else if (outcome.kind === 'already') result.alreadySent += 1;
      else result.skipped.push({ ...summary(r), reason: outcome.reason });
    });
  }
  const after = deps.jira.metrics();
  result.requests = after.requests - before.requests;
  result.roundTrips = after.roundTrips - before.roundTrips;
  return result;
}
