/**
 * The reminder rules (src/core/reminders.ts) on a small plan and a real calendar: 2026-11-30 is a Monday.
 * Every rule is pinned by example; fast-check runs the rules day after day (with days the job was down) through
 * a ledger and checks the once-per-occurrence and business-day guarantees.
 */
import fc from 'fast-check';
import { addDays, format } from 'date-fns';
import {
  businessCalendar,
  businessDaysBetween,
  isBusinessDay,
  remindersDue,
  reminderRuleOf,
  reminderSettings,
  ReminderSettingsError,
  DEFAULT_REMINDER_SETTINGS,
  type ReminderPlan,
  type ReminderStep,
} from '../../src/core';

const links = { issueUrl: (key: string) => `https://jira.test/browse/${key}` };
const [R, A, C, I, I2] = ['acc-r', 'acc-a', 'acc-c', 'acc-i', 'acc-i2'];

function step(n: number, patch: Partial<ReminderStep> = {}): ReminderStep {
  return {
    step: n,
    title: `Step title ${n}`,
    phase: 'Design',
    issueKey: `OUT-${n + 1}`,
    due: null,
    statusCategory: 'new',
    blockers: [],
    responsible: [R],
    accountable: [A],
    consulted: [],
    informed: [],
    ...patch,
  };
}

function plan(steps: ReminderStep[], patch: Partial<ReminderPlan> = {}): ReminderPlan {
  return { planId: 'op-out-1', title: 'Outbound Payments: Acme × Core', epicKey: 'OUT-1', holidays: [], settings: DEFAULT_REMINDER_SETTINGS, steps, ...patch };
}

const rulesOf = (p: ReminderPlan, today: string) => remindersDue(p, today, links).reminders.map((r) => `${r.step}:${r.rule}:${r.occurrence}`);

describe('business days', () => {
  it('businessDaysBetween counts the business days after `from` up to `to`', () => {
    const calendar = businessCalendar(['2026-12-02']);
    expect(businessDaysBetween('2026-11-30', '2026-12-04', calendar)).toBe(3); // Tue, Thu, Fri (Wed is a holiday)
    expect(businessDaysBetween('2026-12-04', '2026-12-07', calendar)).toBe(1); // over the weekend
    expect(businessDaysBetween('2026-12-04', '2026-12-04', calendar)).toBe(0);
    expect(businessDaysBetween('2026-12-07', '2026-12-04', calendar)).toBe(0);
  });
});

describe('R: due soon', () => {
  it('fires when the due date is within N business days (weekends and holidays not counted), once per due date', () => {
    const p = plan([step(1, { due: '2026-12-03', blockers: [9] })]);
    expect(rulesOf(p, '2026-11-30')).toEqual([]); // 3 business days ahead
    expect(rulesOf(p, '2026-12-01')).toEqual(['1:due-soon:due-2026-12-03']);
    expect(rulesOf(p, '2026-12-03')).toEqual(['1:due-soon:due-2026-12-03']); // same occurrence: the ledger sends it once
    const monday = plan([step(1, { due: '2026-12-07', blockers: [9] })]);
    expect(rulesOf(monday, '2026-12-03')).toEqual(['1:due-soon:due-2026-12-07']); // Fri + Mon
    expect(rulesOf(plan([step(1, { due: '2026-12-08', blockers: [9] })]), '2026-12-03')).toEqual([]);
    expect(rulesOf(plan([step(1, { due: '2026-12-08', blockers: [9] })], { holidays: ['2026-12-07'] }), '2026-12-03')).toEqual(['1:due-soon:due-2026-12-08']);
    expect(
      rulesOf(plan([step(1, { due: '2026-12-03', blockers: [9] })], { settings: { ...DEFAULT_REMINDER_SETTINGS, dueSoonDays: 0 } }), '2026-12-02'),
    ).toEqual([]);
  });

  it('goes to the Responsible people, names the plan, the step, its due date and a link', () => {
    const [r] = remindersDue(plan([step(4, { due: '2026-12-02', blockers: [9], responsible: [R, 'acc-r2', R] })]), '2026-12-01', links).reminders;
    expect(r).toMatchObject({ planId: 'op-out-1', step: 4, rule: 'due-soon', issueKey: 'OUT-5', to: [R, 'acc-r2'], key: 'op-out-1|4|due-soon|due-2026-12-02' });
    for (const text of [r.subject, r.textBody]) {
      expect(text).toContain('Outbound Payments: Acme × Core');
      expect(text).toContain('Step 4 "Step title 4"');
      expect(text).toContain('2026-12-02');
    }
    expect(r.textBody).toContain('https://jira.test/browse/OUT-5');
    expect(r.htmlBody).toContain('<a href="https://jira.test/browse/OUT-5">');
  });

  it('escapes HTML in titles', () => {
    const [r] = remindersDue(plan([step(1, { title: '<b>&', due: '2026-12-01', blockers: [9] })]), '2026-12-01', links).reminders;
    expect(r.htmlBody).toContain('&#60;b&#62;&#38;');
    expect(r.htmlBody).not.toContain('<b>');
  });
});

