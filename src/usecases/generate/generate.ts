/**
 * Generate a plan into Jira: a plan-id-keyed, idempotent saga that is safe to call again at any point.
 *
 * Why resumable chunks: a Forge resolver must answer within 25 s, and 429 storms or index lag can take
 * longer. Each call works inside `budgetMs`, persists every step in the plan ledger, and answers
 * `{ state: 'running', retryAfterMs }` when it must stop early; the UI (or CLI, see ./drive) calls again
 * until `{ state: 'done' }`. A fresh 25-step plan finishes in one call and 4 sequential round trips:
 *   RT1 in parallel: project, creatable issue types, my permissions, fields, search by plan id (with each
 *       issue's watcher count), the kickoff's users (names) and whether each can be assigned in the project
 *   RT2 create the plan epic (with its indexed property and the plan record)
 *   RT3 bulk-create the missing applicable steps under the epic (each with its indexed property)
 *   RT4 in parallel: Blocks links, the page's remote link, Phase/RACI app-field values, the Consulted and
 *       Informed watchers Jira does not list yet, completion record
 * In the code (generatePlan), one function per phase, each taking the state the one before returned:
 *   preflight (RT1) → matchFound → awaitIndex → recordVerified → ensureEpic (RT2) → createSteps (RT3)
 *   → planFinalWave → sendFinalWave (RT4). A complete plan stops needing RT2–RT4: 1 round trip.
 *
 * Exactly once: the ledger records "create pending, settled by T" BEFORE each create and the created issues
 * after. A re-run that finds a pending create neither recorded nor visible in search waits (`running`) until
 * its search can no longer miss it (T + maxIndexLagMs); only then does it conclude the create never happened
 * and send it again. Concurrent callers are serialised by the ledger lease; the loser answers `running`.
 */
import { randomUUID } from 'node:crypto';
import type { PageRef } from '../../contract';
import { CUSTOM_FIELDS, PLAN_RECORD_PROPERTY_KEY, PLAYBOOK_PROPERTY_KEY, planIssuesJql, type Playbook } from '../../core';
import {
  JiraBadResponseError,
  JiraError,
  JiraOutcomeUnknownError,
  type JiraAdapter,
  type JiraField,
  type JiraIssue,
  type JiraIssueType,
  type RequestMetrics,
} from '../../jira';
import type { IssueRef, PendingCreate, PlanLedger, LedgerEntry } from '../../storage';
import { UseCaseError } from '../errors';
import type { JiraDirectoryUser } from '../../jira';
import {
  buildGenerationPlan,
  kickoffInvalid,
  epicIssueInput,
  fieldValueUpdates,
  planRecordValue,
  stepIssueInput,
  toFoundIssue,
  type GenerationPlan,
} from './plan-issues';
import { duplicateMessage, findActivePlans, refuseDuplicate, type ActivePlanRef, type DuplicateScope } from './duplicates';
import { REQUIRED_PERMISSIONS, checkPermissions, findAppField, pickIssueTypes, unassignablePeople, type IssueTypeNames } from './preflight';
import { knownIssueIds, linkWaves, reconcile, requiredLinks, type FoundIssue, type Reconciled } from './reconcile';

export interface GenerateOptions {
  /** Work budget per call; Forge allows 25 s per resolver invocation. */
  budgetMs: number;
  /** Ledger lease; longer than a call can run (budget + one request in flight). */
  leaseMs: number;
  /** Longest time Jira's search may take to show a created issue. */
  maxIndexLagMs: number;
  /** Longest a single request may stay in flight (a create sent just before the deadline may commit this late). */
  requestTimeoutMs: number;
  /** Per-issue link writes per wave (Jira allows 20 writes per issue per 2 s). */
  linkWritesPerIssue: number;
  /** Pause between link waves when one wave is not enough. */
  linkWavePauseMs: number;
  /** Suggested wait after a transient failure or a held lease. */
  retryAfterMs: number;
  issueTypes: IssueTypeNames;
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  budgetMs: 20_000,
  leaseMs: 60_000,
  maxIndexLagMs: 30_000,
  requestTimeoutMs: 10_000,
  linkWritesPerIssue: 18,
  linkWavePauseMs: 2_000,
  retryAfterMs: 1_000,
  issueTypes: { epic: 'Epic', task: 'Task' },
};

export interface GenerateDeps {
  /** Acts as the user; its `appRequest` (the app identity) is used only for the app-field values. */
  jira: JiraAdapter;
  ledger: PlanLedger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Identifies this invocation for the lease; a fresh id when omitted. */
  owner?: string;
  options?: Partial<GenerateOptions>;
}

