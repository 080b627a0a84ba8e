/**
 * Payload schemas: the shape of what a UI may send. They check structure only (types, required fields,
 * formats). Playbook rules — a kickoff date on a business day, holidays after kickoff, known capabilities —
 * belong to the engine (`validateKickoff` in src/core) and come back as INVALID_KICKOFF field errors.
 */
import { z } from 'zod';
import { CAPABILITY_CODES, PLAN_STATUSES } from './constants';

/** A plain "… is required." instead of zod's type message when the field is missing altogether. */
const whenMissing = (message: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? message : undefined) });

const projectKey = z.string(whenMissing('Choose a Jira project.')).trim().regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'Use a Jira project key such as OUT.');
const isoDate = z.iso.date({ error: (issue) => (issue.input === undefined ? 'A date is required.' : 'Use a date such as 2025-06-02.') });
const nonEmpty = (what: string) => z.string(whenMissing(`${what} is required.`)).trim().min(1, `${what} is required.`).max(255, `${what} is too long.`);

export const jiraUserSchema = z.object(
  {
    accountId: z.string().trim().min(1, 'Pick a person.').max(128),
    displayName: nonEmpty('Name'),
  },
  whenMissing('Pick a person.'),
);

export const contactSchema = z.object(
  {
    displayName: nonEmpty('Name'),
    email: z.email('Use an e-mail address such as name@example.com.').optional(),
    accountId: z.string().trim().min(1).max(128).optional(),
  },
  whenMissing('Enter a name.'),
);

export const rolesSchema = z.object({
  SA: jiraUserSchema,
  PM: jiraUserSchema,
  IM: jiraUserSchema,
  OPM: jiraUserSchema.optional(),
  B: contactSchema,
  CS: contactSchema,
  TC: contactSchema.optional(),
});

export const pageRefSchema = z.object({
  id: z.string().trim().min(1).max(64).optional(),
  url: z.url({ protocol: /^https?$/, error: 'Use the page address (https://…).' }),
  title: z.string().trim().max(255).optional(),
});

export const kickoffSchema = z.object({
  projectKey,
  biller: nonEmpty('Biller'),
  coreSystem: nonEmpty('Core system'),
  integrationType: z.enum(['partner', 'custom'], { error: 'Choose partner or custom.' }),
  /** Capability codes from the template (`TemplateView.capabilities`). */
  capabilities: z.array(z.enum(CAPABILITY_CODES, 'Choose a capability from the playbook.')).max(CAPABILITY_CODES.length),
  /** Steps marked optional in the template that this project includes (e.g. 2, breakout sessions). */
  optionalSteps: z.array(z.number().int().positive()).max(50).optional(),
  kickoffDate: isoDate,
  holidays: z.array(isoDate).max(100).optional(),
  roles: rolesSchema,
  page: pageRefSchema.optional(),
});

export const emptyPayloadSchema = z.object({}).strict();

export const searchUsersPayloadSchema = z.object({
  projectKey,
  query: z.string().trim().max(100),
});

/** The macro's saved configuration (what macro-config passes to `view.submit`). */
export const macroConfigSchema = z.object({
  kickoff: kickoffSchema,
});

export const getMacroStatePayloadSchema = z.object({
  pageId: z.string().trim().min(1).max(64),
  /** The macro's config as the host gives it; may be absent or stale, so the resolver re-validates it. */
  config: z.unknown().optional(),
});

export const previewPlanPayloadSchema = z.object({ kickoff: kickoffSchema });

export const generatePlanPayloadSchema = z.object({
  kickoff: kickoffSchema,
  page: pageRefSchema.optional(),
});

export const getPlanProgressPayloadSchema = z
  .object({
    planId: z.string().trim().min(1).max(128).optional(),
    epicKey: z.string().trim().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Use an issue key such as OUT-1.').optional(),
  })
  .refine((p) => p.planId !== undefined || p.epicKey !== undefined, { message: 'Give a plan id or an epic key.', path: ['planId'] });

const planRefShape = {
  planId: z.string().trim().min(1).max(128).optional(),
  epicKey: z.string().trim().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Use an issue key such as OUT-1.').optional(),
};
const givesPlan: [(p: { planId?: string; epicKey?: string }) => boolean, { message: string; path: string[] }] = [
  (p) => p.planId !== undefined || p.epicKey !== undefined,
  { message: 'Give a plan id or an epic key.', path: ['planId'] },
];

export const previewForecastChangesPayloadSchema = z.object(planRefShape).refine(...givesPlan);

export const applyForecastPayloadSchema = z
  .object({
    ...planRefShape,
    /** The changes the PM previewed; the apply refuses (CONFLICT) when the plan's changes are no longer these. */
    changes: z.array(z.object({ step: z.number().int().positive(), to: z.iso.date() })).max(100),
  })
  .refine(...givesPlan);

export const rebaselinePlanPayloadSchema = z
  .object({
    ...planRefShape,
    reason: z.string(whenMissing('Say why the plan is re-baselined.')).trim().min(1, 'Say why the plan is re-baselined.').max(500, 'Keep the reason under 500 characters.'),
  })
  .refine(...givesPlan);

export const getIssuePanelPayloadSchema = z.object({
  issueKey: z.string().trim().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Use an issue key such as OUT-1.'),
});

export const portfolioFiltersSchema = z.object({
  phase: z.string().trim().min(1).max(64).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  coreSystem: z.string().trim().min(1).max(255).optional(),
  overdue: z.boolean().optional(),
});

export const getPortfolioPayloadSchema = z.object({
  projectKey,
  filters: portfolioFiltersSchema.default({}),
});