describe('R: overdue and A: escalation', () => {
  const late = (settings = DEFAULT_REMINDER_SETTINGS) => plan([step(1, { due: '2026-12-04', blockers: [9] })], { settings }); // due Friday

  it('overdue on the first business day late, then weekly (every 5 business days) while overdue', () => {
    expect(rulesOf(late(), '2026-12-05')).toEqual([]); // Saturday
    expect(rulesOf(late(), '2026-12-07')).toEqual(['1:overdue:due-2026-12-04-week-0']);
    expect(rulesOf(late(), '2026-12-11')).toEqual(['1:overdue:due-2026-12-04-week-0', '1:escalation:due-2026-12-04']);
    expect(rulesOf(late(), '2026-12-14')).toEqual(['1:overdue:due-2026-12-04-week-1', '1:escalation:due-2026-12-04']);
    expect(rulesOf(late(), '2026-12-21')).toContain('1:overdue:due-2026-12-04-week-2');
  });

  it('escalates to the Accountable person once overdue by M business days', () => {
    expect(rulesOf(late(), '2026-12-08')).toEqual(['1:overdue:due-2026-12-04-week-0']); // 2 days late
    const [, escalation] = remindersDue(late(), '2026-12-09', links).reminders; // 3 days late
    expect(escalation).toMatchObject({ rule: 'escalation', to: [A], occurrence: 'due-2026-12-04' });
    expect(escalation.subject).toContain('3 business days overdue');
    expect(rulesOf(late({ ...DEFAULT_REMINDER_SETTINGS, escalateAfterDays: 1 }), '2026-12-07')).toContain('1:escalation:due-2026-12-04');
  });

  it('a moved due date is a new occurrence; a done step is never reminded', () => {
    expect(rulesOf(plan([step(1, { due: '2026-12-08', blockers: [9] })]), '2026-12-09')).toEqual(['1:overdue:due-2026-12-08-week-0']);
    expect(rulesOf(plan([step(1, { due: '2026-12-04', statusCategory: 'done' })]), '2026-12-09')).toEqual([]);
  });
});

describe('C: input needed', () => {
  it('when every blocker is done (or there is none), to the Consulted people, once per step', () => {
    const steps = [step(1, { consulted: [C] }), step(2, { blockers: [1], consulted: [C, R] })];
    expect(rulesOf(plan(steps), '2026-12-01')).toEqual(['1:input-needed:ready']);
    const after = [{ ...steps[0], statusCategory: 'done' as const }, steps[1]];
    const reminders = remindersDue(plan(after), '2026-12-01', links).reminders;
    expect(reminders.map((r) => [r.step, r.rule, r.to])).toEqual([[2, 'input-needed', [C, R]]]);
    expect(reminders[0].textBody).toContain('steps 1');
  });

  it('nobody Consulted who is a Jira user: skipped with the reason, not sent', () => {
    const today = remindersDue(plan([step(1)]), '2026-12-01', links);
    expect(today.reminders).toEqual([]);
    expect(today.skipped).toEqual([
      expect.objectContaining({ step: 1, rule: 'input-needed', key: 'op-out-1|1|input-needed|ready', reason: expect.stringContaining('no Jira user') }),
    ]);
  });
});