export interface GenerateInput {
  /** Unvalidated kickoff from the form or a file. */
  kickoff: unknown;
  /** Overrides the kickoff's project. */
  projectKey?: string;
  /** Overrides the kickoff's page: the Confluence page the epic links back to. */
  page?: PageRef;
  /** The playbook template to plan from (default: the current version). */
  playbook?: Playbook;
  /** Today (YYYY-MM-DD): the kickoff date must lie near it (see KICKOFF_LIMITS). */
  today?: string;
  /** Plan-record keys a reconcile sets over generation's own (its baseline, its version history). */
  recordExtras?: Record<string, unknown>;
}

export interface GenerateResultBase {
  planId: string;
  epicKey: string | null;
  /** Keys created by this call. */
  created: string[];
  /** Plan issues that already existed when this call started (a re-run adopts them). */
  existing: string[];
  /** Applicable steps, and how many of them have an issue now. */
  total: number;
  completed: number;
  /** Issues of steps the current kickoff makes not applicable: reported, never deleted. */
  notApplicable: { step: number; key: string }[];
  /** More than one issue for one step or plan (never created by us twice; reported). */
  duplicates: string[];
  warnings: string[];
  /** Jira requests and sequential round trips this call made. */
  requests: number;
  roundTrips: number;
}

export type GenerateResult =
  | (GenerateResultBase & {
      state: 'running';
      /** Why the call stopped early. */
      reason: 'locked' | 'awaiting-index' | 'budget' | 'transient';
      retryAfterMs: number;
    })
  | (GenerateResultBase & { state: 'done'; epicKey: string; retryAfterMs: null });

type StopReason = 'locked' | 'awaiting-index' | 'budget' | 'transient';

class StopEarly extends Error {
  constructor(
    readonly reason: StopReason,
    readonly retryAfterMs: number,
  ) {
    super(`generation paused: ${reason}`);
  }
}

interface Preflight {
  typeIds: { epic: string; task: string };
  fields: JiraField[];
  found: JiraIssue[];
  users: Map<string, JiraDirectoryUser>;
  /** The kickoff's Jira users who can be assigned issues in the project. */
  assignable: Set<string>;
  /** Other active plans in the project for the same biller × core system (not searched once the epic exists). */
  activePlans: ActivePlanRef[];
}

/** RT1's answers, turned into a specific error before anything is written. */
function judgePreflight(projectKey: string, issueTypes: IssueTypeNames, settled: PromiseSettledResult<unknown>[]): Preflight {
  const [project, types, permissions, fields, found, users, assignable, activePlans] = settled;
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
  if (failure instanceof JiraError && failure.code === 'unauthorized') {
    throw new UseCaseError('not-authenticated', `Jira refused the credentials: ${failure.message}`);
  }
  if (project.status === 'rejected') {
    const e: unknown = project.reason;
    if (e instanceof JiraError && (e.code === 'not-found' || e.code === 'permission-denied')) {
      throw new UseCaseError('project-not-found', `Project ${projectKey} does not exist or you cannot see it.`, { projectKey });
    }
    throw e;
  }
  if (permissions.status === 'rejected') throw permissions.reason;
  checkPermissions(projectKey, permissions.value as Record<string, boolean>);
  if (types.status === 'rejected') throw types.reason;
  const typeIds = pickIssueTypes(projectKey, types.value as JiraIssueType[], issueTypes);
  if (fields.status === 'rejected') throw fields.reason;
  if (found.status === 'rejected') throw found.reason;
  if (users.status === 'rejected') throw users.reason;
  if (assignable.status === 'rejected') throw assignable.reason;
  if (activePlans?.status === 'rejected') throw activePlans.reason;
  return {
    typeIds,
    fields: fields.value as JiraField[],
    found: found.value as JiraIssue[],
    users: users.value as Map<string, JiraDirectoryUser>,
    assignable: assignable.value as Set<string>,
    activePlans: activePlans?.status === 'fulfilled' ? (activePlans.value as ActivePlanRef[]) : [],
  };
}

/** The ledger's record without the issues Jira no longer has; anything hanging off a missing issue is unverified. */
function verifiedRecord(record: LedgerEntry, foundIds: ReadonlySet<string>): LedgerEntry {
  const epic = record.epic && foundIds.has(record.epic.id) ? record.epic : undefined;
  const steps = Object.fromEntries(Object.entries(record.steps).filter(([, ref]) => foundIds.has(ref.id)));
  const lost = (record.epic && !epic) || Object.keys(steps).length !== Object.keys(record.steps).length;
  return {
    ...record,
    epic,
    steps,
    links: [],
    fieldsPending: record.fieldsPending.filter((id) => foundIds.has(id)),
    watchers: record.watchers.filter((pair) => foundIds.has(pair.slice(0, pair.indexOf(':')))),
    ...(lost ? { completedAt: null, recordFingerprint: null, remoteLinkGlobalId: null } : {}),
  };
}

