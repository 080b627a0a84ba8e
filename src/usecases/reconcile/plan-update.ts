/**
 * One reconcile path for every change to a running plan: a new template version, an edited kickoff, or both.
 * Preview and apply compute the same thing from the plan as Jira holds it (one search) and the target
 * (template version, kickoff) with `planUpgrade`: new applicable steps to create, open steps nobody edited
 * since the app wrote them to update, everything else left alone with its reason (flagged when it left the
 * template or the plan's scope; nothing is deleted).
 *
 * Apply, under generation's plan-ledger lease:
 *   RT1 the plan (one search; the ledger's issues read as they are now, whatever the index says)
 *   RT2 in parallel: each update (fields and the step property with its new fingerprint in ONE edit, so Jira
 *       never holds new text with an old fingerprint), each kept step's property moved to its number in the
 *       new version, each removed step's property retired (kind `retired`: no longer a step of the plan, still
 *       under its epic), and the epic's property on the new version (`playbookVersion`)
 *   then the ledger is rewritten from what RT1 found (new numbers), and generation's own saga runs with the
 *   new template and kickoff: it creates the missing steps (pending-before-send, resumable, verified in Jira),
 *   links them, sets their Phase/RACI values and writes the plan record (new version, kickoff, baseline,
 *   version history).
 * Every write is idempotent or generation's; a call that stops early answers `running` and the next call
 * recomputes from Jira. Once applied, the plan IS the target: a re-run finds nothing to do and writes nothing.
 */
import {
  BUILT_IN_PLAYBOOKS,
  PLAYBOOK_PROPERTY_KEY,
  compareVersions,
  derivePlaybook,
  fingerprintDifferences,
  kickoffForVersion,
  planUpgrade,
  sameData,
  storedFingerprint,
  type ExistingStep,
  type Kickoff,
  type PlaybookData,
  type UpgradePreview,
} from '../../core';
import { JiraError } from '../../jira';
import type { IssueRef, PlanLedger } from '../../storage';
import { nowOf, todayOf, type UseCaseDeps } from '../deps';
import { requireProjectPermissions, WRITE_PERMISSIONS } from '../authorize';
import { UseCaseError } from '../errors';
import { buildGenerationPlan, generatePlan, stepIssueContent, type GenerateOptions, type GenerateResult, type GenerationPlan } from '../generate';
import type { PlanLocator } from '../plan-read';
import { readPlanState, type PlanState, type StepIssueState } from './state';

/** Published versions (the template store), read by version. */
export interface TemplateSource {
  get(version: string): Promise<PlaybookData | null>;
  /** The latest published version (the built-in one when none is). */
  current?(): Promise<PlaybookData>;
}

export interface PlanUpdateDeps extends UseCaseDeps {
  ledger: PlanLedger;
  /** Published versions beyond the built-in ones; null: built-in only. */
  templates: TemplateSource | null;
  /** Epoch ms (generation's clock), for the lease and the budget. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  owner?: string;
  options?: Partial<GenerateOptions>;
}

export interface PlanUpdateRequest {
  /** The template version to move to; omitted: the plan's own (a kickoff edit). */
  version?: string;
  /** The edited kickoff (unvalidated); omitted: the plan's. Its project and page are always the plan's. */
  kickoff?: unknown;
}

export interface StepIssueMove {
  issueKey: string;
  id: string;
  from: { version: string; number: number };
  to: { version: string; number: number };
}

export interface PlanUpdatePreview extends Omit<UpgradePreview, 'plan' | 'kickoff'> {
  planId: string;
  epicKey: string;
  kickoffChanged: boolean;
  /** Steps that will have an issue after the update (the macro's step count). */
  applicableSteps: number;
  /** Nothing to create, update, flag or renumber: the plan is the target already. */
  upToDate: boolean;
  /** Issues whose step number moves with the new version (bookkeeping in their property; their text is left alone). */
  renumbered: StepIssueMove[];
}

export type PlanUpdateResult =
  | { state: 'running'; reason: 'locked' | 'awaiting-index' | 'budget' | 'transient'; retryAfterMs: number; preview: PlanUpdatePreview }
  | { state: 'done'; created: string[]; updated: string[]; flagged: string[]; preview: PlanUpdatePreview; requests: number; roundTrips: number };

interface Prepared {
  state: PlanState;
  from: PlaybookData;
  to: PlaybookData;
  /** The validated kickoff in `to`'s numbering, with the plan's project and page. */
  kickoff: Kickoff;
  target: GenerationPlan;
  upgrade: UpgradePreview;
  preview: PlanUpdatePreview;
  /** Each step issue's step id, by issue id. */
  stepIdOf: Map<string, string>;
}

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

