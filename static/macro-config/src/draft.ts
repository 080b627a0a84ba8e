/**
 * The form's editable state and its conversion to a kickoff. Pure functions, so the mapping between form
 * fields and contract field paths lives in one place. No zod here: validation.ts (loaded alongside the
 * first resolver calls) holds the schema checks, keeping the initial bundle small.
 */
import { CONTACT_ROLES, JIRA_USER_ROLES, OPTIONAL_ROLES } from '../../../src/contract/constants';
import type { FieldError } from '../../../src/contract/result';
import type { ContactRef, JiraUserRef, Kickoff, TemplateView } from '../../../src/contract/types';
import { remindersCandidate, remindersDraft, type RemindersDraft } from './reminders-draft';

export type UserRole = (typeof JIRA_USER_ROLES)[number];
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const USER_ROLES: readonly UserRole[] = JIRA_USER_ROLES;
export { CONTACT_ROLES };
export const isOptionalRole = (code: string) => (OPTIONAL_ROLES as readonly string[]).includes(code);

export interface Draft {
  projectKey: string;
  biller: string;
  coreSystem: string;
  integrationType: 'partner' | 'custom' | '';
  capabilities: string[];
  optionalSteps: number[];
  kickoffDate: string;
  /** One date per row, as the date picker gives it (YYYY-MM-DD); an empty row is left out. */
  holidays: string[];
  users: Record<UserRole, JiraUserRef | null>;
  contacts: Record<ContactRole, { displayName: string; email: string }>;
  reminders?: RemindersDraft;
}

export function emptyDraft(template: TemplateView | null): Draft {
  const optionalSteps = (template?.steps ?? []).filter((s) => s.conditions.some((c) => c.kind === 'optional' && c.defaultOn)).map((s) => s.number);
  return {
    projectKey: '',
    biller: '',
    coreSystem: '',
    integrationType: '',
    capabilities: [],
    optionalSteps,
    kickoffDate: '',
    holidays: [],
    users: { SA: null, PM: null, IM: null, OPM: null },
    contacts: { B: { displayName: '', email: '' }, CS: { displayName: '', email: '' }, TC: { displayName: '', email: '' } },
  };
}

/** Fills a draft from the macro's saved configuration, when it still has the contract's shape. */
export function draftFromKickoff(k: Kickoff | null, template: TemplateView | null): Draft {
  const draft = emptyDraft(template);
  if (!k) return draft;
  const contact = (c: ContactRef | undefined) => ({ displayName: c?.displayName ?? '', email: c?.email ?? '' });
  return {
    projectKey: k.projectKey,
    biller: k.biller,
    coreSystem: k.coreSystem,
    integrationType: k.integrationType,
    capabilities: [...k.capabilities],
    optionalSteps: k.optionalSteps ?? draft.optionalSteps,
    kickoffDate: k.kickoffDate,
    holidays: [...(k.holidays ?? [])],
    users: { SA: k.roles.SA, PM: k.roles.PM, IM: k.roles.IM, OPM: k.roles.OPM ?? null },
    contacts: { B: contact(k.roles.B), CS: contact(k.roles.CS), TC: contact(k.roles.TC) },
    ...(k.reminders ? { reminders: remindersDraft(k.reminders) } : {}),
  };
}

/**
 * The kickoff as the contract wants it; blank optional parts are left out. No page: the backend knows the
 * page hosting the macro from the Forge context (and derives the plan id from it).
 */
export function kickoffCandidate(draft: Draft): unknown {
  const contact = (c: { displayName: string; email: string }) => ({ displayName: c.displayName, ...(c.email.trim() ? { email: c.email.trim() } : {}) });
  const optionalContact = (c: { displayName: string; email: string }) => (c.displayName.trim() || c.email.trim() ? contact(c) : undefined);
  const holidays = filledHolidays(draft);
  // A field left blank is sent as missing, so its message says what to do ("Choose a Jira project.").
  return {
    projectKey: draft.projectKey || undefined,
    biller: draft.biller,
    coreSystem: draft.coreSystem,
    integrationType: draft.integrationType || undefined,
    capabilities: draft.capabilities,
    optionalSteps: draft.optionalSteps,
    kickoffDate: draft.kickoffDate || undefined,
    ...(holidays.length ? { holidays } : {}),
    roles: {
      SA: draft.users.SA ?? undefined,
      PM: draft.users.PM ?? undefined,
      IM: draft.users.IM ?? undefined,
      ...(draft.users.OPM ? { OPM: draft.users.OPM } : {}),
      B: contact(draft.contacts.B),
      CS: contact(draft.contacts.CS),
      ...(optionalContact(draft.contacts.TC) ? { TC: optionalContact(draft.contacts.TC) } : {}),
    },
    ...(draft.reminders ? { reminders: remindersCandidate(draft.reminders) } : {}),
  };
}

