/** One reconcile path for template upgrades and kickoff edits of a running plan (preview and apply). */
export {
  previewPlanUpdate,
  applyPlanUpdate,
  type PlanUpdateDeps,
  type PlanUpdateRequest,
  type PlanUpdatePreview,
  type PlanUpdateResult,
  type StepIssueMove,
  type TemplateSource,
} from './plan-update';
export { readPlanState, type PlanState, type StepIssueState } from './state';
export { previewPlanUpdateHere, applyPlanUpdateHere, planUpdateView, type PlanUpdateWhere } from './where';
