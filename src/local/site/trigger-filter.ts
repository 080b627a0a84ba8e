/**
 * Forge's trigger `filter` as the platform applies it before invoking the function: `ignoreSelf` drops events
 * the app itself caused, and `expression` (a Jira expression over `event`) must evaluate to true. Jira
 * expressions are a large language; this evaluates the subset our manifest uses — member access (`.`, `?.`),
 * string / number / boolean / null literals, `==` `!=` `&&` `||` `!`, parentheses and the list and string
 * method `includes(x)` — and refuses anything else when the manifest is read, so a filter the local site
 * cannot evaluate never silently passes. An evaluation error follows `onError` (default IGNORE_AND_LOG).
 */

export type OnFilterError = 'IGNORE' | 'IGNORE_AND_LOG' | 'RECEIVE' | 'RECEIVE_AND_LOG';

export interface TriggerFilter {
  ignoreSelf?: boolean;
  expression?: string;
  onError?: OnFilterError;
}

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Node; property: string; optional: boolean }
  | { kind: 'call'; object: Node; method: string; optional: boolean; args: Node[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: '==' | '!=' | '&&' | '||'; left: Node; right: Node };

export class FilterExpressionError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_$][\w$]*)|(\?\.|==|!=|&&|\|\||[.()!,]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new FilterExpressionError(`Unsupported syntax at position ${at} of the trigger filter expression: ${source.slice(at, at + 20)}`);
    tokens.push(match[0].trim());
  }
  return tokens;
}

const METHODS = new Set(['includes']);

/** Parses the supported subset; throws FilterExpressionError on anything else. */
export function parseFilterExpression(source: string): Node {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const token = tokens[i];
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new FilterExpressionError(`Expected ${expected ?? 'more'} in the trigger filter expression, found ${token ?? 'the end'}`);
    i += 1;
    return token;
  };
  const primary = (): Node => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (/^\d/.test(token)) return { kind: 'literal', value: Number(token) };
    if (/^['"]/.test(token))
      return { kind: 'literal', value: JSON.parse(token[0] === '"' ? token : `"${token.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string };
    if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
    if (token === 'null') return { kind: 'literal', value: null };
    if (/^[A-Za-z_$]/.test(token)) return { kind: 'name', name: token };
    throw new FilterExpressionError(`Unexpected ${token} in the trigger filter expression`);
  };
  const postfix = (): Node => {
    let node = primary();
    while (peek() === '.' || peek() === '?.') {
      const optional = take() === '?.';
      const property = take();
      if (!/^[A-Za-z_$][\w$]*$/.test(property)) throw new FilterExpressionError(`Expected a property name after ${optional ? '?.' : '.'}, found ${property}`);
      if (peek() === '(') {
        if (!METHODS.has(property)) throw new FilterExpressionError(`The local site does not evaluate the method ${property}() in trigger filters`);
        take('(');
        const args: Node[] = [];
        while (peek() !== ')') {
          args.push(or());
          if (peek() === ',') take(',');
        }
        take(')');
        node = { kind: 'call', object: node, method: property, optional, args };
      } else node = { kind: 'member', object: node, property, optional };
    }
    return node;
  };
  const unary = (): Node => (peek() === '!' ? (take(), { kind: 'not', operand: unary() }) : postfix());
  const equality = (): Node => {
    let node = unary();
    while (peek() === '==' || peek() === '!=') node = { kind: 'binary', op: take() as '==' | '!=', left: node, right: unary() };
    return node;
  };
  const and = (): Node => {
    let node = equality();
    while (peek() === '&&') node = { kind: 'binary', op: take() as '&&', left: node, right: equality() };
    return node;
  };
  const or = (): Node => {
    let node = and();
    while (peek() === '||') node = { kind: 'binary', op: take() as '||', left: node, right: and() };
    return node;
  };
  const root = or();
  if (i !== tokens.length) throw new FilterExpressionError(`Unexpected ${tokens[i]} in the trigger filter expression`);
  return root;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function evaluate(node: Node, scope: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      if (!(node.name in scope)) throw new FilterExpressionError(`Unknown variable ${node.name}`);
      return scope[node.name];
    case 'member': {
      const object = evaluate(node.object, scope);
      if (object === null || object === undefined) {
        if (node.optional) return null;
        throw new FilterExpressionError(`Cannot read ${node.property} of null`);
      }
      // A missing member of an object is null in Jira expressions.
      return isRecord(object) ? (object[node.property] ?? null) : null;
    }
    case 'call': {
      const object = evaluate(node.object, scope);
      if (object === null || object === undefined) {
        if (node.optional) return null;
        throw new FilterExpressionError(`Cannot call ${node.method}() on null`);
      }
      const [arg] = node.args.map((a) => evaluate(a, scope));
      if (Array.isArray(object)) return object.includes(arg);
      if (typeof object === 'string' && typeof arg === 'string') return object.includes(arg);
      throw new FilterExpressionError(`${node.method}() needs a list or a string`);
    }
    case 'not': {
      const value = evaluate(node.operand, scope);
      if (typeof value !== 'boolean') throw new FilterExpressionError('! needs a boolean');
      return !value;
    }
    case 'binary': {
      if (node.op === '==' || node.op === '!=') {
        const equal = evaluate(node.left, scope) === evaluate(node.right, scope);
        return node.op === '==' ? equal : !equal;
      }
      const left = evaluate(node.left, scope);
      if (typeof left !== 'boolean') throw new FilterExpressionError(`${node.op} needs booleans`);
      if (node.op === '&&' ? !left : left) return left;
      const right = evaluate(node.right, scope);
      if (typeof right !== 'boolean') throw new FilterExpressionError(`${node.op} needs booleans`);
      return right;
    }
  }
}

export interface FilterDecision {
  deliver: boolean;
  /** Why an event was dropped or let through on error, for the log (Forge logs when onError ends in _AND_LOG). */
  log?: string;
}

/** A trigger's filter, compiled once: whether Forge would invoke the function for this event. */
export function compileTriggerFilter(filter: TriggerFilter | undefined, appAccountId: string): (event: Record<string, unknown>) => FilterDecision {
  if (!filter) return () => ({ deliver: true });
  const expression = filter.expression === undefined ? null : parseFilterExpression(filter.expression);
  const onError = filter.onError ?? 'IGNORE_AND_LOG';
  return (event) => {
    if (filter.ignoreSelf && event.atlassianId === appAccountId) return { deliver: false };
    if (!expression) return { deliver: true };
    try {
      return { deliver: evaluate(expression, { event }) === true };
    } catch (error) {
      const deliver = onError.startsWith('RECEIVE');
      return {
        deliver,
        ...(onError.endsWith('_AND_LOG') ? { log: `trigger filter error (${deliver ? 'received' : 'ignored'}): ${(error as Error).message}` } : {}),
      };
    }
  };
}
