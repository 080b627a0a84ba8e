/** The macro on a page: its saved kickoff (re-validated), and the plan generated from it, if any. */
import { macroConfigSchema, type MacroStateResult, type PageRef } from '../../contract';
import { validateKickoff } from '../../core';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { getPlanProgress, statusUpdates, viewerView } from '../plan-read';
import { todayOf } from '../deps';
import { planIdOf, toKickoffInput } from '../planning/kickoff';

export interface MacroStateInput {
  /** The macro's saved configuration as the host hands it (untrusted). */
  config: unknown;
  /** The page hosting the macro. */
  hostPage: PageRef | null;
  /** Today (YYYY-MM-DD), for the kickoff date's window. */
  today?: string;
  /** The signed-in user, from the Forge context (never the payload): their roles are highlighted. */
  viewerAccountId?: string | null;
}

export async function getMacroState(deps: UseCaseDeps, input: MacroStateInput): Promise<MacroStateResult> {
  if (input.config === undefined || input.config === null) return { config: null, configErrors: [], plan: null };
  const parsed = macroConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    // Saved by an older form: nothing to show until the SA edits the macro again.
    return { config: null, configErrors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })), plan: null };
  }
  const config = parsed.data;
  const page = input.hostPage ?? undefined;
  const validation = validateKickoff({ ...toKickoffInput(config.kickoff), ...(page ? { page } : {}) }, undefined, { today: input.today });
  const configErrors = validation.ok ? [] : validation.errors;
  const planId = planIdOf(config.kickoff, input.hostPage);
  try {
    const { view, snapshot } = await getPlanProgress(deps, { planId });
    const generated = snapshot.record.generation !== 'running';
    return {
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
    };
  } catch (error) {
    if (error instanceof UseCaseError && error.code === 'plan-not-found') return { config, configErrors, plan: null };
    throw error;
  }
}
