/**
 * The searchable-field contract (docs/architecture.md, "Searchable fields"): the issue property the app writes on every
 * plan step and plan epic, its JQL aliases (declared in manifest.yml from these constants), the app's Forge
 * custom fields and label. One source of truth for the manifest, the generator, JQL and the UIs.
 */
import { z } from 'zod';
import type { Plan, PlanStepBase } from './plan';
import { PLAN_STATUSES, ROLE_CODES, type PlanStatus, type RoleCode } from './playbook/types';
import { PLAN_HEALTHS, type PlanForecast, type PlanHealth } from './forecast';

/** Indexed issue property on every step issue and the plan epic. */
export const PLAYBOOK_PROPERTY_KEY = 'outbound-playbook';
/** Issue property on the epic with the full plan record; not indexed. */
export const PLAN_RECORD_PROPERTY_KEY = 'outbound-playbook-plan';
/** Label on every issue the app creates. */
export const PLAYBOOK_LABEL = 'outbound-playbook';

/** `date` values are written YYYY-MM-DD; JQL compares them as dates. */
export type SearchableFieldType = 'string' | 'number' | 'date';

export interface SearchableField {
  /** Path inside the property value. */
  path: string;
  /** JQL alias (`jira:entityProperty` searchAlias). */
  alias: string;
  type: SearchableFieldType;
}

export const SEARCHABLE_FIELDS = [
  { path: 'kind', alias: 'playbookKind', type: 'string' },
  { path: 'planId', alias: 'playbookPlanId', type: 'string' },
  { path: 'step', alias: 'playbookStep', type: 'number' },
  { path: 'phase', alias: 'playbookPhase', type: 'string' },
  { path: 'category', alias: 'playbookCategory', type: 'string' },
  { path: 'coreSystem', alias: 'playbookCoreSystem', type: 'string' },
  { path: 'biller', alias: 'playbookBiller', type: 'string' },
  { path: 'raci.responsible', alias: 'playbookResponsible', type: 'string' },
  { path: 'raci.accountable', alias: 'playbookAccountable', type: 'string' },
  { path: 'raci.consulted', alias: 'playbookConsulted', type: 'string' },
  { path: 'raci.informed', alias: 'playbookInformed', type: 'string' },
  { path: 'status', alias: 'playbookStatus', type: 'string' },
  { path: 'currentPhase', alias: 'playbookCurrentPhase', type: 'string' },
  { path: 'overdue', alias: 'playbookOverdue', type: 'number' },
  { path: 'health', alias: 'playbookHealth', type: 'string' },
  { path: 'slipBusinessDays', alias: 'playbookSlip', type: 'number' },
  { path: 'forecastGoLive', alias: 'playbookForecastGoLive', type: 'date' },
  { path: 'templateVersion', alias: 'playbookVersion', type: 'string' },
] as const satisfies readonly SearchableField[];

type AliasOf<P extends string> = Extract<(typeof SEARCHABLE_FIELDS)[number], { path: P }>['alias'];

/** JQL alias by property path, e.g. `JQL_ALIAS.planId === 'playbookPlanId'`. */
export const JQL_ALIAS = Object.fromEntries(SEARCHABLE_FIELDS.map((f) => [f.path, f.alias])) as {
  [F in (typeof SEARCHABLE_FIELDS)[number] as F['path']]: AliasOf<F['path']>;
};

/** The app's read-only Forge custom fields (module keys in manifest.yml). */
export const CUSTOM_FIELDS = {
  phase: { moduleKey: 'playbook-phase', name: 'Phase', type: 'string' },
  raci: { moduleKey: 'playbook-raci', name: 'RACI', type: 'string' },
} as const;

const roleCode = z.enum(ROLE_CODES);

export const stepPropertyValueSchema = z.object({
  kind: z.literal('step'),
  planId: z.string().min(1),
  templateVersion: z.string().min(1),
  step: z.number().int().positive(),
  phase: z.string().min(1),
  category: z.string().min(1),
  title: z.string().min(1),
  coreSystem: z.string().min(1),
  biller: z.string().min(1),
  raci: z.object({ responsible: z.array(roleCode), accountable: roleCode, consulted: z.array(roleCode), informed: z.array(roleCode) }),
});
export type StepPropertyValue = z.infer<typeof stepPropertyValueSchema>;

