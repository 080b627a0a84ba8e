/**
 * Issue 27: one text policy for every string that reaches Jira, storage or a page (kickoff and template
 * alike), bounds on the template, and the core's date functions refusing out-of-range input with a typed error.
 */
import {
  BUILT_IN_TEMPLATE,
  DateOutOfRangeError,
  TEMPLATE_LIMITS,
  businessCalendar,
  businessDaysBetween,
  kickoffFormSchema,
  lastBusinessDay,
  normalizeText,
  safeExcerpt,
  scheduleSteps,
  textProblem,
  urlProblem,
  validateKickoff,
  validateTemplate,
  type PlaybookData,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

const HOSTILE_SINGLE_LINE: [string, string][] = [
  ['NUL', 'Break\u0000out'],
  ['BEL', 'Break\u0007out'],
  ['a newline', 'Break\nline2'],
  ['a tab', 'Break\tout'],
  ['DEL', 'Break\u007Fout'],
  ['a C1 control', 'Break\u0085out'],
  ['a right-to-left override', '\u202Egnp.exe\u202C Biller'],
  ['a left-to-right embedding', 'a\u202Ab'],
  ['an isolate', 'a\u2066b\u2069'],
  ['a line separator', 'Texas\u2028Mutual'],
  ['a paragraph separator', 'Texas\u2029Mutual'],
  ['zero-width spaces only', '\u200B\u200B\u200B'],
  ['zero-width joiners and a BOM only', '\u200D\uFEFF\u200C'],
  ['an unpaired surrogate', 'a\uD800b'],
  ['a Hangul filler only', '\u3164'],
];

describe('the text policy (src/core/text.ts)', () => {
  it.each(HOSTILE_SINGLE_LINE)('refuses %s in a single-line field', (_name, value) => {
    expect(textProblem(normalizeText(value))).not.toBeNull();
  });

  it('accepts plain text, accents, non-Latin scripts and emoji; NFC-normalises and trims', () => {
    for (const ok of ['Texas Mutual', 'Zürich Versicherung', 'שלום עולם', '東京海上', 'Team 🚀', 'a\u00A0b']) expect(textProblem(normalizeText(ok))).toBeNull();
    expect(normalizeText('  Cafe\u0301  ')).toBe('Café');
  });

  it('a multi-line field allows line breaks and tabs, and nothing else of the controls (CR LF becomes LF)', () => {
    expect(textProblem('line 1\nline 2\tindented', { multiline: true })).toBeNull();
    expect(normalizeText('line 1\r\nline 2')).toBe('line 1\nline 2');
    expect(textProblem('line 1\u0000', { multiline: true })).toMatch(/control characters/);
    expect(textProblem('a\u202Eb', { multiline: true })).toMatch(/bidirectional/);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['plain http on a public host', 'http://evil.example/page'],
    ['a tab hidden in the scheme (new URL strips it)', 'java\tscript:alert(1)'],
    ['a newline inside', 'https://example.com/\npath'],
    ['credentials', 'https://user:pass@example.com/'],
    ['not a URL', 'example.com/page'],
    ['a bidi override', 'https://example.com/\u202Eexe.pdf'],
    ['file:', 'file:///etc/passwd'],
  ])('refuses a URL with %s', (_name, url) => {
    expect(urlProblem(url)).not.toBeNull();
  });

  it('accepts https links, and http only on the local site', () => {
    expect(urlProblem('https://invoicecloud.atlassian.net/wiki/x/LQAQJQ')).toBeNull();
    expect(urlProblem('http://localhost:8080/wiki/spaces/IMP/pages/1001')).toBeNull();
    expect(urlProblem('http://127.0.0.1:3000/page')).toBeNull();
  });

  it('an excerpt of hostile input is short and shows controls, bidi and separators as "?"', () => {
    expect(safeExcerpt('a\u0000b\u202Ec\u2028d')).toBe('a?b?c?d');
    expect(safeExcerpt('x'.repeat(5005))).toHaveLength(41);
  });
});

describe('the kickoff under the policy', () => {
  it.each(HOSTILE_SINGLE_LINE)('a biller with %s is a field error (engine and form alike)', (_name, biller) => {
    const engine = validateKickoff({ ...exampleKickoff(), biller });
    expect(engine).toEqual({ ok: false, errors: [{ field: 'biller', message: expect.stringMatching(/^biller /) }] });
    const form = kickoffFormSchema.safeParse({ ...formOf(exampleKickoff()), biller });
    expect(form.success).toBe(false);
    expect(form.error?.issues.map((i) => i.path.join('.'))).toEqual(['biller']);
  });

  it('every text of the kickoff is judged: core system, names, holidays, reference URLs', () => {
    const kickoff = exampleKickoff();
    kickoff.coreSystem = 'Guide\u202Ewire';
    kickoff.roles.SA.displayName = '\u200B';
    kickoff.referenceUrls = { 'solution-design-document': 'javascript:alert(1)' };
    kickoff.holidays = ['2026-12-25\u0000'];
    const result = validateKickoff(kickoff);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field).sort()).toEqual(['coreSystem', 'holidays.0', 'referenceUrls.solution-design-document', 'roles.SA.displayName']);
  });

  it('normalises what it accepts: NFC and trimmed', () => {
    const result = validateKickoff({ ...exampleKickoff(), biller: '  Cafe\u0301 Mutual ' });
    expect(result.ok && result.kickoff.biller).toBe('Café Mutual');
  });
});

