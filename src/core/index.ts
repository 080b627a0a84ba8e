/** The functional core's public API: playbook data, kickoff, plan, schedule, progress, JQL, searchable fields. No I/O. */
export * from './playbook';
export { parseRaci, formatRaci, RaciParseError, ACCOUNTABLE_ROLE } from './raci';
export { stepApplicability, optionalStepNumbers, type PlanScope, type Applicability } from './conditions';
export { isIsoDate, businessCalendar, isBusinessDay, onOrAfterBusinessDay, nextBusinessDay, lastBusinessDay, type BusinessCalendar } from './dates';
export {
  validateKickoff,
  parseKickoff,
  kickoffSchema,
  kickoffFormSchema,
  isoDatePlusYears,
  KICKOFF_LIMITS,
  KickoffInvalidError,
  type KickoffValidationOptions,
  type KickoffForm,
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
export { stages, dependencies, scheduleSteps, scheduleSpan, replan, ReplanError, type ReplanChange, type SchedulableStep, type StepDates } from './schedule';
export {
  computeProgress,
  PLAN_STATUSES,
  type PlanStatus,
  type StatusCategory,
  type StepIssueState,
  type Progress,
  type PhaseProgress,
  type ProgressCounts,
} from './progress';
export { quoteJqlValue, planIssuesJql, planPhaseJql, phaseAcrossPlansJql, overdueStepsJql, plansJql, type PlanFilters } from './jql';
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
  type SearchableField,
  type StepPropertyValue,
  type PlanPropertyValue,
  type PlanRollup,
} from './fields';
export { stableHash } from './hash';
