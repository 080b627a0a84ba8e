/**
 * RACI that acts: which notifications a plan owes today. Pure: the plan as plain data and `today` in, the
 * notifications out, each with a stable occurrence key. The key — not the day the job happens to run — is what
 * makes a notification happen once: a notification ledger remembers sent keys, and each rule names its
 * occurrence so that a job that missed days sends the current occurrence once instead of one per missed day.
 *
 * - R due soon: not done, due today or within N business days; once per due date.
 * - R overdue: not done, past due; occurrence = which business week of lateness (days 1–5 late → 0, 6–10 → 1…),
 *   so it fires on the first business day overdue, then weekly while it stays overdue.
 * - A escalation: not done, overdue by ≥ M business days; once per due date.
 * - C input needed: not done and ready (every blocker done); once per step.
 * - I phase done: every step of the phase done; one notification on the epic to everyone Informed in it.
 * No notification on a weekend or a plan holiday.
 */
import { businessCalendar, businessDaysBetween, isBusinessDay, isIsoDate } from './dates';
import type { StatusCategory } from './progress';

export const REMINDER_RULES = ['due-soon', 'overdue', 'escalation', 'input-needed', 'phase-done'] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

export interface ReminderSettings {
  enabled: boolean;
  /** R is reminded when the due date is at most this many business days away. */
  dueSoonDays: number;
  /** A is told when a step is overdue by at least this many business days. */
  escalateAfterDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { enabled: true, dueSoonDays: 2, escalateAfterDays: 3 };

/** Bounds of the per-plan settings, in business days (a quarter is the longest notice or grace that makes sense). */
export const REMINDER_LIMITS = { dueSoonDays: { min: 0, max: 60 }, escalateAfterDays: { min: 1, max: 60 } } as const;

/** Business days of lateness per overdue reminder (one a week while the step stays overdue). */
export const OVERDUE_REPEAT_BUSINESS_DAYS = 5;

export interface ReminderStep {
  step: number;
  title: string;
  phase: string;
  issueKey: string;
  /** YYYY-MM-DD, or null when the step has no due date. */
  due: string | null;
  statusCategory: StatusCategory;
  /** Step numbers that must be done before this one can start. */
  blockers: readonly number[];
  /** Account ids of the Jira users in each RACI role (people without a Jira account are not here). */
  responsible: readonly string[];
  accountable: readonly string[];
  consulted: readonly string[];
  informed: readonly string[];
}

export interface ReminderPlan {
  planId: string;
  title: string;
  epicKey: string;
  holidays: readonly string[];
  settings: ReminderSettings;
  steps: readonly ReminderStep[];
}

export interface ReminderOccurrence {
  planId: string;
  /** null for plan-level notifications (phase done). */
  step: number | null;
  rule: ReminderRule;
  occurrence: string;
}

export interface Reminder extends ReminderOccurrence {
  /** `planId|step|rule|occurrence`: the ledger key. */
  key: string;
  /** The issue the notification is sent on (the step, or the epic for phase done). */
  issueKey: string;
  /** Account ids, deduplicated, in RACI order. */
  to: string[];
  subject: string;
  textBody: string;
  htmlBody: string;
}

export interface ReminderSkip extends ReminderOccurrence {
  key: string;
  issueKey: string;
  reason: string;
}

export interface RemindersToday {
  reminders: Reminder[];
  /** Occurrences due today that cannot be sent (nobody in the role is a Jira user). */
  skipped: ReminderSkip[];
}

export interface ReminderLinks {
  /** The issue's page, e.g. `https://site.atlassian.net/browse/OUT-7`. */
  issueUrl(issueKey: string): string;
}

export class ReminderSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReminderSettingsError';
  }
}

