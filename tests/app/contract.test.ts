import fs from 'fs';
import path from 'path';
import {
  ERROR_CODES,
  PAYLOAD_SCHEMAS,
  RESOLVER_NAMES,
  fail,
  isErrorCode,
  isResolverName,
  kickoffSchema,
  macroConfigSchema,
  messagesFor,
  ok,
  parsePayload,
  type Kickoff,
} from '../../src/contract';

const repoRoot = path.resolve(__dirname, '..', '..');

function validKickoff(): Kickoff {
  return {
    projectKey: 'OUT',
    biller: 'Texas Mutual Insurance',
    coreSystem: 'Guidewire (Accelerator)',
    integrationType: 'partner',
    capabilities: ['agent-commissions', 'premium-refunds'],
    optionalSteps: [2],
    kickoffDate: '2025-06-02',
    holidays: ['2025-07-04'],
    roles: {
      SA: { accountId: 'acc-sa', displayName: 'Sam Architect' },
      PM: { accountId: 'acc-pm', displayName: 'Pat Manager' },
      IM: { accountId: 'acc-im', displayName: 'Ira Implementer' },
      B: { displayName: 'Bea Biller', email: 'bea@texasmutual.example' },
      CS: { displayName: 'Guidewire team' },
    },
  };
}

describe('kickoff payload schema', () => {
  it('accepts a complete kickoff and trims text', () => {
    const parsed = kickoffSchema.parse({ ...validKickoff(), biller: '  Texas Mutual Insurance ' });
    expect(parsed.biller).toBe('Texas Mutual Insurance');
    expect(parsed.roles.SA.accountId).toBe('acc-sa');
  });

  it('reports each broken field by its dotted path', () => {
    const broken = {
      ...validKickoff(),
      projectKey: 'out project',
      integrationType: 'hybrid',
      kickoffDate: '2025-02-30',
      holidays: ['2025-07-04', 'July 5th'],
      roles: { ...validKickoff().roles, SA: { accountId: '', displayName: 'Sam' }, B: { displayName: 'Bea', email: 'not-an-email' } },
    };
    const result = parsePayload('previewPlan', { kickoff: broken });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    const fields = result.error.fields?.map((f) => f.field).sort();
    expect(fields).toEqual([
      'kickoff.holidays.1',
      'kickoff.integrationType',
      'kickoff.kickoffDate',
      'kickoff.projectKey',
      'kickoff.roles.B.email',
      'kickoff.roles.SA.accountId',
    ]);
    expect(messagesFor(result.error.fields, 'kickoff.roles.SA')).toEqual(['Pick a person.']);
    expect(result.error.message).toContain('kickoff.kickoffDate');
  });

  it("accepts only the playbook's capability codes", () => {
    const result = kickoffSchema.safeParse({ ...validKickoff(), capabilities: ['claims', 'teleportation'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['capabilities.1']);
  });

  it('requires the SA, PM, IM, biller and core-system contacts but not OPM or Transcard', () => {
    const { roles } = validKickoff();
    expect(kickoffSchema.safeParse({ ...validKickoff(), roles: { ...roles, OPM: undefined, TC: undefined } }).success).toBe(true);
    const withoutPm = { ...roles } as Record<string, unknown>;
    delete withoutPm.PM;
    const result = kickoffSchema.safeParse({ ...validKickoff(), roles: withoutPm });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['roles.PM', 'Pick a person.']]);
    const blank = kickoffSchema.safeParse({ roles: {} });
    const messages = Object.fromEntries((blank.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      projectKey: 'Choose a Jira project.',
      biller: 'Biller is required.',
      kickoffDate: 'A date is required.',
      'roles.SA': 'Pick a person.',
      'roles.B': 'Enter a name.',
      integrationType: 'Choose partner or custom.',
    });
  });

  it('rejects unknown fields at every level, a page included (the page comes from the Forge context)', () => {
    const fieldsOf = (kickoff: unknown) => {
      const result = parsePayload('generatePlan', { kickoff });
      return result.ok ? [] : (result.error.fields ?? []).map((f) => f.field);
    };
    expect(fieldsOf({ ...validKickoff(), page: { url: 'https://x.example/wiki/1' } })).toEqual(['kickoff.page']);
    expect(fieldsOf({ ...validKickoff(), zzz: 1 })).toEqual(['kickoff.zzz']);
    expect(fieldsOf({ ...validKickoff(), roles: { ...validKickoff().roles, QA: { displayName: 'Q' } } })).toEqual(['kickoff.roles.QA']);
    expect(parsePayload('generatePlan', { kickoff: validKickoff(), page: { url: 'https://x.example/wiki/1' } }).ok).toBe(false);
  });

  it('is what the macro saves as its configuration', () => {
    expect(macroConfigSchema.safeParse({ kickoff: validKickoff() }).success).toBe(true);
    expect(macroConfigSchema.safeParse({}).success).toBe(false);
  });
});

