/** Jira's response shapes for the stand-in: bodies, ErrorCollection errors, and the messages Jira uses. */
import type { StandInResponse } from '../http-types';

export function json(status: number, body: unknown, headers?: Record<string, string>): StandInResponse {
  return headers ? { status, body, headers } : { status, body };
}

export const noContent = (status = 204): StandInResponse => ({ status });

export function errorCollection(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
  headers?: Record<string, string>,
): StandInResponse {
  return json(status, { errorMessages, errors }, headers);
}

/** Thrown by handlers to answer early with a Jira error; the router turns it into the response. */
export class JiraHttpError extends Error {
  constructor(readonly response: StandInResponse) {
    super(`Jira ${response.status}`);
  }
}

export const fail = (status: number, errorMessages: string[], errors: Record<string, string> = {}, headers?: Record<string, string>): never => {
  throw new JiraHttpError(errorCollection(status, errorMessages, errors, headers));
};

export const MESSAGES = {
  issueNotFound: 'Issue does not exist or you do not have permission to see it.',
  projectNotFound: (key: string) => `No project could be found with key '${key}'.`,
  cannotSet: (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`,
  noCreate: 'You do not have permission to create issues in this project.',
  noEdit: 'You do not have permission to edit issues in this project.',
  noAssign: 'You do not have permission to assign issues.',
  noLink: 'You do not have the permission to link issues in this project.',
  notAdf: 'Operation value must be an Atlassian Document',
  notString: 'Operation value must be a string',
  notNumber: 'Operation value must be a number',
  searchRemoved:
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  unbounded: 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
  perIssueLimit: 'Too many updates to this issue in a short time. Try again later.',
  appOnly: 'Only the app that provided the field can update its values.',
} as const;
