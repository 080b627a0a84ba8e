export { toKickoffInput, planIdOf } from './kickoff';
export { getTemplate, planPreview, previewPlan, type PreviewInput } from './preview';
