/**
 * The plan a resolver call updates, from the Forge context only: the macro's page and saved kickoff, or the
 * panel's issue. The payload chooses the target (a version, whether the saved kickoff counts), never the plan.
 */
import { macroConfigSchema, type ApplyPlanUpdateResult, type PageRef, type PlanUpdatePayload, type PlanUpdateView } from '../../contract';
import { PLAYBOOK_PROPERTY_KEY, stepPropertyValueSchema, planPropertyValueSchema } from '../../core';
import { JiraError } from '../../jira';
import { UseCaseError } from '../errors';
import type { PlanLocator } from '../plan-read';
import { planIdOf, toKickoffInput } from '../planning';
import { applyPlanUpdate, previewPlanUpdate, type PlanUpdateDeps, type PlanUpdatePreview, type PlanUpdateRequest } from './plan-update';

export interface PlanUpdateWhere {
  /** The macro's saved configuration (untrusted), when called from the macro. */
  macroConfig: unknown;
  hostPage: PageRef | null;
  /** The issue the panel shows, when called from the panel. */
  issueKey: string | null;
}

interface Located {
  locator: PlanLocator;
  /** The macro's saved kickoff (unvalidated), when there is one. */
  savedKickoff: unknown;
}

async function locate(deps: PlanUpdateDeps, where: PlanUpdateWhere): Promise<Located> {
  const config = macroConfigSchema.safeParse(where.macroConfig);
  if (config.success) return { locator: { planId: planIdOf(config.data.kickoff, where.hostPage) }, savedKickoff: toKickoffInput(config.data.kickoff) };
  if (where.issueKey) {
    let raw: unknown;
    try {
      raw = await deps.jira.getIssueProperty(where.issueKey, PLAYBOOK_PROPERTY_KEY);
    } catch (error) {
      if (error instanceof JiraError && error.code === 'not-found') raw = undefined;
      else throw error;
    }
    const step = stepPropertyValueSchema.safeParse(raw);
    const plan = planPropertyValueSchema.safeParse(raw);
    const planId = step.success ? step.data.planId : plan.success ? plan.data.planId : null;
    if (planId) return { locator: { planId }, savedKickoff: undefined };
  }
  throw new UseCaseError('plan-not-found', 'No plan here to update: generate the plan from its kickoff first.');
}

async function request(
  deps: PlanUpdateDeps,
  where: PlanUpdateWhere,
  payload: PlanUpdatePayload,
): Promise<{ locator: PlanLocator; request: PlanUpdateRequest }> {
  const located = await locate(deps, where);
  const version = payload.version === undefined || payload.version === 'latest' ? await latestVersion(deps) : payload.version;
  const useSaved = payload.kickoff !== 'recorded' && located.savedKickoff !== undefined;
  return { locator: located.locator, request: { ...(version ? { version } : {}), ...(useSaved ? { kickoff: located.savedKickoff } : {}) } };
}

async function latestVersion(deps: PlanUpdateDeps): Promise<string | undefined> {
  return deps.templates?.current ? (await deps.templates.current()).version : undefined;
}

export function planUpdateView(preview: PlanUpdatePreview): PlanUpdateView {
  return {
    planId: preview.planId,
    epicKey: preview.epicKey,
    from: preview.from,
    to: preview.to,
    kickoffChanged: preview.kickoffChanged,
    upToDate: preview.upToDate,
    applicableSteps: preview.applicableSteps,
    create: preview.create.map((c) => ({ id: c.id, number: c.number, title: c.title, phase: c.phase, start: c.start, due: c.due, dependsOn: c.dependsOn })),
    update: preview.update.map((u) => ({
      id: u.id,
      issueKey: u.issueKey,
      number: u.number,
      previousNumber: u.previousNumber,
      title: u.title,
      fields: u.fields.map((f) => f.field),
    })),
    leave: preview.leave.map((l) => ({
      id: l.id,
      issueKey: l.issueKey,
      number: l.number,
      previousNumber: l.previousNumber,
      title: l.title,
      reason: l.reason,
      flagged: l.flagged,
      notApplied: l.notApplied.map((f) => f.field),
    })),
    renumbered: preview.renumbered.length,
  };
}

/** The update the context's plan would take (a template version, the saved kickoff), as the user. */
export async function previewPlanUpdateHere(deps: PlanUpdateDeps, where: PlanUpdateWhere, payload: PlanUpdatePayload): Promise<PlanUpdateView> {
  const { locator, request: r } = await request(deps, where, payload);
  return planUpdateView(await previewPlanUpdate(deps, locator, r));
}

/** Applies it (one resumable step: call again while `running`), as the user `by`. */
export async function applyPlanUpdateHere(
  deps: PlanUpdateDeps,
  where: PlanUpdateWhere,
  payload: PlanUpdatePayload,
  by: string,
): Promise<ApplyPlanUpdateResult> {
  const { locator, request: r } = await request(deps, where, payload);
  const result = await applyPlanUpdate(deps, locator, { ...r, by });
  const update = planUpdateView(result.preview);
  return result.state === 'running'
    ? { state: 'running', retryAfterMs: result.retryAfterMs, update }
    : { state: 'done', retryAfterMs: null, created: result.created, updated: result.updated, flagged: result.flagged, update };
}
