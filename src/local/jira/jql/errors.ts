import type { JqlPosition } from './ast';

/** A JQL problem; `message` is the exact text Jira Cloud puts in `errorMessages[0]`. */
export class JqlError extends Error {
  override name = 'JqlError';
}

const VALID_OPERATORS = `'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'`;
const VALID_ESCAPES = `\\', \\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX`;

/** Syntax errors carry Jira's prefix and, when not at the end of the query, the position. */
function syntax(text: string, at: JqlPosition | null): JqlError {
  const where = at ? ` (line ${at.line}, character ${at.column})` : '';
  return new JqlError(`Error in the JQL Query: ${text}${where}`);
}

/** Builders for every message the parser and compiler produce (wording from Jira Cloud). */
export const jqlErrors = {
  expectingOperator: (got: string, at: JqlPosition) => syntax(`Expecting operator but got '${got}'. The valid operators are ${VALID_OPERATORS}.`, at),
  expectingOperatorAtEnd: () => syntax(`Expecting operator before the end of the query. The valid operators are ${VALID_OPERATORS}.`, null),
  expectingField: (got: string, at: JqlPosition) =>
    syntax(`Expecting a field name but got '${got}'. You must surround '${got}' in quotation marks to use it as a field name.`, at),
  expectingFieldAtEnd: () => syntax('Expecting a field name before the end of the query.', null),
  expectingCustomFieldId: (at: JqlPosition) => syntax(`Expecting a custom field id enclosed by '[ ]' after 'cf'. Example: 'cf[10021]'.`, at),
  expectingOperand: (got: string, at: JqlPosition) =>
    syntax(`Expecting either a value, list or function but got '${got}'. You must surround '${got}' in quotation marks to use it as a value.`, at),
  expectingOperandAtEnd: () => syntax('Expecting either a value, list or function before the end of the query.', null),
  expectingLogical: (got: string, at: JqlPosition) => syntax(`Expecting either 'OR' or 'AND' but got '${got}'.`, at),
  expectingToken: (expected: string, got: string, at: JqlPosition) => syntax(`Expecting '${expected}' but got '${got}'.`, at),
  expectingTokens: (first: string, last: string, got: string, at: JqlPosition) => syntax(`Expecting ${first} or '${last}' but got '${got}'.`, at),
  expectingTokenAtEnd: (expected: string) => syntax(`Expecting '${expected}' before the end of the query.`, null),
  reservedWord: (word: string, at: JqlPosition) =>
    syntax(`'${word}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`, at),
  reservedCharacter: (char: string, at: JqlPosition) =>
    syntax(
      `The character '${char}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${char
        .charCodeAt(0)
        .toString(16)
        .padStart(4, '0')}' instead.`,
      at,
    ),
  unfinishedString: (content: string, at: JqlPosition) =>
    content.trim() === '' ? syntax('The quoted string has not been completed.', at) : syntax(`The quoted string '${content}' has not been completed.`, at),
  illegalEscape: (sequence: string, at: JqlPosition) =>
    sequence === '\\'
      ? syntax(`The escape sequence has not been completed. The valid escape sequences are ${VALID_ESCAPES}.`, at)
      : syntax(`'${sequence}' is an illegal JQL escape sequence. The valid escape sequences are ${VALID_ESCAPES}.`, at),

  // Validation errors (no prefix, no position), as Jira words them.
  unknownField: (name: string) => new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`),
  unknownFunction: (call: string) => new JqlError(`Unable to find JQL function '${call}'.`),
  unsupportedOperator: (operator: string, field: string) => new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`),
  unsupportedFunction: (fn: string, field: string) => new JqlError(`A value provided by the function '${fn}' is invalid for the field '${field}'.`),
  nonListValue: (operator: string, value: string, field: string) =>
    new JqlError(`Operator '${operator}' does not support the non-list value '${value}' for field '${field}'.`),
  listValue: (operator: string, value: string, field: string) =>
    new JqlError(`Operator '${operator}' does not support the list value '${value}' for field '${field}'.`),
  emptyValue: (operator: string, field: string) => new JqlError(`Operator '${operator}' does not support the EMPTY value for field '${field}'.`),
  isNeedsEmpty: (operator: string, field: string) => new JqlError(`The operator '${operator}' only supports the EMPTY or NULL value for field '${field}'.`),
  valueNotFound: (value: string, field: string) => new JqlError(`The value '${value}' does not exist for the field '${field}'.`),
  invalidNumber: (value: string, field: string) => new JqlError(`The value '${value}' for field '${field}' is invalid.`),
  invalidDate: (value: string, field: string) =>
    new JqlError(
      `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
    ),
  invalidFunctionArgument: (fn: string, arg: string) =>
    new JqlError(`Function '${fn}' does not accept the argument '${arg}'. Use an increment such as '-1d', '+2w' or '1M'.`),
  functionArgumentCount: (fn: string, min: number, max: number, got: number) =>
    new JqlError(
      min === max
        ? `Function '${fn}' expected '${min}' arguments but received '${got}'.`
        : `Function '${fn}' expected between '${min}' and '${max}' arguments but received '${got}'.`,
    ),
  invalidIssueKey: (value: string, field: string) => new JqlError(`The issue key '${value}' for field '${field}' is invalid.`),
  emptyTextSearch: (field: string) => new JqlError(`The field '${field}' does not support searching for an empty string.`),
};
