/**
 * The one read model of a plan: `readPlanSnapshot` (one search) → `toPlanProgressView` (the one view) →
 * the epic's roll-up (`refresh`, `trigger`) on top. Issue panel, macro state, portfolio, trigger and CLI read here.
 */
export {
  readPlanSnapshot,
  recordPlaybook,
  withDueDates,
  withRecord,
  type PlanLocator,
  type PlanSnapshot,
  type ReadPlanOptions,
  type StepRow,
} from './snapshot';
export { parsePlanRecord, type ParsedPlanRecord } from './plan-record';
export { toPlanProgressView, raciMatrix, raciLetters, stateCounts, stepState, personView } from './view';
export { getPlanProgress, type PlanProgress } from './progress';
export * from './rollup';
export { freshRollup, writeRollupIfChanged, writeRollupAndEpicFields, storedEpicFields, tryWriteRollup, refreshRollup, type RollupWrite } from './refresh';
export { onIssueChange, eventAffectsRollup, issueEventSchema, type IssueEvent, type IssueChangeOutcome } from './trigger';
export { refreshActivePlans, NIGHTLY_DEFAULTS, type NightlyOptions, type NightlyOutcome } from './nightly';
export { viewerView, statusUpdates } from './pm-view';
