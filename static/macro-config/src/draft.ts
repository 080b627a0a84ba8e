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
  /** One ISO date per line. */
  holidays: string;
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
    holidays: '',
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
    holidays: (k.holidays ?? []).join('\n'),
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
  const holidays = draft.holidays
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
  return {
    projectKey: draft.projectKey,
    biller: draft.biller,
    coreSystem: draft.coreSystem,
    integrationType: draft.integrationType || undefined,
    capabilities: draft.capabilities,
    optionalSteps: draft.optionalSteps,
    kickoffDate: draft.kickoffDate,
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

/** Maps a holiday's index in the parsed list back to its line, so its message can name the date. */
export function holidayLabel(draft: Draft, index: number): string {
  return (
    draft.holidays
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean)[index] ?? `#${index + 1}`
  );
}
