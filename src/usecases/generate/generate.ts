/**
 * Generate a plan into Jira: a plan-id-keyed, idempotent saga that is safe to call again at any point.
 *
 * Why resumable chunks: a Forge resolver must answer within 25 s, and 429 storms or index lag can take
 * longer. Each call works inside `budgetMs`, persists every step in the plan ledger, and answers
 * `{ state: 'running', retryAfterMs }` when it must stop early; the UI (or CLI, see ./drive) calls again
 * until `{ state: 'done' }`. A fresh 25-step plan finishes in one call and 4 sequential round trips:
 *   RT1 in parallel: project, creatable issue types, my permissions, fields, search by plan id
 *   RT2 create the plan epic (with its indexed property and the plan record)
 *   RT3 bulk-create the missing applicable steps under the epic (each with its indexed property)
 *   RT4 in parallel: Blocks links, the page's remote link, Phase/RACI app-field values, completion record
 *
 * Exactly once: the ledger records "create pending, settled by T" BEFORE each create and the created issues
 * after. A re-run that finds a pending create neither recorded nor visible in search waits (`running`) until
 * its search can no longer miss it (T + maxIndexLagMs); only then does it conclude the create never happened
 * and send it again. Concurrent callers are serialised by the ledger lease; the loser answers `running`.
 */
import { randomUUID } from 'node:crypto';
import type { PageRef } from '../../contract';
import { CUSTOM_FIELDS, PLAN_RECORD_PROPERTY_KEY, PLAYBOOK_PROPERTY_KEY, planIssuesJql, type Playbook } from '../../core';
import { JiraBadResponseError, JiraError, JiraOutcomeUnknownError, type JiraAdapter, type JiraField, type JiraIssue, type JiraIssueType, type RequestMetrics } from '../../jira';
import type { IssueRef, PendingCreate, PlanLedger, LedgerEntry } from '../../storage';
import { UseCaseError } from '../errors';
import type { JiraDirectoryUser } from '../../jira';
import { buildGenerationPlan, kickoffInvalid, epicIssueInput, fieldValueUpdates, planRecordValue, stepIssueInput, toFoundIssue, type GenerationPlan } from './plan-issues';
import { REQUIRED_PERMISSIONS, checkPermissions, findAppField, pickIssueTypes, type IssueTypeNames } from './preflight';
import { knownIssueIds, linkWaves, reconcile, requiredLinks, type Reconciled } from './reconcile';

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
}

/** RT1's answers, turned into a specific error before anything is written. */
function judgePreflight(projectKey: string, issueTypes: IssueTypeNames, settled: PromiseSettledResult<unknown>[]): Preflight {
  const [project, types, permissions, fields, found, users] = settled;
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
  return { typeIds, fields: fields.value as JiraField[], found: found.value as JiraIssue[], users: users.value as Map<string, JiraDirectoryUser> };
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
    ...(lost ? { completedAt: null, recordFingerprint: null, remoteLinkGlobalId: null } : {}),
  };
}