/** A form-shaped kickoff from the engine fixture (roles without e-mails; the page is never part of it). */
function formOf(kickoff: ReturnType<typeof exampleKickoff>): Record<string, unknown> {
  const { page: _page, referenceUrls: _refs, optionalSteps: _opt, ...rest } = kickoff;
  return rest;
}

const draft = (change: (t: PlaybookData) => void): PlaybookData => {
  const t = structuredClone(BUILT_IN_TEMPLATE);
  change(t);
  return t;
};
const pathsOf = (t: PlaybookData): string[] => {
  const result = validateTemplate(t);
  return result.ok ? [] : result.errors.map((e) => e.path);
};

describe('the template under the policy', () => {
  it('the built-in template passes', () => {
    expect(validateTemplate(BUILT_IN_TEMPLATE)).toEqual({ ok: true, template: BUILT_IN_TEMPLATE });
  });

  it.each([
    ['NUL, BEL and a newline in a step title', (t: PlaybookData) => (t.steps[1].title = 'Break\u0000out\u0007 sessions\nline2'), 'steps.1.title'],
    ['NUL in a phase name', (t: PlaybookData) => (t.phases[0].name = 'Kick\u0000off'), 'phases.0.name'],
    ['NUL in a note', (t: PlaybookData) => (t.steps[0].notes = ['a\u0000b']), 'steps.0.notes.0'],
    ['NUL in the change-log summary', (t: PlaybookData) => (t.changeLog[5].summary = 'Updated\u0000'), 'changeLog.5.summary'],
    ['a bidi override in a role name', (t: PlaybookData) => (t.roles[0].name = '\u202EPM'), 'roles.0.name'],
    ['zero-width only as a category', (t: PlaybookData) => (t.steps[0].category = '\u200B'), 'steps.0.category'],
    ['a line separator in a title', (t: PlaybookData) => (t.steps[0].title = 'a\u2028b'), 'steps.0.title'],
    ['a javascript: reference URL', (t: PlaybookData) => (t.references[1].url = 'javascript:alert(1)'), 'references.1.url'],
    ['a data: reference URL', (t: PlaybookData) => (t.references[1].url = 'data:text/html,<b>x</b>'), 'references.1.url'],
    ['an over-long title', (t: PlaybookData) => (t.steps[0].title = 'x'.repeat(TEMPLATE_LIMITS.titleLength + 1)), 'steps.0.title'],
    ['a decomposed (non-NFC) title', (t: PlaybookData) => (t.steps[0].title = 'Cafe\u0301'), 'steps.0.title'],
  ])('refuses %s, naming the field', (_name, change, path) => {
    // A renamed phase also leaves its steps naming an unknown phase; the field itself is always named.
    expect(pathsOf(draft(change))).toContain(path);
    expect(pathsOf(draft(change)).every((p) => p === path || p.endsWith('.phase'))).toBe(true);
  });

  it('a description and notes may span lines; a title may not', () => {
    expect(pathsOf(draft((t) => (t.steps[0].notes = ['line 1\n\tline 2'])))).toEqual([]);
    expect(pathsOf(draft((t) => (t.steps[0].description = 'para 1\npara 2')))).toEqual([]);
  });
});

describe('template bounds', () => {
  it.each([
    ['1e9 business days', 1e9],
    ['251 business days', 251],
    ['0 days', 0],
    ['half a day', 0.5],
  ])('a step of %s is refused', (_name, days) => {
    expect(pathsOf(draft((t) => (t.steps[0].durationDays = days)))).toContain('steps.0.durationDays');
  });

  it('250 business days for one step is allowed; a plan longer than 5 years is not', () => {
    expect(pathsOf(draft((t) => (t.steps[0].durationDays = 250)))).toEqual([]);
    expect(pathsOf(draft((t) => t.steps.slice(0, 6).forEach((s) => (s.durationDays = 250))))).toEqual(['steps']);
  });

  it('at most 200 steps', () => {
    const many = draft((t) => {
      const first = t.steps[0];
      t.steps = Array.from({ length: 201 }, (_, i) => ({ ...first, id: `s-${i + 1}`, number: i + 1, durationDays: 1, conditions: [] }));
      t.phases.forEach((p) => (p.ordering = { kind: 'sequential' }));
      t.phases = [t.phases[0]];
    });
    expect(pathsOf(many)).toContain('steps');
  });
});

describe("the core's date functions refuse out-of-range input with a typed error", () => {
  const calendar = businessCalendar();

  it('a task of 1e9 business days: refused at once, not after minutes of looping', () => {
    const started = Date.now();
    expect(() => lastBusinessDay('2026-01-05', 1e9, calendar)).toThrow(DateOutOfRangeError);
    expect(() => scheduleSteps([{ number: 1, durationDays: 1e9, dependsOn: [] }], '2026-01-05')).toThrow(DateOutOfRangeError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('dates before 2000 or after 2100, and spans running past 2100, are refused', () => {
    expect(() => lastBusinessDay('0050-01-05', 1, calendar)).toThrow(DateOutOfRangeError);
    expect(() => lastBusinessDay('10000-01-01', 1, calendar)).toThrow(DateOutOfRangeError);
    expect(() => lastBusinessDay('2100-12-01', 100, calendar)).toThrow(DateOutOfRangeError);
    expect(() => businessDaysBetween('2026-01-05', '9999-01-01', calendar)).toThrow(DateOutOfRangeError);
    expect(lastBusinessDay('2026-01-05', 250, calendar)).toBe('2026-12-18');
  });
});
