import {
  buildPlan,
  businessCalendar,
  isBusinessDay,
  lastBusinessDay,
  nextBusinessDay,
  onOrAfterBusinessDay,
  replan,
  ReplanError,
  scheduleSteps,
  type Plan,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

const kickoffInput = (overrides: Record<string, unknown> = {}) => ({ ...exampleKickoff(), ...overrides });

const none = businessCalendar();

describe('business days', () => {
  it('skips weekends', () => {
    expect(nextBusinessDay('2026-12-04', none)).toBe('2026-12-07'); // Friday → Monday
    expect(onOrAfterBusinessDay('2026-12-05', none)).toBe('2026-12-07'); // Saturday → Monday
    expect(onOrAfterBusinessDay('2026-12-07', none)).toBe('2026-12-07');
    expect(lastBusinessDay('2026-12-03', 3, none)).toBe('2026-12-07'); // Thu, Fri, Mon
    expect(isBusinessDay('2026-12-06', none)).toBe(false);
  });

  it('skips holidays', () => {
    const cal = businessCalendar(['2026-12-25']);
    expect(isBusinessDay('2026-12-25', cal)).toBe(false);
    expect(nextBusinessDay('2026-12-24', cal)).toBe('2026-12-28');
    expect(lastBusinessDay('2026-12-23', 3, cal)).toBe('2026-12-28');
  });

  it('crosses month ends, leap days and the year end', () => {
    expect(lastBusinessDay('2026-01-30', 2, none)).toBe('2026-02-02');
    expect(nextBusinessDay('2028-02-28', none)).toBe('2028-02-29');
    expect(nextBusinessDay('2027-02-26', none)).toBe('2027-03-01');
    expect(nextBusinessDay('2026-12-31', businessCalendar(['2027-01-01']))).toBe('2027-01-04');
    expect(lastBusinessDay('2026-12-30', 5, businessCalendar(['2026-12-31', '2027-01-01']))).toBe('2027-01-07');
  });

  it('refuses impossible dates and empty tasks', () => {
    expect(() => nextBusinessDay('2026-02-30', none)).toThrow(RangeError);
    expect(() => lastBusinessDay('2026-12-01', 0, none)).toThrow(RangeError);
  });

  it('schedules a chain after its dependencies', () => {
    const dates = scheduleSteps(
      [
        { number: 1, durationDays: 2, dependsOn: [] },
        { number: 2, durationDays: 1, dependsOn: [1] },
        { number: 3, durationDays: 4, dependsOn: [1] },
        { number: 4, durationDays: 1, dependsOn: [2, 3] },
      ],
      '2026-12-31',
      ['2027-01-01'],
    );
    expect(Object.fromEntries(dates)).toEqual({
      1: { start: '2026-12-31', due: '2027-01-04' },
      2: { start: '2027-01-05', due: '2027-01-05' },
      3: { start: '2027-01-05', due: '2027-01-08' },
      4: { start: '2027-01-11', due: '2027-01-11' },
    });
  });
});

describe('step order', () => {
  it('chains phases, runs the capability designs in parallel after step 7 and joins them at step 15', () => {
    const p = buildPlan(kickoffInput({ capabilities: ['claims', 'checks', 'vendor-management'] }));
    const after = (n: number) => p.steps[n - 1].dependsOn;
    expect(after(1)).toEqual([]);
    expect(after(4)).toEqual([3]); // the first Design step waits for the last Discovery step
    for (const n of [8, 9, 14]) expect(after(n)).toEqual([7]);
    expect(after(15)).toEqual([8, 9, 14]);
    expect(after(16)).toEqual([15]);
    expect(after(25)).toEqual([24]);
    expect(new Set([8, 9, 14].map((n) => p.steps[n - 1].start)).size).toBe(1);
  });

  it('skips steps that do not apply when chaining', () => {
    const p = buildPlan(kickoffInput({ integrationType: 'custom', optionalSteps: { '2': false }, capabilities: ['agent-onboarding'] }));
    expect(p.steps[2].dependsOn).toEqual([1]);
    expect(p.steps[12].dependsOn).toEqual([7]);
    expect(p.steps[14].dependsOn).toEqual([13]);
    expect(p.due).toBe(p.steps[23].due); // step 24 is last without step 25
  });
});

describe('the plan schedule', () => {
  const example = buildPlan(kickoffInput());
  const dates = (p: Plan) => Object.fromEntries(p.steps.map((s) => [s.number, s.applicable ? [s.start, s.due] : null]));

  it('dates the example plan across weekends, Christmas and New Year', () => {
    expect(dates(example)).toMatchObject({
      1: ['2026-12-01', '2026-12-02'],
      2: ['2026-12-03', '2026-12-04'],
      3: ['2026-12-07', '2026-12-08'],
      7: ['2026-12-23', '2026-12-28'],
      8: null,
      10: ['2026-12-29', '2026-12-31'],
      11: ['2026-12-29', '2026-12-31'],
      15: ['2027-01-04', '2027-01-06'],
      16: ['2027-01-07', '2027-01-27'],
      25: ['2027-03-08', '2027-03-08'],
    });
    expect([example.start, example.due]).toEqual(['2026-12-01', '2027-03-08']);
  });

  it('keeps every step on business days, lasting its duration, after its dependencies', () => {
    for (const input of [kickoffInput(), kickoffInput({ kickoffDate: '2027-02-27', capabilities: ['claims', 'checks'], integrationType: 'custom' })]) {
      const p = buildPlan(input);
      const cal = businessCalendar(p.kickoff.holidays);
      for (const s of p.steps) {
        if (!s.applicable) continue;
        expect(isBusinessDay(s.start, cal)).toBe(true);
        expect(s.due).toBe(lastBusinessDay(s.start, s.durationDays, cal));
        const latest = s.dependsOn
          .map((n) => p.steps[n - 1].due!)
          .sort()
          .pop();
        expect(s.start).toBe(latest ? nextBusinessDay(latest, cal) : onOrAfterBusinessDay(p.kickoff.kickoffDate, cal));
      }
    }
  });

  it('starts on the next business day when the kickoff falls on a weekend', () => {
    expect(buildPlan(kickoffInput({ kickoffDate: '2027-02-27' })).steps[0].start).toBe('2027-03-01');
  });
});

describe('replan', () => {
  const base = buildPlan(kickoffInput());
  const due = (p: Plan, n: number) => p.steps[n - 1].due;
  const start = (p: Plan, n: number) => p.steps[n - 1].start;

  it('moves the whole plan to a new kickoff date and keeps the plan id', () => {
    const moved = replan(base, { kickoffDate: '2027-01-04' });
    expect(moved.planId).toBe(base.planId);
    expect(moved.kickoff.kickoffDate).toBe('2027-01-04');
    expect(start(moved, 1)).toBe('2027-01-04');
    expect(moved.start).toBe('2027-01-04');
    expect(moved.due > base.due).toBe(true);
    expect({ ...moved, baseline: null }).toEqual({ ...buildPlan(kickoffInput({ kickoffDate: '2027-01-04' })), baseline: null });
    expect(moved.baseline).toEqual(base.baseline); // only a re-baseline moves the baseline
  });

  it('shifts every step after a slipped step, and nothing before it', () => {
    const slipped = replan(base, { slipped: { step: 16, due: '2027-02-05' } });
    expect(due(slipped, 16)).toBe('2027-02-05');
    expect(start(slipped, 16)).toBe(start(base, 16));
    expect(start(slipped, 17)).toBe('2027-02-08');
    for (let n = 1; n <= 15; n++) expect(slipped.steps[n - 1]).toEqual(base.steps[n - 1]);
    for (let n = 17; n <= 25; n++) expect(start(slipped, n)! > start(base, n)!).toBe(true);
    expect(slipped.due > base.due).toBe(true);
    expect(slipped.baseline).toEqual(base.baseline);
  });

  it('waits for the latest of parallel steps', () => {
    const slipped = replan(base, { slipped: { step: 10, due: '2027-01-08' } });
    expect(due(slipped, 11)).toBe(due(base, 11)); // parallel sibling untouched
    expect(start(slipped, 15)).toBe('2027-01-11');
    const early = replan(base, { slipped: { step: 10, due: '2026-12-30' } });
    expect(start(early, 15)).toBe(start(base, 15)); // step 11 still ends on the 31st
  });

  it('pulls dependants earlier when a step finishes early', () => {
    const early = replan(base, { slipped: { step: 19, due: '2027-02-09' } });
    expect(start(early, 20)).toBe('2027-02-10');
    expect(early.due < base.due).toBe(true);
  });

  it('moves the start back when the new due date is before it', () => {
    const p = replan(base, { slipped: { step: 5, due: '2026-12-11' } });
    expect([start(p, 5), due(p, 5)]).toEqual(['2026-12-11', '2026-12-11']);
  });

  it('keeps earlier slips when another step slips', () => {
    const once = replan(base, { slipped: { step: 3, due: '2026-12-10' } });
    const twice = replan(once, { slipped: { step: 20, due: '2027-03-01' } });
    expect(due(twice, 3)).toBe('2026-12-10');
    expect(start(twice, 21)).toBe('2027-03-02');
  });

  it('refuses unknown or skipped steps and bad dates', () => {
    expect(() => replan(base, { slipped: { step: 8, due: '2027-01-08' } })).toThrow(ReplanError);
    expect(() => replan(base, { slipped: { step: 99, due: '2027-01-08' } })).toThrow('no step 99');
    expect(() => replan(base, { slipped: { step: 9 + 1, due: '2027-02-31' } })).toThrow(ReplanError);
    expect(() => replan(base, { kickoffDate: 'tomorrow' })).toThrow(ReplanError);
  });
});
