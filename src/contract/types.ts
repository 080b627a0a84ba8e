/**
 * What resolvers answer (inside `Result<T>`) and what UIs send. Payload types are inferred from the
 * schemas (type-only imports: no zod reaches a UI bundle through this file).
 */
import type { z } from 'zod';
import type { PlanHealth, StepHealth } from '../core/forecast';
import type { Playbook, Raci } from '../core/playbook/types';
import type { PartyStatusUpdate, StatusUpdateItem } from '../core/status-update';
import type {
  contactSchema,
  generatePlanPayloadSchema,
  getIssuePanelPayloadSchema,
  getMacroStatePayloadSchema,
  getPlanProgressPayloadSchema,
  getPortfolioPayloadSchema,
  jiraUserSchema,
  kickoffSchema,
  macroConfigSchema,
  pageRefSchema,
  portfolioFiltersSchema,
  portfolioSortSchema,
  previewPlanPayloadSchema,
  searchUsersPayloadSchema,
  previewForecastChangesPayloadSchema,
  applyForecastPayloadSchema,
  rebaselinePlanPayloadSchema,
  planUpdatePayloadSchema,
} from './schemas';
import type { PlanStatus, RoleCode } from './constants';

export type { PlanStatus, RoleCode };

// ---- payloads ---------------------------------------------------------------------------------------

export type Kickoff = z.infer<typeof kickoffSchema>;
export type JiraUserRef = z.infer<typeof jiraUserSchema>;
export type ContactRef = z.infer<typeof contactSchema>;
export type PageRef = z.infer<typeof pageRefSchema>;
export type MacroConfig = z.infer<typeof macroConfigSchema>;
export type SearchUsersPayload = z.infer<typeof searchUsersPayloadSchema>;
export type GetMacroStatePayload = z.infer<typeof getMacroStatePayloadSchema>;
export type PreviewPlanPayload = z.infer<typeof previewPlanPayloadSchema>;
export type GeneratePlanPayload = z.infer<typeof generatePlanPayloadSchema>;
export type GetPlanProgressPayload = z.infer<typeof getPlanProgressPayloadSchema>;
export type GetIssuePanelPayload = z.infer<typeof getIssuePanelPayloadSchema>;
export type PortfolioFilters = z.infer<typeof portfolioFiltersSchema>;
export type PortfolioSort = z.infer<typeof portfolioSortSchema>;
export type PortfolioSortKey = PortfolioSort['by'];
/** What a UI sends; `filters` may be omitted. */
export type GetPortfolioPayload = z.input<typeof getPortfolioPayloadSchema>;
export type EmptyPayload = Record<string, never>;
export type PreviewForecastChangesPayload = z.infer<typeof previewForecastChangesPayloadSchema>;
export type ApplyForecastPayload = z.infer<typeof applyForecastPayloadSchema>;
export type RebaselinePlanPayload = z.infer<typeof rebaselinePlanPayloadSchema>;

export type RaciLetter = 'R' | 'A' | 'C' | 'I';
/** Where a step stands, from its Jira status category (and the plan's not-applicable list). */
export type StepState = 'todo' | 'in-progress' | 'done' | 'not-applicable';

// ---- template ---------------------------------------------------------------------------------------

/** The loaded playbook (phases, roles, capabilities, steps with RACI and references, supported integrations). */
export type TemplateView = Playbook;

/** A step's RACI as role codes. */
export type RaciCodes = Raci;

export interface ReferenceView {
  name: string;
  url: string | null;
}

// ---- projects and people ----------------------------------------------------------------------------

export interface ProjectView {
  id: string;
  key: string;
  name: string;
}

export interface ListProjectsResult {
  projects: ProjectView[];
}

