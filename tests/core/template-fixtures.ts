import { BUILT_IN_TEMPLATE, prepareRelease, withSteps, type PlaybookData } from '../../src/core';

/**
 * A v1.6 as a PMO would publish it: step 2 (breakout sessions) removed, so every later step moves up one;
 * Transcard moved from Consulted to Informed on "Review Conceptual Workflow Diagram Document"; SIT takes 12
 * days instead of 10; a new last step "Close the integration".
 */
export function v16(): PlaybookData {
  const base = structuredClone(BUILT_IN_TEMPLATE);
  const steps = base.steps.filter((s) => s.id !== 'architecture-breakout-sessions');
  const review = steps.find((s) => s.id === 'workflow-diagram-review')!;
  review.raci = { raw: 'SA / B, CS, PM / IM, TC' };
  steps.find((s) => s.id === 'complete-sit')!.durationDays = 12;
  steps.push({
    id: 'close-integration',
    number: 0,
    phase: 'Integration Release',
    category: 'Knowledge Transfer',
    title: 'Close the integration',
    description: 'PM closes the integration project with the Biller.',
    notes: [],
    references: [],
    raci: { raw: 'PM / SA / IM' },
    conditions: [],
    durationDays: 1,
  });
  return prepareRelease(BUILT_IN_TEMPLATE, withSteps(base, steps), {
    version: '1.6',
    date: '2026-11-30',
    author: 'Pat PMO',
    summary: 'Dropped breakout sessions; SIT 12 days; close-out step',
  });
}
