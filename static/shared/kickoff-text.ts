/** Kickoff wording as pure functions (no React, no CSS), so tests can check them directly. */
import type { PreviewPlanResult } from '../../src/contract/types';

/** Capability codes as the playbook names them (the code itself only if the playbook does not know it). */
export const capabilityLabels = (codes: readonly string[], names: Record<string, string>) => codes.map((c) => names[c] ?? c);

/** "20 to create", or with a plan in Jira "20 exist, 0 to create" (what generation will adopt and what it adds). */
export function previewCounts(preview: Pick<PreviewPlanResult, 'steps' | 'existingSteps'>): string {
  const exist = preview.existingSteps.length;
  const toCreate = preview.steps.length - exist;
  const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
  return exist === 0 ? `${steps(toCreate)} to create` : `${steps(exist)} exist, ${toCreate} to create`;
}