/** Server field paths may be relative to the payload (`kickoff.roles.SA`) or to the kickoff (`roles.SA`). */
export function normaliseFieldErrors(fields: FieldError[] | undefined): FieldError[] {
  return (fields ?? []).map((f) => ({ ...f, field: f.field.replace(/^kickoff\./, '') }));
}

const filledHolidays = (draft: Draft) => draft.holidays.map((d) => d.trim()).filter(Boolean);

/** The form row of the holiday at `index` of the kickoff's list (empty rows are not sent), so its message sits under it. */
export function holidayRow(draft: Draft, index: number): number {
  let seen = -1;
  for (let row = 0; row < draft.holidays.length; row += 1) if (draft.holidays[row].trim() && ++seen === index) return row;
  return -1;
}

/** The element id of each form field, so the error summary can link to it and focus it. */
export const FIELD_IDS = {
  projectKey: 'kickoff-project',
  kickoffDate: 'kickoff-date',
  biller: 'kickoff-biller',
  coreSystem: 'kickoff-core-system',
  integrationType: 'kickoff-integration-partner',
  capabilities: 'kickoff-capability-0',
  optionalSteps: 'kickoff-optional-0',
  holidays: 'kickoff-add-holiday',
} as const;
export const holidayId = (row: number) => `kickoff-holiday-${row}`;
export const roleId = (code: string) => (isContactRole(code) ? `kickoff-role-${code}-name` : `kickoff-role-${code}`);
export const contactEmailId = (code: string) => `kickoff-role-${code}-email`;
const isContactRole = (code: string) => (CONTACT_ROLES as readonly string[]).includes(code);

const FIELD_LABELS: Record<keyof typeof FIELD_IDS, string> = {
  projectKey: 'Jira project',
  kickoffDate: 'Kickoff date',
  biller: 'Biller',
  coreSystem: 'Core system',
  integrationType: 'Integration type',
  capabilities: 'Capabilities',
  optionalSteps: 'Optional steps',
  holidays: 'Holidays',
};

export interface SummaryEntry {
  /** The id of the field to focus. */
  target: string;
  label: string;
  message: string;
}

/** The form's field errors as the summary at the top lists them: each names its field and links to it, in form order. */
export function errorSummary(errors: readonly FieldError[], draft: Draft, roleName: (code: string) => string): SummaryEntry[] {
  const order = [...Object.keys(FIELD_IDS), 'roles'];
  const rank = (field: string) => {
    const at = order.indexOf(field.split('.')[0]);
    return at < 0 ? order.length : at;
  };
  return [...errors]
    .sort((a, b) => rank(a.field) - rank(b.field))
    .map((error): SummaryEntry => {
      const [head, second, third] = error.field.split('.');
      if (head === 'holidays' && second !== undefined && /^\d+$/.test(second)) {
        const row = holidayRow(draft, Number(second));
        return { target: row < 0 ? FIELD_IDS.holidays : holidayId(row), label: `Holiday ${row < 0 ? Number(second) + 1 : row + 1}`, message: error.message };
      }
      if (head === 'roles' && second) {
        if (third === 'email') return { target: contactEmailId(second), label: `${roleName(second)} – e-mail`, message: error.message };
        return { target: roleId(second), label: roleName(second), message: error.message };
      }
      if (head in FIELD_IDS) {
        const key = head as keyof typeof FIELD_IDS;
        return { target: FIELD_IDS[key], label: FIELD_LABELS[key], message: error.message };
      }
      return { target: FIELD_IDS.projectKey, label: error.field || 'Kickoff', message: error.message };
    });
}
