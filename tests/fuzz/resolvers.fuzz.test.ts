/**
 * Property-based fuzzing (fast-check) of every resolver through the real Forge entry, and of the CLI's kickoff
 * input. Seeded and bounded, so CI runs the same cases every time; replay or widen with
 * FUZZ_SEED=<n> FUZZ_RUNS=<n> (a failure prints its seed and path, which fast-check replays exactly).
 * Every generated payload is invalid by construction (the one input policy rejects unknown fields, and each
 * case carries one), so each must answer the error envelope with a specific code and a message without
 * internals, create nothing in the stand-in, and leave the app serving.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { ERROR_CODES, RESOLVER_NAMES, parsePayload, type ResolverName, type Result } from '../../src/contract';
import { BUILT_IN_TEMPLATE, templateToJson, validateKickoff, validateTemplate } from '../../src/core';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { formKickoff } from '../resolvers/helpers/kickoff';
import { HOST_PAGE_EXTENSION, MODULES, startForgeSite, type ForgeSite } from '../resolvers/helpers/forge-site';
import { cliClockAt } from '../fixtures/clock';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** The hostile-string property runs on the schemas alone (no I/O), so it affords many more cases. */
const HOSTILE_RUNS = Number(process.env.FUZZ_HOSTILE_RUNS ?? 1_500);

let app: ForgeSite;
beforeAll(() => {
  app = startForgeSite({ triggers: false });
});
afterAll(() => app.close());

const issueCount = () => [...app.site.store.allIssues()].length;

/** Hostile text: markup, control characters, lone surrogates, prototype names, long runs. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '\u0000',
    'a\u0007b',
    '\ud800',
    '__proto__',
    'constructor',
    '${7*7}',
    "'; DROP TABLE issues; --",
    '../../etc/passwd',
  ),
  fc.string({ minLength: 300, maxLength: 2000 }),
);

/** Any JSON-ish value, hostile strings included. */
const junk = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

/** A key no schema declares (reject-unknown makes any payload carrying one invalid). */
const unknownKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'zzz', 'page', 'accountId', 'toString'),
  fc.string({ minLength: 1, maxLength: 20 }).map((k) => `x_${k}`),
);

/** The built-in template with one step renamed: a draft an admin may publish. */
function editedTemplateJson(): string {
  const draft = structuredClone(BUILT_IN_TEMPLATE);
  draft.steps[4].title = 'Send the Biller the discovery questionnaire';
  return templateToJson(draft);
}

/** Resolvers only a Jira admin is answered on (the others refuse with PERMISSION_DENIED, asked of Jira). */
const ADMIN_ONLY: ReadonlySet<ResolverName> = new Set(['getTemplateAdmin', 'checkTemplateDraft', 'publishTemplate', 'diffTemplateVersions']);

const VALID: Record<ResolverName, () => Record<string, unknown>> = {
  getTemplate: () => ({}),
  listProjects: () => ({}),
  searchUsers: () => ({ projectKey: 'OUT', query: 'pri' }),
  getMacroState: () => ({ pageId: '1001' }),
  previewPlan: () => ({ kickoff: formKickoff() }),
  generatePlan: () => ({ kickoff: formKickoff() }),
  getPlanProgress: () => ({ planId: 'op-out-x' }),
  getIssuePanel: () => ({ issueKey: 'OUT-1' }),
  getPortfolio: () => ({ projectKey: 'OUT', filters: {} }),
  previewForecastChanges: () => ({ epicKey: 'OUT-1' }),
  applyForecast: () => ({ epicKey: 'OUT-1', changes: [{ step: 3, to: '2027-01-04' }] }),
  rebaselinePlan: () => ({ epicKey: 'OUT-1', reason: 'Biller moved its SIT window' }),
  getTemplateAdmin: () => ({}),
  checkTemplateDraft: () => ({ json: '{}' }),
  publishTemplate: () => ({ json: editedTemplateJson(), basedOn: '1.5', summary: 'A change' }),
  diffTemplateVersions: () => ({ from: '1.5', to: '1.5' }),
  getPlaybookPage: () => ({}),
  getSupportedIntegrationsPage: () => ({}),
  previewPlanUpdate: () => ({ version: '1.6' }),
  applyPlanUpdate: () => ({ version: 'latest', kickoff: 'saved' }),
};

