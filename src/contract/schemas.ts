/**
 * Payload schemas: the shape of what a UI may send. One input policy for every resolver: objects are strict,
 * so an unknown field is rejected (INVALID_INPUT naming it), never silently dropped. The kickoff's wire shape
 * and its limits come from the engine (src/core/kickoff.ts: one definition of the rules); playbook rules that
 * need the template (applicable steps, Responsible roles, date windows) come back as INVALID_KICKOFF.
 * The acting account and the hosting page are never part of a payload: they come from the Forge context.
 */
import { z } from 'zod';
import { issueKeySchema, planIdSchema } from '../core/ids';
import { contactSchema, formProjectKey, jiraUserSchema, kickoffFormSchema } from '../core/kickoff';
import { isPlausibleDate } from '../core/dates';
import { policyText, webUrl } from '../core/text';
import { PLAN_HEALTHS, PLAN_STATUSES, PORTFOLIO_ROWS, PORTFOLIO_SORT_KEYS } from './constants';

export { contactSchema, jiraUserSchema };
export const kickoffSchema = kickoffFormSchema;

const projectKey = formProjectKey;

/** A text field of a payload, under the one text policy (src/core/text.ts); `min: 0` accepts an empty string. */
const text = (max: number, messages: { missing?: string; tooLong?: string } = {}, min: 0 | 1 = 1) =>
  policyText({ max, min, messages: { ...messages, problem: (problem) => `This text ${problem}.` } });

/** A page as the host describes it (derived from the Forge context server side; never sent by a UI). */
export const pageRefSchema = z.strictObject({
  id: text(64).optional(),
  url: webUrl('The page address'),
  title: text(255, {}, 0).optional(),
  /** The macro instance on the page (the Forge context's `localId`): each macro owns its plan. */
  macroId: text(128).optional(),
});

export const emptyPayloadSchema = z.strictObject({});

export const searchUsersPayloadSchema = z.strictObject({
  projectKey,
  query: text(100, { tooLong: 'Search with at most 100 characters.' }, 0),
});

/** The macro's saved configuration (what macro-config passes to `view.submit`). */
export const macroConfigSchema = z.strictObject({
  kickoff: kickoffSchema,
});

export const getMacroStatePayloadSchema = z.strictObject({
  pageId: text(64),
  /** The macro's config as the host gives it; may be absent or stale, so the resolver re-validates it. */
  config: z.unknown().optional(),
});

export const previewPlanPayloadSchema = z.strictObject({ kickoff: kickoffSchema });

export const generatePlanPayloadSchema = z.strictObject({ kickoff: kickoffSchema });

const issueKey = issueKeySchema;

/** A plan named by its id or its epic's key (formats bounded in src/core/ids.ts). */
const planRefShape = {
  planId: planIdSchema.optional(),
  epicKey: issueKey.optional(),
};

export const getPlanProgressPayloadSchema = z
  .strictObject(planRefShape)
  .refine((p) => p.planId !== undefined || p.epicKey !== undefined, { message: 'Give a plan id or an epic key.', path: ['planId'] });

const givesPlan: [(p: { planId?: string; epicKey?: string }) => boolean, { message: string; path: string[] }] = [
  (p) => p.planId !== undefined || p.epicKey !== undefined,
  { message: 'Give a plan id or an epic key.', path: ['planId'] },
];

export const previewForecastChangesPayloadSchema = z.strictObject(planRefShape).refine(...givesPlan);

export const applyForecastPayloadSchema = z
  .strictObject({
    ...planRefShape,
    /** The changes the PM previewed; the apply refuses (CONFLICT) when the plan's changes are no longer these. */
    changes: z
      .array(
        z.strictObject({
          step: z.number().int().positive().max(1_000),
          to: z.iso.date('Use a date such as 2027-01-04.').refine(isPlausibleDate, 'Use a date between 2000-01-01 and 2100-12-31.'),
        }),
      )
      .max(100),
  })
  .refine(...givesPlan);

export const rebaselinePlanPayloadSchema = z
  .strictObject({
    ...planRefShape,
    reason: text(500, { missing: 'Say why the plan is re-baselined.', tooLong: 'Keep the reason under 500 characters.' }),
  })
  .refine(...givesPlan);

export const getIssuePanelPayloadSchema = z.strictObject({
  issueKey,
});

export const portfolioFiltersSchema = z.strictObject({
  phase: text(64).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  coreSystem: text(255).optional(),
  overdue: z.boolean().optional(),
  health: z.enum(PLAN_HEALTHS).optional(),
});

export const portfolioSortSchema = z.strictObject({
  by: z.enum(PORTFOLIO_SORT_KEYS, 'Sort by biller, core system, status, current phase, percent done, overdue, owner, go-live or days late.').default('biller'),
  direction: z.enum(['asc', 'desc'], 'Sort ascending or descending.').default('asc'),
});

export const getPortfolioPayloadSchema = z.strictObject({
  /** On the project page the project comes from the Forge context; a caller elsewhere names it here. */
  projectKey: projectKey.optional(),
  filters: portfolioFiltersSchema.default({}),
  /** Rows whose biller or epic key contains this text (case-insensitive). */
  text: text(100, { tooLong: 'Search text is too long.' }, 0).optional(),
  sort: portfolioSortSchema.default({ by: 'biller', direction: 'asc' }),
  /** The first row of the page, counted from 0 over the matching plans. */
  offset: z.number().int('Use a whole number of rows.').min(0).max(1_000_000).default(0),
  limit: z
    .number()
    .int('Use a whole number of rows.')
    .min(1)
    .max(PORTFOLIO_ROWS.max, `Ask for at most ${PORTFOLIO_ROWS.max} rows.`)
    .default(PORTFOLIO_ROWS.default),
});

/**
 * A plan update (template upgrade and/or kickoff edit). The plan is the one the Forge context names (the
 * macro's page, or the panel's issue); the browser only chooses the target: a template version (`latest`,
 * the default) and whether the macro's saved kickoff is part of it (the default where there is one).
 */
export const planUpdatePayloadSchema = z.strictObject({
  version: z
    .string()
    .trim()
    .regex(/^(latest|\d+\.\d+)$/, 'Use a version such as 1.6, or latest.')
    .default('latest'),
  kickoff: z.enum(['saved', 'recorded'], 'Use the saved kickoff (saved) or the plan’s own (recorded).').optional(),
});
