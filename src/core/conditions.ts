/** Whether a playbook step applies to a plan, with a sentence saying why: one evaluator for every condition kind. */
import type { CapabilityCode, IntegrationType, Playbook, StepCondition } from './playbook/types';

/** The parts of a kickoff that decide applicability. */
export interface PlanScope {
  integrationType: IntegrationType;
  capabilities: readonly CapabilityCode[];
  /** Step number (as a string key) → the SA's choice for an optional step. */
  optionalSteps: Readonly<Record<string, boolean>>;
}

export interface Applicability {
  applicable: boolean;
  /** A human sentence, e.g. "Skipped: Claims is not in scope." */
  reason: string;
}

interface ConditionResult {
  met: boolean;
  because: string;
}

function evaluateCondition(condition: StepCondition, stepNumber: number, scope: PlanScope, playbook: Playbook): ConditionResult {
  switch (condition.kind) {
    case 'capability': {
      const name = playbook.capabilities.find((c) => c.code === condition.capability)?.name ?? condition.capability;
      const met = scope.capabilities.includes(condition.capability);
      return { met, because: met ? `${name} is in scope` : `${name} is not in scope` };
    }
    case 'integrationType': {
      const met = scope.integrationType === condition.equals;
      return {
        met,
        because: met
          ? `this is a ${condition.equals} integration`
          : `only for ${condition.equals} integrations; this is a ${scope.integrationType} integration`,
      };
    }
    case 'optional': {
      const choice = scope.optionalSteps[String(stepNumber)];
      if (choice === undefined) {
        return condition.defaultOn
          ? { met: true, because: 'optional step, on by default (the SA may turn it off)' }
          : { met: false, because: 'optional step, off unless the SA turns it on' };
      }
      return { met: choice, because: choice ? 'the SA chose this optional step' : 'the SA turned this optional step off' };
    }
  }
}

export function stepApplicability(step: { number: number; conditions: readonly StepCondition[] }, scope: PlanScope, playbook: Playbook): Applicability {
  if (step.conditions.length === 0) return { applicable: true, reason: 'Included: every plan needs this step.' };
  const results = step.conditions.map((c) => evaluateCondition(c, step.number, scope, playbook));
  const failed = results.filter((r) => !r.met);
  const sentence = (rs: ConditionResult[]) => rs.map((r) => r.because).join('; ');
  return failed.length === 0 ? { applicable: true, reason: `Included: ${sentence(results)}.` } : { applicable: false, reason: `Skipped: ${sentence(failed)}.` };
}

/** Step numbers the SA may switch on or off. */
export function optionalStepNumbers(playbook: Playbook): number[] {
  return playbook.steps.filter((s) => s.conditions.some((c) => c.kind === 'optional')).map((s) => s.number);
}
