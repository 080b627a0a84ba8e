/**
 * The macro on a page: its saved kickoff (re-validated), the plan generated from it, if any, and before
 * generation everything the macro shows — the preview and whether the viewer may generate — in one resolver
 * call: the plan read, the preview's reads and the permission check go to Jira side by side (one round trip).
 */
import { macroConfigSchema, type MacroStateResult, type PageRef, type PreviewPlanResult } from '../../contract';
import { CURRENT_PLAYBOOK, KickoffInvalidError, kickoffChanges, validateKickoff, type Playbook } from '../../core';
import { JiraError } from '../../jira';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { todayOf } from '../deps';
import { checkPermissions, REQUIRED_PERMISSIONS } from '../generate';
import { getPlanProgress, statusUpdates, viewerView, type PlanProgress } from '../plan-read';
import { planIdOf, previewEnginePlan, previewPlan, toKickoffInput } from '../planning';

export interface MacroStateInput {
  /** The macro's saved configuration as the host hands it (untrusted). */
  config: unknown;
  /** The page hosting the macro. */
  hostPage: PageRef | null;
  /** Today (YYYY-MM-DD), for the kickoff date's window and the preview's warnings. */
  today?: string;
  /** The signed-in user, from the Forge context (never the payload): their roles are highlighted. */
  viewerAccountId?: string | null;
}

export async function getMacroState(deps: UseCaseDeps, input: MacroStateInput): Promise<MacroStateResult> {
  const playbook = deps.playbook ?? CURRENT_PLAYBOOK;
  const nothing = {
    plan: null,
    preview: null,
    generate: { allowed: false, reason: null },
    capabilityNames: Object.fromEntries(playbook.capabilities.map((c) => [c.code, c.name])),
    kickoffChanged: null,
  };
  if (input.config === undefined || input.config === null) return { ...nothing, config: null, configErrors: [] };
  const parsed = macroConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    // Saved by an older form: nothing to show until the SA edits the macro again.
    return { ...nothing, config: null, configErrors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })) };
  }
  const config = parsed.data;
  const page = input.hostPage ?? undefined;
  const validation = validateKickoff({ ...toKickoffInput(config.kickoff, playbook), ...(page ? { page } : {}) }, playbook, { today: input.today });
  const configErrors = validation.ok ? [] : validation.errors;
  const planId = planIdOf(config.kickoff, input.hostPage);
  const previewInput = { kickoff: config.kickoff, hostPage: input.hostPage, today: input.today, playbook };
  const [progress, preview, generate] = await Promise.all([
    readPlan(deps, planId),
    validation.ok ? validPreview(deps, previewInput) : Promise.resolve(null),
    generatePermission(deps, config.kickoff.projectKey),
  ]);
  if (!progress) return { ...nothing, config, configErrors, preview, generate };
  const { view, snapshot } = progress;
  const generated = snapshot.record.generation !== 'running';
  return {
    ...nothing,
    config,
    configErrors,
    plan: {
      planId,
      epicKey: view.epicKey,
      generated,
      progress: view,
      viewer: viewerView(view, input.viewerAccountId ?? null),
      // The read model's day (the forecast's), so the update agrees with the health the macro shows.
      statusUpdates: generated ? statusUpdates(snapshot, view, view.forecast?.today ?? todayOf(deps)) : [],
    },
    preview: generated ? null : preview,
    generate,
    // Measured in the plan's own template version (a newer published one may number its steps differently).
    kickoffChanged:
      generated && validation.ok
        ? changedSinceGeneration(snapshot.record.plan, { ...previewInput, playbook: snapshot.record.playbook }, snapshot.record.playbook)
        : null,
  };
}

async function readPlan(deps: UseCaseDeps, planId: string): Promise<PlanProgress | null> {
  try {
    return await getPlanProgress(deps, { planId });
  } catch (error) {
    if (error instanceof UseCaseError && error.code === 'plan-not-found') return null;
    throw error;
  }
}

async function validPreview(deps: UseCaseDeps, input: Parameters<typeof previewPlan>[1]): Promise<PreviewPlanResult | null> {
  try {
    return await previewPlan(deps, input);
  } catch (error) {
    if (error instanceof KickoffInvalidError) return null;
    throw error;
  }
}

/**
 * Whether the viewer holds every permission generation needs in the project (a read-only check; generation's
 * preflight checks again before any write). When Jira cannot answer now, the button stays enabled: the
 * preflight gives the precise refusal.
 */
async function generatePermission(deps: UseCaseDeps, projectKey: string): Promise<MacroStateResult['generate']> {
  try {
    checkPermissions(projectKey, await deps.jira.getMyPermissions(projectKey, Object.keys(REQUIRED_PERMISSIONS)));
    return { allowed: true, reason: null };
  } catch (error) {
    if (error instanceof UseCaseError && error.code === 'permission-missing') return { allowed: false, reason: error.message };
    if (error instanceof JiraError && (error.code === 'not-found' || error.code === 'permission-denied'))
      return { allowed: false, reason: `You cannot see project ${projectKey} in Jira, so you cannot generate the plan there.` };
    if (error instanceof JiraError) return { allowed: true, reason: null };
    throw error;
  }
}

/** What the saved kickoff changed since the plan was generated (compared with the kickoff on the plan record). */
function changedSinceGeneration(
  generated: PlanProgress['snapshot']['record']['plan'],
  input: Parameters<typeof previewEnginePlan>[0],
  playbook: Playbook,
): MacroStateResult['kickoffChanged'] {
  if (!generated) return null;
  try {
    const { changes } = kickoffChanges(generated, previewEnginePlan(input), playbook);
    return changes.length ? { changes } : null;
  } catch (error) {
    if (error instanceof KickoffInvalidError) return null;
    throw error;
  }
}