/** Sets `value` at a path inside a JSON copy (creating objects on the way); `__proto__` is set as an own key. */
function withAt(base: Record<string, unknown>, pathParts: string[], value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const part of pathParts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      Object.defineProperty(node, part, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[part] as Record<string, unknown>;
  }
  Object.defineProperty(node, pathParts[pathParts.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Object paths of a payload (where an unknown key can be planted). */
function objectPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...prefix, k]))];
}

/** An invalid payload for a resolver: a valid one with an unknown key planted somewhere, and maybe a field set to junk. */
function invalidPayload(name: ResolverName): fc.Arbitrary<unknown> {
  const valid = VALID[name]();
  const paths = objectPaths(valid);
  const leaves = paths.flatMap((p) => Object.keys(p.reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, valid)).map((k) => [...p, k]));
  const planted = fc
    .record({
      at: fc.constantFrom(...paths),
      key: unknownKey,
      value: junk,
      spoil: fc.option(fc.record({ leaf: fc.constantFrom(...(leaves.length ? leaves : [['x']])), value: junk })),
    })
    .map(({ at, key, value, spoil }) => {
      const base = spoil ? withAt(valid, spoil.leaf, spoil.value) : valid;
      // withAt defines the key as an own property, as JSON.parse does for "__proto__".
      return withAt(base, [...at, key], value);
    });
  // Non-objects are never a payload. Falsy ones are left out: @forge/resolver passes `payload || {}`, so the
  // browser sending false, 0 or '' is the same as sending nothing.
  const notAnObject = fc.oneof(hostileText, fc.integer(), fc.boolean(), fc.array(junk, { maxLength: 3 })).filter((v) => Boolean(v));
  return name === 'getTemplate' || name === 'listProjects'
    ? fc.oneof(planted, notAnObject, fc.dictionary(unknownKey, junk, { minKeys: 1, maxKeys: 3 }))
    : fc.oneof(planted, notAnObject);
}

function expectErrorEnvelope(answer: unknown): void {
  const result = answer as Result<unknown>;
  expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  if (result.ok) return;
  expect(ERROR_CODES).toContain(result.error.code);
  expect(['INVALID_INPUT', 'INVALID_KICKOFF']).toContain(result.error.code);
  expect(result.error.message).not.toMatch(/\n\s+at |TypeError|ReferenceError|ZodError|Cannot read prop|is not a function/);
  expect(result.error.message.length).toBeLessThan(20_000);
  for (const f of result.error.fields ?? []) expect(typeof f.field === 'string' && typeof f.message === 'string').toBe(true);
}

const MODULE_OF: Partial<Record<ResolverName, string>> = { getIssuePanel: MODULES.panel, getPortfolio: MODULES.page };

describe('fuzz: every resolver answers bad input with a clear envelope, creates nothing, keeps serving', () => {
  it.each([...RESOLVER_NAMES])(
    '%s',
    async (name) => {
      const before = issueCount();
      await fc.assert(
        fc.asyncProperty(invalidPayload(name), async (payload) => {
          const answer = await app.invoke('sa', name, payload, HOST_PAGE_EXTENSION, MODULE_OF[name]);
          expectErrorEnvelope(answer);
          expect(issueCount()).toBe(before);
        }),
        { seed: SEED, numRuns: RUNS },
      );
      // Still serving: the valid payload is answered.
      const answer = await app.invoke(
        ADMIN_ONLY.has(name) ? 'opm' : 'sa',
        name === 'generatePlan' ? 'previewPlan' : name,
        VALID[name === 'generatePlan' ? 'previewPlan' : name](),
        HOST_PAGE_EXTENSION,
        MODULE_OF[name],
      );
      expect((answer as Result<unknown>).ok || ['NOT_FOUND'].includes((answer as { error: { code: string } }).error.code)).toBe(true);
    },
    60_000,
  );

  it('any function key that is not declared', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(hostileText, fc.constantFrom('constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', '__defineGetter__'))
          .filter((k) => !(RESOLVER_NAMES as readonly string[]).includes(k)),
        junk,
        async (key, payload) => {
          const answer = (await app.invoke('sa', key as ResolverName, payload)) as Result<unknown>;
          expect(answer).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Outbound Playbook has no function/) } });
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    expect((await app.invoke(null, 'getTemplate', {})).ok).toBe(true);
  }, 60_000);
});

