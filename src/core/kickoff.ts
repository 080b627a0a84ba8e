/**
 * The kickoff: what the Solution Architect fills in before a plan is built. `validateKickoff` reports every
 * problem at once, field by field (dotted paths such as "roles.SA.accountId", "holidays.1"), so a form can
 * mark all of them in one go.
 */
import { z } from 'zod';
import { optionalStepNumbers, stepApplicability, type PlanScope } from './conditions';
import { isIsoDate } from './dates';
import { DEFAULT_REMINDER_SETTINGS, REMINDER_LIMITS, type ReminderSettings } from './reminders';
import { CURRENT_PLAYBOOK } from './playbook';
import { policyText, safeExcerpt, webUrl as policyUrl } from './text';
import { CAPABILITY_CODES, INTEGRATION_TYPES, ROLE_CODES, type CapabilityCode, type IntegrationType, type Playbook, type RoleCode } from './playbook/types';

export interface Person {
  displayName: string;
  /** Jira user; required for internal roles, optional for external contacts. */
  accountId?: string;
  email?: string;
}

export interface Kickoff {
  projectKey: string;
  biller: string;
  coreSystem: string;
  integrationType: IntegrationType;
  capabilities: CapabilityCode[];
  /** Step number → on/off, for optional steps only. */
  optionalSteps: Record<string, boolean>;
  kickoffDate: string;
  holidays: string[];
  roles: Partial<Record<RoleCode, Person>>;
  /**
   * The Confluence page the plan is generated from; `macroId` is the macro instance on it (the Forge context's
   * `localId`), so each macro on a page owns its own plan.
   */
  page?: { id?: string; url: string; title?: string; macroId?: string };
  /** Per-site URLs of the playbook's references, by reference id. */
  referenceUrls: Record<string, string>;
  /** The plan's reminders (the daily job); defaults when the kickoff predates them. */
  reminders?: ReminderSettings;
  /**
   * The person's explicit choice to create this plan although the project already holds an active plan for
   * the same biller × core system (generation refuses otherwise); kept in the plan record with the kickoff.
   */
  allowDuplicate?: boolean;
}

export interface KickoffFieldError {
  field: string;
  message: string;
}

export type KickoffValidation = { ok: true; kickoff: Kickoff } | { ok: false; errors: KickoffFieldError[] };

export class KickoffInvalidError extends Error {
  constructor(readonly errors: KickoffFieldError[]) {
    super(`Invalid kickoff: ${errors.map((e) => `${e.field || 'kickoff'}: ${e.message}`).join('; ')}`);
    this.name = 'KickoffInvalidError';
  }
}

/**
 * Limits from the domain, checked before anything is sent to Jira (the same rules in the form, the resolvers
 * and the CLI: the contract re-exports `kickoffFormSchema`, the engine validates with `kickoffSchema`).
 */
export const KICKOFF_LIMITS = {
  /** Biller and core system make the epic summary "Outbound Payments: {biller} × {coreSystem}"; Jira allows 255. */
  nameLength: 100,
  /** A person's name or a page title (Jira's summary-sized text). */
  textLength: 255,
  /** RFC 5321's longest address. */
  emailLength: 254,
  accountIdLength: 128,
  urlLength: 2000,
  /** Holidays a kickoff may list (a few hundred covers every calendar a plan can span). */
  holidays: 300,
  /** The kickoff date lies within this many years either side of `today`. */
  kickoffWindowYears: 2,
  /**
   * Holidays fall within the plan's span: no later than this many years after the kickoff (longer than any
   * plan runs), and no earlier than a year before it (a pasted yearly calendar stays valid; earlier dates
   * cannot touch the plan and signal a mistake such as a wrong year).
   */
  holidayWindowYears: 2,
  holidayLeadYears: 1,
  /** Jira's limit for one entity property value. */
  propertyBytes: 32_768,
  /** Jira's limit for an issue summary. */
  summaryLength: 255,
} as const;

/**
 * One line of text under the one text policy (src/core/text.ts): NFC-normalised, trimmed, within `max`
 * characters, without controls, bidi overrides or separators, not only invisible characters.
 * `subject` starts the policy's message ("Biller must not contain control characters…").
 */