async function templateOf(deps: PlanUpdateDeps, version: string): Promise<PlaybookData> {
  const builtIn = BUILT_IN_PLAYBOOKS.find((t) => t.version === version);
  const found = builtIn ?? (deps.templates ? await deps.templates.get(version) : null);
  if (!found) throw new UseCaseError('template-version-not-found', `There is no published playbook version ${version}.`, { version });
  return found;
}

/** A due date the app moved when a PM applied the forecast is the app's, not an edit. */
function forecastDues(record: Record<string, unknown>): Map<string, Set<string>> {
  const dues = new Map<string, Set<string>>();
  const applications = Array.isArray(record.forecastApplications) ? record.forecastApplications : [];
  for (const application of applications) {
    const changes = asObject(application).changes;
    for (const change of Array.isArray(changes) ? changes : []) {
      const { key, to } = asObject(change);
      if (typeof key === 'string' && typeof to === 'string') dues.set(key, (dues.get(key) ?? new Set()).add(to));
    }
  }
  return dues;
}

function editedSinceWritten(step: StepIssueState, appDues: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  // No fingerprint (generated before they were kept): what the app wrote is unknown, so never overwrite it.
  if (!step.written) return true;
  return fingerprintDifferences(step.written, step.current).some(
    (field) => !(field === 'due' && step.current.due && appDues.get(step.key)?.has(step.current.due)),
  );
}

async function prepare(deps: PlanUpdateDeps, locator: PlanLocator, request: PlanUpdateRequest, knownIssueIds: readonly number[] = []): Promise<Prepared> {
  const state = await readPlanState(deps, locator, knownIssueIds);
  const recordVersion = typeof state.record.templateVersion === 'string' ? state.record.templateVersion : state.epic.property.templateVersion;
  const from = await templateOf(deps, recordVersion);
  const to = request.version === undefined ? from : await templateOf(deps, request.version);
  if (compareVersions(to.version, from.version) < 0)
    throw new UseCaseError('update-invalid', `Plan ${state.epic.key} is on playbook v${from.version}; it cannot move back to v${to.version}.`, {
      from: from.version,
      to: to.version,
    });

  // The project and the page are the plan's: no payload moves a plan.
  const recorded = asObject(state.record.kickoff);
  const { page: _ignored, ...edited } = asObject(request.kickoff ?? recorded);
  const input = { ...edited, projectKey: state.projectKey, ...(recorded.page !== undefined ? { page: recorded.page } : {}) };
  const today = todayOf(deps);
  const current = buildGenerationPlan(input, {}, derivePlaybook(from), { today });
  if (current.plan.planId !== state.planId)
    throw new UseCaseError(
      'update-invalid',
      `This kickoff names another plan (${current.plan.planId}, not ${state.planId}): its biller and core system identify a plan without a page, so they cannot change.`,
      { planId: state.planId },
    );
  const kickoffChanged = !sameData(current.plan.kickoff, recorded);
  const { kickoff } = kickoffForVersion(current.plan.kickoff, from, to);
  const target = buildGenerationPlan(kickoff, {}, derivePlaybook(to), { today });

  // Each issue is the step its own property names, in the version its property names.
  const versions = new Map([
    [from.version, from],
    [to.version, to],
  ]);
  const fromById = new Map(from.steps.map((s) => [s.id, s]));
  const stepIdOf = new Map<string, string>();
  const seen = new Set<string>();
  const existing: ExistingStep[] = [];
  const appDues = forecastDues(state.record);
  for (const step of state.steps) {
    const id = versions.get(step.property.templateVersion)?.steps.find((s) => s.number === step.property.step)?.id;
    // Another version's numbering (not this update's), or a second issue for one step: left as it is.
    if (!id || seen.has(id)) continue;
    seen.add(id);
    stepIdOf.set(step.id, id);
    const old = fromById.get(id);
    if (!old) continue; // a step of `to` only: created by an earlier call of this update
    existing.push({
      number: old.number,
      issueKey: step.key,
      state: step.state,
      editedSinceGeneration: editedSinceWritten(step, appDues),
      ...(step.written ? { written: { assignee: step.written.assignee, due: step.written.due } } : {}),
      upToDate: (planned) => {
        const wanted = storedFingerprint(stepIssueContent(target, target.stepsByNumber.get(planned.number)!).property);
        return step.written !== null && wanted !== null && fingerprintDifferences(step.written, wanted).length === 0;
      },
    });
  }
  const upgrade = planUpgrade({ from, to, kickoff: current.plan.kickoff, steps: existing });
  const create = upgrade.create.filter((c) => !seen.has(c.id));
  const toById = new Map(to.steps.map((s) => [s.id, s]));
  const updating = new Set(upgrade.update.map((u) => u.issueKey));
  const renumbered = state.steps.flatMap((step): StepIssueMove[] => {
    const id = stepIdOf.get(step.id);
    const next = id ? toById.get(id) : undefined;
    if (!next || updating.has(step.key)) return [];
    if (step.property.templateVersion === to.version && step.property.step === next.number) return [];
    return [
      {
        issueKey: step.key,
        id: step.id,
        from: { version: step.property.templateVersion, number: step.property.step },
        to: { version: to.version, number: next.number },
      },
    ];
  });
  const flaggedRemoved = upgrade.leave.filter((l) => l.reason === 'removed-from-template');
  const epicBehind = state.epic.property.templateVersion !== to.version;
  const upToDate =
    !kickoffChanged &&
    from.version === to.version &&
    create.length === 0 &&
    upgrade.update.length === 0 &&
    renumbered.length === 0 &&
    flaggedRemoved.length === 0 &&
    !epicBehind;
  const { plan: _plan, kickoff: _kickoff, ...rest } = upgrade;
  return {
    state,
    from,
    to,
    kickoff,
    target,
    upgrade: { ...upgrade, create },
    stepIdOf,
    preview: {
      ...rest,
      create,
      planId: state.planId,
      epicKey: state.epic.key,
      kickoffChanged,
      applicableSteps: target.plan.steps.filter((s) => s.applicable).length,
      upToDate,
      renumbered,
    },
  };
}