describe('I: phase done', () => {
  it('one notification on the epic to everyone Informed in the phase, when every step of it is done', () => {
    const steps = [
      step(1, { statusCategory: 'done', informed: [I], due: '2026-12-01' }),
      step(2, { statusCategory: 'done', informed: [I, I2], due: '2026-12-03' }),
      step(3, { phase: 'Build', informed: [I], blockers: [1, 2], due: '2026-12-20' }),
    ];
    const reminders = remindersDue(plan(steps), '2026-12-04', links).reminders.filter((r) => r.rule === 'phase-done');
    expect(reminders).toEqual([
      expect.objectContaining({ step: null, issueKey: 'OUT-1', to: [I, I2], occurrence: 'Design', key: 'op-out-1|plan|phase-done|Design' }),
    ]);
    expect(reminders[0].subject).toContain('Phase Design is done');
    expect(rulesOf(plan(steps.map((s) => (s.step === 2 ? { ...s, statusCategory: 'indeterminate' as const } : s))), '2026-12-04')).not.toContain(
      'null:phase-done:Design',
    );
  });
});

describe('no notification', () => {
  const busy = plan([step(1, { due: '2026-12-04', consulted: [C], informed: [I] })]);
  it('on weekends and plan holidays, or when reminders are off', () => {
    expect(rulesOf(busy, '2026-12-07')).not.toEqual([]);
    expect(rulesOf(busy, '2026-12-06')).toEqual([]);
    expect(rulesOf({ ...busy, holidays: ['2026-12-07'] }, '2026-12-07')).toEqual([]);
    expect(rulesOf({ ...busy, settings: { ...DEFAULT_REMINDER_SETTINGS, enabled: false } }, '2026-12-07')).toEqual([]);
    expect(() => remindersDue(busy, '2026-13-01', links)).toThrow('today must be a calendar date');
  });
});

describe('settings', () => {
  it('defaults N=2, M=3, on; rejects bad values with a clear message', () => {
    expect(reminderSettings(undefined)).toEqual({ enabled: true, dueSoonDays: 2, escalateAfterDays: 3 });
    expect(reminderSettings({ dueSoonDays: 5 })).toEqual({ enabled: true, dueSoonDays: 5, escalateAfterDays: 3 });
    expect(() => reminderSettings({ escalateAfterDays: 0 })).toThrow(
      new ReminderSettingsError('escalateAfterDays must be a whole number of business days from 1 to 60; got 0'),
    );
    expect(() => reminderSettings({ enabled: 'yes' })).toThrow('enabled must be true or false');
    expect(() => reminderSettings([])).toThrow(ReminderSettingsError);
  });
});