describe("fuzz: the CLI's kickoff input", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: dir,
      ...cliClockAt(),
      env: { HOME: dir, JIRA_API_TOKEN: 't' },
    };
    return { code: await main(args, io), stdout, stderr };
  }

  const engineKickoff = () => JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/kickoff.example.json'), 'utf8')) as Record<string, unknown>;

  it('`plan` and `generate` refuse every invalid kickoff with exit 2, field by field, no stack, before any Jira call', async () => {
    const base = engineKickoff();
    const paths = objectPaths(base);
    const kickoffs = fc.oneof(
      fc
        .record({ at: fc.constantFrom(...paths), key: unknownKey, value: junk })
        .map(({ at, key, value }) => withAt(base, [...at, key === '__proto__' ? 'x___proto__' : key], value)),
      junk.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(kickoffs, async (kickoff) => {
        n += 1;
        const file = `k${n}.json`;
        fs.writeFileSync(path.join(dir, file), JSON.stringify(kickoff));
        const planned = await cli(['plan', '--kickoff', file]);
        expect(planned.code).toBe(2);
        expect(planned.stdout).toBe('');
        expect(planned.stderr).toMatch(/^Invalid kickoff \(\d+ problems?\):\n/);
        expect(planned.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        // A site nothing listens on: had anything been sent, the exit code would be 1.
        const generated = await cli([
          'generate',
          '--site',
          'http://127.0.0.1:9',
          '--email',
          'e@example.com',
          '--project',
          'OUT',
          '--kickoff',
          file,
          '--ledger',
          'ledger',
        ]);
        expect(generated.code).toBe(2);
        expect(generated.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);
});

// ---- issue 27: the one text policy, fuzzed -----------------------------------------------------------------
// Every string leaf of every resolver's valid payload, of the template and of the CLI's kickoff file gets a
// hostile string for its kind of field; the schema must refuse it (0 accepted hostile strings).

type LeafKind = 'single' | 'multiline' | 'url';
interface Leaf {
  /** What is validated: a resolver's payload, the template, or the engine kickoff (the CLI's file). */
  target: ResolverName | 'template' | 'kickoff';
  path: string[];
  kind: LeafKind;
}

/** Paths to every string in a JSON value. */
function stringPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
}

const MULTILINE_KEYS = new Set(['description', 'notes', 'authoringNotes']);
function kindOf(path: readonly string[]): LeafKind {
  if (path.includes('url') || path.includes('referenceUrls')) return 'url';
  return path.some((p) => MULTILINE_KEYS.has(p)) ? 'multiline' : 'single';
}

const engineKickoff = (): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/kickoff.example.json'), 'utf8')) as Record<string, unknown>;

const LEAVES: Leaf[] = [
  // The drafts' `json` is a document, judged by the template schema below, not a text field.
  ...RESOLVER_NAMES.flatMap((target) =>
    stringPaths(VALID[target]())
      .filter((p) => p[0] !== 'json')
      .map((p): Leaf => ({ target, path: p, kind: kindOf(p) })),
  ),
  ...stringPaths(BUILT_IN_TEMPLATE).map((p): Leaf => ({ target: 'template', path: p, kind: kindOf(p) })),
  ...stringPaths({ ...engineKickoff(), referenceUrls: { 'solution-design-document': 'https://example.com/sdd' } }).map((p): Leaf => ({
    target: 'kickoff',
    path: p,
    kind: kindOf(p),
  })),
];

/** One character no field accepts anywhere (controls but tab/LF, C1, bidi overrides/isolates, unpaired surrogates). */
const alwaysBad = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0x202a, max: 0x202e }),
  fc.integer({ min: 0x2066, max: 0x2069 }),
  fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff),
);
/** Fine in a description or a note, never in one line. */
const badInOneLine = fc.constantFrom('\t', '\n', '\r\n', '\u2028', '\u2029');
/** Renders as nothing; each holds a character `trim` keeps, so an empty-allowed field cannot take it as "". */
const invisibleOnly = fc
  .array(fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\u034F', '\u180E', '\u3164', '\uFEFF', ' '), { minLength: 0, maxLength: 6 })
  .chain((rest) => fc.constantFrom('\u200B', '\u2060', '\u00AD', '\u3164').map((anchor) => [anchor, ...rest].join('')));
const huge = fc.integer({ min: 20_001, max: 25_000 }).map((n) => 'a'.repeat(n));
/** The bad part inside visible text (at an end, trimming would take it away and the clean rest is rightly accepted). */
const around = (bad: fc.Arbitrary<string>) =>
  fc.tuple(fc.string({ maxLength: 8, unit: 'grapheme-ascii' }), bad, fc.string({ maxLength: 8, unit: 'grapheme-ascii' })).map(([a, b, c]) => `x${a}${b}${c}y`);
const badUrls = fc.constantFrom(
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.cookie)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://evil.example/phish',
  'https://user:pass@evil.example/',
  '//evil.example/x',
  'https://example.com/\u202Egpj.exe',
);

