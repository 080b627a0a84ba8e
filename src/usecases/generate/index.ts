/** Generating a plan into Jira (resumable, exactly once) and driving it to completion. */
export {
  generatePlan,
  remoteLinkGlobalId,
  DEFAULT_GENERATE_OPTIONS,
  type GenerateDeps,
  type GenerateInput,
  type GenerateOptions,
  type GenerateResult,
  type GenerateResultBase,
} from './generate';
export { driveToCompletion, GenerationUnfinishedError, type DriveOptions, type DrivenResult } from './drive';
export { buildGenerationPlan, planRecordValue, stepIssueContent, type GenerationPlan, type PlanRecordValue } from './plan-issues';
export { checkPermissions, findAppField, REQUIRED_PERMISSIONS } from './preflight';
export { duplicateMessage, findActivePlans, type ActivePlanRef } from './duplicates';
