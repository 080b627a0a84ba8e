/** The Forge runtime's request functions, in the adapter's shape. Only resolvers/triggers import this. */
import api, { __getRuntime } from '@forge/api';
import type { JiraRequestFn } from './request';

/** Acts as the user who clicked: Jira enforces that user's permissions on every call. */
export const requestJiraAsUser: JiraRequestFn = (route, init) => api.asUser().requestJira(route, init);

/**
 * Acts as the app. Used for exactly one call: setting the app's own Forge custom-field values, which Jira
 * only accepts from the app identity (see JiraAdapter.setAppFieldValues).
 */
export const requestJiraAsApp: JiraRequestFn = (route, init) => api.asApp().requestJira(route, init);

/**
 * The invocation's remaining time, as the Forge runtime reports it (25 s for a resolver, a job's timeoutSeconds);
 * null outside an invocation. The adapter caps every retry wait by it.
 */
export function invocationRemainingMs(): number | null {
  try {
    const remaining = __getRuntime().lambdaContext.getRemainingTimeInMillis();
    return Number.isFinite(remaining) ? remaining : null;
  } catch {
    return null;
  }
}
