/**
 * The one mapping from what use cases throw to the contract's envelope: a specific code the UI branches
 * on, a message a person can act on, and field errors for forms. Unknown failures become INTERNAL with a
 * safe message; the details go to the log.
 */
import { NeedsAuthenticationError, ProxyRequestError } from '@forge/api';
import { fail, type ErrorCode, type FieldError, type Result } from '../contract';
import { DateOutOfRangeError, JiraError, JiraQuotaExhaustedError, KickoffInvalidError, UseCaseError, type UseCaseErrorCode } from '../usecases/errors';

const USE_CASE_CODES: Record<UseCaseErrorCode, ErrorCode> = {
  'kickoff-invalid': 'INVALID_KICKOFF',
  'project-not-found': 'PROJECT_NOT_FOUND',
  'issue-type-missing': 'ISSUE_TYPE_MISSING',
  'permission-missing': 'PERMISSION_DENIED',
  'not-authenticated': 'PERMISSION_DENIED',
  'create-rejected': 'JIRA_ERROR',
  'plan-not-found': 'NOT_FOUND',
  'no-forecast': 'NOT_FOUND',
  'forecast-changed': 'CONFLICT',
  'apply-incomplete': 'JIRA_ERROR',
  'admin-required': 'PERMISSION_DENIED',
  'template-invalid': 'INVALID_INPUT',
  'template-conflict': 'CONFLICT',
  'template-version-not-found': 'NOT_FOUND',
  'update-invalid': 'INVALID_INPUT',
  'duplicate-plan': 'CONFLICT',
};

const fieldErrorsOf = (value: unknown): FieldError[] =>
  Array.isArray(value)
    ? value.flatMap((e: unknown) =>
        typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string'
          ? [{ field: (e as FieldError).field, message: (e as FieldError).message }]
          : [],
      )
    : [];

/** When Jira said the hourly quota resets, in minutes from now. */
const quotaReset = (error: JiraError): string =>
  error instanceof JiraQuotaExhaustedError && error.retryAfterMs !== null
    ? ` until it resets in about ${Math.max(1, Math.ceil(error.retryAfterMs / 60_000))} min`
    : '';

function jiraResult<T>(error: JiraError): Result<T> {
  const said = [...error.errorMessages, ...Object.values(error.errors)].join(' ');
  const detail = said ? ` Jira said: ${said}` : '';
  switch (error.code) {
    case 'not-found':
      return fail('NOT_FOUND', `Jira could not find what was asked for, or you cannot see it.${detail}`);
    case 'unauthorized':
      return fail('PERMISSION_DENIED', 'Jira did not accept your sign-in. Sign in again and retry.');
    case 'permission-denied':
      return fail('PERMISSION_DENIED', `Jira refused: you do not have permission for this.${detail}`);
    case 'rate-limited':
      return fail('RATE_LIMITED', 'Jira is busy (rate limited). Wait a moment and try again.');
    case 'deadline':
      return fail('RATE_LIMITED', 'Jira is answering slowly; this did not finish in time. Try again in a moment.');
    case 'quota-exhausted':
      return fail(
        'RATE_LIMITED',
        `Jira's hourly API quota for this app is used up${quotaReset(error)}. Nothing was lost: try again then and it continues where it stopped.`,
      );
    case 'validation':
      return fail('JIRA_ERROR', `Jira rejected the request.${detail}`);
    case 'outcome-unknown':
      return fail('JIRA_ERROR', 'Jira did not confirm the change. Try again: the app checks what already exists before writing.');
    case 'server':
    case 'bad-response':
      return fail('JIRA_ERROR', `Jira had a problem answering (${error.status || 'no response'}). Try again later.`);
  }
}

export function toResult<T = never>(error: unknown, resolverName: string): Result<T> {
  if (error instanceof KickoffInvalidError) {
    return fail(
      'INVALID_KICKOFF',
      'The kickoff needs changes before a plan can be built.',
      error.errors.map((e) => ({ field: e.field, message: e.message })),
    );
  }
  if (error instanceof UseCaseError) {
    const code = USE_CASE_CODES[error.code];
    return fail(code, error.message, code === 'INVALID_KICKOFF' || code === 'INVALID_INPUT' ? fieldErrorsOf(error.details.errors) : undefined);
  }
  if (error instanceof JiraError) return jiraResult(error);
  // Forge asks the user for consent when a resolver throws this: it must leave the resolver as it is.
  if (error instanceof NeedsAuthenticationError) throw error;
  if (error instanceof ProxyRequestError) {
    console.error(`Outbound Playbook: ${resolverName}: Forge's proxy refused a Jira call`, error);
    return fail('JIRA_ERROR', `Forge could not pass the call to Jira (proxy error ${error.status}, ${error.errorCode}). Try again later.`);
  }
  // A date or span outside what a plan can use (e.g. a template step lasting years): the input's fault, said plainly.
  if (error instanceof DateOutOfRangeError) return fail('INVALID_INPUT', `The dates do not fit a plan: ${error.message}.`);
  console.error(`Outbound Playbook: ${resolverName} failed`, error);
  return fail('INTERNAL', `Something went wrong in Outbound Playbook (${resolverName}). Try again; if it keeps happening, tell your Jira admin.`);
}
