/** Jira's error body (`ErrorCollection`) and the fixed messages the transport answers with. */
import type { StandInResponse } from '../http-types';

export function jiraError(status: number, errorMessages: string[], headers?: Record<string, string>): StandInResponse {
  return { status, headers, body: { errorMessages, errors: {} } };
}

export const NOT_AUTHENTICATED = 'You are not authenticated. Authentication required to perform this operation.';
export const RATE_LIMITED = 'Rate limit exceeded.';
