/**
 * The plan epic's roll-up: what the portfolio reads instead of every step. Stored in the epic's indexed
 * `outbound-playbook` property (so `playbookStatus`, `playbookCurrentPhase`, `playbookOverdue` are
 * searchable) next to the fields generation wrote. Pure.
 *
 * Beyond the engine's `PlanRollup` (status, currentPhase, overdue) the portfolio needs each plan's
 * integration type, capabilities, overall percentage and per-phase counts; they ride along in the same
 * property (not indexed). `planRollupValueSchema` extends the engine's `planPropertyValueSchema` for them.
 */
import { z } from 'zod';
import {
  CAPABILITY_CODES,
  INTEGRATION_TYPES,
  forecastRollup,
  epicFieldsRecordSchema,
  planPropertyValue,
  planPropertyValueSchema,
  type PlanForecast,
  type PlanPropertyValue,
  type Progress,
} from '../../core';

export const phaseRollupSchema = z.object({
  phase: z.string().min(1),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
});
export type PhaseRollup = z.infer<typeof phaseRollupSchema>;

/** The epic property with its roll-up; every roll-up field optional, as a fresh epic has none yet. */
export const planRollupValueSchema = planPropertyValueSchema.extend({
  integrationType: z.enum(INTEGRATION_TYPES).optional(),
  capabilities: z.array(z.enum(CAPABILITY_CODES)).optional(),
  percentDone: z.number().int().min(0).max(100).optional(),
  phases: z.array(phaseRollupSchema).optional(),
  /** Not indexed: the plan's owner by name (its PM), what the portfolio's Owner column shows. */
  owner: z.string().min(1).optional(),
  /** Not indexed: what the app last wrote to the epic's own status, due date and assignee (a different value in Jira is a person's). */
  epicFields: epicFieldsRecordSchema.optional(),
});
export type PlanRollupValue = z.infer<typeof planRollupValueSchema>;

/** A roll-up the portfolio can show without reading the plan's steps. */
export type CompletePlanRollup = PlanRollupValue &
  Required<Pick<PlanRollupValue, 'status' | 'overdue' | 'integrationType' | 'capabilities' | 'percentDone' | 'phases'>>;

export function isCompleteRollup(value: PlanRollupValue): value is CompletePlanRollup {
  return (
    value.status !== undefined &&
    value.overdue !== undefined &&
    value.integrationType !== undefined &&
    value.capabilities !== undefined &&
    value.percentDone !== undefined &&
    value.phases !== undefined
  );
}

export interface RollupSource {
  /** The epic's property as generation wrote it (plan id, title, biller, core system, template version). */
  plan: PlanPropertyValue;
  integrationType: z.infer<typeof planRollupValueSchema>['integrationType'];
  capabilities: readonly string[];
  progress: Progress;
  /** Health, slip and forecast go-live ride along when the plan has a baseline. */
  forecast?: PlanForecast | null;
  /** The plan's owner by name (the PM of the plan record's role map), when known. */
  owner?: string | null;
}

/** The roll-up fields computed from a plan's progress (currentPhase omitted when the plan is done). */
export function rollupValue(source: RollupSource): PlanRollupValue {
  const { progress } = source;
  return {
    ...planPropertyValue(source.plan, {
      status: progress.status,
      currentPhase: progress.currentPhase,
      overdue: progress.overall.overdue,
      ...(source.forecast ? forecastRollup(source.forecast) : {}),
    }),
    ...(source.integrationType ? { integrationType: source.integrationType } : {}),
    capabilities: source.capabilities.filter((c): c is (typeof CAPABILITY_CODES)[number] => (CAPABILITY_CODES as readonly string[]).includes(c)),
    percentDone: progress.overall.percent,
    phases: progress.phases.map((p) => ({ phase: p.phase, total: p.total, done: p.done, inProgress: p.inProgress, overdue: p.overdue })),
    ...(source.owner ? { owner: source.owner } : {}),
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Structural equality of JSON values, key order ignored (Jira may hand keys back in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, Json>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, Json>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The property value to store: the stored value with the fresh roll-up laid over it (keys others wrote are
 * kept; a cleared currentPhase is removed), or null when nothing changed and no write is needed.
 */
export function nextPropertyValue(stored: unknown, fresh: PlanRollupValue): Record<string, unknown> | null {
  const base = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...base, ...fresh };
  if (fresh.currentPhase === undefined) delete merged.currentPhase;
  if (fresh.owner === undefined) delete merged.owner;
  // A plan whose baseline is no longer known has no forecast: its old health must not linger in searches.
  if (fresh.health === undefined) {
    delete merged.health;
    delete merged.slipBusinessDays;
    delete merged.forecastGoLive;
    delete merged.baselineGoLive;
  }
  return sameJson(base, merged) ? null : merged;
}
