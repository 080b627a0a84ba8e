import type { JqlPosition } from './ast';
import { jqlErrors } from './errors';

export type TokenType =
  | 'word' // unquoted text: field names, values, keywords
  | 'string' // quoted text
  | 'op' // = != < <= > >= ~ !~
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'lbracket'
  | 'rbracket'
  | 'and' // & or &&
  | 'or' // | or ||
  | 'bang' // ! (NOT)
  | 'eof';

export interface Token {
  type: TokenType;
  /** Decoded text (escapes resolved, quotes removed). */
  text: string;
  /** The text as written, for error messages. */
  raw: string;
  position: JqlPosition;
}

/** Characters JQL reserves outside quotes (Jira rejects them with a "reserved JQL character" error). */
const RESERVED_CHARS = new Set(['{', '}', '*', '/', '%', '+', '^', '$', '#', '@', '?', ';']);
/** Characters that end an unquoted word because they start another token. */
const DELIMITERS = new Set(['"', "'", '(', ')', ',', '=', '!', '<', '>', '~', '[', ']', '&', '|']);
const SIMPLE_ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', '"': '"', "'": "'", '\\': '\\', ' ': ' ' };

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** An on-demand tokenizer, so the first problem in reading order is the one reported (as Jira does). */
export class JqlLexer {
  private index = 0;
  private line = 1;
  private lineStart = 0;
  private lookahead: Token[] = [];

  constructor(private readonly text: string) {}

  peek(offset = 0): Token {
    while (this.lookahead.length <= offset) this.lookahead.push(this.read());
    return this.lookahead[offset];
  }

  next(): Token {
    const token = this.peek();
    this.lookahead.shift();
    return token;
  }

  private position(at: number): JqlPosition {
    return { line: this.line, column: at - this.lineStart + 1 };
  }

  private skipSpace(): void {
    while (this.index < this.text.length && isSpace(this.text[this.index])) {
      if (this.text[this.index] === '\n') {
        this.line += 1;
        this.lineStart = this.index + 1;
      }
      this.index += 1;
    }
  }

  private read(): Token {
    this.skipSpace();
    const start = this.index;
    const position = this.position(start);
    const text = this.text;
    if (start >= text.length) return { type: 'eof', text: '', raw: '', position };
    const ch = text[start];
    const two = text.slice(start, start + 2);
    const simple = (type: TokenType, length: number): Token => {
      this.index += length;
      const raw = text.slice(start, start + length);
      return { type, text: raw, raw, position };
    };
    if (two === '!=' || two === '!~' || two === '<=' || two === '>=') return simple('op', 2);
    if (ch === '=' || ch === '<' || ch === '>' || ch === '~') return simple('op', 1);
    if (two === '&&') return simple('and', 2);
    if (two === '||') return simple('or', 2);
    if (ch === '&') return simple('and', 1);
    if (ch === '|') return simple('or', 1);
    if (ch === '!') return simple('bang', 1);
    if (ch === '(') return simple('lparen', 1);
    if (ch === ')') return simple('rparen', 1);
    if (ch === ',') return simple('comma', 1);
    if (ch === '[') return simple('lbracket', 1);
    if (ch === ']') return simple('rbracket', 1);
    if (ch === '"' || ch === "'") return this.readQuoted(ch, position);
    return this.readWord(position);
  }

  /** Reads one escape sequence starting at the backslash; returns the decoded character. */
  private readEscape(): string {
    const at = this.index;
    const next = this.text[at + 1];
    if (next === undefined) throw jqlErrors.illegalEscape('\\', this.position(at));
    if (next === 'u') {
      const hex = this.text.slice(at + 2, at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw jqlErrors.illegalEscape(`\\u${hex.replace(/[^0-9a-fA-F].*$/, '')}`, this.position(at));
      this.index += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple === undefined) throw jqlErrors.illegalEscape(`\\${next}`, this.position(at));
    this.index += 2;
    return simple;
  }

  private readQuoted(quote: string, position: JqlPosition): Token {
    const start = this.index;
    this.index += 1;
    let value = '';
    while (this.index < this.text.length) {
      const ch = this.text[this.index];
      if (ch === quote) {
        this.index += 1;
        return { type: 'string', text: value, raw: this.text.slice(start, this.index), position };
      }
      if (ch === '\\') {
        value += this.readEscape();
        continue;
      }
      if (ch === '\n') {
        this.line += 1;
        this.lineStart = this.index + 1;
      }
      value += ch;
      this.index += 1;
    }
    throw jqlErrors.unfinishedString(this.text.slice(start + 1), position);
  }

  private readWord(position: JqlPosition): Token {
    const start = this.index;
    let value = '';
    while (this.index < this.text.length) {
      const ch = this.text[this.index];
      if (isSpace(ch) || DELIMITERS.has(ch)) break;
      if (RESERVED_CHARS.has(ch)) throw jqlErrors.reservedCharacter(ch, this.position(this.index));
      if (ch === '\\') {
        value += this.readEscape();
        continue;
      }
      value += ch;
      this.index += 1;
    }
    return { type: 'word', text: value, raw: this.text.slice(start, this.index), position };
  }
}