export const singleLineText = (messages: { missing: string; notText?: string; tooLong?: string; subject?: string; end?: string }, max: number) =>
  policyText({
    max,
    messages: {
      missing: messages.missing,
      notText: messages.notText ?? messages.missing,
      tooLong: messages.tooLong ?? `at most ${max} characters`,
      problem: (problem) => `${messages.subject ? `${messages.subject} ` : ''}${problem}${messages.end ?? ''}`,
    },
  });

const requiredText = (what: string, max: number = KICKOFF_LIMITS.textLength) =>
  singleLineText({ missing: `${what} is required`, notText: `${what} must be text`, tooLong: `${what} must be at most ${max} characters`, subject: what }, max);

/** A real calendar date written YYYY-MM-DD, with the caller's messages. */
export const calendarDate = (messages: { missing: string; invalid: (input: unknown) => string }) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? messages.missing : messages.invalid(issue.input)) })
    .refine(isIsoDate, { error: (issue) => messages.invalid(issue.input) });

const isoDate = (what: string) =>
  calendarDate({
    missing: `${what} is required`,
    invalid: (input) =>
      typeof input === 'string'
        ? `${what} must be a real calendar date written YYYY-MM-DD; "${safeExcerpt(input)}" is not`
        : `${what} must be a date written YYYY-MM-DD`,
  });

const email = z.email({ error: 'must be an e-mail address' }).max(KICKOFF_LIMITS.emailLength, `must be at most ${KICKOFF_LIMITS.emailLength} characters`);

/** Only web links (the text policy's `webUrl`): these URLs end up as links in Jira and the UIs. */
const webUrl = (what: string) => policyUrl(what, KICKOFF_LIMITS.urlLength);

const accountId = (what: string) => requiredText(what, KICKOFF_LIMITS.accountIdLength);

/** IC staff: must be Jira users so steps can be assigned to them and they are notified. */
const internalPerson = (role: string) =>
  z.strictObject(
    {
      accountId: accountId(`${role} is an internal role and must be a Jira user: accountId`),
      displayName: requiredText('displayName'),
      email: email.optional(),
    },
    { error: (issue) => (issue.input === undefined ? `${role} is required` : `${role} must be a person {accountId, displayName}`) },
  );

/** Customer, vendor and partner contacts: a Jira user, or just a name and e-mail. */
const externalPerson = (role: string) =>
  z.strictObject(
    { displayName: requiredText('displayName'), email: email.optional(), accountId: accountId('accountId').optional() },
    { error: () => `${role} must be a person {displayName, email?, accountId?}` },
  );

const rolesSchema = z.strictObject(
  {
    SA: internalPerson('The Solution Architect (SA), who owns every step,'),
    PM: internalPerson('The Project Manager (PM)'),
    IM: internalPerson('The Implementations Manager (IM)'),
    OPM: internalPerson('The Outbound Program Manager (OPM)').optional(),
    B: externalPerson('The Biller (B)').optional(),
    CS: externalPerson('The Core System (CS) contact').optional(),
    TC: externalPerson('The Transcard (TC) contact').optional(),
  },
  { error: (issue) => (issue.input === undefined ? 'roles are required' : 'roles must map role codes to people') },
);