/** Settings from stored or submitted data: defaults for what is missing, a clear error for what is wrong. */
export function reminderSettings(input: unknown): ReminderSettings {
  if (input === undefined || input === null) return { ...DEFAULT_REMINDER_SETTINGS };
  if (typeof input !== 'object' || Array.isArray(input))
    throw new ReminderSettingsError('Reminder settings must be an object {enabled, dueSoonDays, escalateAfterDays}');
  const raw = input as Record<string, unknown>;
  const days = (name: 'dueSoonDays' | 'escalateAfterDays'): number => {
    const value = raw[name] ?? DEFAULT_REMINDER_SETTINGS[name];
    const { min, max } = REMINDER_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ReminderSettingsError(`${name} must be a whole number of business days from ${min} to ${max}; got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const enabled = raw.enabled ?? DEFAULT_REMINDER_SETTINGS.enabled;
  if (typeof enabled !== 'boolean') throw new ReminderSettingsError(`enabled must be true or false; got ${JSON.stringify(enabled)}`);
  return { enabled, dueSoonDays: days('dueSoonDays'), escalateAfterDays: days('escalateAfterDays') };
}

export function reminderKey(o: ReminderOccurrence): string {
  return [o.planId, o.step === null ? 'plan' : String(o.step), o.rule, o.occurrence].join('|');
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Message {
  subject: string;
  lines: string[];
  issueKey: string;
  rule: ReminderRule;
}

/** The last line of every reminder's body: which rule sent it (people filter on it; the local outbox shows it). */
export const reminderFooter = (rule: ReminderRule): string => `Sent by Outbound Playbook (rule: ${rule}).`;

/** The rule named in a reminder body's footer, or null when the text is no reminder of ours. */
export function reminderRuleOf(textBody: string): ReminderRule | null {
  const match = /Sent by Outbound Playbook \(rule: ([a-z-]+)\)\.\s*$/.exec(textBody);
  const rule = match?.[1];
  return REMINDER_RULES.find((r) => r === rule) ?? null;
}

function render(plan: ReminderPlan, message: Message, links: ReminderLinks): Pick<Reminder, 'subject' | 'textBody' | 'htmlBody'> {
  const url = links.issueUrl(message.issueKey);
  const subject = `[${plan.title}] ${message.subject}`;
  const textBody = [...message.lines, '', `Plan: ${plan.title} (${plan.epicKey})`, `Open ${message.issueKey}: ${url}`, '', reminderFooter(message.rule)].join(
    '\n',
  );
  const htmlBody = [
    ...message.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p>Plan: ${escapeHtml(plan.title)} (${escapeHtml(plan.epicKey)})</p>`,
    `<p><a href="${escapeHtml(url)}">Open ${escapeHtml(message.issueKey)}</a></p>`,
    `<p>${escapeHtml(reminderFooter(message.rule))}</p>`,
  ].join('');
  return { subject, textBody, htmlBody };
}

const stepName = (s: ReminderStep) => `Step ${s.step} "${s.title}" (${s.issueKey})`;

/**
 * The notifications `plan` owes on `today`. Every occurrence current today is returned (a re-run returns the
 * same keys): the caller sends those its ledger has not seen.
 */
export function remindersDue(plan: ReminderPlan, today: string, links: ReminderLinks): RemindersToday {
  if (!isIsoDate(today)) throw new RangeError(`today must be a calendar date YYYY-MM-DD; got "${today}"`);
  const result: RemindersToday = { reminders: [], skipped: [] };
  const calendar = businessCalendar(plan.holidays);
  if (!plan.settings.enabled || !isBusinessDay(today, calendar)) return result;
  const { dueSoonDays, escalateAfterDays } = plan.settings;

  const emit = (occurrence: Omit<ReminderOccurrence, 'planId'>, issueKey: string, to: readonly string[], message: Omit<Message, 'issueKey' | 'rule'>) => {
    const o: ReminderOccurrence = { planId: plan.planId, ...occurrence };
    const key = reminderKey(o);
    const recipients = unique(to);
    if (recipients.length === 0) {
      result.skipped.push({ ...o, key, issueKey, reason: `nobody to notify: no Jira user holds the role for ${o.rule}` });
      return;
    }
    result.reminders.push({ ...o, key, issueKey, to: recipients, ...render(plan, { ...message, issueKey, rule: o.rule }, links) });
  };

  const done = new Set(plan.steps.filter((s) => s.statusCategory === 'done').map((s) => s.step));
  for (const s of plan.steps) {
    if (s.statusCategory === 'done') continue;
    if (s.due !== null && isIsoDate(s.due)) {
      if (s.due >= today) {
        const ahead = businessDaysBetween(today, s.due, calendar);
        if (ahead <= dueSoonDays) {
          const when = ahead === 0 ? 'today' : `on ${s.due}`;
          emit({ step: s.step, rule: 'due-soon', occurrence: `due-${s.due}` }, s.issueKey, s.responsible, {
            subject: `${stepName(s)} is due ${when}`,
            lines: [`${stepName(s)} in phase ${s.phase} is due ${when} (due date ${s.due}).`, 'You are Responsible for it.'],
          });
        }
      } else {
        const late = businessDaysBetween(s.due, today, calendar);
        if (late >= 1) {
          const week = Math.floor((late - 1) / OVERDUE_REPEAT_BUSINESS_DAYS);
          emit({ step: s.step, rule: 'overdue', occurrence: `due-${s.due}-week-${week}` }, s.issueKey, s.responsible, {
            subject: `${stepName(s)} is overdue (due ${s.due})`,
            lines: [
              `${stepName(s)} in phase ${s.phase} was due on ${s.due} and is ${late} business day${late === 1 ? '' : 's'} overdue.`,
              'You are Responsible for it.',
            ],
          });
        }
        if (late >= escalateAfterDays) {
          emit({ step: s.step, rule: 'escalation', occurrence: `due-${s.due}` }, s.issueKey, s.accountable, {
            subject: `Escalation: ${stepName(s)} is ${late} business days overdue (due ${s.due})`,
            lines: [
              `${stepName(s)} in phase ${s.phase} was due on ${s.due} and is ${late} business days overdue.`,
              'You are Accountable for it; the Responsible people have been reminded.',
            ],
          });
        }
      }
    }
    if (s.blockers.every((b) => done.has(b))) {
      const after = s.blockers.length === 0 ? 'It can start now.' : `Its blockers are done (steps ${s.blockers.join(', ')}): it can start now.`;
      emit({ step: s.step, rule: 'input-needed', occurrence: 'ready' }, s.issueKey, s.consulted, {
        subject: `Your input is needed: ${stepName(s)}${s.due ? ` (due ${s.due})` : ''}`,
        lines: [`${stepName(s)} in phase ${s.phase} is ready. ${after}`, `You are Consulted on it${s.due ? `; it is due on ${s.due}` : ''}.`],
      });
    }
  }

  const phases = unique(plan.steps.map((s) => s.phase));
  for (const phase of phases) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (!steps.every((s) => s.statusCategory === 'done')) continue;
    const lastDue = steps.map((s) => s.due ?? '').reduce((a, b) => (a >= b ? a : b), '');
    emit(
      { step: null, rule: 'phase-done', occurrence: phase },
      plan.epicKey,
      steps.flatMap((s) => s.informed),
      {
        subject: `Phase ${phase} is done`,
        lines: [
          `Every step of phase ${phase} is done: ${steps.map((s) => `${s.step} ${s.title}`).join('; ')}.`,
          `${lastDue ? `The phase was due by ${lastDue}. ` : ''}You are Informed in this phase.`,
        ],
      },
    );
  }
  return result;
}
