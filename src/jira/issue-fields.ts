/**
 * The issue fields the read side shows (status, due date, project), read defensively: search and GET hand
 * fields back as untyped JSON. One reading for every caller, so a step's row and its panel agree.
 */
import { z } from 'zod';
import { jiraTimestampDate } from '../core/forecast';
import { STATUS_CATEGORIES, type StatusCategory } from '../core/progress';
import type { JiraIssue } from './schemas';

const statusSchema = z.looseObject({
  name: z.string().optional(),
  statusCategory: z.looseObject({ key: z.enum(STATUS_CATEGORIES) }).optional(),
});
const projectSchema = z.looseObject({ key: z.string() });

type Fields = JiraIssue['fields'];

/** The status name and category; a status Jira does not categorise counts as to do. */
export function issueStatus(fields: Fields): { name: string | null; category: StatusCategory } {
  const status = statusSchema.safeParse(fields?.status);
  return status.success ? { name: status.data.name ?? null, category: status.data.statusCategory?.key ?? 'new' } : { name: null, category: 'new' };
}

/** The due date as YYYY-MM-DD (Jira may append a time), or null. */
export function issueDueDate(fields: Fields): string | null {
  const due = fields?.duedate;
  return typeof due === 'string' && due !== '' ? due.slice(0, 10) : null;
}

/** The issue's project key: the `project` field when asked for, else the key's prefix. */
export function issueProjectKey(issue: Pick<JiraIssue, 'key' | 'fields'>): string {
  const project = projectSchema.safeParse(issue.fields?.project);
  return project.success ? project.data.key : issue.key.replace(/-\d+$/, '');
}

/**
 * The day the issue entered its current status category (`statuscategorychangedate`, in the offset Jira
 * wrote it), or null when Jira did not say.
 */
export function issueStatusCategorySince(fields: Fields): string | null {
  const since = fields?.statuscategorychangedate;
  if (typeof since !== 'string') return null;
  try {
    return jiraTimestampDate(since);
  } catch {
    return null;
  }
}

const assigneeSchema = z.looseObject({ accountId: z.string().min(1) });

/** The assignee's accountId, or null when the issue is unassigned (or Jira did not say). */
export function issueAssignee(fields: Fields): string | null {
  const assignee = assigneeSchema.safeParse(fields?.assignee);
  return assignee.success ? assignee.data.accountId : null;
}