/** What updating the plan to the target would create, update and leave alone (reads only: one search). */
export async function previewPlanUpdate(deps: PlanUpdateDeps, locator: PlanLocator, request: PlanUpdateRequest): Promise<PlanUpdatePreview> {
  return (await prepare(deps, locator, request)).preview;
}

/** The plan record's version history, with this update appended; and the baseline the updated plan is measured against. */
function recordExtras(p: Prepared, by: string, at: string): Record<string, unknown> {
  const stored = asObject(p.state.record.baseline);
  const history = Array.isArray(p.state.record.versionHistory) ? p.state.record.versionHistory : [];
  const changed = p.preview.kickoffChanged || p.from.version !== p.to.version;
  if (!changed) return 'baseline' in p.state.record ? { baseline: p.state.record.baseline } : {};
  const baseline = p.target.plan.baseline;
  const previousGoLive = typeof stored.goLive === 'string' ? stored.goLive : baseline.goLive;
  const reason =
    p.from.version !== p.to.version
      ? `Updated from playbook v${p.from.version} to v${p.to.version}${p.preview.kickoffChanged ? ' with an edited kickoff' : ''}`
      : 'Kickoff edited';
  return {
    baseline: {
      ...baseline,
      rebaselines: [...(Array.isArray(stored.rebaselines) ? stored.rebaselines : []), { by, at, reason, previousGoLive, goLive: baseline.goLive }],
    },
    versionHistory: [
      ...(history.length === 0 ? [{ version: p.from.version, at: null, by: null, reason: 'Generated' }] : history),
      { version: p.to.version, at, by, reason },
    ],
  };
}

/** The ids of the issues the ledger knows (read as they are now by the first search). */
function ledgerIds(entry: Awaited<ReturnType<PlanLedger['read']>>): number[] {
  if (!entry) return [];
  return [entry.epic, ...Object.values(entry.steps)].flatMap((ref) => (ref ? [Number(ref.id)] : [])).filter(Number.isFinite);
}

/**
 * Applies the update (see the module comment). `by` is the acting account (from the Forge context or the
 * CLI's credentials). Answers `running` when it must stop early; call again until `done`.
 */
