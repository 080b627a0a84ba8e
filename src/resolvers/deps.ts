/**
 * Use-case dependencies inside the Forge runtime. Everything acts AS THE USER (Jira enforces their
 * permissions); the app identity appears only where the generation use case needs it (its app-field
 * values, wired in src/usecases/forge.ts) and in the roll-up trigger, which has no user.
 */
import { requestJiraAsApp, requestJiraAsUser } from '../jira/forge';
import { createReadDeps, type ReadDeps } from '../usecases/plan-view/deps';

export function userReadDeps(): ReadDeps {
  return createReadDeps(requestJiraAsUser);
}

/**
 * For the trigger only: a product event runs without a user, so the app identity reads the plan and writes
 * its derived roll-up (status, current phase, counts) to the epic's property. Nothing else is written.
 */
export function appRollupDeps(): ReadDeps {
  return createReadDeps(requestJiraAsApp);
}