/** The plan record as compared between runs: without its timestamp, keys sorted (Jira need not keep their order). */
function recordFingerprintOf(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  const v = (typeof value === 'object' && value !== null ? value : {}) as { generation?: Record<string, unknown> };
  return JSON.stringify(sorted({ ...v, generation: v.generation ? { ...v.generation, completedAt: null } : v.generation }));
}

function completedAtOf(value: unknown): number | null {
  const at = (value as { generation?: { completedAt?: unknown } } | undefined)?.generation?.completedAt;
  return typeof at === 'number' ? at : null;
}

/**
 * Ids of this plan's step issues whose Phase/RACI values are not what the plan says. Read from the first
 * search when it asked for the fields; when it could not (field ids unknown to the ledger), every step issue
 * is rewritten once (same values: idempotent).
 */
function stepsWithoutFieldValues(
  generation: GenerationPlan,
  view: Reconciled,
  issues: readonly JiraIssue[],
  fields: { phase: string; raci: string },
  searched: { phase: string; raci: string } | null,
): string[] {
  const byId = new Map(issues.map((i) => [i.id, i]));
  const readable = searched !== null && searched.phase === fields.phase && searched.raci === fields.raci;
  return [...view.stepIssues].flatMap(([number, ref]) => {
    const issue = byId.get(ref.id);
    const step = generation.stepsByNumber.get(number);
    if (!issue || !step) return [];
    if (!readable) return [ref.id];
    return issue.fields?.[fields.phase] === step.phase && issue.fields?.[fields.raci] === step.raciText ? [] : [ref.id];
  });
}

/**
 * Step number → the Consulted and Informed people who are Jira users: they watch the step. External parties
 * (an e-mail, no account) stay contacts in the description.
 */
export function expectedWatchers(generation: GenerationPlan): Map<number, string[]> {
  return new Map(
    generation.steps
      .filter((s) => s.applicable)
      .map((s) => {
        const people = generation.stepsByNumber.get(s.number)!.people;
        return [s.number, [...new Set([...people.consulted, ...people.informed].flatMap((p) => (p.accountId ? [p.accountId] : [])))]];
      }),
  );
}

/**
 * The watchers still to add. A pair is done when the ledger records Jira's 204 for it AND Jira's own count for
 * the issue (the search's `watches.watchCount`) is at least the step's expected watchers; a lower count means
 * someone is missing (a ledger from before a reset, a lost write), so the step's watchers are all sent again:
 * Jira keeps one entry per person, so a resend never duplicates.
 */
