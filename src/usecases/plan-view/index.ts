export { readPlanRecord, type PlanRecordView } from './record';
export { toPlanProgressView, raciMatrix, raciLetters, stateCounts, phaseState, phasePercent, stepState, personView } from './view';
export { readPlanProgress, type PlanProgressRead } from './read';
export { createReadDeps, type ReadDeps } from './deps';