export async function applyPlanUpdate(deps: PlanUpdateDeps, locator: PlanLocator, request: PlanUpdateRequest & { by: string }): Promise<PlanUpdateResult> {
  const before = deps.jira.metrics();
  let p = await prepare(deps, locator, request);
  const ledgerEntry = await deps.ledger.read(p.state.planId);
  const known = ledgerIds(ledgerEntry);
  const seenIds = new Set([p.state.epic.id, ...p.state.steps.map((s) => s.id)]);
  // The index lags the last call's writes: read the ledger's issues as they are now.
  if (known.some((id) => !seenIds.has(String(id)))) p = await prepare(deps, { planId: p.state.planId }, request, known);
  const { state, preview } = p;
  // Authorize before any write (the lease, the ledger, Jira): asked of Jira, as the user, in the plan's project.
  await requireProjectPermissions(deps.jira, state.projectKey, WRITE_PERMISSIONS.planUpdate);
  const owner = deps.owner ?? `plan-update:${Math.random().toString(36).slice(2)}`;
  const options = { ...deps.options };
  const leaseMs = options.leaseMs ?? 60_000;
  const running = (reason: 'locked' | 'awaiting-index' | 'budget' | 'transient', retryAfterMs: number): PlanUpdateResult => ({
    state: 'running',
    reason,
    retryAfterMs,
    preview,
  });
  if (!(await deps.ledger.claim(state.planId, owner, leaseMs))) return running('locked', options.retryAfterMs ?? 1_000);

  let generation: GenerateResult;
  try {
    const entry = await deps.ledger.read(state.planId);
    // A create of this update's generation is unanswered: generation settles it before anything is renumbered.
    if (!entry?.pending) await reconcileExisting(deps, p);
    generation = await generatePlan(
      { jira: deps.jira, ledger: deps.ledger, owner, options, ...(deps.clock ? { now: deps.clock } : {}), ...(deps.sleep ? { sleep: deps.sleep } : {}) },
      { kickoff: p.kickoff, playbook: derivePlaybook(p.to), today: todayOf(deps), recordExtras: recordExtras(p, request.by, nowOf(deps)) },
    );
  } catch (error) {
    await deps.ledger.release(state.planId, owner);
    if (error instanceof JiraError && error.transient) return running('transient', options.retryAfterMs ?? 1_000);
    throw error;
  }
  if (generation.state === 'running') return running(generation.reason, generation.retryAfterMs);
  const after = deps.jira.metrics();
  const flagged = preview.leave.filter((l) => l.flagged).map((l) => l.issueKey);
  return {
    state: 'done',
    created: generation.created,
    updated: preview.update.map((u) => u.issueKey),
    flagged,
    preview,
    requests: after.requests - before.requests,
    roundTrips: after.roundTrips - before.roundTrips,
  };
}

/**
 * RT2 and the ledger: the updates, the renumbering, the retired steps and the epic's version, in parallel;
 * then the ledger's steps rewritten from what the search found, in the new numbering.
 */
async function reconcileExisting(deps: PlanUpdateDeps, p: Prepared): Promise<void> {
  const { state, target, to, upgrade } = p;
  const byKey = new Map(state.steps.map((s) => [s.key, s]));
  const writes: Promise<void>[] = [];
  for (const update of upgrade.update) {
    const step = target.stepsByNumber.get(update.number)!;
    const { labels: _labels, ...fields } = stepIssueContent(target, step).fields;
    const content = stepIssueContent(target, step);
    writes.push(deps.jira.editIssue(update.issueKey, { fields, properties: [{ key: PLAYBOOK_PROPERTY_KEY, value: content.property }] }));
  }
  for (const move of p.preview.renumbered) {
    const property = byKey.get(move.issueKey)!.property;
    writes.push(deps.jira.setIssueProperty(move.issueKey, PLAYBOOK_PROPERTY_KEY, { ...property, step: move.to.number, templateVersion: to.version }));
  }
  for (const removed of upgrade.leave.filter((l) => l.reason === 'removed-from-template')) {
    const property = byKey.get(removed.issueKey)?.property;
    if (property) writes.push(deps.jira.setIssueProperty(removed.issueKey, PLAYBOOK_PROPERTY_KEY, { ...property, kind: 'retired', retiredIn: to.version }));
  }
  const epicProperty = {
    ...state.epic.storedProperty,
    templateVersion: to.version,
    title: target.plan.title,
    biller: target.plan.biller,
    coreSystem: target.plan.coreSystem,
  };
  if (!sameData(epicProperty, state.epic.storedProperty)) writes.push(deps.jira.setIssueProperty(state.epic.key, PLAYBOOK_PROPERTY_KEY, epicProperty));
  const settled = await Promise.allSettled(writes);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;

  const toById = new Map(to.steps.map((s) => [s.id, s]));
  const removed = new Set(upgrade.leave.filter((l) => l.reason === 'removed-from-template').map((l) => l.issueKey));
  const steps: Record<string, IssueRef> = {};
  for (const step of state.steps) {
    const next = toById.get(p.stepIdOf.get(step.id) ?? '');
    if (next && !removed.has(step.key)) steps[String(next.number)] = { id: step.id, key: step.key };
  }
  const entry = await deps.ledger.read(state.planId);
  await deps.ledger.record(state.planId, {
    projectKey: state.projectKey,
    epic: { id: state.epic.id, key: state.epic.key },
    steps,
    links: [],
    pending: null,
    fieldsPending: [...new Set([...(entry?.fieldsPending ?? []), ...upgrade.update.map((u) => byKey.get(u.issueKey)!.id)])],
    recordFingerprint: null,
    completedAt: null,
  });
}
