/** The functional core's public API: playbook data, kickoff, plan, schedule, progress, JQL, searchable fields. No I/O. */
export * from './playbook';
export { parseRaci, formatRaci, RaciParseError, ACCOUNTABLE_ROLE } from './raci';
export { stepApplicability, optionalStepNumbers, type PlanScope, type Applicability } from './conditions';
export { isIsoDate, businessCalendar, isBusinessDay, onOrAfterBusinessDay, nextBusinessDay, lastBusinessDay, businessDaysAfter, type BusinessCalendar } from './dates';
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
export { quoteJqlValue, planIssuesJql, planPhaseJql, phaseAcrossPlansJql, overdueStepsJql, plansJql, remindablePlanIssuesJql, type PlanFilters } from './jql';
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
export {
  remindersDue,
  reminderSettings,
  reminderKey,
  ReminderSettingsError,
  REMINDER_RULES,
  DEFAULT_REMINDER_SETTINGS,
  OVERDUE_REPEAT_BUSINESS_DAYS,
  type ReminderRule,
  type ReminderSettings,
  type ReminderStep,
  type ReminderPlan,
  type ReminderOccurrence,
  type Reminder,
  type ReminderSkip,
  type RemindersToday,
  type ReminderLinks,
} from './reminders';
