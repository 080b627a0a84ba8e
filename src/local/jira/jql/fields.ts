/**
 * Field resolution: turns a field reference from the query into a FieldDef that knows how to read
 * an issue's values in a canonical, comparable form and which operators Jira allows on it.
 */
import type { JqlFieldRef, JqlOperator } from './ast';
import { fieldRefText } from './ast';
import { parseDateLiteral, utcDay } from './dates';
import { jqlErrors } from './errors';
import type { JqlAlias, JqlEnv, JqlIssue } from './types';

/**
 * How values compare: `identity` = case-insensitive names/keys; `exact` = case-sensitive ids
 * (accounts); `number`; `date` = UTC day strings; `datetime` = epoch ms; `text` = free-text search.
 */
export type ValueKind = 'identity' | 'exact' | 'number' | 'date' | 'datetime' | 'text';
export type Canonical = string | number;

export interface FieldDef {
  /** The name as the query typed it, for messages. */
  label: string;
  kind: ValueKind;
  operators: ReadonlySet<JqlOperator>;
  /** The issue's values for this field, canonical for `kind`; empty array = EMPTY. */
  read(issue: JqlIssue): Canonical[];
  /** Operand literal to canonical form; defaults to the kind's conversion. May throw JqlError. */
  value?(raw: string): Canonical;
  /** Whether `currentUser()` is a valid operand. */
  userField?: boolean;
  /** Sort key override (e.g. issue keys sort by project then number). */
  sortKey?(issue: JqlIssue): Canonical | Canonical[] | null;
  /** ORDER BY direction when the query names none: Jira uses the field's own order (created/updated newest first). */
  defaultDirection?: 'asc' | 'desc';
  /** Range operators with field-specific meaning (issue keys compare within their project); overrides canonical comparison. */
  range?(operator: RangeOperator, raw: string): (issue: JqlIssue) => boolean;
}

export type RangeOperator = '<' | '<=' | '>' | '>=';

const ops = (...list: JqlOperator[]): ReadonlySet<JqlOperator> => new Set(list);
const EQUALITY = ops('=', '!=', 'in', 'not in', 'is', 'is not');
const ORDERED = ops('=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not');
const TEXT = ops('~', '!~', 'is', 'is not');
const STRING_CUSTOM = ops('=', '!=', 'in', 'not in', '~', '!~', 'is', 'is not');
const ORDERED_NO_EMPTY = ops('=', '!=', '<', '<=', '>', '>=', 'in', 'not in');
const ANY = ops('=', '!=', '<', '<=', '>', '>=', '~', '!~', 'in', 'not in', 'is', 'is not');

const lower = (s: string): string => s.toLowerCase();
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const present = (s: string | null): string[] => (s === null || s === '' ? [] : [s]);

/** Converts a stored value (property or custom field) to the kind's canonical form; undefined if it has none. */
export function canonicalOf(kind: ValueKind, raw: unknown): Canonical | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'object') {
    const record = raw as Record<string, unknown>;
    const inner = record.accountId ?? record.value ?? record.name ?? record.key ?? record.id;
    return inner === undefined || typeof inner === 'object' ? undefined : canonicalOf(kind, inner);
  }
  switch (kind) {
    case 'identity':
      return lower(String(raw));
    case 'exact':
    case 'text':
      return String(raw);
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      return String(raw).trim() === '' || Number.isNaN(n) ? undefined : n;
    }
    case 'datetime':
    case 'date': {
      // Fast path: date-only strings are already the canonical day.
      if (kind === 'date' && typeof raw === 'string' && DAY_ONLY.test(raw)) return raw;
      const ms = typeof raw === 'number' ? raw : Date.parse(String(raw));
      if (Number.isNaN(ms)) return undefined;
      return kind === 'date' ? utcDay(ms) : ms;
    }
  }
}