const fieldSchemas = {
  projectKey: z
    .string({ error: (issue) => (issue.input === undefined ? 'projectKey is required' : 'projectKey must be text') })
    .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'projectKey must be a Jira project key such as "OUT" (capital letters, digits, underscore; 2–10 characters)'),
  biller: requiredText('biller', KICKOFF_LIMITS.nameLength),
  coreSystem: requiredText('coreSystem', KICKOFF_LIMITS.nameLength),
  integrationType: z.enum(INTEGRATION_TYPES, { error: `integrationType must be one of: ${INTEGRATION_TYPES.join(', ')}` }),
  capabilities: z
    .array(z.enum(CAPABILITY_CODES, { error: (issue) => `unknown capability "${safeExcerpt(issue.input)}" (known: ${CAPABILITY_CODES.join(', ')})` }), {
      error: (issue) => (issue.input === undefined ? 'capabilities are required' : 'capabilities must be a list of capability codes'),
    })
    .min(1, 'choose at least one capability in scope')
    .transform((codes) => [...new Set(codes)]),
  optionalSteps: z
    .record(z.string().max(10), z.boolean({ error: 'must be true or false' }), { error: 'optionalSteps must map step numbers to true/false' })
    .optional()
    .transform((v) => v ?? {}),
  kickoffDate: isoDate('kickoffDate'),
  holidays: z
    .array(isoDate('a holiday'), { error: 'holidays must be a list of YYYY-MM-DD dates' })
    .max(KICKOFF_LIMITS.holidays, `at most ${KICKOFF_LIMITS.holidays} holidays`)
    .optional()
    .transform((v) => v ?? []),
  roles: rolesSchema,
  page: z
    .strictObject(
      {
        id: requiredText('page id', 64).optional(),
        url: webUrl('page url'),
        title: requiredText('page title').optional(),
        macroId: requiredText('macro id', 128).optional(),
      },
      { error: 'page must be {url, id?, title?, macroId?}' },
    )
    .optional(),
  referenceUrls: z
    .record(z.string().max(100), webUrl('a reference URL'), { error: 'referenceUrls must map reference ids to URLs' })
    .optional()
    .transform((v) => v ?? {}),
  reminders: z
    .lazy(() => reminderSettingsSchema)
    .optional()
    .transform((v) => ({ ...DEFAULT_REMINDER_SETTINGS, ...v })),
  allowDuplicate: z.boolean({ error: 'allowDuplicate must be true or false' }).optional(),
};

/** Structure only; cross-field rules (applicable steps, optional steps, reference ids) are in `validateKickoff`. */
export const kickoffSchema = z.strictObject(fieldSchemas, { error: 'the kickoff must be an object' });

/** The kickoff as a form or file provides it (before defaults). */
export type KickoffInput = z.input<typeof kickoffSchema>;

const fieldPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

function structuralErrors(issues: readonly z.core.$ZodIssue[]): KickoffFieldError[] {
  return issues.flatMap((issue): KickoffFieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      const inRoles = fieldPath(issue.path) === 'roles';
      return issue.keys.map((key) => ({
        field: fieldPath([...issue.path, key]),
        message: inRoles ? `unknown role "${safeExcerpt(key)}" (known: ${ROLE_CODES.join(', ')})` : `unknown field "${safeExcerpt(key)}"`,
      }));
    }
    return [{ field: fieldPath(issue.path), message: issue.message }];
  });
}

/** Rules that need several fields and the playbook; each runs on whatever parts parsed, so no error hides another. */
function crossFieldErrors(input: Record<string, unknown>, playbook: Playbook): KickoffFieldError[] {
  const errors: KickoffFieldError[] = [];
  const part = <K extends keyof typeof fieldSchemas>(key: K) => {
    const r = fieldSchemas[key].safeParse(input[key]);
    return r.success ? (r.data as z.output<(typeof fieldSchemas)[K]>) : undefined;
  };

  // Keys are judged on the raw maps, so an invalid value elsewhere in the map does not hide an unknown key.
  const keysOf = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []);
  const optional = optionalStepNumbers(playbook);
  const optionalSteps = part('optionalSteps');
  for (const key of keysOf(input.optionalSteps)) {
    const step = playbook.steps.find((s) => String(s.number) === key);
    if (!step) errors.push({ field: `optionalSteps.${key}`, message: `there is no step ${safeExcerpt(key)} in playbook ${playbook.version}` });
    else if (!optional.includes(step.number)) {
      errors.push({
        field: `optionalSteps.${key}`,
        message: `step ${safeExcerpt(key)} (${step.title}) is not optional; optional steps: ${optional.join(', ') || 'none'}`,
      });
    }
  }

  const referenceIds = new Set(playbook.references.map((r) => r.id));
  for (const key of keysOf(input.referenceUrls)) {
    if (!referenceIds.has(key))
      errors.push({ field: `referenceUrls.${key}`, message: `unknown reference "${safeExcerpt(key)}" (known: ${[...referenceIds].join(', ')})` });
  }

  // Every Responsible role of an applicable step needs a person. A step is judged only when the fields its
  // conditions read are valid (a step without conditions always is).
  const integrationType = part('integrationType');
  const capabilities = part('capabilities');
  const rolesInput = typeof input.roles === 'object' && input.roles !== null ? (input.roles as Record<string, unknown>) : undefined;
  const known = { integrationType: integrationType !== undefined, capability: capabilities !== undefined, optional: optionalSteps !== undefined };
  if (rolesInput) {
    // Placeholders stand in for invalid fields; steps reading them are not judged.
    const scope: PlanScope = { integrationType: integrationType ?? 'partner', capabilities: capabilities ?? [], optionalSteps: optionalSteps ?? {} };
    const missing = new Map<RoleCode, number[]>();
    for (const step of playbook.steps) {
      if (!step.conditions.every((c) => known[c.kind])) continue;
      if (!stepApplicability(step, scope, playbook).applicable) continue;
      for (const role of step.raci.responsible) if (rolesInput[role] === undefined) missing.set(role, [...(missing.get(role) ?? []), step.number]);
    }
    for (const [role, steps] of missing) {
      // SA, PM and IM are always required; the schema already says so.
      if (!(role in rolesSchema.shape) || !rolesSchema.shape[role].safeParse(undefined).success) continue;
      const name = playbook.roles.find((r) => r.code === role)?.name ?? role;
      const list = steps.map((n) => `${n} (${playbook.steps[n - 1].title})`).join(', ');
      errors.push({
        field: `roles.${role}`,
        message: `${name} (${role}) is Responsible for step${steps.length > 1 ? 's' : ''} ${list} but no person is named`,
      });
    }
  }
  return errors;
}

