/** Backend side: one schema per resolver, and the parse that turns bad input into INVALID_INPUT. */
import type { z } from 'zod';
import { safeExcerpt } from '../core/text';
import { fail, fieldPath, ok, type Result } from './result';
import type { ResolverName } from './resolvers';
import {
  emptyPayloadSchema,
  generatePlanPayloadSchema,
  getIssuePanelPayloadSchema,
  getMacroStatePayloadSchema,
  getPlanProgressPayloadSchema,
  getPortfolioPayloadSchema,
  previewPlanPayloadSchema,
  searchUsersPayloadSchema,
  previewForecastChangesPayloadSchema,
  applyForecastPayloadSchema,
  rebaselinePlanPayloadSchema,
  planUpdatePayloadSchema,
} from './schemas';
import { checkTemplateDraftPayloadSchema, diffTemplateVersionsPayloadSchema, publishTemplatePayloadSchema } from './template-admin';

export const PAYLOAD_SCHEMAS = {
  getTemplate: emptyPayloadSchema,
  listProjects: emptyPayloadSchema,
  searchUsers: searchUsersPayloadSchema,
  getMacroState: getMacroStatePayloadSchema,
  previewPlan: previewPlanPayloadSchema,
  generatePlan: generatePlanPayloadSchema,
  getPlanProgress: getPlanProgressPayloadSchema,
  getIssuePanel: getIssuePanelPayloadSchema,
  getPortfolio: getPortfolioPayloadSchema,
  previewForecastChanges: previewForecastChangesPayloadSchema,
  applyForecast: applyForecastPayloadSchema,
  rebaselinePlan: rebaselinePlanPayloadSchema,
  getTemplateAdmin: emptyPayloadSchema,
  checkTemplateDraft: checkTemplateDraftPayloadSchema,
  publishTemplate: publishTemplatePayloadSchema,
  diffTemplateVersions: diffTemplateVersionsPayloadSchema,
  getPlaybookPage: emptyPayloadSchema,
  getSupportedIntegrationsPage: emptyPayloadSchema,
  previewPlanUpdate: planUpdatePayloadSchema,
  applyPlanUpdate: planUpdatePayloadSchema,
} as const satisfies Record<ResolverName, z.ZodType>;

/** The validated payload of a resolver (defaults applied, strings trimmed). */
export type ParsedPayload<N extends ResolverName> = z.output<(typeof PAYLOAD_SCHEMAS)[N]>;

/**
 * Validates an untrusted payload. On failure the result carries one field error per problem, so a form
 * can put each message under its field. A missing payload counts as `{}`.
 */
export function parsePayload<N extends ResolverName>(name: N, payload: unknown): Result<ParsedPayload<N>> {
  const parsed = PAYLOAD_SCHEMAS[name].safeParse(payload ?? {});
  if (parsed.success) return ok(parsed.data as ParsedPayload<N>);
  // An unknown field is named by its own path, so the message says which field is not accepted.
  const fields = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: `Unknown field "${safeExcerpt(key)}" (not accepted).` }))
      : [{ field: fieldPath(issue.path), message: issue.message }],
  );
  return fail('INVALID_INPUT', `The ${name} request is not valid: ${fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ')}`, fields);
}
