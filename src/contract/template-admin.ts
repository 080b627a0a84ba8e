/**
 * The playbook template's admin page and the playbook page's macros: payloads (strict, like every resolver's)
 * and what the resolvers answer. A draft travels as its JSON text (the import/export format), so the editor,
 * the JSON view and an imported file take the one validation path on the server: the core's validator.
 */
import { z } from 'zod';
import { TEMPLATE_LIMITS, type ChangeLogEntry, type PlanStatus, type PlaybookData, type TemplateDiff } from '../core/playbook';
import { policyText } from '../core/text';
import type { TemplateView } from './types';

/** The template's data types, as the admin page edits and diffs them. */
export type { CapabilityCode, ChangeLogEntry, FieldChange, PlaybookData, StepCondition, StepData, StepDiff, TemplateDiff } from '../core/playbook';

/** The largest draft accepted (the built-in v1.5 is about 40 KB as JSON). */
export const TEMPLATE_JSON_MAX = 500_000;

const version = z.string().regex(/^\d{1,4}\.\d{1,4}$/, 'must be a version such as "1.6"');
const templateJson = z.string().min(1, 'is empty').max(TEMPLATE_JSON_MAX, `must be at most ${TEMPLATE_JSON_MAX} characters`);

export const checkTemplateDraftPayloadSchema = z.strictObject({ json: templateJson });

export const publishTemplatePayloadSchema = z.strictObject({
  json: templateJson,
  /** The version the draft was edited from (optimistic concurrency: it must still be the current one). */
  basedOn: version,
  /** The change-log row's description. */
  summary: policyText({
    max: TEMPLATE_LIMITS.changeLogSummaryLength,
    messages: { missing: 'Describe what changed (the change-log summary).', problem: (problem) => `The summary ${problem}.` },
  }),
});

export const diffTemplateVersionsPayloadSchema = z.strictObject({ from: version, to: version });

export type CheckTemplateDraftPayload = z.infer<typeof checkTemplateDraftPayloadSchema>;
export type PublishTemplatePayload = z.infer<typeof publishTemplatePayloadSchema>;
export type DiffTemplateVersionsPayload = z.infer<typeof diffTemplateVersionsPayloadSchema>;

/** The admin page's state: the current version (also as its JSON export) and every published version. */
export interface TemplateAdminView {
  current: PlaybookData;
  /** The current version in the import/export format. */
  json: string;
  /** Every published version's change-log row, oldest first (the built-in first); each can be diffed. */
  versions: ChangeLogEntry[];
  /** The version a new draft is published as. */
  nextVersion: string;
}

/** One template problem: the dot path into the draft (`steps.4.title`; `""` for the whole document). */
export interface TemplateFieldErrorView {
  path: string;
  message: string;
}

export interface TemplateDraftCheck {
  valid: boolean;
  errors: TemplateFieldErrorView[];
  /** The parsed draft when valid. */
  draft: PlaybookData | null;
  /** What the draft changes against the current version, when valid. */
  diff: TemplateDiff | null;
}

export interface PublishTemplateResult {
  version: string;
  entry: ChangeLogEntry;
  /** True when this exact draft had been published already (a retried publish); nothing was written. */
  alreadyPublished: boolean;
}

export type TemplateDiffView = TemplateDiff;

/** The Playbook macro: the current version, rendered from the template. */
export interface PlaybookPageView {
  playbook: TemplateView;
}

export interface SupportedIntegrationPlanView {
  epicKey: string;
  biller: string;
  status: PlanStatus;
}

/** One row of the Supported Integrations macro: the template's row brought up to date by the plans. */
export interface SupportedIntegrationRowView {
  coreSystem: string;
  /** The most advanced of the template's status and its plans' statuses. */
  status: PlanStatus;
  details: string | null;
  /** The template's billers, then any other biller a plan on this core system is for. */
  billers: string[];
  /** Readable names, in the template's order. */
  capabilities: string[];
  plans: SupportedIntegrationPlanView[];
}

export interface SupportedIntegrationsPageView {
  version: string;
  rows: SupportedIntegrationRowView[];
}
