/** The functional core's public API: playbook data, kickoff, plan, schedule, progress, JQL, searchable fields. No I/O. */
export * from './playbook';
export { parseRaci, formatRaci, RaciParseError, ACCOUNTABLE_ROLE } from './raci';
export { stepApplicability, optionalStepNumbers, type PlanScope, type Applicability } from './conditions';
export {
  isIsoDate,
  businessCalendar,
  isBusinessDay,
  onOrAfterBusinessDay,
  nextBusinessDay,
  lastBusinessDay,
  businessDaysBetween,
  type BusinessCalendar,
} from './dates';
export {
  validateKickoff,
  parseKickoff,
  kickoffSchema,
  KickoffInvalidError,
  type Kickoff,
  type KickoffInput,
  type KickoffFieldError,
  type KickoffValidation,
  type Person,
} from './kickoff';
export {
  buildPlan,
  applicableSteps,
  planIdFor,
  planTitle,
  type Plan,
  type PlanStep,
  type PlanStepBase,
  type ApplicablePlanStep,
  type PlanPerson,
  type PlanAssignee,
  type StepPeople,
} from './plan';
export { stages, dependencies, scheduleSteps, scheduleSpan, type SchedulableStep, type StepDates } from './schedule';
export { replan, ReplanError, type ReplanChange } from './replan';
export {
  computeProgress,
  STATUS_CATEGORIES,
  phasePercent,
  phaseState,
  type PhaseState,
  type StatusCategory,
  type StepIssueState,
  type Progress,
  type PhaseProgress,
  type ProgressCounts,
} from './progress';
export { quoteJqlValue, planIssuesJql, epicAndChildrenJql, planPhaseJql, phaseAcrossPlansJql, overdueStepsJql, plansJql, activePlansJql, type PlanFilters } from './jql';
export {
  PLAYBOOK_PROPERTY_KEY,
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_LABEL,
  SEARCHABLE_FIELDS,
  JQL_ALIAS,
  CUSTOM_FIELDS,
  stepPropertyValueSchema,
  planPropertyValueSchema,
  playbookPropertyValueSchema,
  stepPropertyValue,
  planPropertyValue,
  forecastRollup,
  type SearchableField,
  type StepPropertyValue,
  type PlanPropertyValue,
  type PlanRollup,
} from './fields';
export { stableHash } from './hash';
export { baselineOf, rebaseline, BaselineError, type PlanBaseline, type BaselineStep, type RebaselineRecord, type RebaselineRequest } from './baseline';
export {
  forecastPlan,
  dueDateChanges,
  jiraTimestampDate,
  ForecastError,
  STEP_HEALTHS,
  PLAN_HEALTHS,
  type ForecastInput,
  type StepState,
  type StepForecast,
  type PlanForecast,
  type StepHealth,
  type PlanHealth,
  type DueDateChange,
} from './forecast';
