/**
 * Plans written straight into the stand-in store (no REST, no events), as generation + the roll-up leave
 * them: an epic carrying the `outbound-playbook` property with its roll-up, and optionally its step issues.
 */
import {
  CURRENT_PLAYBOOK,
  CUSTOM_FIELDS,
  PLAYBOOK_LABEL,
  computeProgress,
  formatRaci,
  planPropertyValue,
  stepPropertyValue,
  type PlanStatus,
} from '../../../src/core';
import { join } from 'node:path';
import { loadForgeDeclarations, type DirectIssueInput, type JiraStore } from '../../../src/local/jira/site';
import { FieldCatalog } from '../../../src/local/jira/site/fields';
import { rollupValue } from '../../../src/usecases/plan-read';

export interface SeededPlanSpec {
  biller: string;
  coreSystem: string;
  /** How many of the plan's steps (in order) are done; the next one is in progress unless all are done. */
  done: number;
  /** Steps past their due date and not done (taken from the last steps). */
  overdue?: number;
  /** Create the step issues too (the portfolio must not read them either way). */
  withSteps?: boolean;
  /** Leave the epic as generation wrote it, with no roll-up yet. */
  noRollup?: boolean;
}

export const SEED_TODAY = '2026-06-01';

export function seedPlans(
  store: JiraStore,
  projectKey: string,
  specs: readonly SeededPlanSpec[],
  /** Steps carry the Phase and RACI values generation sets (on a site built from the app's manifest). */
  options: { appFields?: boolean } = {},
): { epicKey: string; planId: string; status: PlanStatus; currentPhase: string | null; overdue: number }[] {
  const steps = CURRENT_PLAYBOOK.steps;
  const plans = specs.map((spec, i) => {
    const plan = {
      planId: `op-seed-${i}`,
      templateVersion: CURRENT_PLAYBOOK.version,
      title: `Outbound Payments: ${spec.biller} × ${spec.coreSystem}`,
      coreSystem: spec.coreSystem,
      biller: spec.biller,
    };
    const states = steps.map((s, n) => ({
      step: s.number,
      phase: s.phase,
      statusCategory: n < spec.done ? ('done' as const) : n === spec.done ? ('indeterminate' as const) : ('new' as const),
      dueDate: n >= steps.length - (spec.overdue ?? 0) && n >= spec.done ? '2026-01-01' : '2027-01-01',
    }));
    const progress = computeProgress(states, SEED_TODAY);
    const property = spec.noRollup
      ? planPropertyValue(plan)
      : rollupValue({ plan: { kind: 'plan', ...plan }, integrationType: 'partner', capabilities: ['claims'], progress });
    return { spec, plan, states, progress, property };
  });
  const epics = store.insertIssuesDirect(
    plans.map(({ plan, property }): DirectIssueInput => ({
      projectKey,
      issueType: 'Epic',
      summary: plan.title,
      // As generation labels every plan issue (the roll-up trigger's filter selects on it).
      labels: [PLAYBOOK_LABEL],
      properties: {
        'outbound-playbook': property,
        'outbound-playbook-plan': {
          planId: plan.planId,
          templateVersion: plan.templateVersion,
          kickoff: { integrationType: 'partner', capabilities: ['claims'] },
        },
      },
    })),
  );
  const stepInputs = plans.flatMap(({ spec, plan, states }, i) =>
    spec.withSteps
      ? states.map((state, n): DirectIssueInput => ({
          projectKey,
          issueType: 'Task',
          summary: `${state.step}. ${steps[n].title}`,
          labels: [PLAYBOOK_LABEL],
          parentKey: epics[i].key,
          status: state.statusCategory === 'done' ? 'Done' : state.statusCategory === 'indeterminate' ? 'In Progress' : 'To Do',
          dueDate: state.dueDate,
          properties: { 'outbound-playbook': stepPropertyValue(plan, { ...steps[n], number: steps[n].number }) },
          ...(options.appFields ? { customFields: appFieldValues(steps[n].phase, formatRaci(steps[n].raci)) } : {}),
        }))
      : [],
  );
  for (let i = 0; i < stepInputs.length; i += 5000) store.insertIssuesDirect(stepInputs.slice(i, i + 5000));
  return plans.map(({ plan, progress }, i) => ({
    epicKey: epics[i].key,
    planId: plan.planId,
    status: progress.status,
    currentPhase: progress.currentPhase,
    overdue: progress.overall.overdue,
  }));
}

function appFieldValues(phase: string, raci: string): Record<string, unknown> {
  // The stand-in numbers the app's fields in the manifest's order, as this catalog does.
  const fields = new FieldCatalog(loadForgeDeclarations(join(__dirname, '../../../manifest.yml')));
  const id = (moduleKey: string) => {
    const field = fields.customField(moduleKey);
    if (!field) throw new Error(`the site has no app field ${moduleKey}`);
    return field.id;
  };
  return { [id(CUSTOM_FIELDS.phase.moduleKey)]: phase, [id(CUSTOM_FIELDS.raci.moduleKey)]: raci };
}
