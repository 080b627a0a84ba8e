/**
 * Planning the upgrade of a running plan to another template version: what would be created, updated and
 * left alone, and why. Pure: the caller supplies each existing step's state (from Jira) and whether anyone
 * edited it since generation (from the fingerprint stored at generation); applying the preview is the
 * upgrade saga's job. Nothing is ever deleted: a step the new version no longer has, or that left the plan's
 * scope, is left alone and flagged.
 */
import type { Kickoff } from './kickoff';
import { buildPlan, type ApplicablePlanStep, type Plan } from './plan';
import { diffStep, loadPlaybook, type PlaybookData, type StepData, type StepFieldChange } from './playbook';

export type StepWorkState = 'done' | 'in-progress' | 'not-started';

/** One step issue the plan has. */
export interface ExistingStep {
  /** The step's number in the plan's current template version (`from`). */
  number: number;
  issueKey: string;
  state: StepWorkState;
  /** Someone changed the issue's text, RACI or schedule since generation (its fingerprint no longer matches). */
  editedSinceGeneration: boolean;
  /** The assignee and due date the app last wrote (from its fingerprint): a kickoff edit that moves them updates the step. */
  written?: { assignee: string | null; due: string | null };
  /**
   * Whether the issue already says what the app would write for this step of `to` under the kickoff (the
   * fingerprints agree): an update already applied (a resumed or repeated apply) is not applied again.
   */
  upToDate?: (planned: ApplicablePlanStep) => boolean;
}

export interface UpgradeInput {
  /** The version the plan was generated from (or last upgraded to). */
  from: PlaybookData;
  to: PlaybookData;
  /** The plan's kickoff, as recorded (its optional-step choices keyed by `from`'s step numbers). */
  kickoff: Kickoff;
  steps: readonly ExistingStep[];
}

/** Fields that change what a step's issue says; `authoringNotes` and `conditions` do not reach the issue. */
export type IssueFieldChange =
  | StepFieldChange
  | { field: 'number'; before: number; after: number }
  /** A kickoff edit: another person responsible, or a new schedule. */
  | { field: 'assignee' | 'due'; before: string | null; after: string | null };

export interface StepToCreate {
  id: string;
  number: number;
  title: string;
  phase: string;
  /** From the new version's forecast for this kickoff. */
  start: string;
  due: string;
  /** Applicable steps (new numbers) it waits for: its Blocks links. */
  dependsOn: number[];
}

export interface StepToUpdate {
  id: string;
  issueKey: string;
  /** The step's number in `to` (and in `from`). */
  number: number;
  previousNumber: number;
  title: string;
  fields: IssueFieldChange[];
}

export type LeaveReason = 'removed-from-template' | 'out-of-scope' | 'done' | 'in-progress' | 'edited' | 'unchanged';

export interface StepLeftAlone {
  id: string;
  issueKey: string;
  /** Its number in `to`, or in `from` when the new version no longer has it. */
  number: number;
  previousNumber: number;
  title: string;
  state: StepWorkState;
  reason: LeaveReason;
  /** Removed from the template or out of the plan's scope: shown to the PM, never deleted. */
  flagged: boolean;
  /** What the new version changed in this step but the upgrade does not apply (because of `reason`). */
  notApplied: IssueFieldChange[];
}

export interface UpgradePreview {
  from: string;
  to: string;
  create: StepToCreate[];
  update: StepToUpdate[];
  leave: StepLeftAlone[];
  /** The kickoff for `to`: optional-step choices re-keyed to the new step numbers. */
  kickoff: Kickoff;
  /** Optional-step choices (old numbers) that no longer apply: the step was removed or is no longer optional. */
  droppedChoices: string[];
  /** The plan as `to` builds it for this kickoff (dates, links, people). */
  plan: Plan;
}

const isOptional = (step: StepData) => step.conditions.some((c) => c.kind === 'optional');

/** Re-keys the kickoff's optional-step choices from `from`'s step numbers to `to`'s, through the step ids. */
export function kickoffForVersion(kickoff: Kickoff, from: PlaybookData, to: PlaybookData): { kickoff: Kickoff; droppedChoices: string[] } {
  const fromById = new Map(from.steps.map((s) => [String(s.number), s.id]));
  const toById = new Map(to.steps.map((s) => [s.id, s]));
  const optionalSteps: Record<string, boolean> = {};
  const droppedChoices: string[] = [];
  for (const [key, on] of Object.entries(kickoff.optionalSteps)) {
    const step = toById.get(fromById.get(key) ?? '');
    if (step && isOptional(step)) optionalSteps[String(step.number)] = on;
    else droppedChoices.push(key);
  }
  return { kickoff: { ...kickoff, optionalSteps }, droppedChoices };
}