export interface KickoffValidationOptions {
  /** Today (YYYY-MM-DD): the kickoff date must lie within KICKOFF_LIMITS.kickoffWindowYears of it. */
  today?: string;
}

/** The same month and day `years` later (29 February becomes the 28th in a common year). */
export function isoDatePlusYears(date: string, years: number): string {
  const [year, month, day] = date.split('-');
  const shifted = `${String(Number(year) + years).padStart(4, '0')}-${month}-${day}`;
  return isIsoDate(shifted) ? shifted : `${shifted.slice(0, 8)}28`;
}

/** Dates within the documented windows: the kickoff near today, holidays within the plan's span. */
function dateWindowErrors(input: Record<string, unknown>, options: KickoffValidationOptions): KickoffFieldError[] {
  const errors: KickoffFieldError[] = [];
  const kickoffDate = fieldSchemas.kickoffDate.safeParse(input.kickoffDate);
  if (!kickoffDate.success) return errors;
  const years = KICKOFF_LIMITS.kickoffWindowYears;
  if (options.today !== undefined && isIsoDate(options.today)) {
    const [from, to] = [isoDatePlusYears(options.today, -years), isoDatePlusYears(options.today, years)];
    if (kickoffDate.data < from || kickoffDate.data > to) {
      errors.push({ field: 'kickoffDate', message: `kickoffDate must lie within ${years} years of today (${from} to ${to}); "${kickoffDate.data}" does not` });
    }
  }
  if (Array.isArray(input.holidays)) {
    const first = isoDatePlusYears(kickoffDate.data, -KICKOFF_LIMITS.holidayLeadYears);
    const last = isoDatePlusYears(kickoffDate.data, KICKOFF_LIMITS.holidayWindowYears);
    input.holidays.forEach((holiday, i) => {
      if (typeof holiday !== 'string' || !isIsoDate(holiday)) return;
      if (holiday < first || holiday > last) {
        errors.push({ field: `holidays.${i}`, message: `a holiday must fall within the plan's span (${first} to ${last}); "${holiday}" does not` });
      }
    });
  }
  return errors;
}

export function validateKickoff(input: unknown, playbook: Playbook = CURRENT_PLAYBOOK, options: KickoffValidationOptions = {}): KickoffValidation {
  const parsed = kickoffSchema.safeParse(input);
  const errors = parsed.success ? [] : structuralErrors(parsed.error.issues);
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    errors.push(...crossFieldErrors(input as Record<string, unknown>, playbook), ...dateWindowErrors(input as Record<string, unknown>, options));
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, kickoff: parsed.data };
}

/** The validated kickoff, or `KickoffInvalidError` carrying every error. */
export function parseKickoff(input: unknown, playbook: Playbook = CURRENT_PLAYBOOK, options: KickoffValidationOptions = {}): Kickoff {
  const result = validateKickoff(input, playbook, options);
  if (!result.ok) throw new KickoffInvalidError(result.errors);
  return result.kickoff;
}