function missingWatchers(generation: GenerationPlan, view: Reconciled, added: readonly string[], issues: readonly JiraIssue[]): FinalWave['missingWatchers'] {
  const done = new Set(added);
  const counts = new Map(issues.map((i) => [i.id, (i.fields?.watches as { watchCount?: unknown } | undefined)?.watchCount]));
  const expected = expectedWatchers(generation);
  return [...view.stepIssues].flatMap(([n, ref]) => {
    const ids = expected.get(n) ?? [];
    const count = counts.get(ref.id);
    const short = typeof count === 'number' && count < ids.length;
    return ids.filter((id) => short || !done.has(`${ref.id}:${id}`)).map((accountId) => ({ id: ref.id, key: ref.key, accountId }));
  });
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

const assignableCheckKey = (plan: GenerationPlan['plan']) => `${plan.projectKey}|${[...new Set(accountIdsOf(plan))].sort().join(',')}`;

function accountIdsOf(plan: GenerationPlan['plan']): string[] {
  return Object.values(plan.roles).flatMap((person) => (person?.accountId ? [person.accountId] : []));
}

function withJiraNames(
  generation: GenerationPlan,
  users: ReadonlyMap<string, JiraDirectoryUser>,
  assignable: ReadonlySet<string>,
  input: GenerateInput,
): GenerationPlan {
  const { kickoff } = generation.plan;
  const unknown = Object.entries(kickoff.roles).flatMap(([role, person]) =>
    person?.accountId && !users.has(person.accountId)
      ? [{ field: `roles.${role}.accountId`, message: `Jira has no user with account id "${person.accountId}"` }]
      : [],
  );
  if (unknown.length > 0) throw kickoffInvalid(unknown);
  const unassignable = unassignablePeople(
    generation.plan.projectKey,
    Object.values(generation.plan.roles).flatMap((p) => (p ? [{ ...p, displayName: users.get(p.accountId ?? '')?.displayName || p.displayName }] : [])),
    assignable,
    generation.playbook,
  );
  if (unassignable.length > 0) throw kickoffInvalid(unassignable);
  let renamed = false;
  const roles = Object.fromEntries(
    Object.entries(kickoff.roles).map(([role, person]) => {
      if (!person?.accountId) return [role, person];
      const displayName = users.get(person.accountId)?.displayName || person.accountId;
      if (displayName !== person.displayName) renamed = true;
      return [role, { ...person, displayName }];
    }),
  );
  return renamed ? buildGenerationPlan({ ...kickoff, roles }, {}, input.playbook, { today: input.today }) : generation;
}

const diff = (after: RequestMetrics, before: RequestMetrics): RequestMetrics => ({
  requests: after.requests - before.requests,
  roundTrips: after.roundTrips - before.roundTrips,
});

/** Stable per page: the remote link is upserted by it, never duplicated. */
export function remoteLinkGlobalId(page: PageRef): string {
  return (page.id ? `outbound-playbook:confluence-page:${page.id}` : `outbound-playbook:url:${page.url}`).slice(0, 255);
}

/**
 * What a call knows from the start and never changes: its deps, its options, its clock and deadline, and
 * the plan's identity (id, project, page: the names Jira gives the kickoff's people never change them).
 */
interface SagaContext {
  jira: JiraAdapter;
  ledger: PlanLedger;
  options: GenerateOptions;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  owner: string;
  deadline: number;
  input: GenerateInput;
  plan: GenerationPlan['plan'];
  /** The remote link's global id on the epic, when the plan has a page. */
  globalId: string | null;
}

/** What the call reports; each phase returns an updated copy. */
type Progress = Omit<GenerateResultBase, 'requests' | 'roundTrips'>;

/**
 * The saga's state, one type per phase reached. A phase takes the state of the phase before and returns its
 * own; the runner keeps the last state returned, so an early stop reports exactly what the call got to.
 */
interface Started {
  generation: GenerationPlan;
  progress: Progress;
}
interface Preflighted extends Started {
  /** The ledger's record as read before RT1 (may be stale, lost, or from another site). */
  record: LedgerEntry | null;
  preflight: Preflight;
  searchSentAt: number;
  /** App-field ids the ledger knew: the first search read their values. */
  knownFields: { phase: string; raci: string } | null;
  /** Whether the epic carries the page's remote link (null: unknown). */
  remotePresent: boolean | null;
}
interface Matched extends Preflighted {
  found: FoundIssue[];
  /** The ledger's record less what Jira no longer has. */
  verified: LedgerEntry | null;
  view: Reconciled;
}
interface Recorded extends Matched {
  record: LedgerEntry;
}
interface WithEpic extends Recorded {
  epic: IssueRef;
}
/** RT4, decided before anything of it is sent. */
interface FinalWave {
  missingLinks: string[];
  /** Watchers to add: step issue and account id (Consulted and Informed Jira users not verified as watching). */
  missingWatchers: { id: string; key: string; accountId: string }[];
  upsertRemoteLink: boolean;
  fieldUpdates: ReturnType<typeof fieldValueUpdates>;
  completionRecord: (completedAt: number) => ReturnType<typeof planRecordValue>;
  recordFingerprint: string;
  /** The completion record Jira holds is this one: not written again, its time kept. */
  unchangedSince: number | null;
}
interface WavePlanned extends WithEpic {
  wave: FinalWave;
}

export async function generatePlan(deps: GenerateDeps, input: GenerateInput): Promise<GenerateResult> {
  const generation = buildGenerationPlan(input.kickoff, { projectKey: input.projectKey, page: input.page }, input.playbook, { today: input.today });
  const ctx = sagaContext(deps, input, generation.plan);
  const metricsBefore = ctx.jira.metrics();
  let latest: Started = begin(generation);
  const finish = (): GenerateResultBase => ({ ...latest.progress, ...diff(ctx.jira.metrics(), metricsBefore) });
  const running = (reason: StopReason, retryAfterMs: number): GenerateResult => ({
    ...finish(),
    state: 'running',
    reason,
    retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)),
  });
  const { planId } = ctx.plan;

  if (!(await ctx.ledger.claim(planId, ctx.owner, ctx.options.leaseMs))) {
    const record = await ctx.ledger.read(planId);
    latest = { ...latest, progress: { ...latest.progress, epicKey: record?.epic?.key ?? null } };
    return running('locked', ctx.options.retryAfterMs);
  }
  try {
    const preflighted = (latest = await preflight(ctx, latest));
    const matched = (latest = withDuplicateCheck(ctx, matchFound(preflighted)));
    awaitIndex(ctx, matched);
    const recorded = (latest = await recordVerified(ctx, matched));
    const withEpic = (latest = await ensureEpic(ctx, recorded));
    const withSteps = (latest = await createSteps(ctx, withEpic));
    checkBudget(ctx);
    const planned = (latest = planFinalWave(ctx, withSteps));
    await sendFinalWave(ctx, planned);
    return { ...finish(), state: 'done', epicKey: planned.epic.key, retryAfterMs: null };
  } catch (error) {
    if (error instanceof StopEarly) return running(error.reason, error.retryAfterMs);
    if (error instanceof JiraError && error.transient) return running('transient', ctx.options.retryAfterMs);
    if (error instanceof JiraError && error.code === 'unauthorized')
      throw new UseCaseError('not-authenticated', `Jira refused the credentials: ${error.message}`);
    throw error;
  } finally {
    await ctx.ledger.release(planId, ctx.owner);
  }
}

