import type { JqlClause, JqlFieldRef, JqlOperand, JqlOperator, JqlOrderTerm, JqlQuery, JqlSingleOperand } from './ast';
import { jqlErrors } from './errors';
import { JqlLexer, type Token } from './lexer';
import { KEYWORDS, RESERVED_WORDS } from './reserved-words';

/**
 * Parses Jira Cloud's JQL subset (see README of this folder in index.ts):
 *   query   := [or] [ORDER BY term {, term}]
 *   or      := and {(OR | '|' | '||') and}
 *   and     := not {(AND | '&' | '&&') not}
 *   not     := (NOT | '!') not | '(' or ')' | field operator operand
 * Throws JqlError with Jira's message on malformed input.
 */
export function parseJql(text: string): JqlQuery {
  return new Parser(new JqlLexer(text)).query();
}

const isWord = (token: Token, word: string): boolean => token.type === 'word' && token.text.toLowerCase() === word;

class Parser {
  constructor(private readonly lexer: JqlLexer) {}

  query(): JqlQuery {
    let where: JqlClause | null = null;
    if (this.lexer.peek().type !== 'eof' && !this.atOrderBy()) where = this.or();
    const orderBy = this.atOrderBy() ? this.orderBy() : [];
    const rest = this.lexer.peek();
    if (rest.type !== 'eof') throw jqlErrors.expectingLogical(rest.raw, rest.position);
    return { where, orderBy };
  }

  private atOrderBy(): boolean {
    return isWord(this.lexer.peek(), 'order');
  }

  private or(): JqlClause {
    const clauses = [this.and()];
    while (this.lexer.peek().type === 'or' || isWord(this.lexer.peek(), 'or')) {
      this.lexer.next();
      clauses.push(this.and());
    }
    return clauses.length === 1 ? clauses[0] : { kind: 'or', clauses };
  }

  private and(): JqlClause {
    const clauses = [this.not()];
    while (this.lexer.peek().type === 'and' || isWord(this.lexer.peek(), 'and')) {
      this.lexer.next();
      clauses.push(this.not());
    }
    return clauses.length === 1 ? clauses[0] : { kind: 'and', clauses };
  }

  private not(): JqlClause {
    const token = this.lexer.peek();
    if (token.type === 'bang' || isWord(token, 'not')) {
      this.lexer.next();
      return { kind: 'not', clause: this.not() };
    }
    if (token.type === 'lparen') {
      this.lexer.next();
      const inner = this.or();
      const close = this.lexer.next();
      if (close.type === 'eof') throw jqlErrors.expectingTokenAtEnd(')');
      if (close.type !== 'rparen') throw jqlErrors.expectingLogical(close.raw, close.position);
      return inner;
    }
    const field = this.field();
    const operator = this.operator();
    return { kind: 'terminal', field, operator, operand: this.operand() };
  }

  private field(): JqlFieldRef {
    const token = this.lexer.next();
    const position = token.position;
    if (token.type === 'eof') throw jqlErrors.expectingFieldAtEnd();
    if (token.type === 'string') return { kind: 'named', name: token.text, position };
    if (token.type !== 'word') throw jqlErrors.expectingField(token.raw, position);
    const lower = token.text.toLowerCase();
    if (lower === 'cf' && this.lexer.peek().type === 'lbracket') {
      this.lexer.next();
      const id = this.lexer.next();
      const close = this.lexer.next();
      if (id.type !== 'word' || !/^\d+$/.test(id.text) || close.type !== 'rbracket') throw jqlErrors.expectingCustomFieldId(position);
      return { kind: 'customFieldId', id: id.text, position };
    }
    if (lower === 'issue.property' && this.lexer.peek().type === 'lbracket') return this.propertyField(position);
    if (KEYWORDS.has(lower)) throw jqlErrors.expectingField(token.raw, position);
    if (RESERVED_WORDS.has(lower)) throw jqlErrors.reservedWord(token.raw, position);
    return { kind: 'named', name: token.text, position };
  }

  /** `issue.property[key].path`: the lexer reads `.path` as one word because '.' is a word character. */
  private propertyField(position: Token['position']): JqlFieldRef {
    this.lexer.next();
    const key = this.lexer.next();
    if (key.type === 'eof') throw jqlErrors.expectingTokenAtEnd(']');
    if (key.type !== 'word' && key.type !== 'string') throw jqlErrors.expectingField(key.raw, key.position);
    const close = this.lexer.next();
    if (close.type === 'eof') throw jqlErrors.expectingTokenAtEnd(']');
    if (close.type !== 'rbracket') throw jqlErrors.expectingToken(']', close.raw, close.position);
    let path = '';
    const after = this.lexer.peek();
    if (after.type === 'word' && after.text.startsWith('.')) {
      this.lexer.next();
      path = after.text.slice(1);
    }
    return { kind: 'property', propertyKey: key.text, path, position };
  }