/** Values at a dotted path; arrays anywhere along the path fan out (any element may match). */
export function valuesAtPath(root: unknown, segments: readonly string[]): unknown[] {
  // Fast path for the common case: plain objects all the way down.
  let value = root;
  for (const segment of segments) {
    if (Array.isArray(value)) return fanOut(root, segments);
    if (value === null || typeof value !== 'object') return [];
    value = (value as Record<string, unknown>)[segment];
  }
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

function fanOut(root: unknown, segments: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.prototype.hasOwnProperty.call(item, segment)) {
          next.push((item as Record<string, unknown>)[segment]);
        }
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function readCanonical(kind: ValueKind, values: unknown[]): Canonical[] {
  const out: Canonical[] = [];
  for (const value of values) {
    const canonical = canonicalOf(kind, value);
    if (canonical !== undefined) out.push(canonical);
  }
  return out;
}

/** Operand literal to canonical form for a kind; throws Jira's message when it cannot be one. */
export function operandCanonical(kind: ValueKind, raw: string, label: string, now: Date): Canonical {
  switch (kind) {
    case 'identity':
      return lower(raw);
    case 'exact':
    case 'text':
      return raw;
    case 'number': {
      const n = Number(raw.trim());
      if (raw.trim() === '' || Number.isNaN(n)) throw jqlErrors.invalidNumber(raw, label);
      return n;
    }
    case 'date':
    case 'datetime': {
      const ms = parseDateLiteral(raw, now);
      if (ms === undefined) throw jqlErrors.invalidDate(raw, label);
      return kind === 'date' ? utcDay(ms) : ms;
    }
  }
}

const STATUS_CATEGORIES: Record<string, JqlIssue['statusCategory']> = {
  'to do': 'new',
  new: 'new',
  '2': 'new',
  'in progress': 'indeterminate',
  indeterminate: 'indeterminate',
  '4': 'indeterminate',
  done: 'done',
  '3': 'done',
};
const STATUS_CATEGORY_ORDER: Record<JqlIssue['statusCategory'], number> = { new: 0, indeterminate: 1, done: 2 };

function issueKeySortKey(key: string): Canonical[] {
  const dash = key.lastIndexOf('-');
  return [lower(key.slice(0, dash)), Number(key.slice(dash + 1))];
}

type SystemField = (label: string, env: JqlEnv) => FieldDef;

/**
 * Value check for fields whose values the site knows (when it says so): Jira answers an unknown
 * project, status or issue type with "The value 'X' does not exist for the field 'f'".
 */
function knownValue(known: readonly string[] | undefined, label: string): (raw: string) => string {
  const names = known ? new Set(known.map(lower)) : null;
  return (raw) => {
    if (names && !names.has(lower(raw))) throw jqlErrors.valueNotFound(raw, label);
    return lower(raw);
  };
}

const project: SystemField = (label, env) => ({
  label,
  kind: 'identity',
  operators: EQUALITY,
  read: (issue) => [lower(issue.projectKey), issue.projectId],
  value: knownValue(env.knownProjects, label),
  sortKey: (issue) => lower(issue.projectKey),
});

const ISSUE_KEY = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;
const NUMERIC_ID = /^\d+$/;

function compareBy(operator: RangeOperator, order: number): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/**
 * `key`/`issuekey`/`id`: a key or a numeric id. Ranges on a key compare issue numbers within that key's
 * project (`key > OUT-5`: OUT-6 and later, as in Jira); ranges on a number compare numeric ids.
 */
const issueKey: SystemField = (label) => {
  const checked = (raw: string): string => {
    if (!ISSUE_KEY.test(raw) && !NUMERIC_ID.test(raw)) throw jqlErrors.invalidIssueKey(raw, label);
    return raw;
  };
  return {
    label,
    kind: 'identity',
    operators: ORDERED_NO_EMPTY,
    read: (issue) => [lower(issue.key), issue.id],
    value: (raw) => lower(checked(raw)),
    sortKey: (issue) => issueKeySortKey(issue.key),
    range: (operator, raw) => {
      const bound = ISSUE_KEY.exec(checked(raw));
      if (!bound) {
        const id = Number(raw);
        return (issue) => compareBy(operator, Number(issue.id) - id);
      }
      const projectKey = lower(bound[1]);
      const number = Number(bound[2]);
      return (issue) => {
        const [project, issueNumber] = issueKeySortKey(issue.key);
        return project === projectKey && compareBy(operator, Number(issueNumber) - number);
      };
    },
  };
};

const named =
  (read: (issue: JqlIssue) => string[], known?: (env: JqlEnv) => readonly string[] | undefined): SystemField =>
  (label, env) => ({
    label,
    kind: 'identity',
    operators: EQUALITY,
    read: (issue) => read(issue).map(lower),
    value: knownValue(known?.(env), label),
  });

const user =
  (read: (issue: JqlIssue) => string | null): SystemField =>
  (label) => ({
    label,
    kind: 'exact',
    operators: EQUALITY,
    userField: true,
    read: (issue) => present(read(issue)),
  });

const statusCategory: SystemField = (label) => ({
  label,
  kind: 'identity',
  operators: ops('=', '!=', 'in', 'not in'),
  read: (issue) => [issue.statusCategory],
  value: (raw) => {
    const category = STATUS_CATEGORIES[lower(raw)];
    if (!category) throw jqlErrors.valueNotFound(raw, label);
    return category;
  },
  sortKey: (issue) => STATUS_CATEGORY_ORDER[issue.statusCategory],
});

const parent: SystemField = (label, env) => ({
  label,
  kind: 'identity',
  operators: ops('=', '!=', 'in', 'not in'),
  read: (issue) => present(issue.parentKey).map(lower),
  value: (raw) => lower((/^\d+$/.test(raw) && env.issueKeyById?.(raw)) || raw),
  sortKey: (issue) => (issue.parentKey ? issueKeySortKey(issue.parentKey) : null),
});

const summary: SystemField = (label) => ({ label, kind: 'text', operators: TEXT, read: (issue) => [issue.summary] });

const dateField =
  (kind: 'date' | 'datetime', read: (issue: JqlIssue) => string | null, defaultDirection: 'asc' | 'desc' = 'asc'): SystemField =>
  (label) => ({
    label,
    kind,
    operators: ORDERED,
    read: (issue) => readCanonical(kind, present(read(issue))),
    defaultDirection,
  });

/** System fields by lower-cased JQL name (synonyms included). */
const SYSTEM_FIELDS: Record<string, SystemField> = {
  project,
  key: issueKey,
  issuekey: issueKey,
  issue: issueKey,
  id: issueKey,
  issuetype: named(
    (issue) => [issue.issueType],
    (env) => env.knownIssueTypes,
  ),
  type: named(
    (issue) => [issue.issueType],
    (env) => env.knownIssueTypes,
  ),
  status: named(
    (issue) => [issue.status],
    (env) => env.knownStatuses,
  ),
  statuscategory: statusCategory,
  parent,
  labels: named((issue) => issue.labels),
  assignee: user((issue) => issue.assigneeAccountId),
  reporter: user((issue) => issue.reporterAccountId),
  summary,
  text: summary,
  duedate: dateField('date', (issue) => issue.dueDate),
  due: dateField('date', (issue) => issue.dueDate),
  created: dateField('datetime', (issue) => issue.created, 'desc'),
  createddate: dateField('datetime', (issue) => issue.created, 'desc'),
  updated: dateField('datetime', (issue) => issue.updated, 'desc'),
  updateddate: dateField('datetime', (issue) => issue.updated, 'desc'),
};

const ALIAS_KIND: Record<JqlAlias['type'], { kind: ValueKind; operators: ReadonlySet<JqlOperator> }> = {
  string: { kind: 'identity', operators: EQUALITY },
  text: { kind: 'text', operators: TEXT },
  number: { kind: 'number', operators: ORDERED },
  date: { kind: 'datetime', operators: ORDERED },
  user: { kind: 'exact', operators: EQUALITY },
};

function propertyField(label: string, propertyKey: string, path: string, kind: ValueKind, operators: ReadonlySet<JqlOperator>): FieldDef {
  const segments = path === '' ? [] : path.split('.');
  return {
    label,
    kind,
    operators,
    userField: kind === 'exact',
    read: (issue) =>
      Object.prototype.hasOwnProperty.call(issue.properties, propertyKey) ? readCanonical(kind, valuesAtPath(issue.properties[propertyKey], segments)) : [],
  };
}

const CUSTOM_KIND: Record<string, { kind: ValueKind; operators: ReadonlySet<JqlOperator> }> = {
  string: { kind: 'identity', operators: STRING_CUSTOM },
  number: { kind: 'number', operators: ORDERED },
  date: { kind: 'date', operators: ORDERED },
  datetime: { kind: 'datetime', operators: ORDERED },
  user: { kind: 'exact', operators: EQUALITY },
};

/**
 * Resolves a field reference. `operator` only matters for `issue.property[...]` paths with no
 * declared alias, whose comparison kind follows the operator (ranges numeric, `~` text).
 * Lookup order for names: system fields, entity-property aliases, custom fields by name or id.
 */
export function resolveField(ref: JqlFieldRef, env: JqlEnv, operator: JqlOperator | null): FieldDef {
  const label = fieldRefText(ref);
  if (ref.kind === 'property') {
    const alias = env.aliases.find((a) => a.propertyKey === ref.propertyKey && a.path === ref.path);
    if (alias) {
      const { kind, operators } = ALIAS_KIND[alias.type];
      return propertyField(label, ref.propertyKey, ref.path, kind, operators);
    }
    const kind: ValueKind =
      operator === '<' || operator === '<=' || operator === '>' || operator === '>=' ? 'number' : operator === '~' || operator === '!~' ? 'text' : 'identity';
    return propertyField(label, ref.propertyKey, ref.path, kind, ANY);
  }
  const customFieldId = ref.kind === 'customFieldId' ? `customfield_${ref.id}` : null;
  if (ref.kind === 'named') {
    const name = lower(ref.name);
    const system = SYSTEM_FIELDS[name];
    if (system) return system(ref.name, env);
    const alias = env.aliases.find((a) => lower(a.alias) === name);
    if (alias) {
      const { kind, operators } = ALIAS_KIND[alias.type];
      return propertyField(ref.name, alias.propertyKey, alias.path, kind, operators);
    }
  }
  const custom = env.customFields.find((cf) =>
    customFieldId ? cf.id === customFieldId : ref.kind === 'named' && (lower(cf.name) === lower(ref.name) || lower(cf.id) === lower(ref.name)),
  );
  if (!custom) throw jqlErrors.unknownField(label);
  const { kind, operators } = CUSTOM_KIND[custom.type];
  return {
    label,
    kind,
    operators,
    userField: kind === 'exact',
    read: (issue) => {
      const raw = issue.customFields[custom.id];
      return readCanonical(kind, Array.isArray(raw) ? raw : [raw]);
    },
  };
}

/** ORDER BY accepts every searchable field plus `rank`, which the stand-in orders by numeric issue id. */
export function resolveSortField(ref: JqlFieldRef, env: JqlEnv): FieldDef {
  if (ref.kind === 'named' && lower(ref.name) === 'rank') {
    return { label: ref.name, kind: 'number', operators: ops(), read: (issue) => [Number(issue.id)] };
  }
  return resolveField(ref, env, null);
}