function sagaContext(deps: GenerateDeps, input: GenerateInput, plan: GenerationPlan['plan']): SagaContext {
  const options: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, ...deps.options };
  const now = deps.now ?? Date.now;
  const deadline = now() + options.budgetMs;
  return {
    jira: deps.jira.withDeadline(deadline),
    ledger: deps.ledger,
    options,
    now,
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    owner: deps.owner ?? randomUUID(),
    deadline,
    input,
    plan,
    globalId: plan.kickoff.page ? remoteLinkGlobalId(plan.kickoff.page) : null,
  };
}

function begin(generation: GenerationPlan): Started {
  const { plan } = generation;
  return {
    generation,
    progress: {
      planId: plan.planId,
      epicKey: null,
      created: [],
      existing: [],
      total: generation.steps.filter((s) => s.applicable).length,
      completed: 0,
      notApplicable: [],
      duplicates: [],
      warnings: [...plan.warnings],
    },
  };
}

/**
 * RT1: preflight and the search for this plan's issues, all in parallel. The search names every issue the
 * ledger knows (reconcileIssues: read as they are now), reads the plan record property and, when the ledger
 * knows the app's field ids, the Phase/RACI values: a re-run verifies each part in Jira, never only in the
 * ledger (which may be stale, lost, or from another site).
 */
async function preflight(ctx: SagaContext, s: Started): Promise<Preflighted> {
  const { jira, plan, globalId } = ctx;
  const record = await ctx.ledger.read(plan.planId);
  const projectKey = plan.projectKey;
  const searchSentAt = ctx.now();
  const knownFields = record?.appFields ?? null;
  const page = plan.kickoff.page;
  const assignableKey = assignableCheckKey(plan);
  const remoteCheck: Promise<boolean | null> =
    record?.epic && globalId && page
      ? jira.getRemoteLinkUrl(record.epic.key, globalId).then(
          (url) => url === page.url,
          () => null,
        )
      : Promise.resolve(null);
  const judged = judgePreflight(
    projectKey,
    ctx.options.issueTypes,
    await Promise.allSettled([
      jira.getProject(projectKey),
      jira.getCreatableIssueTypes(projectKey),
      jira.getMyPermissions(projectKey, Object.keys(REQUIRED_PERMISSIONS)),
      jira.getFields(),
      jira.searchIssues({
        jql: planIssuesJql(plan.planId),
        fields: ['summary', 'issuelinks', 'watches', ...(knownFields ? [knownFields.phase, knownFields.raci] : [])],
        properties: [PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY],
        reconcileIssues: knownIssueIds(record),
      }),
      jira.getUsersByAccountId(accountIdsOf(plan)),
      record?.assignableChecked === assignableKey ? Promise.resolve(new Set(accountIdsOf(plan))) : jira.assignableAmong(projectKey, accountIdsOf(plan)),
      // No silent duplicates: in the same round trip, the project's other active plans for this biller × core
      // system (once the ledger knows this plan's epic, the plan exists and there is nothing to decide).
      record?.epic ? Promise.resolve([]) : findActivePlans(jira, duplicateScope(ctx)),
    ]),
  );
  // Names shown for Jira users are Jira's, whatever the kickoff said; an account Jira does not know is a
  // kickoff error, found before anything is written.
  const generation = withJiraNames(s.generation, judged.users, judged.assignable, ctx.input);
  const remotePresent = await remoteCheck;
  if (record?.assignableChecked !== assignableKey) await ctx.ledger.record(plan.planId, { assignableChecked: assignableKey });
  return { ...s, generation, record, preflight: judged, searchSentAt, knownFields, remotePresent };
}

/** What the search found, matched with the ledger: what the ledger remembers but Jira no longer has is forgotten (it is created again). */
function matchFound(s: Preflighted): Matched {
  const found = s.preflight.found.map(toFoundIssue);
  const foundIds = new Set(found.map((f) => f.id));
  const verified = s.record ? verifiedRecord(s.record, foundIds) : null;
  const view = reconcile(s.generation, verified, found);
  const existing = [view.epic?.key, ...[...view.stepIssues.values()].map((r) => r.key)].filter((k): k is string => !!k);
  const warnings = [...s.progress.warnings, ...lostFromLedger(s.record, foundIds)];
  return { ...s, found, verified, view, progress: reported({ ...s.progress, existing, warnings, epicKey: view.epic?.key ?? null }, s.generation, view) };
}

