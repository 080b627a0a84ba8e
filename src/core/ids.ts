/**
 * The identifiers a caller may name (a plan, an issue): one format each, checked before anything is looked up,
 * so an identifier never carries control characters or megabytes into a query or an error message.
 */
import { z } from 'zod';

/** A Jira issue key such as OUT-1 (project key, dash, number). */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,63}-[1-9]\d{0,14}$/;

/** A plan id as `planIdFor` makes it: `op-`, the project key in lower case, `-`, a hex hash. */
export const PLAN_ID_PATTERN = /^op-[a-z][a-z0-9_]{0,63}-[0-9a-z]{1,32}$/;

export const isIssueKey = (value: string): boolean => value.length <= 80 && ISSUE_KEY_PATTERN.test(value);
export const isPlanId = (value: string): boolean => value.length <= 100 && PLAN_ID_PATTERN.test(value);

export const issueKeySchema = z.string().trim().max(80, 'Use an issue key such as OUT-1.').regex(ISSUE_KEY_PATTERN, 'Use an issue key such as OUT-1.');

export const planIdSchema = z
  .string()
  .trim()
  .max(100, 'Use a plan id such as op-out-1a2b3c4d5e6f7a8b.')
  .regex(PLAN_ID_PATTERN, 'Use a plan id such as op-out-1a2b3c4d5e6f7a8b.');
