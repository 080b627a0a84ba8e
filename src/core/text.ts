/**
 * The one text policy for every string that reaches Jira, storage or a page (kickoff, template, resolver
 * payloads alike). A string is accepted only when it is, after Unicode normalisation (NFC):
 * - free of C0/C1 control characters (a multi-line field allows line breaks and tabs, nothing else; CR LF
 *   becomes LF), unpaired surrogates, and bidirectional overrides/isolates (U+202A–U+202E, U+2066–U+2069),
 *   which make text display as something other than what it is;
 * - free of line/paragraph separators (U+2028, U+2029) in a single-line field;
 * - not made only of invisible characters (zero-width, format characters, blanks);
 * - within its field's length limit.
 * Links are `https:` URLs (or `http:` on the local site: localhost, 127.0.0.1), checked with `new URL`.
 * The checks are pure functions here; `policyText` and `webUrl` wrap them for zod schemas.
 */
import { z } from 'zod';

export interface TextRule {
  /** Line breaks (LF) and tabs are part of the text (a description, a note). */
  multiline?: boolean;
}

/** C0 controls (tab and LF separately, for multi-line text), DEL and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const TAB_OR_LF = /[\t\n]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidirectional embeddings, overrides and isolates. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const LINE_SEPARATOR = /[\u2028\u2029]/;
/** What renders as nothing: format characters, default-ignorables (zero-width…), blanks, combining marks alone, braille blank. */
const INVISIBLE_ONLY = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{White_Space}\p{Mn}\u2800\u3164\uFFA0\u115F\u1160]*$/u;

/** Normalised form of a text value: NFC, CR LF as LF, trimmed. */
export function normalizeText(value: string): string {
  const nfc = UNPAIRED_SURROGATE.test(value) ? value : value.normalize('NFC');
  return nfc.replace(/\r\n/g, '\n').trim();
}

/** Why a (normalised) value breaks the policy, or null when it does not. Empty text is the caller's rule. */
export function textProblem(value: string, rule: TextRule = {}): string | null {
  if (CONTROL.test(value) || (!rule.multiline && TAB_OR_LF.test(value))) {
    return rule.multiline ? 'must not contain control characters (only line breaks and tabs)' : 'must not contain control characters (tabs, line breaks, NUL…)';
  }
  if (UNPAIRED_SURROGATE.test(value)) return 'must not contain broken characters (unpaired surrogates)';
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override or isolate characters';
  if (!rule.multiline && LINE_SEPARATOR.test(value)) return 'must be one line (no line or paragraph separators)';
  if (value.length > 0 && INVISIBLE_ONLY.test(value)) return 'must contain visible characters';
  return null;
}

/** True when the text is acceptable as it is (already normalised, non-empty, no problem). */
export function isCleanText(value: string, rule: TextRule = {}): boolean {
  return value.length > 0 && normalizeText(value) === value && textProblem(value, rule) === null;
}

/** Local-site hosts, the only ones allowed plain `http:`. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a URL may not be a link, or null when it may: `https:` (or `http:` on localhost), a host, no credentials. */
export function urlProblem(value: string): string | null {
  // `new URL` silently drops tabs and line breaks ("java\tscript:" parses as "javascript:"): judged on the raw text.
  if (textProblem(value) !== null) return 'must be a URL without control, bidirectional or invisible-only characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a full URL such as https://example.com/page';
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    return 'must be a web link, an http(s) URL (https://…; http:// only on the local site)';
  if (!url.hostname) return 'must name a host';
  if (url.username || url.password) return 'must not carry a user name or password';
  return null;
}

export interface TextSchemaOptions extends TextRule {
  /** Longest accepted text (in UTF-16 code units, after normalisation). */
  max: number;
  /** Shortest: 1 (required) unless 0 is given (an empty string is accepted). */
  min?: 0 | 1;
  /** Messages in the field's words; defaults are generic. */
  messages?: { missing?: string; notText?: string; tooLong?: string; problem?: (problem: string) => string };
  /**
   * `normalize` (default): the value is NFC-normalised and trimmed. `exact`: the value must already be (a
   * stored document such as a template, whose export must be byte-identical to its import).
   */
  mode?: 'normalize' | 'exact';
}

/** A text field under the policy, as a zod schema (use everywhere a string reaches Jira, storage or a page). */
export function policyText(options: TextSchemaOptions) {
  const { max, min = 1, messages = {}, mode = 'normalize' } = options;
  const missing = messages.missing ?? 'is required';
  const base = z.string({ error: (issue) => (issue.input === undefined ? missing : (messages.notText ?? 'must be text')) });
  const prepared =
    mode === 'normalize'
      ? base.transform(normalizeText)
      : base.refine((v) => normalizeText(v) === v, 'must not start or end with spaces, and must be in Unicode normal form (NFC)');
  return prepared.pipe(
    z
      .string()
      .min(min, missing)
      .max(max, messages.tooLong ?? `must be at most ${max} characters`)
      .superRefine((value, ctx) => {
        const problem = textProblem(value, options);
        if (problem) ctx.addIssue({ code: 'custom', message: messages.problem ? messages.problem(problem) : problem });
      }),
  );
}

/** A link under the policy (see `urlProblem`), at most `max` characters. */
export function webUrl(what: string, max = 2000) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required (a URL)` : `${what} must be a URL`) })
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = urlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
    });
}

/**
 * A short, safe excerpt of untrusted input for an error message: at most `max` characters, controls, bidi
 * and separators shown as "?", so a message never carries the input's payload or its tricks.
 */
export function safeExcerpt(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : String(value);
  const cleaned = [...text.slice(0, max + 1)]
    .map((c) => (/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029\uD800-\uDFFF]/.test(c) ? '?' : c))
    .join('');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
}