// ---- the wire shape: what the kickoff form sends and the macro saves (re-exported by src/contract) -----------
// Same rules and limits as above, in the form's words; optional steps are the list the form includes, and the
// page is never part of it (a resolver takes the page from the Forge context).

/** A plain "… is required." instead of zod's type message when the field is missing altogether. */
const whenMissing = (message: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? message : undefined) });

const formText = (what: string, max: number = KICKOFF_LIMITS.textLength) =>
  singleLineText({ missing: `${what} is required.`, tooLong: `${what} is too long (at most ${max} characters).`, subject: what, end: '.' }, max);

export const formProjectKey = z
  .string(whenMissing('Choose a Jira project.'))
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'Use a Jira project key such as OUT.');

export const formDate = calendarDate({ missing: 'A date is required.', invalid: () => 'Use a date such as 2025-06-02.' });

export const jiraUserSchema = z.strictObject(
  {
    accountId: singleLineText({ missing: 'Pick a person.' }, KICKOFF_LIMITS.accountIdLength),
    /** Shown in the form only: generation takes every Jira user's name from Jira. */
    displayName: formText('Name'),
  },
  whenMissing('Pick a person.'),
);

export const contactSchema = z.strictObject(
  {
    displayName: formText('Name'),
    email: z.email('Use an e-mail address such as name@example.com.').max(KICKOFF_LIMITS.emailLength, 'That e-mail address is too long.').optional(),
    accountId: singleLineText({ missing: 'Pick a person.' }, KICKOFF_LIMITS.accountIdLength).optional(),
  },
  whenMissing('Enter a name.'),
);

export const formRolesSchema = z.strictObject({
  SA: jiraUserSchema,
  PM: jiraUserSchema,
  IM: jiraUserSchema,
  OPM: jiraUserSchema.optional(),
  B: contactSchema,
  CS: contactSchema,
  TC: contactSchema.optional(),
});

/** A whole number of business days within the setting's bounds, in the form's words. */
const reminderDays = (what: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${what} must be a whole number of business days.` })
    .int(`${what} must be a whole number of business days.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} must be at most ${max}.`);

/** Per-plan reminder settings (on/off, N, M); each part optional with the defaults, the same in the form, the resolvers and the CLI. */
export const reminderSettingsSchema = z.strictObject(
  {
    enabled: z.boolean({ error: 'Reminders on/off must be true or false.' }).optional(),
    dueSoonDays: reminderDays('Due-soon notice', REMINDER_LIMITS.dueSoonDays).optional(),
    escalateAfterDays: reminderDays('Escalation after', REMINDER_LIMITS.escalateAfterDays).optional(),
  },
  { error: 'reminders must be {enabled?, dueSoonDays?, escalateAfterDays?}' },
);

export const kickoffFormSchema = z.strictObject({
  projectKey: formProjectKey,
  biller: formText('Biller', KICKOFF_LIMITS.nameLength),
  coreSystem: formText('Core system', KICKOFF_LIMITS.nameLength),
  integrationType: z.enum(INTEGRATION_TYPES, { error: 'Choose partner or custom.' }),
  /** Capability codes from the template (`TemplateView.capabilities`). */
  capabilities: z.array(z.enum(CAPABILITY_CODES, 'Choose a capability from the playbook.')).max(CAPABILITY_CODES.length),
  /** Steps marked optional in the template that this project includes (e.g. 2, breakout sessions). */
  optionalSteps: z.array(z.number().int().positive().max(999)).max(50).optional(),
  kickoffDate: formDate,
  holidays: z.array(formDate).max(KICKOFF_LIMITS.holidays, `At most ${KICKOFF_LIMITS.holidays} holidays.`).optional(),
  roles: formRolesSchema,
  reminders: reminderSettingsSchema.optional(),
  /** Create this plan although the project holds an active plan for the same biller × core system. */
  allowDuplicate: z.boolean('Choose whether to create a second plan.').optional(),
});

/** The kickoff as the form sends it. */
export type KickoffForm = z.infer<typeof kickoffFormSchema>;