describe('day after day, through a ledger (property)', () => {
  const START = new Date(2026, 10, 30); // Monday 2026-11-30
  const day = (offset: number) => format(addDays(START, offset), 'yyyy-MM-dd');

  const scenario = fc.record({
    steps: fc.array(
      fc.record({
        dueOffset: fc.integer({ min: 0, max: 20 }),
        doneOffset: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
        blockedByPrevious: fc.boolean(),
        phase: fc.constantFrom('Design', 'Build'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
    down: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 15 }),
    settings: fc.record({ enabled: fc.constant(true), dueSoonDays: fc.integer({ min: 0, max: 4 }), escalateAfterDays: fc.integer({ min: 1, max: 6 }) }),
  });

  it('never sends an occurrence twice, never on a non-business day, and after downtime at most one overdue reminder per week of lateness', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const holidays = s.holidays.map(day);
        const calendar = businessCalendar(holidays);
        const sent = new Map<string, string>();
        const log: { day: string; step: number | null; rule: string; key: string }[] = [];
        for (let offset = 0; offset <= 40; offset += 1) {
          const today = day(offset);
          const snapshot = plan(
            s.steps.map((x, i) =>
              step(i + 1, {
                phase: x.phase,
                due: day(x.dueOffset),
                statusCategory: x.doneOffset !== null && x.doneOffset <= offset ? 'done' : 'new',
                blockers: x.blockedByPrevious && i > 0 ? [i] : [],
                consulted: [C],
                informed: [I],
              }),
            ),
            { holidays, settings: s.settings },
          );
          const due = remindersDue(snapshot, today, links);
          // Pure: the same day gives the same answer.
          expect(remindersDue(snapshot, today, links)).toEqual(due);
          const keys = due.reminders.map((r) => r.key);
          expect(new Set(keys).size).toBe(keys.length);
          if (s.down.includes(offset)) continue; // the job did not run
          for (const r of due.reminders) {
            if (sent.has(r.key)) continue;
            sent.set(r.key, today);
            log.push({ day: today, step: r.step, rule: r.rule, key: r.key });
          }
        }
        for (const entry of log) expect(isBusinessDay(entry.day, calendar)).toBe(true);
        expect(new Set(log.map((e) => e.key)).size).toBe(log.length);
        s.steps.forEach((x, i) => {
          const overdue = log.filter((e) => e.step === i + 1 && e.rule === 'overdue');
          // At most one reminder per started week of lateness, however long the job was down.
          const lateBy = (d: string) => businessDaysBetween(day(x.dueOffset), d, calendar);
          const weeks = overdue.map((e) => Math.floor((lateBy(e.day) - 1) / 5));
          expect(new Set(weeks).size).toBe(weeks.length);
          expect(overdue.every((e) => lateBy(e.day) >= 1)).toBe(true);
          expect(log.filter((e) => e.step === i + 1 && e.rule === 'escalation').length).toBeLessThanOrEqual(1);
          expect(log.filter((e) => e.step === i + 1 && e.rule === 'due-soon').length).toBeLessThanOrEqual(1);
          expect(log.filter((e) => e.step === i + 1 && e.rule === 'input-needed').length).toBeLessThanOrEqual(1);
        });
        expect(log.filter((e) => e.rule === 'phase-done').length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 150 },
    );
  });

  it('catch-up: a job down for the first three days of lateness sends one overdue reminder, not three', () => {
    const p = plan([step(1, { due: '2026-12-04', blockers: [9] })]); // due Friday
    const sent = new Set<string>();
    for (const today of ['2026-12-03', '2026-12-10', '2026-12-10', '2026-12-11']) {
      for (const r of remindersDue(p, today, links).reminders) if (r.rule === 'overdue') sent.add(r.key);
    }
    expect([...sent]).toEqual(['op-out-1|1|overdue|due-2026-12-04-week-0']);
  });
});

describe('the footer names the rule', () => {
  it('every reminder body ends with its rule, which reminderRuleOf reads back', () => {
    const p = plan([step(1, { due: '2026-12-01', consulted: [C] }), step(2, { due: '2026-11-20', phase: 'Build' })]);
    const { reminders } = remindersDue(p, '2026-11-30', links);
    expect(reminders.length).toBeGreaterThan(1);
    for (const r of reminders) {
      expect(reminderRuleOf(r.textBody)).toBe(r.rule);
      expect(r.htmlBody).toContain(`(rule: ${r.rule})`);
    }
    expect(reminderRuleOf('Some other e-mail')).toBeNull();
    expect(reminderRuleOf('Sent by Outbound Playbook (rule: not-a-rule).')).toBeNull();
  });
});