describe('resolver payloads', () => {
  it('has exactly one schema per resolver name', () => {
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...RESOLVER_NAMES].sort());
    expect(isResolverName('generatePlan')).toBe(true);
    expect(isResolverName('deleteEverything')).toBe(false);
  });

  it('treats a missing payload as empty and rejects unexpected keys where none are taken', () => {
    expect(parsePayload('getTemplate', undefined)).toEqual({ ok: true, data: {} });
    expect(parsePayload('listProjects', { extra: 1 }).ok).toBe(false);
  });

  it('needs a plan id or an epic key for progress', () => {
    expect(parsePayload('getPlanProgress', { epicKey: 'OUT-12' }).ok).toBe(true);
    expect(parsePayload('getPlanProgress', { planId: 'op-out-1a2b3c4d5e6f7a8b' }).ok).toBe(true);
    expect(parsePayload('getPlanProgress', { planId: 'plan-1' }).ok).toBe(false);
    const neither = parsePayload('getPlanProgress', {});
    expect(neither.ok).toBe(false);
    if (!neither.ok) expect(neither.error.fields).toEqual([{ field: 'planId', message: 'Give a plan id or an epic key.' }]);
    expect(parsePayload('getPlanProgress', { epicKey: 'out 12' }).ok).toBe(false);
  });

  it('defaults portfolio filters and checks their values', () => {
    const parsed = parsePayload('getPortfolio', { projectKey: 'OUT' });
    expect(parsed).toEqual({ ok: true, data: { projectKey: 'OUT', filters: {}, sort: { by: 'biller', direction: 'asc' }, offset: 0, limit: 50 } });
    expect(parsePayload('getPortfolio', { projectKey: 'OUT', filters: { status: 'In Progress', overdue: true } }).ok).toBe(true);
    expect(parsePayload('getPortfolio', { projectKey: 'OUT', filters: { status: 'Stalled' } }).ok).toBe(false);
  });

  it('checks the portfolio page request: sort key and direction, offset, at most 200 rows, search text', () => {
    expect(
      parsePayload('getPortfolio', { projectKey: 'OUT', sort: { by: 'overdue', direction: 'desc' }, offset: 100, limit: 200, text: ' acme ' }),
    ).toMatchObject({ ok: true, data: { text: 'acme', limit: 200 } });
    const bad = parsePayload('getPortfolio', { projectKey: 'OUT', sort: { by: 'colour' }, offset: -1, limit: 201 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.map((f) => f.field).sort()).toEqual(['limit', 'offset', 'sort.by']);
  });

  it('validates issue keys, user searches and macro state requests', () => {
    expect(parsePayload('getIssuePanel', { issueKey: 'OUT-7' }).ok).toBe(true);
    expect(parsePayload('getIssuePanel', { issueKey: '7' }).ok).toBe(false);
    expect(parsePayload('searchUsers', { projectKey: 'OUT', query: 'sam' }).ok).toBe(true);
    expect(parsePayload('searchUsers', { query: 'sam' }).ok).toBe(false);
    expect(parsePayload('getMacroState', { pageId: '123', config: { anything: true } }).ok).toBe(true);
    expect(parsePayload('getMacroState', { config: {} }).ok).toBe(false);
    expect(parsePayload('generatePlan', { kickoff: validKickoff() }).ok).toBe(true);
  });
});

describe('result envelope', () => {
  it('builds success and failure values with stable codes', () => {
    expect(ok(3)).toEqual({ ok: true, data: 3 });
    expect(fail('NOT_FOUND', 'No such plan.')).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such plan.' } });
    expect(fail('INVALID_KICKOFF', 'Fix the dates.', [{ field: 'kickoffDate', message: 'Not a business day.' }])).toEqual({
      ok: false,
      error: { code: 'INVALID_KICKOFF', message: 'Fix the dates.', fields: [{ field: 'kickoffDate', message: 'Not a business day.' }] },
    });
    expect(ERROR_CODES).toEqual(
      expect.arrayContaining([
        'INVALID_INPUT',
        'INVALID_KICKOFF',
        'PROJECT_NOT_FOUND',
        'ISSUE_TYPE_MISSING',
        'PERMISSION_DENIED',
        'RATE_LIMITED',
        'JIRA_ERROR',
        'NOT_FOUND',
        'CONFLICT',
      ]),
    );
    expect(isErrorCode('RATE_LIMITED')).toBe(true);
    expect(isErrorCode('rate-limited')).toBe(false);
  });
});

describe('contract boundaries', () => {
  function sourceFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'build' || entry.name === 'node_modules' ? [] : sourceFiles(full);
      return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : [];
    });
  }
  const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

  it('the contract imports nothing but zod, itself and the pure core', () => {
    for (const file of sourceFiles(path.join(repoRoot, 'src', 'contract'))) {
      for (const spec of importsOf(file))
        expect([file, spec, spec.startsWith('./') || spec.startsWith('../core/') || spec === 'zod']).toEqual([file, spec, true]);
    }
  });

  it('UI code reaches into src/ only through the contract', () => {
    const files = sourceFiles(path.join(repoRoot, 'static'));
    for (const file of files) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        const intoSrc = target.startsWith(path.join(repoRoot, 'src') + path.sep);
        const intoContract = target.startsWith(path.join(repoRoot, 'src', 'contract'));
        expect([file, spec, !intoSrc || intoContract]).toEqual([file, spec, true]);
      }
    }
  });
});
