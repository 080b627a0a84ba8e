/**
 * One handler per contract resolver: validated payload + invocation context in, use-case answer out.
 * No logic here beyond choosing inputs; src/resolvers/index.ts wraps each in validation and toResult.
 */
import type { GeneratePlanResult, ParsedPayload, ResolverName, ResultOf } from '../contract';
import { generatePlan, type GenerateResult } from '../usecases/generate';
import { forgeCurrentPlaybook, forgeGenerateDeps, forgeNewPlanDeps, forgePlanUpdateDeps, forgeTemplateDeps, forgeUserDeps } from '../forge/wiring';
import { applyPlanUpdateHere, previewPlanUpdateHere } from '../usecases/reconcile';
import { listProjects, searchUsers } from '../usecases/directory';
import { getIssuePanel } from '../usecases/issue-panel';
import { getMacroState } from '../usecases/macro-state';
import { getPlanProgress } from '../usecases/plan-read';
import { applyForecast, previewForecastChanges, rebaselinePlan } from '../usecases/plan-forecast';
import { getTemplate, previewPlan, toKickoffInput } from '../usecases/planning';
import { getPortfolio } from '../usecases/portfolio';
import { UseCaseError } from '../usecases/errors';
import {
  checkTemplateDraft,
  diffTemplateVersions,
  getPlaybookPage,
  getSupportedIntegrationsPage,
  getTemplateAdmin,
  publishTemplate,
} from '../usecases/template-admin';
import type { InvocationContext } from './context';

export type Handler<N extends ResolverName> = (payload: ParsedPayload<N>, context: InvocationContext) => Promise<ResultOf<N>>;

/** The use case's answer in the contract's words (duplicates become warnings the UI shows). */
export function generateResultView(result: GenerateResult): GeneratePlanResult {
  return {
    state: result.state,
    planId: result.planId,
    epicKey: result.epicKey,
    created: result.created,
    existing: result.existing,
    total: result.total,
    completed: result.completed,
    notApplicable: result.notApplicable,
    retryAfterMs: result.retryAfterMs,
    warnings: [...result.warnings, ...(result.duplicates.length ? [`More than one issue exists for the same step: ${result.duplicates.join(', ')}.`] : [])],
  };
}

export const HANDLERS: { [N in ResolverName]: Handler<N> } = {
  // New plans are built from the latest published template version (Forge KVS), else the built-in one.
  getTemplate: async () => getTemplate(await forgeCurrentPlaybook()),
  listProjects: async (_payload, context) => listProjects(forgeUserDeps(context.clock)),
  searchUsers: async (payload, context) => searchUsers(forgeUserDeps(context.clock), payload),
  getMacroState: async (payload, context) =>
    // The host's saved config is authoritative; the payload's copy serves hosts that do not pass it.
    getMacroState(await forgeNewPlanDeps(context.clock), {
      config: context.macroConfig ?? payload.config,
      hostPage: context.hostPage,
      today: context.clock.today,
      viewerAccountId: context.accountId,
    }),
  previewPlan: async (payload, context) => {
    const deps = await forgeNewPlanDeps(context.clock);
    return previewPlan(deps, { kickoff: payload.kickoff, hostPage: context.hostPage, today: context.clock.today, playbook: deps.playbook });
  },
  // The page comes from the Forge context only (the payload cannot name one); without a host page the plan
  // has no page link and its id derives from the project, biller and core system.
  generatePlan: async (payload, context) => {
    const playbook = await forgeCurrentPlaybook();
    return generateResultView(
      await generatePlan(forgeGenerateDeps(context.clock), {
        kickoff: toKickoffInput(payload.kickoff, playbook),
        page: context.hostPage ?? undefined,
        playbook,
        today: context.clock.today,
      }),
    );
  },
  getPlanProgress: async (payload, context) =>
    (await getPlanProgress(forgeUserDeps(context.clock), payload.planId !== undefined ? { planId: payload.planId } : { epicKey: payload.epicKey! })).view,
  getIssuePanel: async (payload, context) => getIssuePanel(forgeUserDeps(context.clock), { ...payload, viewerAccountId: context.accountId }),
  // The project is the page's (Forge context), so the UI calls at once instead of waiting for getContext.
  getPortfolio: async (payload, context) => {
    const projectKey = context.projectKey ?? payload.projectKey;
    if (!projectKey) throw new UseCaseError('project-not-found', 'Open the portfolio from a Jira project, or name the project (projectKey).');
    return getPortfolio(forgeUserDeps(context.clock), { ...payload, projectKey });
  },
  previewForecastChanges: async (payload, context) => previewForecastChanges(forgeUserDeps(context.clock), planLocator(payload)),
  applyForecast: async (payload, context) =>
    applyForecast(forgeUserDeps(context.clock), planLocator(payload), { by: context.accountId ?? '', expected: payload.changes }),
  rebaselinePlan: async (payload, context) =>
    rebaselinePlan(forgeUserDeps(context.clock), planLocator(payload), { by: context.accountId ?? '', reason: payload.reason }),
  getTemplateAdmin: async (_payload, context) => getTemplateAdmin(forgeTemplateDeps(context.clock)),
  checkTemplateDraft: async (payload, context) => checkTemplateDraft(forgeTemplateDeps(context.clock), payload),
  publishTemplate: async (payload, context) => publishTemplate(forgeTemplateDeps(context.clock), { ...payload, accountId: context.accountId ?? '' }),
  diffTemplateVersions: async (payload, context) => diffTemplateVersions(forgeTemplateDeps(context.clock), payload),
  getPlaybookPage: async (_payload, context) => getPlaybookPage(forgeTemplateDeps(context.clock)),
  getSupportedIntegrationsPage: async (_payload, context) => getSupportedIntegrationsPage(forgeTemplateDeps(context.clock)),
  // The plan is the context's (the macro's page and saved kickoff, or the panel's issue); the payload picks the target.
  previewPlanUpdate: async (payload, context) =>
    previewPlanUpdateHere(
      forgePlanUpdateDeps(context.clock),
      { macroConfig: context.macroConfig, hostPage: context.hostPage, issueKey: context.issueKey },
      payload,
    ),
  applyPlanUpdate: async (payload, context) =>
    applyPlanUpdateHere(
      forgePlanUpdateDeps(context.clock),
      { macroConfig: context.macroConfig, hostPage: context.hostPage, issueKey: context.issueKey },
      payload,
      context.accountId ?? '',
    ),
};

/** The payload's plan: its id, else its epic key (the schema requires one of them). */
function planLocator(payload: { planId?: string; epicKey?: string }): { planId: string } | { epicKey: string } {
  return payload.planId !== undefined ? { planId: payload.planId } : { epicKey: payload.epicKey ?? '' };
}
