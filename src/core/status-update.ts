/**
 * A status update for an external party of a plan (Biller, Core System, Transcard): the steps they are
 * Responsible or Consulted for, what is late, what is due in the next two weeks (business days from `today`),
 * as plain text ready to paste into an e-mail, with a `mailto:` link. Pure: `today` and the holidays are inputs.
 */
import { businessCalendar, businessDaysBetween, nextBusinessDay, type BusinessCalendar } from './dates';
import type { RoleCode } from './playbook/types';

/** Two weeks of business days. */
export const STATUS_UPDATE_HORIZON_BUSINESS_DAYS = 10;
/** Longer `mailto:` links are cut by some mail clients: beyond this the link carries the subject only. */
export const MAILTO_MAX_LENGTH = 2000;

export type StatusUpdateStepState = 'todo' | 'in-progress' | 'done' | 'not-applicable';

export interface StatusUpdateStep {
  step: number;
  title: string;
  phase: string;
  issueKey: string | null;
  state: StatusUpdateStepState;
  /** The Jira due date (YYYY-MM-DD), if any. */
  due: string | null;
  responsible: readonly RoleCode[];
  consulted: readonly RoleCode[];
}

export interface StatusUpdateInput {
  party: RoleCode;
  /** The role's name, e.g. "Biller". */
  partyName: string;
  /** Who holds the role in the kickoff, if anyone. */
  contact: { displayName: string; email: string | null } | null;
  biller: string;
  coreSystem: string;
  steps: readonly StatusUpdateStep[];
  today: string;
  holidays: readonly string[];
}

export interface StatusUpdateItem {
  step: number;
  title: string;
  phase: string;
  issueKey: string | null;
  state: Exclude<StatusUpdateStepState, 'not-applicable'>;
  due: string | null;
  /** What the party is for this step. */
  as: 'Responsible' | 'Consulted' | 'Responsible and Consulted';
  /** Business days past the due date (late items only, else 0). */
  businessDaysLate: number;
}

export interface PartyStatusUpdate {
  party: RoleCode;
  partyName: string;
  contact: { displayName: string; email: string | null } | null;
  today: string;
  /** The last day counted as "the next two weeks". */
  horizon: string;
  /** Every applicable step the party is Responsible or Consulted for, in playbook order. */
  involved: StatusUpdateItem[];
  late: StatusUpdateItem[];
  dueSoon: StatusUpdateItem[];
  subject: string;
  text: string;
  /**
   * `mailto:` the contact's e-mail (or no recipient) with the subject and, within MAILTO_MAX_LENGTH, the text:
   * all of it (`full`), else without the list of every step (`short`), else none.
   */
  mailto: string;
  mailtoBody: 'full' | 'short' | 'none';
}

const STATE_WORDS: Record<StatusUpdateItem['state'], string> = { todo: 'not started', 'in-progress': 'in progress', done: 'done' };

/** The `count`-th business day after `today`. */
function businessDaysAfter(today: string, count: number, calendar: BusinessCalendar): string {
  let day = today;
  for (let i = 0; i < count; i++) day = nextBusinessDay(day, calendar);
  return day;
}

function itemOf(step: StatusUpdateStep, party: RoleCode, today: string, calendar: BusinessCalendar): StatusUpdateItem | null {
  if (step.state === 'not-applicable') return null;
  const r = step.responsible.includes(party);
  const c = step.consulted.includes(party);
  if (!r && !c) return null;
  const late = step.state !== 'done' && step.due !== null && step.due < today;
  return {
    step: step.step,
    title: step.title,
    phase: step.phase,
    issueKey: step.issueKey,
    state: step.state,
    due: step.due,
    as: r && c ? 'Responsible and Consulted' : r ? 'Responsible' : 'Consulted',
    businessDaysLate: late ? Math.max(1, businessDaysBetween(step.due!, today, calendar)) : 0,
  };
}

const line = (i: StatusUpdateItem, detail: string) => `- Step ${i.step}. ${i.title} (${i.phase}), you are ${i.as}: ${detail}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function partyStatusUpdate(input: StatusUpdateInput): PartyStatusUpdate {
  const calendar = businessCalendar(input.holidays);
  const horizon = businessDaysAfter(input.today, STATUS_UPDATE_HORIZON_BUSINESS_DAYS, calendar);
  const involved = input.steps.flatMap((s) => itemOf(s, input.party, input.today, calendar) ?? []);
  const late = involved.filter((i) => i.businessDaysLate > 0);
  const dueSoon = involved.filter((i) => i.state !== 'done' && i.due !== null && i.due >= input.today && i.due <= horizon);
  const plan = `${input.biller} × ${input.coreSystem}`;
  const subject = `Outbound Payments ${plan}: status for ${input.partyName} as of ${input.today}`;

  const open = involved.filter((i) => i.state !== 'done');
  const head = [
    `Hello ${input.contact?.displayName ?? input.partyName},`,
    '',
    `Here is where the Outbound Payments integration ${plan} stands for you as ${input.partyName}, as of ${input.today}.`,
    '',
    `Late (${late.length}):`,
    ...(late.length
      ? late.map((i) => line(i, `was due ${i.due}, ${plural(i.businessDaysLate, 'business day')} late, ${STATE_WORDS[i.state]}`))
      : ['- Nothing is late.']),
    '',
    `Due in the next two weeks, ${input.today} to ${horizon} (${dueSoon.length}):`,
    ...(dueSoon.length ? dueSoon.map((i) => line(i, `due ${i.due}, ${STATE_WORDS[i.state]}`)) : ['- Nothing is due.']),
  ];
  const everything = [
    '',
    `Everything you are Responsible or Consulted for (${open.length} open, ${involved.length - open.length} done):`,
    ...(involved.length
      ? involved.map((i) => line(i, i.state === 'done' ? 'done' : `${STATE_WORDS[i.state]}${i.due ? `, due ${i.due}` : ''}`))
      : ['- No step of this plan needs you.']),
  ];
  const closing = ['', 'Kind regards,'];
  const text = [...head, ...everything, ...closing].join('\n');

  const to = input.contact?.email ? encodeURIComponent(input.contact.email).replace(/%40/g, '@') : '';
  const withSubject = `mailto:${to}?subject=${encodeURIComponent(subject)}`;
  // Line breaks in a mailto body are CRLF (RFC 6068).
  const withBody = (body: string) => `${withSubject}&body=${encodeURIComponent(body.replace(/\n/g, '\r\n'))}`;
  const full = withBody(text);
  const short = withBody([...head, ...closing].join('\n'));
  const [mailto, mailtoBody] =
    full.length <= MAILTO_MAX_LENGTH ? [full, 'full' as const] : short.length <= MAILTO_MAX_LENGTH ? [short, 'short' as const] : [withSubject, 'none' as const];
  return {
    party: input.party,
    partyName: input.partyName,
    contact: input.contact,
    today: input.today,
    horizon,
    involved,
    late,
    dueSoon,
    subject,
    text,
    mailto,
    mailtoBody,
  };
}
