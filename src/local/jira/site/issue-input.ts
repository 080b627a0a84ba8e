/**
 * Create and edit bodies (`fields`, `update`, `properties`) → a validated change to an issue, with Jira's
 * messages for every problem. No I/O: lookups come in through the context.
 */
import { hasPermission, type SiteContext } from './context';
import type { CustomFieldDef } from './fields';
import { ISSUE_TYPES, issueTypeById, type IssueRecord, type IssueTypeDef, type Project } from './model';
import { MESSAGES } from './responses';

export type IssueChanges = Partial<Pick<IssueRecord, 'summary' | 'description' | 'labels' | 'assigneeAccountId' | 'dueDate' | 'parentId' | 'customFields'>>;

export interface InputOutcome {
  /** 400 field errors (ErrorCollection `errors`). */
  errors: Record<string, string>;
  /** 400 general errors (ErrorCollection `errorMessages`). */
  errorMessages: string[];
  /** A permission problem: answered 403 with this message. */
  forbidden: string | null;
  changes: IssueChanges;
  changedFields: string[];
  properties: { key: string; value: unknown }[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const SUMMARY_MAX = 255;
const PROPERTY_KEY_MAX = 255;
const PROPERTY_VALUE_MAX = 32768;

/** The ADF root Jira v3 accepts for rich-text fields. */
export function isAdfDocument(value: unknown): boolean {
  return isObject(value) && value.type === 'doc' && value.version === 1 && Array.isArray(value.content);
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Validates a body's `properties` list (create, edit). */
export function parseProperties(raw: unknown, errorMessages: string[]): { key: string; value: unknown }[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errorMessages.push('Properties must be a list of key and value pairs.');
    return [];
  }
  const out: { key: string; value: unknown }[] = [];
  for (const entry of raw) {
    const problem = isObject(entry) ? propertyProblem(entry.key, entry.value) : 'Properties must be a list of key and value pairs.';
    if (problem) errorMessages.push(problem);
    else out.push({ key: String((entry as Json).key), value: (entry as Json).value });
  }
  return out;
}

/** Jira's limits on an entity property; null when fine. */
export function propertyProblem(key: unknown, value: unknown): string | null {
  if (typeof key !== 'string' || key.trim() === '') return 'The property key cannot be empty.';
  if (key.length > PROPERTY_KEY_MAX) return `The property key cannot be longer than ${PROPERTY_KEY_MAX} characters.`;
  if (value === undefined) return 'The property value cannot be empty.';
  if (JSON.stringify(value).length > PROPERTY_VALUE_MAX) return `The property value cannot be longer than ${PROPERTY_VALUE_MAX} characters.`;
  return null;
}

/** Fields this stand-in lets callers set; project and issue type only at create. */
const SETTABLE = new Set(['summary', 'description', 'labels', 'assignee', 'duedate', 'parent']);

interface Target {
  project: Project;
  type: IssueTypeDef;
  /** The issue being edited; null at create. */
  issue: IssueRecord | null;
}

/**
 * Merges `fields` (set) and `update` (operations) into one list of operations per field, then validates each.
 * `project` and `issuetype` must already have been taken out by the caller at create.
 */
export function parseIssueInput(
  ctx: SiteContext,
  actorId: string | null,
  target: Target,
  fieldsIn: Json,
  updateIn: Json,
  mode: 'create' | 'edit',
): InputOutcome {
  const outcome: InputOutcome = { errors: {}, errorMessages: [], forbidden: null, changes: {}, changedFields: [], properties: [] };
  const operations = new Map<string, { op: string; value: unknown }[]>();
  for (const [field, value] of Object.entries(fieldsIn)) operations.set(field, [{ op: 'set', value }]);
  for (const [field, ops] of Object.entries(updateIn)) {
    if (operations.has(field)) {
      outcome.errors[field] = `Field '${field}' cannot be specified in both 'fields' and 'update'.`;
      continue;
    }
    if (!Array.isArray(ops) || !ops.every(isObject)) {
      outcome.errors[field] = `Update operations for field '${field}' must be a list of operations.`;
      continue;
    }
    operations.set(
      field,
      ops.flatMap((o) => Object.entries(o).map(([op, value]) => ({ op, value }))),
    );
  }

  for (const [field, ops] of operations) {
    if (outcome.errors[field]) continue;
    const custom = ctx.fields.customField(field);
    const customById = custom && custom.id === field ? custom : undefined;
    if (!SETTABLE.has(field) && !(customById && !customById.readOnly)) {
      outcome.errors[field] = MESSAGES.cannotSet(field);
      continue;
    }
    if (field !== 'labels' && ops.some((o) => o.op !== 'set')) {
      const bad = ops.find((o) => o.op !== 'set');
      outcome.errors[field] = `Field '${field}' does not support the operation '${bad?.op}'.`;
      continue;
    }
    const last = ops[ops.length - 1]?.value;
    if (field === 'labels') applyLabels(outcome, target, ops);
    else if (field === 'summary') applySummary(outcome, last);
    else if (field === 'description') {
      if (last === null || isAdfDocument(last)) setChange(outcome, 'description', 'description', last ?? null);
      else outcome.errors.description = MESSAGES.notAdf;
    } else if (field === 'duedate') {
      // Without Schedule Issues Jira leaves the due date off the create and edit screens.
      if (!hasPermission(target.project, actorId, 'SCHEDULE_ISSUES')) outcome.errors.duedate = MESSAGES.cannotSet('duedate');
      else if (last === null || last === '') setChange(outcome, 'duedate', 'dueDate', null);
      else if (typeof last === 'string' && isIsoDate(last)) setChange(outcome, 'duedate', 'dueDate', last);
      else outcome.errors.duedate = `Error parsing date string: ${String(last)}`;
    } else if (field === 'assignee') applyAssignee(ctx, outcome, actorId, target, last);
    else if (field === 'parent') applyParent(ctx, outcome, target, last);
    else if (customById) applyCustomValue(outcome, customById, last);
  }

  if (mode === 'create') {
    if (!operations.has('summary')) outcome.errors.summary = 'You must specify a summary of the issue.';
    if (target.type.subtask && !operations.has('parent')) outcome.errors.parent = 'Issue type is a sub-task but parent issue key or id not specified.';
  }
  return outcome;
}

function setChange<K extends keyof IssueChanges>(outcome: InputOutcome, field: string, key: K, value: IssueChanges[K]): void {
  outcome.changes[key] = value;
  if (!outcome.changedFields.includes(field)) outcome.changedFields.push(field);
}

function applySummary(outcome: InputOutcome, value: unknown): void {
  if (typeof value !== 'string') outcome.errors.summary = MESSAGES.notString;
  else if (value.trim() === '') outcome.errors.summary = 'You must specify a summary of the issue.';
  else if (value.length > SUMMARY_MAX) outcome.errors.summary = `Summary must be less than ${SUMMARY_MAX} characters.`;
  else setChange(outcome, 'summary', 'summary', value);
}

function labelProblem(label: unknown): string | null {
  if (typeof label !== 'string' || label === '') return 'Labels must be non-empty strings.';
  if (/\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  if (label.length > 255) return `The label '${label}' is longer than 255 characters.`;
  return null;
}

function applyLabels(outcome: InputOutcome, target: Target, ops: { op: string; value: unknown }[]): void {
  let labels = [...(target.issue?.labels ?? [])];
  for (const { op, value } of ops) {
    if (op === 'set') {
      if (!Array.isArray(value)) {
        outcome.errors.labels = 'Operation value must be an array of labels.';
        return;
      }
      const problem = value.map(labelProblem).find((p) => p !== null);
      if (problem) {
        outcome.errors.labels = problem;
        return;
      }
      labels = [...new Set(value as string[])];
    } else if (op === 'add' || op === 'remove') {
      const problem = labelProblem(value);
      if (problem) {
        outcome.errors.labels = problem;
        return;
      }
      const label = value as string;
      labels = op === 'add' ? (labels.includes(label) ? labels : [...labels, label]) : labels.filter((l) => l !== label);
    } else {
      outcome.errors.labels = `Field 'labels' does not support the operation '${op}'.`;
      return;
    }
  }
  setChange(outcome, 'labels', 'labels', labels);
}

function applyAssignee(ctx: SiteContext, outcome: InputOutcome, actorId: string | null, target: Target, value: unknown): void {
  if (!hasPermission(target.project, actorId, 'ASSIGN_ISSUES')) {
    outcome.forbidden = MESSAGES.noAssign;
    return;
  }
  if (value === null) {
    setChange(outcome, 'assignee', 'assigneeAccountId', null);
    return;
  }
  const accountId = isObject(value) ? (value.accountId ?? value.id) : undefined;
  if (typeof accountId !== 'string') {
    outcome.errors.assignee = 'Specify the assignee by accountId.';
    return;
  }
  const account = ctx.store.account(accountId);
  if (!account || !hasPermission(target.project, accountId, 'ASSIGNABLE_USER')) {
    outcome.errors.assignee = `User '${accountId}' cannot be assigned issues.`;
    return;
  }
  setChange(outcome, 'assignee', 'assigneeAccountId', accountId);
}

function applyParent(ctx: SiteContext, outcome: InputOutcome, target: Target, value: unknown): void {
  if (value === null) {
    if (target.type.subtask) outcome.errors.parent = 'Issue type is a sub-task but parent issue key or id not specified.';
    else setChange(outcome, 'parent', 'parentId', null);
    return;
  }
  const ref = isObject(value) ? (value.key ?? value.id) : undefined;
  const parent = typeof ref === 'string' || typeof ref === 'number' ? ctx.store.issue(String(ref)) : undefined;
  if (!parent || parent.projectId !== target.project.id) {
    // Parents in other projects are not offered by Jira's parent picker either.
    outcome.errors.parent = parent ? 'Given parent work item does not belong to the same project.' : 'Could not find issue by id or key.';
    return;
  }
  const parentType = issueTypeById(parent.issueTypeId);
  if (!parentType || parentType.hierarchyLevel !== target.type.hierarchyLevel + 1 || parent.id === target.issue?.id) {
    outcome.errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';
    return;
  }
  setChange(outcome, 'parent', 'parentId', parent.id);
}

function applyCustomValue(outcome: InputOutcome, field: CustomFieldDef, value: unknown): void {
  const problem = customValueProblem(field, value);
  if (problem) outcome.errors[field.id] = problem;
  else {
    outcome.changes.customFields = { ...(outcome.changes.customFields ?? {}), [field.id]: value };
    outcome.changedFields.push(field.id);
  }
}

/** Whether a value fits a Forge custom field's type; null when fine (null clears). */
export function customValueProblem(field: CustomFieldDef, value: unknown): string | null {
  if (value === null) return null;
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return MESSAGES.notString;
      return value.length > 255 ? 'The value is longer than 255 characters.' : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : MESSAGES.notNumber;
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : `Error parsing date string: ${String(value)}`;
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : `Error parsing date string: ${String(value)}`;
    case 'user':
      return isObject(value) && typeof value.accountId === 'string' ? null : 'Specify the user by accountId.';
  }
}

/** `{id}` or `{name}` of one of the project's issue types. */
export function resolveIssueType(value: unknown): IssueTypeDef | undefined {
  if (!isObject(value)) return undefined;
  if (value.id !== undefined) return ISSUE_TYPES.find((t) => t.id === String(value.id));
  if (typeof value.name === 'string') return ISSUE_TYPES.find((t) => t.name.toLowerCase() === String(value.name).toLowerCase());
  return undefined;
}
