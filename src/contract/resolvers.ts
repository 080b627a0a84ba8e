/** Resolver names and what each takes and answers. UIs call them through static/shared/api.ts. */
import type {
  EmptyPayload,
  GeneratePlanPayload,
  GeneratePlanResult,
  GetIssuePanelPayload,
  GetMacroStatePayload,
  GetPlanProgressPayload,
  GetPortfolioPayload,
  IssuePanelView,
  ListProjectsResult,
  MacroStateResult,
  PlanProgressView,
  PortfolioResult,
  PreviewPlanPayload,
  PreviewPlanResult,
  SearchUsersPayload,
  SearchUsersResult,
  TemplateView,
  PreviewForecastChangesPayload,
  ApplyForecastPayload,
  RebaselinePlanPayload,
  ForecastChangesView,
  ApplyForecastResult,
  RebaselinePlanResult,
  PlanUpdatePayload,
  PlanUpdateView,
  ApplyPlanUpdateResult,
} from './types';
import type {
  CheckTemplateDraftPayload,
  DiffTemplateVersionsPayload,
  PlaybookPageView,
  PublishTemplatePayload,
  PublishTemplateResult,
  SupportedIntegrationsPageView,
  TemplateAdminView,
  TemplateDiffView,
  TemplateDraftCheck,
} from './template-admin';

export const RESOLVER_NAMES = [
  'getTemplate',
  'listProjects',
  'searchUsers',
  'getMacroState',
  'previewPlan',
  'generatePlan',
  'getPlanProgress',
  'getIssuePanel',
  'getPortfolio',
  'previewForecastChanges',
  'applyForecast',
  'rebaselinePlan',
  'getTemplateAdmin',
  'checkTemplateDraft',
  'publishTemplate',
  'diffTemplateVersions',
  'getPlaybookPage',
  'getSupportedIntegrationsPage',
  'previewPlanUpdate',
  'applyPlanUpdate',
] as const;

export type ResolverName = (typeof RESOLVER_NAMES)[number];

export interface ResolverContract {
  getTemplate: { payload: EmptyPayload; result: TemplateView };
  listProjects: { payload: EmptyPayload; result: ListProjectsResult };
  searchUsers: { payload: SearchUsersPayload; result: SearchUsersResult };
  getMacroState: { payload: GetMacroStatePayload; result: MacroStateResult };
  previewPlan: { payload: PreviewPlanPayload; result: PreviewPlanResult };
  generatePlan: { payload: GeneratePlanPayload; result: GeneratePlanResult };
  getPlanProgress: { payload: GetPlanProgressPayload; result: PlanProgressView };
  getIssuePanel: { payload: GetIssuePanelPayload; result: IssuePanelView };
  getPortfolio: { payload: GetPortfolioPayload; result: PortfolioResult };
  previewForecastChanges: { payload: PreviewForecastChangesPayload; result: ForecastChangesView };
  applyForecast: { payload: ApplyForecastPayload; result: ApplyForecastResult };
  rebaselinePlan: { payload: RebaselinePlanPayload; result: RebaselinePlanResult };
  getTemplateAdmin: { payload: EmptyPayload; result: TemplateAdminView };
  checkTemplateDraft: { payload: CheckTemplateDraftPayload; result: TemplateDraftCheck };
  publishTemplate: { payload: PublishTemplatePayload; result: PublishTemplateResult };
  diffTemplateVersions: { payload: DiffTemplateVersionsPayload; result: TemplateDiffView };
  getPlaybookPage: { payload: EmptyPayload; result: PlaybookPageView };
  getSupportedIntegrationsPage: { payload: EmptyPayload; result: SupportedIntegrationsPageView };
  previewPlanUpdate: { payload: PlanUpdatePayload; result: PlanUpdateView };
  applyPlanUpdate: { payload: PlanUpdatePayload; result: ApplyPlanUpdateResult };
}

export type PayloadOf<N extends ResolverName> = ResolverContract[N]['payload'];
export type ResultOf<N extends ResolverName> = ResolverContract[N]['result'];

export function isResolverName(value: unknown): value is ResolverName {
  return typeof value === 'string' && (RESOLVER_NAMES as readonly string[]).includes(value);
}