function duplicateScope(ctx: SagaContext): DuplicateScope {
  const { plan } = ctx;
  return { projectKey: plan.projectKey, biller: plan.kickoff.biller, coreSystem: plan.kickoff.coreSystem, planId: plan.planId };
}

/**
 * A plan whose epic does not exist yet is refused when the project already holds an active plan for the same
 * biller × core system, unless the kickoff says `allowDuplicate: true` (recorded with the kickoff on the plan
 * record); then the others are named in a warning.
 */
function withDuplicateCheck(ctx: SagaContext, s: Matched): Matched {
  const others = s.preflight.activePlans;
  if (s.view.epic || others.length === 0) return s;
  const scope = duplicateScope(ctx);
  refuseDuplicate(others, scope, ctx.plan.kickoff.allowDuplicate);
  const warning = `${duplicateMessage(others, scope)} A second plan is created, as the kickoff chose (allowDuplicate).`;
  return { ...s, progress: { ...s.progress, warnings: [...s.progress.warnings, warning] } };
}

/** What the ledger remembers but this site does not have (deleted, or a ledger of another site or project), said plainly. */
function lostFromLedger(record: LedgerEntry | null, foundIds: ReadonlySet<string>): string[] {
  if (!record) return [];
  const steps = Object.values(record.steps).filter((ref) => !foundIds.has(ref.id));
  const where = 'this site does not have it (deleted, or the ledger belongs to another site)';
  return [
    ...(record.epic && !foundIds.has(record.epic.id)
      ? [`The plan ledger remembered epic ${record.epic.key}, but ${where}: the plan is created again here.`]
      : []),
    ...(steps.length > 0
      ? [
          `The plan ledger remembered ${steps.length} step issue(s) (${steps
            .slice(0, 5)
            .map((r) => r.key)
            .join(', ')}${steps.length > 5 ? ', …' : ''}) that this site does not have: they are created again.`,
        ]
      : []),
  ];
}

/** An unanswered create is concluded only once the search can no longer have missed what it made. */
function awaitIndex(ctx: SagaContext, s: Matched): void {
  const pending = s.view.unresolvedPending;
  if (!pending) return;
  const visibleFrom = (pending.settledBy ?? pending.since) + ctx.options.maxIndexLagMs;
  if (s.searchSentAt < visibleFrom) throw new StopEarly('awaiting-index', visibleFrom - ctx.now());
}

/**
 * The ledger rewritten from what Jira holds. Adopts what the search found (creates whose response was lost:
 * made by this generation, so they get the app-field values too) and forgets a pending create that evidently
 * never happened.
 */
async function recordVerified(ctx: SagaContext, s: Matched): Promise<Recorded> {
  const { generation, view, verified, preflight: judged, knownFields } = s;
  const adopted = adoptedFromPending(s.record?.pending ?? null, view);
  const phaseField = findAppField(judged.fields, CUSTOM_FIELDS.phase.moduleKey);
  const raciField = findAppField(judged.fields, CUSTOM_FIELDS.raci.moduleKey);
  const appFields = phaseField && raciField ? { phase: phaseField, raci: raciField } : null;
  const unsetValues = appFields ? stepsWithoutFieldValues(generation, view, judged.found, appFields, knownFields) : [];
  const epicId = view.epic?.id;
  const epicRecord = epicId ? judged.found.find((i) => i.id === epicId)?.properties?.[PLAN_RECORD_PROPERTY_KEY] : undefined;
  const record = await ctx.ledger.record(ctx.plan.planId, {
    projectKey: ctx.plan.projectKey,
    epic: view.epic ?? undefined,
    steps: Object.fromEntries([...view.stepIssues].map(([n, ref]) => [String(n), ref])),
    pending: null,
    fieldsPending: [...new Set([...(verified?.fieldsPending ?? []), ...adopted, ...unsetValues])],
    links: [],
    watchers: verified?.watchers ?? [],
    appFields,
    // Verified against what Jira holds, not against the ledger.
    remoteLinkGlobalId: s.remotePresent ? ctx.globalId : null,
    recordFingerprint: epicRecord === undefined ? null : recordFingerprintOf(epicRecord),
    completedAt: completedAtOf(epicRecord),
  });
  return { ...s, record };
}

/** RT2: the plan epic, unless it exists. */
async function ensureEpic(ctx: SagaContext, s: Recorded): Promise<WithEpic> {
  if (s.view.epic) return { ...s, epic: s.view.epic, progress: { ...s.progress, epicKey: s.view.epic.key } };
  const created = await sendCreate(ctx, { epic: true, steps: [] }, () => ctx.jira.createIssue(epicIssueInput(s.generation, s.preflight.typeIds.epic)));
  const epic = { id: created.id, key: created.key };
  const record = await ctx.ledger.record(ctx.plan.planId, { epic, pending: null });
  return { ...s, epic, record, progress: { ...s.progress, created: [...s.progress.created, created.key], epicKey: epic.key } };
}

