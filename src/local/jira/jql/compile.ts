/** Compiles a parsed query into a fast matcher and comparator over JqlIssue records. */
import type { JqlClause, JqlOperand, JqlOperator, JqlQuery, JqlSingleOperand } from './ast';
import { operandText } from './ast';
import { evaluateDateFunction, isDateFunction, utcDay } from './dates';
import { jqlErrors } from './errors';
import { type Canonical, type FieldDef, operandCanonical, type RangeOperator, resolveField, resolveSortField } from './fields';
import { textMatcher } from './text-search';
import type { CompiledJql, JqlEnv, JqlIssue } from './types';

type Predicate = (issue: JqlIssue) => boolean;

/** Functions this stand-in knows; any other name fails with Jira's "Unable to find JQL function". */
function isKnownFunction(name: string): boolean {
  return isDateFunction(name) || name.toLowerCase() === 'currentuser';
}

/** The canonical values one operand item stands for (a function may stand for none). */
function itemValues(item: JqlSingleOperand, field: FieldDef, env: JqlEnv): Canonical[] {
  if (item.kind === 'value') return [field.value ? field.value(item.value) : operandCanonical(field.kind, item.value, field.label, env.now)];
  if (item.kind === 'empty') return [];
  const call = `${item.name}(${item.args.join(', ')})`;
  if (!isKnownFunction(item.name)) throw jqlErrors.unknownFunction(call);
  if (item.name.toLowerCase() === 'currentuser') {
    if (!field.userField) throw jqlErrors.unsupportedFunction(item.name, field.label);
    if (item.args.length > 0) throw jqlErrors.functionArgumentCount(item.name, 0, 0, item.args.length);
    return env.currentAccountId === null ? [] : [env.currentAccountId];
  }
  if (field.kind !== 'date' && field.kind !== 'datetime') throw jqlErrors.unsupportedFunction(item.name, field.label);
  const ms = evaluateDateFunction(item.name, item.args, env.now);
  return [field.kind === 'date' ? utcDay(ms) : ms];
}

function rangeTest(operator: RangeOperator, bound: Canonical): (value: Canonical) => boolean {
  switch (operator) {
    case '<':
      return (value) => value < bound;
    case '<=':
      return (value) => value <= bound;
    case '>':
      return (value) => value > bound;
    case '>=':
      return (value) => value >= bound;
  }
}

/** Jira semantics: positive operators match when any value matches; negated ones never match EMPTY. */
function anyValue(field: FieldDef, test: (value: Canonical) => boolean): Predicate {
  return (issue) => field.read(issue).some(test);
}
function noValue(field: FieldDef, test: (value: Canonical) => boolean): Predicate {
  return (issue) => {
    const values = field.read(issue);
    return values.length > 0 && !values.some(test);
  };
}

function terminal(field: FieldDef, operator: JqlOperator, operand: JqlOperand, env: JqlEnv): Predicate {
  // Jira checks the operand's shape before whether the field supports the operator.
  if ((operator === 'in' || operator === 'not in') && operand.kind === 'value') {
    throw jqlErrors.nonListValue(operator, operandText(operand), field.label);
  }
  if (!field.operators.has(operator)) throw jqlErrors.unsupportedOperator(operator, field.label);
  const empty = (issue: JqlIssue) => field.read(issue).length === 0;

  if (operator === 'is' || operator === 'is not') {
    if (operand.kind !== 'empty') throw jqlErrors.isNeedsEmpty(operator, field.label);
    return operator === 'is' ? empty : (issue) => !empty(issue);
  }
  if (operand.kind === 'empty') {
    if (operator === '=' && field.operators.has('is')) return empty;
    if (operator === '!=' && field.operators.has('is not')) return (issue) => !empty(issue);
    throw jqlErrors.emptyValue(operator, field.label);
  }
  if (operator === 'in' || operator === 'not in') {
    const items = operand.kind === 'list' ? operand.items : [operand];
    const wanted = new Set(items.flatMap((item) => itemValues(item, field, env)));
    const orEmpty = items.some((item) => item.kind === 'empty');
    const has = (value: Canonical) => wanted.has(value);
    if (operator === 'in') {
      const some = anyValue(field, has);
      return orEmpty ? (issue) => empty(issue) || some(issue) : some;
    }
    // NOT IN never matches issues where the field is EMPTY, listed or not.
    return noValue(field, has);
  }
  if (operand.kind === 'list') throw jqlErrors.listValue(operator, operandText(operand), field.label);

  if (operator === '~' || operator === '!~') {
    if (operand.kind !== 'value') throw jqlErrors.unsupportedFunction(operand.name, field.label);
    if (operand.value.trim() === '') throw jqlErrors.emptyTextSearch(field.label);
    const matcher = textMatcher(operand.value);
    const test = (value: Canonical) => matcher(String(value));
    return operator === '~' ? anyValue(field, test) : noValue(field, test);
  }
  if (field.range && operand.kind === 'value' && operator !== '=' && operator !== '!=') return field.range(operator, operand.value);
  const values = itemValues(operand, field, env);
  if (operator === '=' || operator === '!=') {
    const wanted = new Set(values);
    const has = (value: Canonical) => wanted.has(value);
    return operator === '=' ? anyValue(field, has) : noValue(field, has);
  }
  if (values.length === 0) return () => false;
  return anyValue(field, rangeTest(operator, values[0]));
}

