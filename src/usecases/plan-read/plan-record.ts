/**
 * The plan record: what generation keeps on the epic (`outbound-playbook-plan`, written as
 * `PlanRecordValue`), read defensively. The read side only needs the kickoff (to rebuild the engine's plan:
 * applicability, people, references), the roles and the generation state. (Not the plan LEDGER's entry,
 * storage/ledger.ts, which is generation's own bookkeeping.)
 */
import { z } from 'zod';
import { CURRENT_PLAYBOOK, INTEGRATION_TYPES, buildPlan, getPlaybook, type Plan, type PlanBaseline, type Playbook, type RoleCode } from '../../core';

const personSchema = z.looseObject({ displayName: z.string(), accountId: z.string().optional(), email: z.string().optional() });
const isoDate = z.iso.date();
const baselineSchema = z.object({
  goLive: isoDate,
  steps: z
    .array(
      z.object({
        step: z.number().int().positive(),
        start: isoDate,
        end: isoDate,
        durationBusinessDays: z.number().int().positive(),
        dependsOn: z.array(z.number().int().positive()),
      }),
    )
    .min(1),
  rebaselines: z.array(z.object({ by: z.string(), at: z.string(), reason: z.string(), previousGoLive: isoDate, goLive: isoDate })),
});
/** One "Apply forecast": who, when, as of which day, and each due date it moved. */
const forecastApplicationSchema = z.object({
  by: z.string(),
  at: z.string(),
  today: isoDate,
  changes: z.array(z.object({ step: z.number().int().positive(), key: z.string(), from: isoDate.nullable(), to: isoDate })),
});
export type ForecastApplication = z.infer<typeof forecastApplicationSchema>;

const recordSchema = z.looseObject({
  templateVersion: z.string().optional(),
  kickoff: z.unknown().optional(),
  roles: z.record(z.string(), personSchema).optional(),
  generation: z.looseObject({ state: z.enum(['running', 'done']) }).optional(),
  baseline: z.unknown().optional(),
  forecastApplications: z.unknown().optional(),
});
const kickoffScopeSchema = z.looseObject({
  integrationType: z.enum(INTEGRATION_TYPES).optional(),
  capabilities: z.array(z.string()).optional(),
  holidays: z.array(isoDate).optional(),
});

export interface ParsedPlanRecord {
  playbook: Playbook;
  /** The engine's plan rebuilt from the stored kickoff; null when the record is missing or no longer valid. */
  plan: Plan | null;
  integrationType: (typeof INTEGRATION_TYPES)[number] | undefined;
  capabilities: string[];
  people: Partial<Record<RoleCode, { displayName: string; accountId?: string; email?: string }>>;
  /** Generation's state; null when no record is stored. */
  generation: 'running' | 'done' | null;
  /**
   * The baseline the forecast measures against: the stored one (as generated or re-baselined); for a record
   * written before baselines were stored, the schedule rebuilt from its kickoff. Null when neither is known.
   */
  baseline: PlanBaseline | null;
  /** The plan's holidays (the kickoff's), skipped by every business-day count. */
  holidays: string[];
  /** Every "Apply forecast", oldest first. */
  forecastApplications: ForecastApplication[];
}

function playbookFor(version: string | undefined): Playbook {
  try {
    return version ? getPlaybook(version) : CURRENT_PLAYBOOK;
  } catch {
    return CURRENT_PLAYBOOK;
  }
}

function rebuild(kickoff: unknown, playbook: Playbook): Plan | null {
  try {
    return kickoff === undefined ? null : buildPlan(kickoff, playbook);
  } catch {
    // A record written under an older validation may not rebuild; the views fall back to the template.
    return null;
  }
}

/** The template version the plan was built from: its record's, else the epic property's. */
export function recordTemplateVersion(raw: unknown, templateVersion?: string): string | undefined {
  const record = recordSchema.safeParse(raw);
  return (record.success ? record.data.templateVersion : undefined) ?? templateVersion;
}

/** `published`: the plan's version when it is not built in (read from the template store by the caller). */
export function parsePlanRecord(raw: unknown, templateVersion?: string, published?: Playbook | null): ParsedPlanRecord {
  const record = recordSchema.safeParse(raw);
  const data = record.success ? record.data : {};
  const version = data.templateVersion ?? templateVersion;
  const playbook = published && published.version === version ? published : playbookFor(version);
  const scope = kickoffScopeSchema.safeParse(data.kickoff);
  const plan = rebuild(data.kickoff, playbook);
  const stored = baselineSchema.safeParse('baseline' in data ? data.baseline : undefined);
  const applications = z.array(forecastApplicationSchema).safeParse('forecastApplications' in data ? data.forecastApplications : undefined);
  return {
    playbook,
    plan,
    integrationType: scope.success ? scope.data.integrationType : undefined,
    capabilities: scope.success ? (scope.data.capabilities ?? []) : [],
    people: (data.roles ?? {}) as ParsedPlanRecord['people'],
    generation: 'generation' in data && data.generation ? data.generation.state : null,
    baseline: stored.success ? stored.data : (plan?.baseline ?? null),
    holidays: scope.success ? (scope.data.holidays ?? []) : [],
    forecastApplications: applications.success ? applications.data : [],
  };
}
