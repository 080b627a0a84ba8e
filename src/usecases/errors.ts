/** Errors a use case reports to its caller (resolver or CLI) with a specific, user-facing reason. */

/** Besides its own, a use case lets two kinds through unchanged: what Jira answered, and a kickoff the rules reject. */
export { JiraError, JiraQuotaExhaustedError } from '../jira';
export { DateOutOfRangeError, KickoffInvalidError } from '../core';

export type UseCaseErrorCode =
  | 'kickoff-invalid'
  | 'project-not-found'
  | 'issue-type-missing'
  | 'permission-missing'
  | 'not-authenticated'
  | 'create-rejected'
  | 'plan-not-found'
  /** The plan has no known baseline, so there is no forecast to apply or re-baseline on. */
  | 'no-forecast'
  /** The due-date changes differ from the ones the PM previewed (someone changed the plan meanwhile). */
  | 'forecast-changed'
  /** Some due dates could not be set (the rest were). */
  | 'apply-incomplete'
  /** The playbook template is edited by Jira admins only (checked as the user). */
  | 'admin-required'
  /** A draft template breaks the playbook schema; `details.errors` holds each field's problem. */
  | 'template-invalid'
  /** Another version was published after the one the draft was edited from; the draft is kept. */
  | 'template-conflict'
  /** A template version that is neither built in nor published (a diff, a draft's base, a plan update's target). */
  | 'template-version-not-found'
  /** A plan update the plan cannot take (an older version, a kickoff naming another plan). */
  | 'update-invalid'
  /** The project already holds an active plan for the same biller × core system; `details.epicKey` names it. */
  | 'duplicate-plan';

export class UseCaseError extends Error {
  constructor(
    readonly code: UseCaseErrorCode,
    message: string,
    /** Machine-readable specifics, e.g. `{ missing: ['CREATE_ISSUES'] }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UseCaseError';
  }
}
