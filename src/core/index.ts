/** The functional core's public API: playbook data, kickoff, plan, schedule, progress, JQL, searchable fields. No I/O. */
export * from './playbook';
export { ISSUE_KEY_PATTERN, PLAN_ID_PATTERN, isIssueKey, isPlanId, issueKeySchema, planIdSchema } from './ids';
export { normalizeText, textProblem, isCleanText, urlProblem, policyText, webUrl, safeExcerpt, type TextRule, type TextSchemaOptions } from './text';
export { parseRaci, formatRaci, RaciParseError, ACCOUNTABLE_ROLE } from './raci';
export { stepApplicability, optionalStepNumbers, type PlanScope, type Applicability } from './conditions';
export {
  isIsoDate,
  isPlausibleDate,
  DATE_RANGE,
  DateOutOfRangeError,
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
  stepSummary,
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
  stepLateness,
  type StepLateness,
  type PhaseState,
  type StatusCategory,
  type StepIssueState,
  type Progress,
  type PhaseProgress,
  type ProgressCounts,
} from './progress';
export {
  decideEpicFields,
  epicFieldsRecordSchema,
  epicStatusCategory,
  wantedEpicFields,
  type EpicFields,
  type EpicFieldName,
  type EpicFieldsDecision,
  type EpicFieldsRecord,
} from './epic-fields';
export {
  quoteJqlValue,
  planIssuesJql,
  activePlansForJql,
  epicAndChildrenJql,
  planPhaseJql,
  phaseAcrossPlansJql,
  overdueStepsJql,
  plansJql,
  remindablePlanIssuesJql,
  activePlansJql,
  type PlanFilters,
  planStepsJql,
  stepClauses,
  type PlanStepsScope,
} from './jql';
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
export {
  planUpgrade,
  kickoffForVersion,
  type UpgradeInput,
  type UpgradePreview,
  type ExistingStep,
  type StepWorkState,
  type StepToCreate,
  type StepToUpdate,
  type StepLeftAlone,
  type LeaveReason,
  type IssueFieldChange,
} from './upgrade';
export {
  remindersDue,
  reminderSettings,
  reminderKey,
  reminderFooter,
  reminderRuleOf,
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
export { toCsv, csvCell, type CsvCell } from './csv';
export {
  partyStatusUpdate,
  STATUS_UPDATE_HORIZON_BUSINESS_DAYS,
  MAILTO_MAX_LENGTH,
  type StatusUpdateInput,
  type StatusUpdateStep,
  type StatusUpdateItem,
  type PartyStatusUpdate,
} from './status-update';
export { isAuthorsNote, splitStepNotes } from './step-notes';
export { kickoffWarnings, kickoffChanges, capabilityName, type KickoffWarning, type KickoffWarningKind, type KickoffChanges } from './kickoff-notices';
export {
  stepFingerprint,
  storedFingerprint,
  fingerprintDifferences,
  adfText,
  stepFingerprintSchema,
  type StepContent,
  type StepFingerprint,
  type FingerprintField,
} from './fingerprint';
