/**
 * The plan record: what generation keeps on the epic (`outbound-playbook-plan`, written as
 * `PlanRecordValue`), read defensively. The read side only needs the kickoff (to rebuild the engine's plan:
 * applicability, people, references), the roles and the generation state. (Not the plan LEDGER's entry,
 * storage/ledger.ts, which is generation's own bookkeeping.)
 */
import { z } from 'zod';
import { CURRENT_PLAYBOOK, INTEGRATION_TYPES, buildPlan, getPlaybook, type Plan, type Playbook, type RoleCode } from '../../core';

const personSchema = z.looseObject({ displayName: z.string(), accountId: z.string().optional(), email: z.string().optional() });
const recordSchema = z.looseObject({
  templateVersion: z.string().optional(),
  kickoff: z.unknown().optional(),
  roles: z.record(z.string(), personSchema).optional(),
  generation: z.looseObject({ state: z.enum(['running', 'done']) }).optional(),
});
const kickoffScopeSchema = z.looseObject({
  integrationType: z.enum(INTEGRATION_TYPES).optional(),
  capabilities: z.array(z.string()).optional(),
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

export function parsePlanRecord(raw: unknown, templateVersion?: string): ParsedPlanRecord {
  const record = recordSchema.safeParse(raw);
  const data = record.success ? record.data : {};
  const playbook = playbookFor(data.templateVersion ?? templateVersion);
  const scope = kickoffScopeSchema.safeParse(data.kickoff);
  return {
    playbook,
    plan: rebuild(data.kickoff, playbook),
    integrationType: scope.success ? scope.data.integrationType : undefined,
    capabilities: scope.success ? (scope.data.capabilities ?? []) : [],
    people: (data.roles ?? {}) as ParsedPlanRecord['people'],
    generation: 'generation' in data && data.generation ? data.generation.state : null,
  };
}