  private operator(): JqlOperator {
    const token = this.lexer.next();
    if (token.type === 'eof') throw jqlErrors.expectingOperatorAtEnd();
    if (token.type === 'op') return token.text as JqlOperator;
    if (isWord(token, 'in')) return 'in';
    if (isWord(token, 'is')) {
      if (isWord(this.lexer.peek(), 'not')) {
        this.lexer.next();
        return 'is not';
      }
      return 'is';
    }
    if (isWord(token, 'not')) {
      const next = this.lexer.next();
      if (isWord(next, 'in')) return 'not in';
      if (next.type === 'eof') throw jqlErrors.expectingTokenAtEnd('IN');
      throw jqlErrors.expectingToken('IN', next.raw, next.position);
    }
    throw jqlErrors.expectingOperator(token.raw, token.position);
  }

  private operand(): JqlOperand {
    const token = this.lexer.peek();
    if (token.type === 'lparen') {
      this.lexer.next();
      const items: JqlSingleOperand[] = [this.singleOperand()];
      for (;;) {
        const next = this.lexer.next();
        if (next.type === 'rparen') return { kind: 'list', items };
        if (next.type === 'eof') throw jqlErrors.expectingTokenAtEnd(')');
        if (next.type !== 'comma') throw jqlErrors.expectingTokens("','", ')', next.raw, next.position);
        items.push(this.singleOperand());
      }
    }
    return this.singleOperand();
  }

  private singleOperand(): JqlSingleOperand {
    const token = this.lexer.next();
    if (token.type === 'eof') throw jqlErrors.expectingOperandAtEnd();
    if (token.type === 'string') return { kind: 'value', value: token.text, quoted: true };
    if (token.type !== 'word') throw jqlErrors.expectingOperand(token.raw, token.position);
    const lower = token.text.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty' };
    if (KEYWORDS.has(lower)) throw jqlErrors.expectingOperand(token.raw, token.position);
    if (this.lexer.peek().type === 'lparen') return { kind: 'function', name: token.text, args: this.functionArguments() };
    if (RESERVED_WORDS.has(lower)) throw jqlErrors.reservedWord(token.raw, token.position);
    return { kind: 'value', value: token.text, quoted: false };
  }

  private functionArguments(): string[] {
    this.lexer.next(); // (
    const args: string[] = [];
    if (this.lexer.peek().type === 'rparen') {
      this.lexer.next();
      return args;
    }
    for (;;) {
      const arg = this.lexer.next();
      if (arg.type === 'eof') throw jqlErrors.expectingTokenAtEnd(')');
      if (arg.type !== 'word' && arg.type !== 'string') throw jqlErrors.expectingOperand(arg.raw, arg.position);
      args.push(arg.text);
      const next = this.lexer.next();
      if (next.type === 'rparen') return args;
      if (next.type === 'eof') throw jqlErrors.expectingTokenAtEnd(')');
      if (next.type !== 'comma') throw jqlErrors.expectingTokens("','", ')', next.raw, next.position);
    }
  }

  private orderBy(): JqlOrderTerm[] {
    this.lexer.next(); // ORDER
    const by = this.lexer.next();
    if (by.type === 'eof') throw jqlErrors.expectingTokenAtEnd('by');
    if (!isWord(by, 'by')) throw jqlErrors.expectingToken('by', by.raw, by.position);
    const terms: JqlOrderTerm[] = [];
    for (;;) {
      const field = this.field();
      let direction: JqlOrderTerm['direction'] = null;
      const next = this.lexer.peek();
      if (isWord(next, 'asc') || isWord(next, 'desc')) {
        this.lexer.next();
        direction = next.text.toLowerCase() as 'asc' | 'desc';
      }
      terms.push({ field, direction });
      const separator = this.lexer.peek();
      if (separator.type !== 'comma') {
        if (separator.type !== 'eof') throw jqlErrors.expectingTokens("either 'ASC', 'DESC'", ',', separator.raw, separator.position);
        return terms;
      }
      this.lexer.next();
    }
  }
}
