/**
 * One handler per contract resolver: validated payload + invocation context in, use-case answer out.
 * No logic here beyond choosing inputs; src/resolvers/index.ts wraps each in validation and toResult.
 */
import type { GeneratePlanResult, ParsedPayload, ResolverName, ResultOf } from '../contract';
import { generatePlan, type GenerateResult } from '../usecases/generate';
import { forgeGenerateDeps, forgeUserDeps } from '../usecases/forge';
import { listProjects, searchUsers } from '../usecases/directory';
import { getIssuePanel } from '../usecases/issue-panel';
import { getMacroState } from '../usecases/macro-state';
import { getPlanProgress } from '../usecases/plan-read';
import { applyForecast, previewForecastChanges, rebaselinePlan } from '../usecases/plan-forecast';
import { effectivePage, getTemplate, previewPlan, toKickoffInput } from '../usecases/planning';
import { getPortfolio } from '../usecases/portfolio';
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
  getTemplate: async () => getTemplate(),
  listProjects: async () => listProjects(forgeUserDeps()),
  searchUsers: async (payload) => searchUsers(forgeUserDeps(), payload),
  getMacroState: async (payload, context) =>
    // The host's saved config is authoritative; the payload's copy serves hosts that do not pass it.
    getMacroState(forgeUserDeps(), { config: context.macroConfig ?? payload.config, hostPage: context.hostPage }),
  previewPlan: async (payload, context) => previewPlan(forgeUserDeps(), { kickoff: payload.kickoff, hostPage: context.hostPage }),
  generatePlan: async (payload, context) =>
    generateResultView(
      await generatePlan(forgeGenerateDeps(), {
        kickoff: toKickoffInput(payload.kickoff),
        page: payload.page ?? effectivePage(payload.kickoff, context.hostPage),
      }),
    ),
  getPlanProgress: async (payload) =>
    (await getPlanProgress(forgeUserDeps(), payload.planId !== undefined ? { planId: payload.planId } : { epicKey: payload.epicKey! })).view,
  getIssuePanel: async (payload) => getIssuePanel(forgeUserDeps(), payload),
  getPortfolio: async (payload) => getPortfolio(forgeUserDeps(), payload),
  previewForecastChanges: async (payload) => previewForecastChanges(forgeUserDeps(), planLocator(payload)),
  applyForecast: async (payload, context) => applyForecast(forgeUserDeps(), planLocator(payload), { by: context.accountId ?? '', expected: payload.changes }),
  rebaselinePlan: async (payload, context) => rebaselinePlan(forgeUserDeps(), planLocator(payload), { by: context.accountId ?? '', reason: payload.reason }),
};

/** The payload's plan: its id, else its epic key (the schema requires one of them). */
function planLocator(payload: { planId?: string; epicKey?: string }): { planId: string } | { epicKey: string } {
  return payload.planId !== undefined ? { planId: payload.planId } : { epicKey: payload.epicKey ?? '' };
}
