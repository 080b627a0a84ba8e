/** Typed Jira errors: callers branch on the class (or `code`), never on message text. */

export type JiraErrorCode =
  | 'not-found'
  | 'unauthorized'
  | 'permission-denied'
  | 'rate-limited'
  | 'quota-exhausted'
  | 'validation'
  | 'server'
  | 'outcome-unknown'
  | 'deadline'
  | 'bad-response';

export interface JiraErrorDetails {
  status: number;
  method: string;
  path: string;
  errorMessages?: string[];
  errors?: Record<string, string>;
}

export class JiraError extends Error {
  readonly code: JiraErrorCode;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly errorMessages: string[];
  readonly errors: Record<string, string>;

  constructor(code: JiraErrorCode, message: string, details: JiraErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.errorMessages = details.errorMessages ?? [];
    this.errors = details.errors ?? {};
  }

  /** Worth calling again later (the use case answers `running` rather than failing). */
  get transient(): boolean {
    return this.code === 'rate-limited' || this.code === 'server' || this.code === 'outcome-unknown' || this.code === 'deadline';
  }
}

export class JiraNotFoundError extends JiraError {}
export class JiraUnauthorizedError extends JiraError {}
export class JiraPermissionError extends JiraError {}
export class JiraRateLimitedError extends JiraError {}
export class JiraValidationError extends JiraError {}
export class JiraServerError extends JiraError {}
/** A non-idempotent call (create) whose result was lost: it may or may not have been committed. Reconcile. */
export class JiraOutcomeUnknownError extends JiraError {}
/**
 * Jira's hourly points quota is spent (a 429 whose `RateLimit-Reason` names the quota): no retry inside this
 * invocation can succeed. Not transient in the "call again in a second" sense: the caller stops and says when.
 */
export class JiraQuotaExhaustedError extends JiraError {
  constructor(
    message: string,
    details: JiraErrorDetails,
    /** Until the quota resets (Retry-After), when Jira said. */
    readonly retryAfterMs: number | null,
  ) {
    super('quota-exhausted', message, details);
  }
}
/** Waiting for the next retry would overrun the caller's time budget. */
export class JiraDeadlineError extends JiraError {}
/** The response did not match the schema of the fields we use. */
export class JiraBadResponseError extends JiraError {}

function summary(details: JiraErrorDetails): string {
  const texts = [...(details.errorMessages ?? []), ...Object.entries(details.errors ?? {}).map(([k, v]) => `${k}: ${v}`)];
  return `${details.method} ${details.path} → ${details.status}${texts.length ? `: ${texts.join('; ')}` : ''}`;
}

/** The typed error for a final (not retried) HTTP status. */
export function errorForStatus(details: JiraErrorDetails): JiraError {
  const message = summary(details);
  const s = details.status;
  if (s === 404) return new JiraNotFoundError('not-found', message, details);
  if (s === 401) return new JiraUnauthorizedError('unauthorized', message, details);
  if (s === 403) return new JiraPermissionError('permission-denied', message, details);
  if (s === 429) return new JiraRateLimitedError('rate-limited', message, details);
  if (s >= 500) return new JiraServerError('server', message, details);
  return new JiraValidationError('validation', message, details);
}
