import {
  businessCalendar,
  CURRENT_PLAYBOOK,
  DateOutOfRangeError,
  isIsoDate,
  KickoffInvalidError,
  loadPlaybook,
  onOrAfterBusinessDay,
  parseKickoff,
  PLAYBOOK_V1_5,
  validateKickoff,
  type KickoffFieldError,
  type PlaybookData,
} from '../../src/core';
import { exampleKickoff, type LooseKickoff } from './kickoff-fixture';

function errorsOf(input: unknown): KickoffFieldError[] {
  const result = validateKickoff(input, CURRENT_PLAYBOOK);
  if (result.ok) throw new Error('expected the kickoff to be invalid');
  return result.errors;
}

const fields = (input: unknown) => errorsOf(input).map((e) => e.field);

function mutated(change: (k: LooseKickoff) => void): LooseKickoff {
  const k = exampleKickoff();
  change(k);
  return k;
}

describe('validateKickoff: a valid kickoff', () => {
  it('accepts the example and fills defaults', () => {
    const result = validateKickoff(exampleKickoff());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kickoff.projectKey).toBe('OUT');
    expect(result.kickoff.capabilities).toEqual(['agent-commissions', 'premium-refunds']);
    expect(result.kickoff.roles.SA).toEqual({ accountId: 'sa-account-id', displayName: 'Solution Architect' });
  });

  it('defaults optional parts, trims text and drops repeated capabilities', () => {
    const input = mutated((k) => {
      delete k.optionalSteps;
      delete k.holidays;
      delete k.page;
      delete k.referenceUrls;
      delete k.roles.OPM;
      delete k.roles.TC;
      k.biller = '  Texas Mutual Insurance ';
      k.capabilities = ['claims', 'claims', 'checks'];
    });
    const kickoff = parseKickoff(input);
    expect(kickoff.optionalSteps).toEqual({});
    expect(kickoff.holidays).toEqual([]);
    expect(kickoff.referenceUrls).toEqual({});
    expect(kickoff.page).toBeUndefined();
    expect(kickoff.biller).toBe('Texas Mutual Insurance');
    expect(kickoff.capabilities).toEqual(['claims', 'checks']);
  });

  it('accepts external roles as Jira users too, and any core system', () => {
    const kickoff = parseKickoff(
      mutated((k) => {
        k.roles.B = { accountId: 'b-user', displayName: 'Biller user' };
        k.coreSystem = 'Majesco';
        k.integrationType = 'custom';
      }),
    );
    expect(kickoff.roles.B).toEqual({ accountId: 'b-user', displayName: 'Biller user' });
    expect(kickoff.coreSystem).toBe('Majesco');
  });
});

