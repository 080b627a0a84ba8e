/** The Forge runtime's request functions, in the adapter's shape. Only resolvers/triggers import this. */
import api from '@forge/api';
import type { JiraRequestFn } from './request';

/** Acts as the user who clicked: Jira enforces that user's permissions on every call. */
export const requestJiraAsUser: JiraRequestFn = (route, init) => api.asUser().requestJira(route, init);

/**
 * Acts as the app. Used for exactly one call: setting the app's own Forge custom-field values, which Jira
 * only accepts from the app identity (see JiraAdapter.setAppFieldValues).
 */
export const requestJiraAsApp: JiraRequestFn = (route, init) => api.asApp().requestJira(route, init);