export interface UserView {
  accountId: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface SearchUsersResult {
  users: UserView[];
}

// ---- preview and generate ---------------------------------------------------------------------------

export interface PlannedStepView {
  step: number;
  phase: string;
  category: string;
  title: string;
  raci: RaciCodes;
  startDate: string;
  dueDate: string;
}

export interface SkippedStepView {
  step: number;
  phase: string;
  title: string;
  /** Why the kickoff leaves this step out, in words (e.g. "Only for partner integrations."). */
  reason: string;
}

export interface PreviewPlanResult {
  planId: string;
  steps: PlannedStepView[];
  skipped: SkippedStepView[];
  /** Existing plan issues for the same plan id, if it was generated before (generation adopts them). */
  alreadyGenerated: { epicKey: string; stepCount: number } | null;
  /** Who holds each role, by name: Jira users' display names as Jira has them, contacts as the kickoff names them. */
  people: Partial<Record<RoleCode, string>>;
  /** Planned steps whose issue already exists in Jira (generation adopts them; the rest are to create). */
  existingSteps: number[];
  /**
   * Things the SA should know (a kickoff in the past, an unknown core system) and, as `duplicate-plan`, another
   * active plan for the same biller × core system (generation then needs the kickoff's `allowDuplicate: true`).
   */
  warnings: KickoffWarningView[];
  /** The project's other active plans for the same biller × core system, oldest first (each epic to link to). */
  activePlans: { epicKey: string; planId: string; title: string }[];
}

export interface KickoffWarningView {
  kind: 'overdue-at-birth' | 'unknown-core-system' | 'new-capability' | 'duplicate-plan';
  message: string;
}

export interface GeneratePlanResult {
  state: 'running' | 'done';
  planId: string;
  epicKey: string | null;
  /** Keys created so far in this call. */
  created: string[];
  /** Keys that already existed (a re-run adopts them). */
  existing: string[];
  /** Steps the plan will have when done, and how many of them exist now. */
  total: number;
  completed: number;
  /** Issues of steps the kickoff no longer applies to (reported, never deleted). */
  notApplicable: { step: number; key: string }[];
  /** When running: wait this long before calling again. */
  retryAfterMs: number | null;
  warnings: string[];
}

// ---- progress ---------------------------------------------------------------------------------------

export interface StateCounts {
  total: number;
  done: number;
  inProgress: number;
  toDo: number;
  /** Not done and past the due date. */
  overdue: number;
}

export interface PhaseProgressView {
  phase: string;
  counts: StateCounts;
  /** 0..100, done / total (a phase with no steps counts as 100: it is done). */
  percentDone: number;
  state: 'todo' | 'in-progress' | 'done';
  /** Opens this phase's steps in the issue navigator. */
  jql: string;
}

export interface PersonView {
  displayName: string;
  accountId: string | null;
  email: string | null;
}

export interface RaciRowView {
  step: number;
  issueKey: string | null;
  title: string;
  phase: string;
  state: StepState;
  /** Letters per role, e.g. `{ SA: ['R', 'A'], B: ['C'] }`. */
  letters: Partial<Record<RoleCode, RaciLetter[]>>;
}

export interface RaciMatrixView {
  roles: { code: RoleCode; name: string; people: PersonView[] }[];
  rows: RaciRowView[];
}

/** `late`: a step is overdue; `at-risk`: the forecast go-live is after the baseline's; else `on-track`. */
export type PlanHealthView = PlanHealth;
/** `overdue`: not done and past its due date; `at-risk`: its forecast end is after its due date. */
export type StepHealthView = StepHealth;

export interface StepForecastView {
  step: number;
  baselineStart: string;
  baselineEnd: string;
  /** The Jira due date. */
  due: string | null;
  forecastStart: string;
  forecastEnd: string;
  health: StepHealthView;
  /** Step numbers this step waits for. */
  dependsOn: number[];
}

/** Who re-baselined or applied the forecast, and when (ISO timestamp). */
export interface PlanChangeRecordView {
  by: string;
  at: string;
}

export interface PlanForecastView {
  /** The day the forecast is judged as of. */
  today: string;
  baselineGoLive: string;
  goLive: string;
  slipBusinessDays: number;
  health: PlanHealthView;
  /** The plan's holidays (the timeline skips them with the weekends). */
  holidays: string[];
  /** In plan order (each step after the steps it depends on). */
  steps: StepForecastView[];
  lastRebaseline: (PlanChangeRecordView & { reason: string; previousGoLive: string }) | null;
  lastApplied: (PlanChangeRecordView & { today: string; changed: number }) | null;
}

export interface PlanProgressView {
  planId: string;
  epicKey: string;
  projectKey: string;
  biller: string;
  coreSystem: string;
  integrationType: 'partner' | 'custom';
  status: PlanStatus;
  currentPhase: string | null;
  overall: StateCounts;
  percentDone: number;
  phases: PhaseProgressView[];
  raci: RaciMatrixView;
  /** All of this plan's steps, for "open in Jira". */
  jql: string;
  /** Baseline vs forecast; null when the plan has no known baseline (e.g. an epic made by hand). */
  forecast: PlanForecastView | null;
}

/** One due date "Apply forecast" moves: a step not done whose due date differs from its forecast end. */
export interface DueDateChangeView {
  step: number;
  issueKey: string;
  title: string;
  from: string | null;
  to: string;
}

export interface ForecastChangesView {
  planId: string;
  epicKey: string;
  today: string;
  health: PlanHealthView;
  goLive: string;
  slipBusinessDays: number;
  /** Empty when every open step's due date already is its forecast end. */
  changes: DueDateChangeView[];
}

export interface ApplyForecastResult {
  /** The due dates moved by this call (empty when they already matched: applying twice changes nothing). */
  applied: DueDateChangeView[];
  /** The plan as it stands after the change. */
  progress: PlanProgressView;
}

export interface RebaselinePlanResult {
  /** False when the baseline already was the forecast (nothing to re-baseline). */
  rebaselined: boolean;
  progress: PlanProgressView;
}

// ---- macro ------------------------------------------------------------------------------------------

/** The plan actions the macro offers. */
export type PlanActionKey = 'applyForecast' | 'rebaseline' | 'planUpdate';

export interface MacroStateResult {
  /** The saved configuration, re-validated; null before the macro is configured. */
  config: MacroConfig | null;
  /** Field errors of a saved configuration that no longer validates (e.g. an edited template). */
  configErrors: { field: string; message: string }[];
  /** Null before generation. */
  plan: {
    planId: string;
    epicKey: string | null;
    generated: boolean;
    progress: PlanProgressView | null;
    /** Who is looking (from the Forge context, never the payload) and the plan roles they hold. */
    viewer: ViewerView;
    /** A status update for each external party (Biller, Core System, Transcard); empty before generation. */
    statusUpdates: PartyStatusUpdateView[];
  } | null;
  /** Before generation, with a valid kickoff: the preview (steps, names, what exists, warnings); else null. */
  preview: PreviewPlanResult | null;
  /** Whether the viewer may generate the plan in the kickoff's project, and if not, why (their missing permissions). */
  generate: { allowed: boolean; reason: string | null };
  /**
   * Whether the viewer may take each action on a generated plan (their permissions in the kickoff's project), and
   * if not, why in words ("Only people who can edit issues in OUT can apply a forecast."). The resolvers check again.
   */
  actions: Record<PlanActionKey, { allowed: boolean; reason: string | null }>;
  /** The playbook's capability names by code, for showing the saved kickoff. */
  capabilityNames: Record<string, string>;
  /** After generation: what the saved kickoff changed since (the plan in Jira does not reflect it yet); null when nothing did. */
  kickoffChanged: { changes: string[] } | null;
}

// ---- issue panel ------------------------------------------------------------------------------------

export interface RolePeopleView {
  code: RoleCode;
  name: string;
  people: PersonView[];
}

export interface StepLinkView {
  step: number;
  title: string;
  issueKey: string | null;
}

export interface StepPanelView {
  kind: 'step';
  issueKey: string;
  planId: string;
  epicKey: string | null;
  step: number;
  title: string;
  phase: string;
  category: string;
  state: StepState;
  dueDate: string | null;
  /** Set when the step is not done and its due date is before the site's today: how many business days late. */
  overdue: { businessDaysLate: number } | null;
  raci: { responsible: RolePeopleView[]; accountable: RolePeopleView[]; consulted: RolePeopleView[]; informed: RolePeopleView[] };
  /** The playbook's description of the step and its notes for readers (plain text paragraphs). */
  notes: string[];
  /**
   * Notes the playbook page shows but which are its author's to-dos (e.g. "NEED AN OUTBOUND VERSION"): the panel
   * shows them apart, as "Author's note", never as guidance. The template's `authoringNotes` never reach here.
   */
  authorNotes: string[];
  references: ReferenceView[];
  prev: StepLinkView | null;
  next: StepLinkView | null;
  progress: PlanProgressView;
  viewer: ViewerView;
}

export interface PlanEpicPanelView {
  kind: 'plan-epic';
  issueKey: string;
  progress: PlanProgressView;
  viewer: ViewerView;
}

export interface EpicWithoutPlanPanelView {
  kind: 'epic-without-plan';
  issueKey: string;
  projectKey: string;
  summary: string;
}

export interface NoPanelView {
  kind: 'none';
  issueKey: string;
}

export type IssuePanelView = StepPanelView | PlanEpicPanelView | EpicWithoutPlanPanelView | NoPanelView;

// ---- portfolio --------------------------------------------------------------------------------------

export interface PortfolioPlanView {
  planId: string;
  epicKey: string;
  biller: string;
  coreSystem: string;
  integrationType: 'partner' | 'custom';
  capabilities: string[];
  status: PlanStatus;
  currentPhase: string | null;
  overdue: number;
  percentDone: number;
  /** Each phase: steps done of its total, and its overdue steps. */
  phases: { phase: string; percentDone: number; state: 'todo' | 'in-progress' | 'done'; done: number; total: number; overdue: number }[];
  /** The plan's owner by name (its PM); null when the roll-up does not know it yet. */
  owner: string | null;
  /**
   * JQL of the plan's step issues by biller and core system (readable, not the plan id); with
   * ` AND ${PortfolioResult.stepClauses…}` it finds one phase's steps or the overdue ones.
   */
  stepsJql: string;
  /** Forecast health, null for a plan without a known baseline (or not refreshed since). */
  health: PlanHealthView | null;
  /** Go-live as baselined and as forecast, and the slip between them in business days. */
  goLive: { baseline: string | null; forecast: string | null; slipBusinessDays: number | null };
}

/** Plans per plan status. */
export type StatusCounts = Record<PlanStatus, number>;

/**
 * One core system of the Supported Integrations table: the playbook's row (when the playbook lists it)
 * merged with the project's plans on that system, as counts (the rows themselves page through `plans`).
 */
export interface SupportedIntegrationGroupView {
  coreSystem: string;
  /** The playbook's own row, or null for a core system only plans use. */
  playbook: { status: PlanStatus; details: string | null; billers: string[] } | null;
  /** Plans in this project on this core system. */
  plans: number;
  byStatus: StatusCounts;
  /** Capabilities the playbook lists or any plan on it covers, in the playbook's order. */
  capabilities: string[];
  /** The same capabilities by their readable names (the playbook's), for display. */
  capabilityNames: string[];
}

/** Aggregates over every plan in the project (filters and paging do not change them). */
export interface PortfolioTotals {
  plans: number;
  byStatus: StatusCounts;
  /** Plans whose current phase is each playbook phase (released plans have none). */
  byCurrentPhase: { phase: string; plans: number }[];
  byCoreSystem: { coreSystem: string; plans: number }[];
  /** Plans with at least one overdue step. */
  overdue: number;
  /** Plans per forecast health (plans without a forecast are in none). */
  byHealth: Record<PlanHealthView, number>;
}

export interface PortfolioResult {
  projectKey: string;
  /** The day the answer's numbers (overdue, days late) are computed for: the site's today, as YYYY-MM-DD. */
  asOf: string;
  filters: PortfolioFilters;
  text: string | null;
  sort: PortfolioSort;
  /** The page of rows: `plans` holds rows offset … offset + plans.length - 1 of `matching`. */
  offset: number;
  limit: number;
  /** Plans matching the filters and text (all pages). */
  matching: number;
  plans: PortfolioPlanView[];
  totals: PortfolioTotals;
  supportedIntegrations: SupportedIntegrationGroupView[];
  /** Values present in the project, for the filter controls. */
  facets: { phases: string[]; statuses: PlanStatus[]; coreSystems: string[] };
  /** Copyable JQL: plan epics matching all current filters, and one query per set filter. */
  jql: { filtered: string; byFilter: Partial<Record<keyof PortfolioFilters, string>> };
  /** Clauses a row's `stepsJql` takes (joined with ` AND `): one per phase name on the page, and overdue. */
  stepClauses: { phase: Record<string, string>; overdue: string };
}

// ---- the PM's view of a plan: who is looking, status updates for external parties ----------------------

/** The signed-in user (the Forge context's account) and the plan roles the kickoff gives them. */
export interface ViewerView {
  accountId: string | null;
  roles: RoleCode[];
}

export type StatusUpdateItemView = StatusUpdateItem;
/** Plain text for an e-mail to an external party, with its `mailto:` link (built by core's `partyStatusUpdate`). */
export type PartyStatusUpdateView = PartyStatusUpdate;
// ---- plan update (template upgrade, kickoff edit) ---------------------------------------------------

export type PlanUpdatePayload = z.input<typeof planUpdatePayloadSchema>;

export type PlanUpdateLeaveReason = 'removed-from-template' | 'out-of-scope' | 'done' | 'in-progress' | 'edited' | 'unchanged';

/** What updating the plan would do; `fields` name what changes (`number`, `title`, `raci.informed`, `assignee`, `due`…). */
export interface PlanUpdateView {
  planId: string;
  epicKey: string;
  /** The plan's version and the target version (equal for a kickoff edit). */
  from: string;
  to: string;
  kickoffChanged: boolean;
  /** Nothing to create, update or flag: the plan is the target already. */
  upToDate: boolean;
  /** Steps that have an issue once the update is applied. */
  applicableSteps: number;
  create: { id: string; number: number; title: string; phase: string; start: string; due: string; dependsOn: number[] }[];
  update: { id: string; issueKey: string; number: number; previousNumber: number; title: string; fields: string[] }[];
  leave: {
    id: string;
    issueKey: string;
    number: number;
    previousNumber: number;
    title: string;
    reason: PlanUpdateLeaveReason;
    flagged: boolean;
    notApplied: string[];
  }[];
  /** Issues whose step number moves with the new version (their text is left alone). */
  renumbered: number;
}

export type ApplyPlanUpdateResult =
  | { state: 'running'; retryAfterMs: number; update: PlanUpdateView }
  | { state: 'done'; retryAfterMs: null; created: string[]; updated: string[]; flagged: string[]; update: PlanUpdateView };
