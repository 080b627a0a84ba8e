/**
 * The macro on a page: its saved kickoff (re-validated), the plan generated from it, if any, and before
 * generation everything the macro shows — the preview and whether the viewer may generate — in one resolver
 * call: the plan read, the preview's reads and the permission check go to Jira side by side (one round trip).
 */
import { macroConfigSchema, type MacroStateResult, type PageRef, type PlanActionKey, type PreviewPlanResult } from '../../contract';
import { CURRENT_PLAYBOOK, KickoffInvalidError, kickoffChanges, validateKickoff, type Playbook } from '../../core';
import { JiraError } from '../../jira';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { todayOf } from '../deps';
import { WRITE_PERMISSIONS } from '../authorize';
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
    actions: NO_ACTIONS,
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
  const [progress, preview, { generate, actions }] = await Promise.all([
    readPlan(deps, planId),
    validation.ok ? validPreview(deps, previewInput) : Promise.resolve(null),
    viewerPermissions(deps, config.kickoff.projectKey),
  ]);
  if (!progress) return { ...nothing, config, configErrors, preview, generate, actions };
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
    actions,
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

const NO_ACTIONS: MacroStateResult['actions'] = {
  applyForecast: { allowed: false, reason: null },
  rebaseline: { allowed: false, reason: null },
  planUpdate: { allowed: false, reason: null },
};

/** Each plan action, what it needs (the resolvers' own `WRITE_PERMISSIONS`) and how a refusal names it. */
const ACTIONS: Record<PlanActionKey, { permissions: readonly string[]; doing: string }> = {
  applyForecast: { permissions: WRITE_PERMISSIONS.applyForecast, doing: 'apply a forecast' },
  rebaseline: { permissions: WRITE_PERMISSIONS.rebaseline, doing: 're-baseline the plan' },
  planUpdate: { permissions: WRITE_PERMISSIONS.planUpdate, doing: 'update the plan' },
};

/** `EDIT_ISSUES` → "edit issues"; several joined as a sentence ("edit issues and schedule issues"). */
function permissionWords(keys: readonly string[]): string {
  const words = keys.map((k) => k.toLowerCase().replace(/_/g, ' '));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Whether the viewer holds what generation and each plan action need in the project, from ONE read-only
 * `GET /mypermissions` (the writes check again before touching anything). When Jira cannot answer now, the
 * controls stay enabled: the write's own check gives the precise refusal.
 */
async function viewerPermissions(deps: UseCaseDeps, projectKey: string): Promise<Pick<MacroStateResult, 'generate' | 'actions'>> {
  const everyAction = Object.values(ACTIONS).flatMap((a) => a.permissions);
  const wanted = [...new Set([...Object.keys(REQUIRED_PERMISSIONS), ...everyAction])];
  const allowed = { allowed: true, reason: null };
  const all = (entry: { allowed: boolean; reason: string | null }): MacroStateResult['actions'] => ({
    applyForecast: entry,
    rebaseline: entry,
    planUpdate: entry,
  });
  let held: Record<string, boolean>;
  try {
    held = await deps.jira.getMyPermissions(projectKey, wanted);
  } catch (error) {
    if (error instanceof JiraError && (error.code === 'not-found' || error.code === 'permission-denied')) {
      const reason = `You cannot see project ${projectKey} in Jira, so you cannot generate the plan there.`;
      return { generate: { allowed: false, reason }, actions: all({ allowed: false, reason: `You cannot see project ${projectKey} in Jira.` }) };
    }
    if (error instanceof JiraError) return { generate: allowed, actions: all(allowed) };
    throw error;
  }
  let generate: MacroStateResult['generate'] = allowed;
  try {
    checkPermissions(projectKey, held);
  } catch (error) {
    if (!(error instanceof UseCaseError && error.code === 'permission-missing')) throw error;
    generate = { allowed: false, reason: error.message };
  }
  const action = (key: PlanActionKey) => {
    const missing = ACTIONS[key].permissions.filter((p) => !held[p]);
    return missing.length === 0
      ? allowed
      : { allowed: false, reason: `Only people who can ${permissionWords(missing)} in ${projectKey} can ${ACTIONS[key].doing}.` };
  };
  return { generate, actions: { applyForecast: action('applyForecast'), rebaseline: action('rebaseline'), planUpdate: action('planUpdate') } };
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
