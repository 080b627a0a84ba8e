/**
 * The contract's kickoff (what the form sends) → the engine's kickoff input. The two differ in one place:
 * the form lists the optional steps it INCLUDES; the engine takes an on/off choice per optional step.
 */
import type { Kickoff as ContractKickoff, PageRef } from '../../contract';
import { CURRENT_PLAYBOOK, optionalStepNumbers, planIdFor, type KickoffInput, type Playbook } from '../../core';

export function toKickoffInput(kickoff: ContractKickoff, playbook: Playbook = CURRENT_PLAYBOOK): KickoffInput {
  const { optionalSteps, ...rest } = kickoff;
  if (optionalSteps === undefined) return rest;
  const choices: Record<string, boolean> = Object.fromEntries(optionalStepNumbers(playbook).map((n) => [String(n), optionalSteps.includes(n)]));
  // A listed step that is not optional is passed on, so the engine names it in a field error.
  for (const n of optionalSteps) choices[String(n)] = true;
  return { ...rest, optionalSteps: choices };
}

/** The plan id generation would use for this kickoff on the page hosting the macro (no validation needed). */
export function planIdOf(kickoff: Pick<ContractKickoff, 'projectKey' | 'biller' | 'coreSystem'>, hostPage: PageRef | null): string {
  const page = hostPage ?? undefined;
  return planIdFor({
    projectKey: kickoff.projectKey,
    biller: kickoff.biller.trim(),
    coreSystem: kickoff.coreSystem.trim(),
    page: page ? { url: page.url, ...(page.id ? { id: page.id } : {}), ...(page.macroId ? { macroId: page.macroId } : {}) } : undefined,
  });
}
