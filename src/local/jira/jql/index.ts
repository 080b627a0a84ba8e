/**
 * JQL for the local Jira Cloud stand-in: a real parser for Jira Cloud's JQL subset and an evaluator
 * over plain issue records. Pure: no I/O, the clock and the site configuration come in `JqlEnv`.
 *
 *   const compiled = compileJql(parseJql(text), env);   // both throw JqlError (Jira's message)
 *   issues.filter(compiled.matches).sort(compiled.compare);
 */
export { JqlError } from './errors';
export { parseJql } from './parser';
export { compileJql } from './compile';
export type { JqlQuery, JqlClause, JqlFieldRef, JqlOperand, JqlOperator, JqlOrderTerm, JqlPosition, JqlSingleOperand } from './ast';
export type { JqlIssue, JqlAlias, JqlCustomField, JqlEnv, CompiledJql } from './types';
