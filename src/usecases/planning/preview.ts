/** Template and preview: the engine's answers before anything is written. */
import type { Kickoff as ContractKickoff, PageRef, PreviewPlanResult, TemplateView } from '../../contract';
import {
  CURRENT_PLAYBOOK,
  KickoffInvalidError,
  PLAYBOOK_PROPERTY_KEY,
  buildPlan,
  kickoffWarnings,
  planIssuesJql,
  playbookPropertyValueSchema,
  validateKickoff,
  type Plan,
  type Playbook,
} from '../../core';
import { JiraError } from '../../jira';
import type { UseCaseDeps } from '../deps';
import { duplicateMessage, findActivePlans, type ActivePlanRef } from '../generate';
import { toKickoffInput } from './kickoff';

export function getTemplate(playbook: Playbook = CURRENT_PLAYBOOK): TemplateView {
  return playbook;
}

export interface PreviewInput {
  kickoff: ContractKickoff;
  /** The page hosting the macro, when previewing from one (decides the plan id, as generation does). */
  hostPage?: PageRef | null;
  /** Today (YYYY-MM-DD), for the kickoff date's window. */
  today?: string;
  playbook?: Playbook;
}

type EnginePreview = Omit<PreviewPlanResult, 'alreadyGenerated' | 'existingSteps' | 'activePlans'>;

/** The engine's plan for the kickoff; throws KickoffInvalidError listing every problem. */
export function previewEnginePlan(input: PreviewInput): Plan {
  const playbook = input.playbook ?? CURRENT_PLAYBOOK;
  const page = input.hostPage ?? undefined;
  const validation = validateKickoff({ ...toKickoffInput(input.kickoff, playbook), ...(page ? { page } : {}) }, playbook, { today: input.today });
  if (!validation.ok) throw new KickoffInvalidError(validation.errors);
  return buildPlan(validation.kickoff, playbook);
}

/**
 * The plan the kickoff would produce: every applicable step with dates and RACI, every skipped one with why,
 * the people by name (as the kickoff names them) and, given `today`, the warnings.
 */
export function planPreview(input: PreviewInput): EnginePreview {
  return previewOfPlan(previewEnginePlan(input), input.playbook ?? CURRENT_PLAYBOOK, input.today);
}

function previewOfPlan(plan: Plan, playbook: Playbook, today: string | undefined): EnginePreview {
  return {
    planId: plan.planId,
    steps: plan.steps.flatMap((s) =>
      s.applicable
        ? [
            {
              step: s.number,
              phase: s.phase,
              category: s.category,
              title: s.title,
              raci: { responsible: [...s.raci.responsible], accountable: s.raci.accountable, consulted: [...s.raci.consulted], informed: [...s.raci.informed] },
              startDate: s.start,
              dueDate: s.due,
            },
          ]
        : [],
    ),
    skipped: plan.steps.flatMap((s) => (s.applicable ? [] : [{ step: s.number, phase: s.phase, title: s.title, reason: s.reason }])),
    people: Object.fromEntries(Object.entries(plan.roles).map(([code, person]) => [code, person.displayName])),
    warnings: today ? kickoffWarnings(plan, playbook, today) : [],
  };
}

/** Advisory reads: when Jira cannot answer, the preview is still given without them. */
async function advisory<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof JiraError) return fallback;
    throw error;
  }
}

/**
 * The preview plus, when Jira is at hand, in ONE round trip (three requests side by side): which of its steps
 * exist in Jira already (one search by plan id: generation adopts them), the Jira users' names as Jira
 * has them (one bulk user read) and the project's other active plans for the same biller × core system (one
 * search: a `duplicate-plan` warning naming their epics). All advisory: if Jira cannot answer, the preview is
 * still given.
 */
export async function previewPlan(deps: Partial<UseCaseDeps>, input: PreviewInput): Promise<PreviewPlanResult> {
  const playbook = input.playbook ?? CURRENT_PLAYBOOK;
  const plan = previewEnginePlan(input);
  const preview = previewOfPlan(plan, playbook, input.today);
  const jira = deps.jira;
  if (!jira) return { ...preview, alreadyGenerated: null, existingSteps: [], activePlans: [] };
  const accountIds = Object.values(plan.roles).flatMap((p) => (p.accountId ? [p.accountId] : []));
  const scope = { projectKey: plan.projectKey, biller: plan.kickoff.biller, coreSystem: plan.kickoff.coreSystem, planId: plan.planId };
  const [existing, users, activePlans] = await Promise.all([
    advisory(() => existingPlanIssues(jira, preview.planId), { alreadyGenerated: null, steps: [] }),
    advisory<ReadonlyMap<string, { displayName?: string }>>(() => jira.getUsersByAccountId(accountIds), new Map()),
    advisory<ActivePlanRef[]>(() => findActivePlans(jira, scope), []),
  ]);
  const people = Object.fromEntries(
    Object.entries(plan.roles).map(([code, person]) => [code, (person.accountId && users.get(person.accountId)?.displayName) || person.displayName]),
  );
  const planned = new Set(preview.steps.map((s) => s.step));
  // Once this plan's own epic exists there is nothing left to decide.
  const duplicates = existing.alreadyGenerated ? [] : activePlans;
  const warnings: PreviewPlanResult['warnings'] = [
    ...preview.warnings,
    ...(duplicates.length > 0
      ? [{ kind: 'duplicate-plan' as const, message: `${duplicateMessage(duplicates, scope)} Generating needs an explicit choice to create a second plan.` }]
      : []),
  ];
  return {
    ...preview,
    people,
    warnings,
    alreadyGenerated: existing.alreadyGenerated,
    existingSteps: existing.steps.filter((n) => planned.has(n)),
    activePlans: duplicates,
  };
}

async function existingPlanIssues(
  jira: NonNullable<Partial<UseCaseDeps>['jira']>,
  planId: string,
): Promise<{ alreadyGenerated: PreviewPlanResult['alreadyGenerated']; steps: number[] }> {
  const issues = await jira.searchIssues({ jql: planIssuesJql(planId), fields: ['issuetype'], properties: [PLAYBOOK_PROPERTY_KEY] });
  const kinds = issues.map((issue) => ({ issue, property: playbookPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]) }));
  const epic = kinds.filter((k) => k.property.success && k.property.data.kind === 'plan').sort((a, b) => Number(a.issue.id) - Number(b.issue.id))[0];
  const steps = [...new Set(kinds.flatMap((k) => (k.property.success && k.property.data.kind === 'step' ? [k.property.data.step] : [])))].sort((a, b) => a - b);
  return { alreadyGenerated: epic ? { epicKey: epic.issue.key, stepCount: steps.length } : null, steps };
}
