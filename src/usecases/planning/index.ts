export { toKickoffInput, planIdOf } from './kickoff';
export { getTemplate, planPreview, previewEnginePlan, previewPlan, type PreviewInput } from './preview';