/** The fields of a step that its issue shows and that differ between the versions (number included). */
function issueChanges(before: StepData, after: StepData): IssueFieldChange[] {
  const fields: IssueFieldChange[] = diffStep(before, after).filter((c) => c.field !== 'authoringNotes' && c.field !== 'conditions');
  return before.number === after.number ? fields : [{ field: 'number', before: before.number, after: after.number }, ...fields];
}

/** The assignee and due date the kickoff now gives a step, where they differ from what the app wrote. */
function kickoffChanges(existing: ExistingStep, planned: ApplicablePlanStep): IssueFieldChange[] {
  if (!existing.written) return [];
  const changes: IssueFieldChange[] = [];
  if (existing.written.assignee !== planned.assignee.accountId)
    changes.push({ field: 'assignee', before: existing.written.assignee, after: planned.assignee.accountId });
  if (existing.written.due !== planned.due) changes.push({ field: 'due', before: existing.written.due, after: planned.due });
  return changes;
}

/**
 * What upgrading the plan from `from` to `to` does. Throws `KickoffInvalidError` when the plan's kickoff is
 * not valid for the new version (e.g. the new version makes a role Responsible that the kickoff lacks), and
 * a RangeError when an existing step's number is not a step of `from`.
 */
export function planUpgrade(input: UpgradeInput): UpgradePreview {
  const { from, to } = input;
  const { kickoff, droppedChoices } = kickoffForVersion(input.kickoff, from, to);
  const plan = buildPlan(kickoff, loadPlaybook(to));
  const fromByNumber = new Map(from.steps.map((s) => [s.number, s]));
  const toById = new Map(to.steps.map((s) => [s.id, s]));
  const applicable = new Map(plan.steps.filter((s): s is ApplicablePlanStep => s.applicable).map((s) => [s.number, s]));

  const existingIds = new Set<string>();
  const update: StepToUpdate[] = [];
  const leave: StepLeftAlone[] = [];
  for (const existing of input.steps) {
    const old = fromByNumber.get(existing.number);
    if (!old) throw new RangeError(`Plan step ${existing.number} (${existing.issueKey}) is not a step of playbook ${from.version}`);
    existingIds.add(old.id);
    const next = toById.get(old.id);
    const base = { id: old.id, issueKey: existing.issueKey, previousNumber: old.number, state: existing.state };
    if (!next) {
      leave.push({ ...base, number: old.number, title: old.title, reason: 'removed-from-template', flagged: true, notApplied: [] });
      continue;
    }
    const planned = applicable.get(next.number);
    const changes: IssueFieldChange[] = [...issueChanges(old, next), ...(planned ? kickoffChanges(existing, planned) : [])];
    const alone = (reason: LeaveReason, flagged = false) =>
      leave.push({ ...base, number: next.number, title: next.title, reason, flagged, notApplied: reason === 'unchanged' ? [] : changes });
    if (!applicable.has(next.number)) alone('out-of-scope', true);
    else if (existing.state === 'done') alone('done');
    else if (existing.state === 'in-progress') alone('in-progress');
    else if (changes.length === 0 || (planned && existing.upToDate?.(planned))) alone('unchanged');
    else if (existing.editedSinceGeneration) alone('edited');
    else update.push({ id: old.id, issueKey: existing.issueKey, number: next.number, previousNumber: old.number, title: next.title, fields: changes });
  }

  const create: StepToCreate[] = to.steps.flatMap((step) => {
    const planned = applicable.get(step.number);
    if (!planned || existingIds.has(step.id)) return [];
    return [{ id: step.id, number: step.number, title: step.title, phase: step.phase, start: planned.start, due: planned.due, dependsOn: planned.dependsOn }];
  });

  update.sort((a, b) => a.number - b.number);
  leave.sort((a, b) => a.previousNumber - b.previousNumber);
  return { from: from.version, to: to.version, create, update, leave, kickoff, droppedChoices, plan };
}
