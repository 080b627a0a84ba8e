/** Template and preview: the engine's answers before anything is written. */
import type { Kickoff as ContractKickoff, PageRef, PreviewPlanResult, TemplateView } from '../../contract';
import {
  CURRENT_PLAYBOOK,
  KickoffInvalidError,
  PLAYBOOK_PROPERTY_KEY,
  buildPlan,
  planIssuesJql,
  playbookPropertyValueSchema,
  validateKickoff,
  type Playbook,
} from '../../core';
import { JiraError } from '../../jira';
import type { UseCaseDeps } from '../deps';
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

/** The plan the kickoff would produce: every applicable step with dates and RACI, every skipped one with why. */
export function planPreview(input: PreviewInput): Omit<PreviewPlanResult, 'alreadyGenerated'> {
  const playbook = input.playbook ?? CURRENT_PLAYBOOK;
  const page = input.hostPage ?? undefined;
  const validation = validateKickoff({ ...toKickoffInput(input.kickoff, playbook), ...(page ? { page } : {}) }, playbook, { today: input.today });
  if (!validation.ok) throw new KickoffInvalidError(validation.errors);
  const plan = buildPlan(validation.kickoff, playbook);
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
  };
}

/**
 * The preview plus, when Jira is at hand, whether this plan was generated before (one search by plan id).
 * That lookup is advisory: if Jira cannot answer, the preview is still given, with `alreadyGenerated: null`.
 */
export async function previewPlan(deps: Partial<UseCaseDeps>, input: PreviewInput): Promise<PreviewPlanResult> {
  const preview = planPreview(input);
  if (!deps.jira) return { ...preview, alreadyGenerated: null };
  try {
    const issues = await deps.jira.searchIssues({ jql: planIssuesJql(preview.planId), fields: ['issuetype'], properties: [PLAYBOOK_PROPERTY_KEY] });
    const kinds = issues.map((issue) => ({ issue, property: playbookPropertyValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]) }));
    const epic = kinds.filter((k) => k.property.success && k.property.data.kind === 'plan').sort((a, b) => Number(a.issue.id) - Number(b.issue.id))[0];
    const stepCount = new Set(kinds.flatMap((k) => (k.property.success && k.property.data.kind === 'step' ? [k.property.data.step] : []))).size;
    return { ...preview, alreadyGenerated: epic ? { epicKey: epic.issue.key, stepCount } : null };
  } catch (error) {
    if (error instanceof JiraError) return { ...preview, alreadyGenerated: null };
    throw error;
  }
}
