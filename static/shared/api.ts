/**
 * Typed resolver calls for the UIs: `api.previewPlan(payload)` answers the contract's `Result`, never
 * throws. A bridge failure (network, host) becomes an INTERNAL error the UI shows as a flag.
 */
import { invoke } from '@forge/bridge';
import { fail, isErrorCode, type Result } from '../../src/contract/result';
import type { PayloadOf, ResolverName, ResultOf } from '../../src/contract/resolvers';

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if ((value as { ok: unknown }).ok === true) return 'data' in value;
  const error = (value as { error?: { code?: unknown; message?: unknown } }).error;
  return typeof error === 'object' && error !== null && isErrorCode(error.code) && typeof error.message === 'string';
}

export async function call<N extends ResolverName>(name: N, payload: PayloadOf<N>): Promise<Result<ResultOf<N>>> {
  try {
    const answer: unknown = await invoke(name, payload as Record<string, unknown>);
    if (isResult(answer)) return answer as Result<ResultOf<N>>;
    return fail('INTERNAL', `The app answered ${name} in an unexpected shape.`);
  } catch (error) {
    return fail('INTERNAL', `Could not reach the app (${name}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Api = { [N in ResolverName]: (payload: PayloadOf<N>) => Promise<Result<ResultOf<N>>> };

export const api: Api = {
  getTemplate: (p) => call('getTemplate', p),
  listProjects: (p) => call('listProjects', p),
  searchUsers: (p) => call('searchUsers', p),
  getMacroState: (p) => call('getMacroState', p),
  previewPlan: (p) => call('previewPlan', p),
  generatePlan: (p) => call('generatePlan', p),
  getPlanProgress: (p) => call('getPlanProgress', p),
  getIssuePanel: (p) => call('getIssuePanel', p),
  getPortfolio: (p) => call('getPortfolio', p),
  previewForecastChanges: (p) => call('previewForecastChanges', p),
  applyForecast: (p) => call('applyForecast', p),
  rebaselinePlan: (p) => call('rebaselinePlan', p),
  getTemplateAdmin: (p) => call('getTemplateAdmin', p),
  checkTemplateDraft: (p) => call('checkTemplateDraft', p),
  publishTemplate: (p) => call('publishTemplate', p),
  diffTemplateVersions: (p) => call('diffTemplateVersions', p),
  getPlaybookPage: (p) => call('getPlaybookPage', p),
  getSupportedIntegrationsPage: (p) => call('getSupportedIntegrationsPage', p),
  previewPlanUpdate: (p) => call('previewPlanUpdate', p),
  applyPlanUpdate: (p) => call('applyPlanUpdate', p),
};
