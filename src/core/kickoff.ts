/**
 * The kickoff: what the Solution Architect fills in before a plan is built. `validateKickoff` reports every
 * problem at once, field by field (dotted paths such as "roles.SA.accountId", "holidays.1"), so a form can
 * mark all of them in one go.
 */
import { z } from 'zod';
import { optionalStepNumbers, stepApplicability, type PlanScope } from './conditions';
import { isIsoDate } from './dates';
import { CURRENT_PLAYBOOK } from './playbook';
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
  /** The Confluence page the plan is generated from. */
  page?: { id?: string; url: string; title?: string };
  /** Per-site URLs of the playbook's references, by reference id. */
  referenceUrls: Record<string, string>;
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

const requiredText = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be text`) }).trim().min(1, `${what} is required`);

const isoDate = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a date written YYYY-MM-DD`) })
    .refine(isIsoDate, { error: (issue) => `${what} must be a real calendar date written YYYY-MM-DD; "${String(issue.input)}" is not` });

const email = z.email({ error: 'must be an e-mail address' });

/** Only web links: these URLs end up as links in Jira and the UIs. */
const webUrl = (what: string) => z.url({ protocol: /^https?$/, error: `${what} must be an http(s) URL` });

/** IC staff: must be Jira users so steps can be assigned to them and they are notified. */
const internalPerson = (role: string) =>
  z.strictObject(
    {
      accountId: requiredText(`${role} is an internal role and must be a Jira user: accountId`),
      displayName: requiredText('displayName'),
      email: email.optional(),
    },
    { error: (issue) => (issue.input === undefined ? `${role} is required` : `${role} must be a person {accountId, displayName}`) },
  );

/** Customer, vendor and partner contacts: a Jira user, or just a name and e-mail. */
const externalPerson = (role: string) =>
  z.strictObject(
    { displayName: requiredText('displayName'), email: email.optional(), accountId: requiredText('accountId').optional() },
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
  biller: requiredText('biller'),
  coreSystem: requiredText('coreSystem'),
  integrationType: z.enum(INTEGRATION_TYPES, { error: `integrationType must be one of: ${INTEGRATION_TYPES.join(', ')}` }),
  capabilities: z
    .array(z.enum(CAPABILITY_CODES, { error: (issue) => `unknown capability "${String(issue.input)}" (known: ${CAPABILITY_CODES.join(', ')})` }), {
      error: (issue) => (issue.input === undefined ? 'capabilities are required' : 'capabilities must be a list of capability codes'),
    })
    .min(1, 'choose at least one capability in scope')
    .transform((codes) => [...new Set(codes)]),
  optionalSteps: z
    .record(z.string(), z.boolean({ error: 'must be true or false' }), { error: 'optionalSteps must map step numbers to true/false' })
    .optional()
    .transform((v) => v ?? {}),
  kickoffDate: isoDate('kickoffDate'),
  holidays: z
    .array(isoDate('a holiday'), { error: 'holidays must be a list of YYYY-MM-DD dates' })
    .optional()
    .transform((v) => v ?? []),
  roles: rolesSchema,
  page: z
    .strictObject(
      { id: requiredText('page id').optional(), url: webUrl('page url'), title: z.string().optional() },
      { error: 'page must be {url, id?, title?}' },
    )
    .optional(),
  referenceUrls: z
    .record(z.string(), webUrl('a reference URL'), { error: 'referenceUrls must map reference ids to URLs' })
    .optional()
    .transform((v) => v ?? {}),
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
        message: inRoles ? `unknown role "${key}" (known: ${ROLE_CODES.join(', ')})` : `unknown field "${key}"`,
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
    if (!step) errors.push({ field: `optionalSteps.${key}`, message: `there is no step ${key} in playbook ${playbook.version}` });
    else if (!optional.includes(step.number)) {
      errors.push({ field: `optionalSteps.${key}`, message: `step ${key} (${step.title}) is not optional; optional steps: ${optional.join(', ') || 'none'}` });
    }
  }

  const referenceIds = new Set(playbook.references.map((r) => r.id));
  for (const key of keysOf(input.referenceUrls)) {
    if (!referenceIds.has(key)) errors.push({ field: `referenceUrls.${key}`, message: `unknown reference "${key}" (known: ${[...referenceIds].join(', ')})` });
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
      errors.push({ field: `roles.${role}`, message: `${name} (${role}) is Responsible for step${steps.length > 1 ? 's' : ''} ${list} but no person is named` });
    }
  }
  return errors;
}

export function validateKickoff(input: unknown, playbook: Playbook = CURRENT_PLAYBOOK): KickoffValidation {
  const parsed = kickoffSchema.safeParse(input);
  const errors = parsed.success ? [] : structuralErrors(parsed.error.issues);
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) errors.push(...crossFieldErrors(input as Record<string, unknown>, playbook));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, kickoff: parsed.data };
}

/** The validated kickoff, or `KickoffInvalidError` carrying every error. */
export function parseKickoff(input: unknown, playbook: Playbook = CURRENT_PLAYBOOK): Kickoff {
  const result = validateKickoff(input, playbook);
  if (!result.ok) throw new KickoffInvalidError(result.errors);
  return result.kickoff;
}