function hostileFor(kind: LeafKind): fc.Arbitrary<string> {
  const common = [around(alwaysBad.map((c) => String.fromCharCode(c))), invisibleOnly, huge];
  if (kind === 'multiline') return fc.oneof(...common);
  if (kind === 'url') return fc.oneof(badUrls, ...common, around(badInOneLine));
  return fc.oneof(...common, around(badInOneLine));
}

function accepted(leaf: Leaf, value: string): boolean {
  if (leaf.target === 'template') return validateTemplate(withAt(BUILT_IN_TEMPLATE as unknown as Record<string, unknown>, leaf.path, value)).ok;
  if (leaf.target === 'kickoff') return validateKickoff(withAt(engineKickoff(), leaf.path, value)).ok;
  return parsePayload(leaf.target, withAt(VALID[leaf.target](), leaf.path, value)).ok;
}

describe('fuzz (issue 27): no hostile string is accepted by any resolver payload, the template or the kickoff', () => {
  it('the valid documents themselves pass (so a refusal below is the hostile string)', () => {
    for (const name of RESOLVER_NAMES) expect(parsePayload(name, VALID[name]()).ok).toBe(true);
    expect(validateTemplate(BUILT_IN_TEMPLATE).ok).toBe(true);
    expect(validateKickoff(engineKickoff()).ok).toBe(true);
    expect(LEAVES.length).toBeGreaterThan(200);
  });

  it(`${HOSTILE_RUNS} seeded cases: 0 accepted`, () => {
    const acceptedCases: string[] = [];
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAVES).chain((leaf) => fc.tuple(fc.constant(leaf), hostileFor(leaf.kind))),
        ([leaf, value]) => {
          if (accepted(leaf, value)) acceptedCases.push(`${leaf.target}:${leaf.path.join('.')} ← ${JSON.stringify(value.slice(0, 40))}`);
          return true;
        },
      ),
      { seed: SEED, numRuns: HOSTILE_RUNS },
    );
    expect(acceptedCases).toEqual([]);
  }, 60_000);
});