describe('validateKickoff: every problem, field by field', () => {
  it.each<[string, (k: LooseKickoff) => void, string, RegExp]>([
    ['missing project key', (k) => delete k.projectKey, 'projectKey', /required/],
    ['bad project key', (k) => (k.projectKey = 'out-1'), 'projectKey', /Jira project key/],
    ['missing biller', (k) => delete k.biller, 'biller', /required/],
    ['blank biller', (k) => (k.biller = '   '), 'biller', /required/],
    ['missing core system', (k) => delete k.coreSystem, 'coreSystem', /required/],
    ['bad integration type', (k) => (k.integrationType = 'direct'), 'integrationType', /partner, custom/],
    ['unknown capability', (k) => (k.capabilities = ['claims', 'payroll']), 'capabilities.1', /unknown capability "payroll"/],
    ['no capability', (k) => (k.capabilities = []), 'capabilities', /at least one capability/],
    ['missing kickoff date', (k) => delete k.kickoffDate, 'kickoffDate', /required/],
    ['badly written date', (k) => (k.kickoffDate = '12/01/2026'), 'kickoffDate', /YYYY-MM-DD/],
    ['impossible date', (k) => (k.kickoffDate = '2026-02-30'), 'kickoffDate', /real calendar date.*2026-02-30/],
    ['not a leap year', (k) => (k.kickoffDate = '2027-02-29'), 'kickoffDate', /real calendar date/],
    ['bad holiday', (k) => (k.holidays = ['2026-12-25', '2026-13-01']), 'holidays.1', /real calendar date.*2026-13-01/],
    ['holidays not a list', (k) => (k.holidays = '2026-12-25'), 'holidays', /list/],
    ['missing SA', (k) => delete k.roles.SA, 'roles.SA', /Solution Architect.*required/],
    ['missing PM', (k) => delete k.roles.PM, 'roles.PM', /Project Manager.*required/],
    ['missing IM', (k) => delete k.roles.IM, 'roles.IM', /Implementations Manager.*required/],
    [
      'internal role without Jira user',
      (k) => (k.roles.PM = { displayName: 'Pat', email: 'pat@ic.example' }),
      'roles.PM.accountId',
      /internal role and must be a Jira user/,
    ],
    ['OPM without Jira user', (k) => (k.roles.OPM = { displayName: 'Olga' }), 'roles.OPM.accountId', /must be a Jira user/],
    ['unknown role', (k) => (k.roles.QA = { displayName: 'Quinn' }), 'roles.QA', /unknown role "QA"/],
    ['person without a name', (k) => (k.roles.TC = { email: 'tc@transcard.example' }), 'roles.TC.displayName', /required/],
    ['bad e-mail', (k) => (k.roles.B.email = 'not-an-address'), 'roles.B.email', /e-mail/],
    ['Responsible role without a person (B)', (k) => delete k.roles.B, 'roles.B', /Responsible for step 16 .*no person/],
    ['Responsible role without a person (CS)', (k) => delete k.roles.CS, 'roles.CS', /Responsible for step 16/],
    ['unknown step in optionalSteps', (k) => (k.optionalSteps = { '99': true }), 'optionalSteps.99', /no step 99/],
    ['step that is not optional', (k) => (k.optionalSteps = { '3': false }), 'optionalSteps.3', /not optional; optional steps: 2/],
    ['optional step switch not a boolean', (k) => (k.optionalSteps = { '2': 'yes' }), 'optionalSteps.2', /true or false/],
    ['page without a URL', (k) => (k.page = { id: '1' }), 'page.url', /URL/],
    ['page URL that is not a web link', (k) => (k.page = { url: 'javascript:alert(1)' }), 'page.url', /http\(s\) URL/],
    ['unknown reference id', (k) => (k.referenceUrls = { 'sit-workbok': 'https://x.example/sit' }), 'referenceUrls.sit-workbok', /unknown reference/],
    ['reference URL not a URL', (k) => (k.referenceUrls = { 'sit-workbook': 'sit workbook' }), 'referenceUrls.sit-workbook', /URL/],
    ['unknown top-level field', (k) => (k.kickofDate = '2026-12-01'), 'kickofDate', /unknown field/],
  ])('%s', (_name, change, field, message) => {
    const errors = errorsOf(mutated(change));
    expect(errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('lists every problem at once, not just the first', () => {
    const input = mutated((k) => {
      k.projectKey = '';
      delete k.biller;
      k.capabilities = ['claims', 'nope'];
      k.kickoffDate = '2026-02-30';
      k.holidays = ['2026-04-31'];
      delete k.roles.SA;
      k.roles.IM = { displayName: 'Ian' };
      delete k.roles.B;
      k.roles.XX = { displayName: 'X' };
      k.optionalSteps = { '5': true };
    });
    expect(fields(input).sort()).toEqual(
      [
        'projectKey',
        'biller',
        'capabilities.1',
        'kickoffDate',
        'holidays.0',
        'roles.SA',
        'roles.IM.accountId',
        'roles.XX',
        'roles.B',
        'optionalSteps.5',
      ].sort(),
    );
  });

  it('judges Responsible roles only for applicable steps', () => {
    // A playbook variant where Transcard is Responsible for the partner-only step 25.
    const data = JSON.parse(JSON.stringify(PLAYBOOK_V1_5)) as PlaybookData;
    data.steps[24].raci.raw = 'SA, TC /PM, IM /';
    const playbook = loadPlaybook(data);
    const withoutTc = (integrationType: string) =>
      mutated((k) => {
        delete k.roles.TC;
        k.integrationType = integrationType;
      });
    const partner = validateKickoff(withoutTc('partner'), playbook);
    expect(partner).toEqual({ ok: false, errors: [{ field: 'roles.TC', message: expect.stringMatching(/Transcard \(TC\) is Responsible for step 25/) }] });
    expect(validateKickoff(withoutTc('custom'), playbook).ok).toBe(true);
  });

  it('rejects what is not an object', () => {
    expect(errorsOf(null)).toEqual([{ field: '', message: expect.stringMatching(/object/) }]);
    expect(errorsOf([])).toEqual([{ field: '', message: expect.stringMatching(/object/) }]);
  });

  it('parseKickoff throws KickoffInvalidError carrying every error', () => {
    const input = mutated((k) => {
      delete k.roles.SA;
      k.kickoffDate = 'soon';
    });
    let caught: unknown;
    try {
      parseKickoff(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KickoffInvalidError);
    const error = caught as KickoffInvalidError;
    expect(error.errors.map((e) => e.field).sort()).toEqual(['kickoffDate', 'roles.SA']);
    expect(error.message).toContain('roles.SA');
  });
});

describe('domain limits (issue 16)', () => {
  it('schedules a year-50 date in year 50, not 1950 (the two-digit-year trap), and judges its calendar there', () => {
    expect(isIsoDate('0050-01-05')).toBe(true);
    expect(isIsoDate('0048-02-29')).toBe(true);
    expect(isIsoDate('0050-02-29')).toBe(false);
    // Year 50 is a real calendar date, but not one a plan can use: the core refuses it with its typed error (issue 27).
    expect(() => onOrAfterBusinessDay('0050-01-05', businessCalendar())).toThrow(DateOutOfRangeError);
  });

  it('keeps the kickoff within two years of today and holidays within the plan span', () => {
    const today = '2026-11-30';
    const at = (kickoffDate: string, holidays: string[] = []) =>
      validateKickoff(
        mutated((k) => Object.assign(k, { kickoffDate, holidays })),
        CURRENT_PLAYBOOK,
        { today },
      );
    expect(at('2026-12-01').ok).toBe(true);
    expect(at('2028-11-30').ok).toBe(true);
    for (const far of ['0050-01-05', '1900-01-01', '2200-01-01', '2028-12-01', '2024-11-29']) {
      expect(at(far)).toEqual({ ok: false, errors: [{ field: 'kickoffDate', message: expect.stringMatching(/within 2 years of today/) }] });
    }
    expect(at('2026-12-01', ['2025-11-30', '2029-01-01'])).toEqual({
      ok: false,
      errors: [
        { field: 'holidays.0', message: expect.stringMatching(/plan's span/) },
        { field: 'holidays.1', message: expect.stringMatching(/plan's span/) },
      ],
    });
  });

  it('refuses control characters and over-long text', () => {
    expect(errorsOf(mutated((k) => (k.biller = 'a\u0000b')))).toEqual([{ field: 'biller', message: expect.stringMatching(/control characters/) }]);
    expect(errorsOf(mutated((k) => (k.coreSystem = 'x'.repeat(101))))).toEqual([{ field: 'coreSystem', message: expect.stringMatching(/at most 100/) }]);
    expect(errorsOf(mutated((k) => (k.holidays = Array.from({ length: 301 }, () => '2026-12-25'))))).toEqual([
      { field: 'holidays', message: expect.stringMatching(/at most 300/) },
    ]);
  });
});