export const planPropertyValueSchema = z.object({
  kind: z.literal('plan'),
  planId: z.string().min(1),
  templateVersion: z.string().min(1),
  title: z.string().min(1),
  coreSystem: z.string().min(1),
  biller: z.string().min(1),
  status: z.enum(PLAN_STATUSES).optional(),
  currentPhase: z.string().min(1).optional(),
  overdue: z.number().int().nonnegative().optional(),
  health: z.enum(PLAN_HEALTHS).optional(),
  slipBusinessDays: z.number().int().nonnegative().optional(),
  forecastGoLive: z.iso.date().optional(),
  /** Not indexed: what the portfolio shows beside the forecast go-live. */
  baselineGoLive: z.iso.date().optional(),
});
export type PlanPropertyValue = z.infer<typeof planPropertyValueSchema>;

/** Either value, told apart by `kind`: what an issue panel reads back from an issue. */
export const playbookPropertyValueSchema = z.discriminatedUnion('kind', [stepPropertyValueSchema, planPropertyValueSchema]);

/** The indexed property value of a step issue. */
export function stepPropertyValue(
  plan: Pick<Plan, 'planId' | 'templateVersion' | 'coreSystem' | 'biller'>,
  step: Pick<PlanStepBase, 'number' | 'phase' | 'category' | 'title' | 'raci'>,
): StepPropertyValue {
  const codes = (list: readonly RoleCode[]) => [...list];
  return {
    kind: 'step',
    planId: plan.planId,
    templateVersion: plan.templateVersion,
    step: step.number,
    phase: step.phase,
    category: step.category,
    title: step.title,
    coreSystem: plan.coreSystem,
    biller: plan.biller,
    raci: {
      responsible: codes(step.raci.responsible),
      accountable: step.raci.accountable,
      consulted: codes(step.raci.consulted),
      informed: codes(step.raci.informed),
    },
  };
}

/** Roll-up values known from progress; omitted ones are left out of the property. */
export interface PlanRollup {
  status?: PlanStatus;
  currentPhase?: string | null;
  overdue?: number;
  /** From the forecast (`forecastPlan`). */
  health?: PlanHealth;
  slipBusinessDays?: number;
  forecastGoLive?: string;
  baselineGoLive?: string;
}

/** The forecast's part of the epic roll-up (what `playbookHealth`, `playbookSlip`, `playbookForecastGoLive` search). */
export function forecastRollup(
  forecast: Pick<PlanForecast, 'health' | 'slipBusinessDays' | 'goLive' | 'baselineGoLive'>,
): Required<Pick<PlanRollup, 'health' | 'slipBusinessDays' | 'forecastGoLive' | 'baselineGoLive'>> {
  return { health: forecast.health, slipBusinessDays: forecast.slipBusinessDays, forecastGoLive: forecast.goLive, baselineGoLive: forecast.baselineGoLive };
}

/** The indexed property value of the plan epic, with its roll-up when known. */
export function planPropertyValue(
  plan: Pick<Plan, 'planId' | 'templateVersion' | 'title' | 'coreSystem' | 'biller'>,
  rollup: PlanRollup = {},
): PlanPropertyValue {
  return {
    kind: 'plan',
    planId: plan.planId,
    templateVersion: plan.templateVersion,
    title: plan.title,
    coreSystem: plan.coreSystem,
    biller: plan.biller,
    ...(rollup.status !== undefined ? { status: rollup.status } : {}),
    ...(rollup.currentPhase ? { currentPhase: rollup.currentPhase } : {}),
    ...(rollup.overdue !== undefined ? { overdue: rollup.overdue } : {}),
    ...(rollup.health !== undefined ? { health: rollup.health } : {}),
    ...(rollup.slipBusinessDays !== undefined ? { slipBusinessDays: rollup.slipBusinessDays } : {}),
    ...(rollup.forecastGoLive !== undefined ? { forecastGoLive: rollup.forecastGoLive } : {}),
    ...(rollup.baselineGoLive !== undefined ? { baselineGoLive: rollup.baselineGoLive } : {}),
  };
}

export { formatRaci } from './raci';
