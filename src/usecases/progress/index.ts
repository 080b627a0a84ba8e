export { getPlanProgress, epicAndChildrenJql, type PlanProgressResult, type ProgressDeps, type ProgressInput, type StepProgress } from './progress';