/** The plan record as compared between runs: without its timestamp, keys sorted (Jira need not keep their order). */
function recordFingerprintOf(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
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

function accountIdsOf(plan: GenerationPlan['plan']): string[] {
  return Object.values(plan.roles).flatMap((person) => (person?.accountId ? [person.accountId] : []));
}

function withJiraNames(generation: GenerationPlan, users: ReadonlyMap<string, JiraDirectoryUser>, input: GenerateInput): GenerationPlan {
  const { kickoff } = generation.plan;
  const unknown = Object.entries(kickoff.roles).flatMap(([role, person]) =>
    person?.accountId && !users.has(person.accountId) ? [{ field: `roles.${role}.accountId`, message: `Jira has no user with account id "${person.accountId}"` }] : [],
  );
  if (unknown.length > 0) throw kickoffInvalid(unknown);
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

export async function generatePlan(deps: GenerateDeps, input: GenerateInput): Promise<GenerateResult> {
  const options: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, ...deps.options };
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const owner = deps.owner ?? randomUUID();
  const deadline = now() + options.budgetMs;
  const jira = deps.jira.withDeadline(deadline);
  const metricsBefore = jira.metrics();

  let generation: GenerationPlan = buildGenerationPlan(input.kickoff, { projectKey: input.projectKey, page: input.page }, input.playbook, { today: input.today });
  const { plan } = generation;
  const applicableCount = generation.steps.filter((s) => s.applicable).length;
  const state: GenerateResultBase = {
    planId: plan.planId,
    epicKey: null,
    created: [],
    existing: [],
    total: applicableCount,
    completed: 0,
    notApplicable: [],
    duplicates: [],
    warnings: [...plan.warnings],
    requests: 0,
    roundTrips: 0,
  };
  const finish = (): GenerateResultBase => ({ ...state, ...diff(jira.metrics(), metricsBefore) });
  const running = (reason: StopReason, retryAfterMs: number): GenerateResult => ({ ...finish(), state: 'running', reason, retryAfterMs: Math.max(0, Math.ceil(retryAfterMs)) });

  if (!(await deps.ledger.claim(plan.planId, owner, options.leaseMs))) {
    const record = await deps.ledger.read(plan.planId);
    state.epicKey = record?.epic?.key ?? null;
    return running('locked', options.retryAfterMs);
  }
  try {
    await runSaga();
    return { ...finish(), state: 'done', epicKey: state.epicKey!, retryAfterMs: null };
  } catch (error) {
    if (error instanceof StopEarly) return running(error.reason, error.retryAfterMs);
    if (error instanceof JiraError && error.transient) return running('transient', options.retryAfterMs);
    if (error instanceof JiraError && error.code === 'unauthorized') throw new UseCaseError('not-authenticated', `Jira refused the credentials: ${error.message}`);
    throw error;
  } finally {
    await deps.ledger.release(plan.planId, owner);
  }

  async function runSaga(): Promise<void> {
    let record: LedgerEntry | null = await deps.ledger.read(plan.planId);
    const projectKey = plan.projectKey;

    // RT1: preflight and the search for this plan's issues, all in parallel. The search names every issue the
    // ledger knows (reconcileIssues: read as they are now), reads the plan record property and, when the ledger
    // knows the app's field ids, the Phase/RACI values: a re-run verifies each part in Jira, never only in the
    // ledger (which may be stale, lost, or from another site).
    const searchSentAt = now();
    const knownFields = record?.appFields ?? null;
    const page = plan.kickoff.page;
    const globalId = page ? remoteLinkGlobalId(page) : null;
    const remoteCheck: Promise<boolean | null> =
      record?.epic && globalId && page
        ? jira.getRemoteLinkUrl(record.epic.key, globalId).then(
            (url) => url === page.url,
            () => null,
          )
        : Promise.resolve(null);
    const preflight = judgePreflight(
      projectKey,
      options.issueTypes,
      await Promise.allSettled([
        jira.getProject(projectKey),
        jira.getCreatableIssueTypes(projectKey),
        jira.getMyPermissions(projectKey, Object.keys(REQUIRED_PERMISSIONS)),
        jira.getFields(),
        jira.searchIssues({
          jql: planIssuesJql(plan.planId),
          fields: ['summary', 'issuelinks', ...(knownFields ? [knownFields.phase, knownFields.raci] : [])],
          properties: [PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY],
          reconcileIssues: knownIssueIds(record),
        }),
        jira.getUsersByAccountId(accountIdsOf(plan)),
      ]),
    );
    // Names shown for Jira users are Jira's, whatever the kickoff said; an account Jira does not know is a
    // kickoff error, found before anything is written.
    generation = withJiraNames(generation, preflight.users, input);
    const remotePresent = await remoteCheck;
    const found = preflight.found.map(toFoundIssue);
    // What the ledger remembers but Jira no longer has (deleted, or another site) is forgotten: it is created again.
    const foundIds = new Set(found.map((f) => f.id));
    const verified = record ? verifiedRecord(record, foundIds) : null;
    let view = reconcile(generation, verified, found);
    state.existing = [view.epic?.key, ...[...view.stepIssues.values()].map((r) => r.key)].filter((k): k is string => !!k);
    state.epicKey = view.epic?.key ?? null;
    report(view);

    if (view.unresolvedPending) {
      // This search may have run too early to see what the unanswered create made.
      const visibleFrom = (view.unresolvedPending.settledBy ?? view.unresolvedPending.since) + options.maxIndexLagMs;
      if (searchSentAt < visibleFrom) throw new StopEarly('awaiting-index', visibleFrom - now());
    }
    // Adopt what the search found (creates whose response was lost: made by this generation, so they get the
    // app-field values too) and forget a pending create that evidently never happened.
    const adopted = adoptedFromPending(record?.pending ?? null, view);
    const phaseField = findAppField(preflight.fields, CUSTOM_FIELDS.phase.moduleKey);
    const raciField = findAppField(preflight.fields, CUSTOM_FIELDS.raci.moduleKey);
    const appFields = phaseField && raciField ? { phase: phaseField, raci: raciField } : null;
    const unsetValues = appFields ? stepsWithoutFieldValues(generation, view, preflight.found, appFields, knownFields) : [];
    const epicRecord = view.epic ? preflight.found.find((i) => i.id === view.epic!.id)?.properties?.[PLAN_RECORD_PROPERTY_KEY] : undefined;
    record = await deps.ledger.record(plan.planId, {
      projectKey,
      epic: view.epic ?? undefined,
      steps: Object.fromEntries([...view.stepIssues].map(([n, ref]) => [String(n), ref])),
      pending: null,
      fieldsPending: [...new Set([...(verified?.fieldsPending ?? []), ...adopted, ...unsetValues])],
      links: [],
      appFields,
      // Verified below against what Jira holds, not against the ledger.
      remoteLinkGlobalId: remotePresent ? globalId : null,
      recordFingerprint: epicRecord === undefined ? null : recordFingerprintOf(epicRecord),
      completedAt: completedAtOf(epicRecord),
    });

    // RT2: the plan epic.
    let epic = view.epic;
    if (!epic) {
      const created = await create({ epic: true, steps: [] }, () => jira.createIssue(epicIssueInput(generation, preflight.typeIds.epic)));
      epic = { id: created.id, key: created.key };
      record = await deps.ledger.record(plan.planId, { epic, pending: null });
      state.created.push(created.key);
    }
    state.epicKey = epic.key;

    // RT3: the missing applicable steps, in one bulk create.
    if (view.missingSteps.length > 0) {
      const numbers = view.missingSteps;
      const epicKey = epic.key;
      const result = await create({ epic: false, steps: numbers }, () =>
        jira.createIssues(numbers.map((n) => stepIssueInput(generation, generation.stepsByNumber.get(n)!, preflight.typeIds.task, epicKey))),
      );
      const made: [number, IssueRef][] = result.created.flatMap((c, i) => (c ? [[numbers[i], { id: c.id, key: c.key }] as [number, IssueRef]] : []));
      record = await deps.ledger.record(plan.planId, {
        steps: { ...record.steps, ...Object.fromEntries(made.map(([n, ref]) => [String(n), ref])) },
        pending: null,
        fieldsPending: [...record.fieldsPending, ...made.map(([, ref]) => ref.id)],
      });
      state.created.push(...made.map(([, ref]) => ref.key));
      view = reconcile(generation, record, found);
      report(view);
      if (result.failures.length > 0) {
        const details = result.failures.map((f) => `step ${numbers[f.index]}: ${f.messages.join('; ') || `status ${f.status}`}`);
        throw new UseCaseError('create-rejected', `Jira rejected ${result.failures.length} step issue(s): ${details.join(' | ')}`, { failures: details });
      }
    }

    // RT4: everything that hangs off the issues, in parallel.
    checkBudget();
    await finalWave(record, epic, view, preflight.fields);
  }

  function report(view: Reconciled): void {
    state.completed = generation.steps.filter((s) => s.applicable && view.stepIssues.has(s.number)).length;
    state.notApplicable = view.notApplicable;
    state.duplicates = view.duplicates;
  }

  /** Ids of issues a lost create made, now found by the search. */
  function adoptedFromPending(pending: PendingCreate | null, view: Reconciled): string[] {
    if (!pending) return [];
    return pending.steps.flatMap((n) => {
      const ref = view.stepIssues.get(n);
      return ref ? [ref.id] : [];
    });
  }

  function checkBudget(): void {
    if (now() >= deadline) throw new StopEarly('budget', 0);
  }

  /**
   * Records the create as pending (renewing the lease first), sends it, and clears the pending mark when
   * Jira definitely answered. An unknown outcome stays pending: the next call reconciles it.
   */
  async function create<T>(what: { epic: boolean; steps: number[] }, send: () => Promise<T>): Promise<T> {
    checkBudget();
    if (!(await deps.ledger.claim(plan.planId, owner, options.leaseMs))) throw new StopEarly('locked', options.retryAfterMs);
    const since = now();
    await deps.ledger.record(plan.planId, { pending: { ...what, since, settledBy: deadline + options.requestTimeoutMs } });
    try {
      return await send();
    } catch (error) {
      // A lost answer, or a success we could not read: the create may have happened.
      if (error instanceof JiraOutcomeUnknownError || error instanceof JiraBadResponseError) {
        // No attempt of this create is in flight any more: anything it made is committed by now.
        await deps.ledger.record(plan.planId, { pending: { ...what, since, settledBy: now() } });
        throw new StopEarly('awaiting-index', options.maxIndexLagMs);
      }
      // Refused before anything was written (validation, permission, rate limit after every retry).
      await deps.ledger.record(plan.planId, { pending: null });
      throw error;
    }
  }

  async function finalWave(record: LedgerEntry, epic: IssueRef, view: Reconciled, fields: JiraField[]): Promise<void> {
    const keyOf = (n: number) => view.stepIssues.get(n)!.key;
    const missingLinks = requiredLinks(generation).filter((l) => !view.links.has(l));
    const linkedNow: string[] = [];
    const linkTask = (async () => {
      for (const [i, wave] of linkWaves(missingLinks, options.linkWritesPerIssue).entries()) {
        if (i > 0) {
          checkBudget();
          await sleep(options.linkWavePauseMs);
        }
        const results = await Promise.allSettled(
          wave.map(async (link) => {
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
    const globalId = page ? remoteLinkGlobalId(page) : null;
    const remoteTask =
      page && globalId && record.remoteLinkGlobalId !== globalId
        ? jira.upsertRemoteLink(epic.key, { globalId, url: page.url, title: page.title ?? plan.title, relationship: 'generated from' })
        : Promise.resolve();

    const phaseField = findAppField(fields, CUSTOM_FIELDS.phase.moduleKey);
    const raciField = findAppField(fields, CUSTOM_FIELDS.raci.moduleKey);
    const canSetFields = phaseField !== null && raciField !== null && jira.canActAsApp();
    const updates = canSetFields ? fieldValueUpdates(generation, view.stepIssues, record.fieldsPending, { phase: phaseField, raci: raciField }) : [];
    if (!canSetFields && record.fieldsPending.length > 0) {
      state.warnings.push(
        jira.canActAsApp()
          ? "The app's Phase and RACI fields are not on this site; their values were not set."
          : 'Phase and RACI field values are set only by the Forge app (Jira accepts them from the app alone); they were not set.',
      );
    }
    // Only issues this generation created (fieldsPending) get app-identity writes.
    const fieldTask = updates.length > 0 ? jira.setAppFieldValues(updates) : Promise.resolve();

    // The completion record on the epic goes out in the same wave; should anything else in the wave fail,
    // the ledger is not marked complete and the next call writes it again.
    // A re-run that changes nothing writes nothing: the record is compared without its timestamp.
    const stepKeys = new Map([...view.stepIssues].map(([n, ref]) => [n, ref.key]));
    const completionRecord = (completedAt: number) => planRecordValue(generation, { state: 'done', completedAt, stepKeys, notApplicable: view.notApplicable });
    const recordFingerprint = recordFingerprintOf(completionRecord(0));
    const recordUnchanged = record.completedAt !== null && record.recordFingerprint === recordFingerprint;
    const completedAt = recordUnchanged && record.completedAt !== null ? record.completedAt : now();
    const recordTask = recordUnchanged ? Promise.resolve() : jira.setIssueProperty(epic.key, PLAN_RECORD_PROPERTY_KEY, completionRecord(completedAt));

    const [links, remote, fieldValues, completion] = await Promise.allSettled([linkTask, remoteTask, fieldTask, recordTask]);
    await deps.ledger.record(plan.planId, {
      links: [...new Set([...record.links, ...view.links, ...linkedNow])].sort(),
      ...(remote.status === 'fulfilled' && globalId ? { remoteLinkGlobalId: globalId } : {}),
      ...(fieldValues.status === 'fulfilled' ? { fieldsPending: [] } : {}),
    });
    for (const settled of [links, remote, fieldValues, completion]) if (settled.status === 'rejected') throw settled.reason;
    await deps.ledger.record(plan.planId, { completedAt, recordFingerprint });
  }
}
