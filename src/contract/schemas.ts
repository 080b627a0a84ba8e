/**
 * Payload schemas: the shape of what a UI may send. One input policy for every resolver: objects are strict,
 * so an unknown field is rejected (INVALID_INPUT naming it), never silently dropped. The kickoff's wire shape
 * and its limits come from the engine (src/core/kickoff.ts: one definition of the rules); playbook rules that
 * need the template (applicable steps, Responsible roles, date windows) come back as INVALID_KICKOFF.
 * The acting account and the hosting page are never part of a payload: they come from the Forge context.
 */
import { z } from 'zod';
import { contactSchema, formProjectKey, jiraUserSchema, kickoffFormSchema } from '../core/kickoff';
import { PLAN_HEALTHS, PLAN_STATUSES, PORTFOLIO_ROWS, PORTFOLIO_SORT_KEYS } from './constants';

export { contactSchema, jiraUserSchema };
export const kickoffSchema = kickoffFormSchema;

const projectKey = formProjectKey;

/** A page as the host describes it (derived from the Forge context server side; never sent by a UI). */
export const pageRefSchema = z.strictObject({
  id: z.string().trim().min(1).max(64).optional(),
  url: z.url({ protocol: /^https?$/, error: 'Use the page address (https://…).' }).max(2000),
  title: z.string().trim().max(255).optional(),
  /** The macro instance on the page (the Forge context's `localId`): each macro owns its plan. */
  macroId: z.string().trim().min(1).max(128).optional(),
});

export const emptyPayloadSchema = z.strictObject({});

export const searchUsersPayloadSchema = z.strictObject({
  projectKey,
  query: z.string().trim().max(100),
});

/** The macro's saved configuration (what macro-config passes to `view.submit`). */
export const macroConfigSchema = z.strictObject({
  kickoff: kickoffSchema,
});

export const getMacroStatePayloadSchema = z.strictObject({
  pageId: z.string().trim().min(1).max(64),
  /** The macro's config as the host gives it; may be absent or stale, so the resolver re-validates it. */
  config: z.unknown().optional(),
});

export const previewPlanPayloadSchema = z.strictObject({ kickoff: kickoffSchema });

export const generatePlanPayloadSchema = z.strictObject({ kickoff: kickoffSchema });

const issueKey = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Use an issue key such as OUT-1.');

export const getPlanProgressPayloadSchema = z
  .strictObject({
    planId: z.string().trim().min(1).max(128).optional(),
    epicKey: issueKey.optional(),
  })
  .refine((p) => p.planId !== undefined || p.epicKey !== undefined, { message: 'Give a plan id or an epic key.', path: ['planId'] });

const planRefShape = {
  planId: z.string().trim().min(1).max(128).optional(),
  epicKey: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Use an issue key such as OUT-1.')
    .optional(),
};
const givesPlan: [(p: { planId?: string; epicKey?: string }) => boolean, { message: string; path: string[] }] = [
  (p) => p.planId !== undefined || p.epicKey !== undefined,
  { message: 'Give a plan id or an epic key.', path: ['planId'] },
];

export const previewForecastChangesPayloadSchema = z.strictObject(planRefShape).refine(...givesPlan);

export const applyForecastPayloadSchema = z
  .strictObject({
    ...planRefShape,
    /** The changes the PM previewed; the apply refuses (CONFLICT) when the plan's changes are no longer these. */
    changes: z.array(z.strictObject({ step: z.number().int().positive(), to: z.iso.date() })).max(100),
  })
  .refine(...givesPlan);

export const rebaselinePlanPayloadSchema = z
  .strictObject({
    ...planRefShape,
    reason: z
      .string({ error: (issue) => (issue.input === undefined ? 'Say why the plan is re-baselined.' : undefined) })
      .trim()
      .min(1, 'Say why the plan is re-baselined.')
      .max(500, 'Keep the reason under 500 characters.'),
  })
  .refine(...givesPlan);

export const getIssuePanelPayloadSchema = z.strictObject({
  issueKey,
});

export const portfolioFiltersSchema = z.strictObject({
  phase: z.string().trim().min(1).max(64).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  coreSystem: z.string().trim().min(1).max(255).optional(),
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
  text: z.string().trim().max(100, 'Search text is too long.').optional(),
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