/** RT3: the missing applicable steps, in one bulk create. */
async function createSteps(ctx: SagaContext, s: WithEpic): Promise<WithEpic> {
  const { generation, epic } = s;
  const numbers = s.view.missingSteps;
  if (numbers.length === 0) return s;
  const result = await sendCreate(ctx, { epic: false, steps: numbers }, () =>
    ctx.jira.createIssues(numbers.map((n) => stepIssueInput(generation, generation.stepsByNumber.get(n)!, s.preflight.typeIds.task, epic.key))),
  );
  const made: [number, IssueRef][] = result.created.flatMap((c, i) => (c ? [[numbers[i], { id: c.id, key: c.key }] as [number, IssueRef]] : []));
  const record = await ctx.ledger.record(ctx.plan.planId, {
    steps: { ...s.record.steps, ...Object.fromEntries(made.map(([n, ref]) => [String(n), ref])) },
    pending: null,
    fieldsPending: [...s.record.fieldsPending, ...made.map(([, ref]) => ref.id)],
  });
  if (result.failures.length > 0) {
    const details = result.failures.map((f) => `step ${numbers[f.index]}: ${f.messages.join('; ') || `status ${f.status}`}`);
    throw new UseCaseError('create-rejected', `Jira rejected ${result.failures.length} step issue(s): ${details.join(' | ')}`, { failures: details });
  }
  const view = reconcile(generation, record, s.found);
  const progress = reported({ ...s.progress, created: [...s.progress.created, ...made.map(([, ref]) => ref.key)] }, generation, view);
  return { ...s, record, view, progress };
}

/**
 * RT4, decided: the missing Blocks links, the page's remote link, the app-field values of the issues this
 * generation created (fieldsPending: the only app-identity writes), and the completion record on the epic.
 */
function planFinalWave(ctx: SagaContext, s: WithEpic): WavePlanned {
  const { jira, plan, globalId } = ctx;
  const { generation, view, record } = s;
  const page = plan.kickoff.page;
  const phaseField = findAppField(s.preflight.fields, CUSTOM_FIELDS.phase.moduleKey);
  const raciField = findAppField(s.preflight.fields, CUSTOM_FIELDS.raci.moduleKey);
  const canSetFields = phaseField !== null && raciField !== null && jira.canActAsApp();
  const warnings =
    !canSetFields && record.fieldsPending.length > 0
      ? [
          jira.canActAsApp()
            ? "The app's Phase and RACI fields are not on this site; their values were not set."
            : 'Phase and RACI field values are set only by the Forge app (Jira accepts them from the app alone); they were not set.',
        ]
      : [];
  // A re-run that changes nothing writes nothing: the record is compared without its timestamp.
  const stepKeys = new Map([...view.stepIssues].map(([n, ref]) => [n, ref.key]));
  // Keys others keep on the record (applied forecasts, version history) survive a re-run.
  const stored = s.preflight.found.find((i) => i.id === s.epic.id)?.properties?.[PLAN_RECORD_PROPERTY_KEY];
  const completionRecord = (completedAt: number) => ({
    ...(typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {}),
    ...planRecordValue(generation, { state: 'done', completedAt, stepKeys, notApplicable: view.notApplicable }),
    ...ctx.input.recordExtras,
  });
  const recordFingerprint = recordFingerprintOf(completionRecord(0));
  const recordUnchanged = record.completedAt !== null && record.recordFingerprint === recordFingerprint;
  return {
    ...s,
    progress: { ...s.progress, warnings: [...s.progress.warnings, ...warnings] },
    wave: {
      missingLinks: requiredLinks(generation).filter((l) => !view.links.has(l)),
      missingWatchers: missingWatchers(generation, view, record.watchers, s.preflight.found),
      upsertRemoteLink: !!page && globalId !== null && record.remoteLinkGlobalId !== globalId,
      fieldUpdates: canSetFields ? fieldValueUpdates(generation, view.stepIssues, record.fieldsPending, { phase: phaseField, raci: raciField }) : [],
      completionRecord,
      recordFingerprint,
      unchangedSince: recordUnchanged ? record.completedAt : null,
    },
  };
}

/**
 * RT4, sent in parallel. The completion record goes out in the same wave; should anything else in the wave
 * fail, the ledger is not marked complete and the next call writes it again.
 */