function compileClause(clause: JqlClause, env: JqlEnv): Predicate {
  switch (clause.kind) {
    case 'and': {
      const parts = clause.clauses.map((c) => compileClause(c, env));
      return (issue) => parts.every((p) => p(issue));
    }
    case 'or': {
      const parts = clause.clauses.map((c) => compileClause(c, env));
      return (issue) => parts.some((p) => p(issue));
    }
    case 'not': {
      const inner = compileClause(clause.clause, env);
      return (issue) => !inner(issue);
    }
    case 'terminal':
      return terminal(resolveField(clause.field, env, clause.operator), clause.operator, clause.operand, env);
  }
}

type Comparator = (a: JqlIssue, b: JqlIssue) => number;

function compareScalar(a: Canonical, b: Canonical): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKeys(a: Canonical | Canonical[], b: Canonical | Canonical[]): number {
  if (!Array.isArray(a) && !Array.isArray(b)) return compareScalar(a, b);
  const left = Array.isArray(a) ? a : [a];
  const right = Array.isArray(b) ? b : [b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const order = compareScalar(left[i], right[i]);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

function sortKeyOf(field: FieldDef): (issue: JqlIssue) => SortKey {
  if (field.sortKey) return field.sortKey;
  return (issue) => {
    const values = field.read(issue);
    if (values.length === 0) return null;
    return values.length === 1 ? values[0] : [...values].sort(compareScalar)[0];
  };
}

type SortKey = Canonical | Canonical[] | null;

interface Ordering {
  /** All sort keys of an issue, in ORDER BY order; the last one is the numeric id tiebreak. */
  keysOf(issue: JqlIssue): SortKey[];
  compareKeys(left: SortKey[], right: SortKey[]): number;
}

function compileOrdering(query: JqlQuery, env: JqlEnv): Ordering {
  // Without ORDER BY: Jira's default `created DESC`, newest id first on ties.
  const terms =
    query.orderBy.length === 0
      ? [
          { key: (issue: JqlIssue): SortKey => Date.parse(issue.created), sign: -1 },
          { key: (issue: JqlIssue): SortKey => Number(issue.id), sign: -1 },
        ]
      : [
          ...query.orderBy.map((term) => {
            const field = resolveSortField(term.field, env);
            // No direction given: the field's own default, as in Jira (created/updated newest first).
            const direction = term.direction ?? field.defaultDirection ?? 'asc';
            return { key: sortKeyOf(field), sign: direction === 'desc' ? -1 : 1 };
          }),
          { key: (issue: JqlIssue): SortKey => Number(issue.id), sign: 1 },
        ];
  return {
    keysOf: (issue) => terms.map((term) => term.key(issue)),
    compareKeys: (left, right) => {
      for (let i = 0; i < terms.length; i += 1) {
        const l = left[i];
        const r = right[i];
        // Empty sorts as the largest value: last ascending, first descending (as in Jira).
        const order = l === null || r === null ? (l === r ? 0 : l === null ? 1 : -1) : compareKeys(l, r);
        if (order !== 0) return order * terms[i].sign;
      }
      return 0;
    },
  };
}

/**
 * `compare` remembers each issue's sort keys for the life of the CompiledJql (a sort makes
 * n·log n comparisons); `sort` computes them once per call. Compile per search if issues change in place.
 */
function comparator(ordering: Ordering): Comparator {
  const cache = new Map<JqlIssue, SortKey[]>();
  const keys = (issue: JqlIssue): SortKey[] => {
    let value = cache.get(issue);
    if (value === undefined) {
      value = ordering.keysOf(issue);
      cache.set(issue, value);
    }
    return value;
  };
  return (a, b) => ordering.compareKeys(keys(a), keys(b));
}

function sorter(ordering: Ordering): (issues: readonly JqlIssue[]) => JqlIssue[] {
  return (issues) =>
    issues
      .map((issue) => ({ issue, keys: ordering.keysOf(issue) }))
      .sort((a, b) => ordering.compareKeys(a.keys, b.keys))
      .map((entry) => entry.issue);
}

/**
 * Resolves fields and functions against the site (`env`) and returns a matcher and comparator.
 * Throws JqlError (Jira's wording) for unknown fields/functions, unsupported operators and bad values.
 */
export function compileJql(query: JqlQuery, env: JqlEnv): CompiledJql {
  const matches = query.where ? compileClause(query.where, env) : () => true;
  const ordering = compileOrdering(query, env);
  return { matches, compare: comparator(ordering), sort: sorter(ordering) };
}