async function sendFinalWave(ctx: SagaContext, s: WavePlanned): Promise<void> {
  const { jira, plan, globalId } = ctx;
  const { view, record, epic, wave } = s;
  const keyOf = (n: number) => view.stepIssues.get(n)!.key;
  const linkedNow: string[] = [];
  // Watcher writes share Jira's per-issue write budget with the links sent in the same 2 s.
  const watcherLoad = Math.max(0, ...[...countBy(wave.missingWatchers.map((w) => w.key)).values()]);
  const linkTask = (async () => {
    for (const [i, links] of linkWaves(wave.missingLinks, Math.max(1, ctx.options.linkWritesPerIssue - watcherLoad)).entries()) {
      if (i > 0) {
        checkBudget(ctx);
        await ctx.sleep(ctx.options.linkWavePauseMs);
      }
      const results = await Promise.allSettled(
        links.map(async (link) => {
          const [blocker, blocked] = link.split('>').map(Number);
          await jira.linkIssues({ type: 'Blocks', inwardKey: keyOf(blocker), outwardKey: keyOf(blocked) });
          linkedNow.push(link);
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  })();
  const page = plan.kickoff.page;
  const remoteTask =
    wave.upsertRemoteLink && page && globalId
      ? jira.upsertRemoteLink(epic.key, { globalId, url: page.url, title: page.title ?? plan.title, relationship: 'generated from' })
      : Promise.resolve();
  const fieldTask = wave.fieldUpdates.length > 0 ? jira.setAppFieldValues(wave.fieldUpdates) : Promise.resolve();
  const completedAt = wave.unchangedSince ?? ctx.now();
  const recordTask =
    wave.unchangedSince !== null ? Promise.resolve() : jira.setIssueProperty(epic.key, PLAN_RECORD_PROPERTY_KEY, wave.completionRecord(completedAt));

  const watchedNow: string[] = [];
  const watcherTask = Promise.allSettled(
    wave.missingWatchers.map(async (w) => {
      await jira.addWatcher(w.key, w.accountId);
      watchedNow.push(`${w.id}:${w.accountId}`);
    }),
  ).then((results) => {
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  });

  const [links, remote, fieldValues, completion, watchers] = await Promise.allSettled([linkTask, remoteTask, fieldTask, recordTask, watcherTask]);
  await ctx.ledger.record(plan.planId, {
    links: [...new Set([...record.links, ...view.links, ...linkedNow])].sort(),
    ...(remote.status === 'fulfilled' && globalId ? { remoteLinkGlobalId: globalId } : {}),
    ...(fieldValues.status === 'fulfilled' ? { fieldsPending: [] } : {}),
    watchers: [...new Set([...record.watchers, ...watchedNow])].sort(),
  });
  for (const settled of [links, remote, fieldValues, completion, watchers]) if (settled.status === 'rejected') throw settled.reason;
  await ctx.ledger.record(plan.planId, { completedAt, recordFingerprint: wave.recordFingerprint });
}

/** The counts a view gives: applicable steps with an issue, issues of steps not applicable, duplicates. */
function reported(progress: Progress, generation: GenerationPlan, view: Reconciled): Progress {
  return {
    ...progress,
    completed: generation.steps.filter((s) => s.applicable && view.stepIssues.has(s.number)).length,
    notApplicable: view.notApplicable,
    duplicates: view.duplicates,
  };
}

/** Ids of issues a lost create made, now found by the search. */
function adoptedFromPending(pending: PendingCreate | null, view: Reconciled): string[] {
  if (!pending) return [];
  return pending.steps.flatMap((n) => {
    const ref = view.stepIssues.get(n);
    return ref ? [ref.id] : [];
  });
}

function checkBudget(ctx: SagaContext): void {
  if (ctx.now() >= ctx.deadline) throw new StopEarly('budget', 0);
}

/**
 * Records the create as pending (renewing the lease first), sends it, and clears the pending mark when
 * Jira definitely answered. An unknown outcome stays pending: the next call reconciles it.
 */
async function sendCreate<T>(ctx: SagaContext, what: { epic: boolean; steps: number[] }, send: () => Promise<T>): Promise<T> {
  const { ledger, options, plan } = ctx;
  checkBudget(ctx);
  if (!(await ledger.claim(plan.planId, ctx.owner, options.leaseMs))) throw new StopEarly('locked', options.retryAfterMs);
  const since = ctx.now();
  await ledger.record(plan.planId, { pending: { ...what, since, settledBy: ctx.deadline + options.requestTimeoutMs } });
  try {
    return await send();
  } catch (error) {
    // A lost answer, or a success we could not read: the create may have happened.
    if (error instanceof JiraOutcomeUnknownError || error instanceof JiraBadResponseError) {
      // No attempt of this create is in flight any more: anything it made is committed by now.
      await ledger.record(plan.planId, { pending: { ...what, since, settledBy: ctx.now() } });
      throw new StopEarly('awaiting-index', options.maxIndexLagMs);
    }
    // Refused before anything was written (validation, permission, rate limit after every retry).
    await ledger.record(plan.planId, { pending: null });
    throw error;
  }
}
