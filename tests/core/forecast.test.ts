import {
  applicableSteps,
  baselineOf,
  BaselineError,
  buildPlan,
  businessCalendar,
  businessDaysBetween,
  dueDateChanges,
  forecastPlan,
  ForecastError,
  jiraTimestampDate,
  rebaseline,
  type Plan,
  type PlanBaseline,
  type PlanForecast,
  type StepState,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

const ALL_CAPABILITIES = ['claims', 'checks', 'agent-commissions', 'premium-refunds', 'vendor-onboarding', 'agent-onboarding', 'vendor-management'];
const HOLIDAYS = ['2026-12-25', '2027-01-01'];

/** The baseline as generated: each applicable step's scheduled dates, duration and dependencies. */
function baselineFrom(plan: Plan): PlanBaseline {
  return baselineOf(
    applicableSteps(plan).map((s) => ({ step: s.number, start: s.start, end: s.due, durationBusinessDays: s.durationDays, dependsOn: s.dependsOn })),
  );
}

const full = buildPlan({ ...exampleKickoff(), capabilities: ALL_CAPABILITIES });
const baseline = full.baseline;
const baselineEnd = (n: number) => baseline.steps.find((s) => s.step === n)!.end;

/** Every step not started and due on its baseline end, then the given states on top. */
function states(overrides: Record<number, Partial<StepState>> = {}): StepState[] {
  return baseline.steps.map((s) => ({ step: s.step, statusCategory: 'new', statusCategorySince: null, due: s.end, ...overrides[s.step] }));
}
const done = (since: string): Partial<StepState> => ({ statusCategory: 'done', statusCategorySince: since });
const started = (since: string): Partial<StepState> => ({ statusCategory: 'indeterminate', statusCategorySince: since });

function run(today: string, overrides: Record<number, Partial<StepState>> = {}, holidays: readonly string[] = HOLIDAYS): PlanForecast {
  return forecastPlan({ baseline, states: states(overrides), today, holidays });
}
const step = (f: PlanForecast, n: number) => f.steps.find((s) => s.step === n)!;
const dates = (f: PlanForecast, n: number) => [step(f, n).forecastStart, step(f, n).forecastEnd];

describe('the baseline built with the plan', () => {
  it('is every applicable step as scheduled, with its duration and dependencies, and goes live when the plan ends', () => {
    expect(baseline).toEqual(baselineFrom(full));
    expect(baseline.goLive).toBe(full.due);
    const example = buildPlan(exampleKickoff());
    expect(example.baseline.steps.map((s) => s.step)).toEqual(applicableSteps(example).map((s) => s.number));
    expect(example.baseline.steps.find((s) => s.step === 15)).toEqual({
      step: 15,
      start: '2027-01-04',
      end: '2027-01-06',
      durationBusinessDays: 3,
      dependsOn: [10, 11],
    });
  });

  it('runs steps 8–14 in parallel after step 7, step 15 after all of them, and goes live on 8 March', () => {
    expect(baseline.steps.map((s) => s.step)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (let n = 8; n <= 14; n++) expect(baseline.steps[n - 1]).toMatchObject({ start: '2026-12-29', end: '2026-12-31', dependsOn: [7] });
    expect(baseline.steps[14]).toMatchObject({ start: '2027-01-04', end: '2027-01-06', dependsOn: [8, 9, 10, 11, 12, 13, 14] });
    expect(baseline.goLive).toBe('2027-03-08');
    expect(baseline.rebaselines).toEqual([]);
  });
});

describe('forecast', () => {
  it('is the baseline while nothing has started and today is before the kickoff', () => {
    const f = run('2026-11-27');
    for (const s of f.steps) expect([s.forecastStart, s.forecastEnd, s.health]).toEqual([s.baselineStart, s.baselineEnd, 'on-track']);
    expect(f).toMatchObject({ today: '2026-11-27', baselineGoLive: '2027-03-08', goLive: '2027-03-08', slipBusinessDays: 0, health: 'on-track', overdue: 0 });
  });

  it('starts a step not started on the next business day on or after today when today is a weekend', () => {
    for (const today of ['2026-12-05', '2026-12-06']) {
      const f = run(today, { 1: done('2026-12-02'), 2: done('2026-12-04') });
      expect(dates(f, 3)).toEqual(['2026-12-07', '2026-12-08']); // Monday, as planned
      expect(f.slipBusinessDays).toBe(0);
      expect(f.health).toBe('on-track');
    }
    // Step 3 planned for Mon–Tue, not started by Saturday 12th: it starts on Monday 14th.
    const late = run('2026-12-12', { 1: done('2026-12-02'), 2: done('2026-12-04') });
    expect(dates(late, 3)).toEqual(['2026-12-14', '2026-12-15']);
    expect(step(late, 3).health).toBe('overdue');
  });

  it('moves a step not started to today, pushes its dependants and reports the slip in business days', () => {
    const f = run('2026-12-09', { 1: done('2026-12-02'), 2: done('2026-12-04') });
    expect(dates(f, 3)).toEqual(['2026-12-09', '2026-12-10']);
    expect(dates(f, 4)).toEqual(['2026-12-11', '2026-12-15']);
    expect(step(f, 3).health).toBe('overdue'); // due on the 8th
    expect(step(f, 4).health).toBe('at-risk'); // due on the 11th, forecast to end on the 15th
    expect(step(f, 1).health).toBe('done');
    expect(f.goLive).toBe('2027-03-10');
    expect(f.slipBusinessDays).toBe(2);
    expect(f).toMatchObject({ health: 'late', overdue: 1 });
  });

  it('calls a plan whose every step is done "done", and still reports how late it went live', () => {
    const all = Object.fromEntries(baseline.steps.map((s) => [s.step, done(s.step === 25 ? '2027-03-12' : s.end)]));
    const f = run('2027-04-01', all);
    expect(f).toMatchObject({ health: 'done', overdue: 0, goLive: '2027-03-12', slipBusinessDays: 4 });
    const almost = run('2027-04-01', { ...all, 25: {} });
    expect(almost.health).not.toBe('done');
  });

  it('ends a done step on its done date: a late one delays its dependants, an early one does not pull them before their baseline', () => {
    const late = run('2026-12-04', { 1: done('2026-12-04') });
    expect(step(late, 1)).toMatchObject({ forecastEnd: '2026-12-04', health: 'done' });
    expect(dates(late, 2)).toEqual(['2026-12-07', '2026-12-08']);
    expect(step(late, 2).health).toBe('at-risk'); // due today, so not overdue yet
    expect(late).toMatchObject({ slipBusinessDays: 2, health: 'at-risk', goLive: '2027-03-10' });

    const early = run('2026-12-01', { 1: done('2026-12-01') });
    expect(step(early, 1).forecastEnd).toBe('2026-12-01');
    expect(dates(early, 2)).toEqual(['2026-12-03', '2026-12-04']);
    expect(early).toMatchObject({ slipBusinessDays: 0, health: 'on-track', goLive: '2027-03-08' });
  });

  it('keeps a done step where it is whatever today is', () => {
    const a = run('2026-12-02', { 1: done('2026-12-02') });
    const b = run('2027-02-01', { 1: done('2026-12-02') });
    expect(step(a, 1)).toEqual(step(b, 1));
  });

  it('counts a step in progress from its status-category change, never ending before today', () => {
    expect(dates(run('2026-12-01', { 1: started('2026-12-01') }), 1)).toEqual(['2026-12-01', '2026-12-02']);
    // started a day late: ends a day late, at risk but not overdue
    const lateStart = run('2026-12-02', { 1: started('2026-12-02') });
    expect(dates(lateStart, 1)).toEqual(['2026-12-02', '2026-12-03']);
    expect(lateStart).toMatchObject({ slipBusinessDays: 1, health: 'at-risk' });
    expect(step(lateStart, 1).health).toBe('at-risk');
    // started on time but still open after its due date: it ends no earlier than today
    const dragging = run('2026-12-03', { 1: started('2026-12-01') });
    expect(dates(dragging, 1)).toEqual(['2026-12-01', '2026-12-03']);
    expect(dates(dragging, 2)).toEqual(['2026-12-04', '2026-12-07']);
    expect(dragging).toMatchObject({ slipBusinessDays: 1, health: 'late', overdue: 1 });
    // started on a Saturday: the work counts from Monday
    expect(dates(run('2026-12-05', { 1: done('2026-12-02'), 2: done('2026-12-04'), 3: started('2026-12-05') }), 3)).toEqual(['2026-12-07', '2026-12-08']);
  });

  it('an in-progress step does not wait for its dependencies again', () => {
    const f = run('2026-12-03', { 1: started('2026-12-01'), 2: started('2026-12-03') });
    expect(dates(f, 2)).toEqual(['2026-12-03', '2026-12-04']);
  });

  it('skips the plan holidays and weekends', () => {
    // Step 6 (Dec 21–22) done a day late: step 7 runs Thu 24th, Mon 28th (not Christmas), Tue 29th.
    const f = run('2026-12-23', { ...doneOnBaseline(5), 6: done('2026-12-23') });
    expect(dates(f, 7)).toEqual(['2026-12-24', '2026-12-29']);
    expect(dates(f, 8)).toEqual(['2026-12-30', '2027-01-04']); // New Year's Day skipped
    expect(dates(f, 15)).toEqual(['2027-01-05', '2027-01-07']);
    expect(f).toMatchObject({ goLive: '2027-03-09', slipBusinessDays: 1 });
    // Without the holidays Christmas is a working day.
    expect(dates(run('2026-12-23', { ...doneOnBaseline(5), 6: done('2026-12-23') }, []), 7)).toEqual(['2026-12-24', '2026-12-28']);
  });

  it('runs steps 8–14 in parallel and starts step 15 only after the last of them', () => {
    const before = doneOnBaseline(7);
    for (let late = 8; late <= 14; late++) {
      const overrides: Record<number, Partial<StepState>> = { ...before };
      for (let n = 8; n <= 14; n++) overrides[n] = n === late ? started('2026-12-31') : done('2026-12-31');
      const f = run('2026-12-31', overrides);
      for (let n = 8; n <= 14; n++) expect(step(f, n).forecastEnd).toBe(n === late ? '2027-01-05' : '2026-12-31'); // 31st, 4th, 5th
      expect(dates(f, 15)).toEqual(['2027-01-06', '2027-01-08']);
      expect(step(f, late).health).toBe('at-risk');
    }
    // All parallel steps not started on the 30th: they all start that day, together.
    const f = run('2026-12-30', before);
    expect(new Set([8, 9, 10, 11, 12, 13, 14].map((n) => dates(f, n).join()))).toEqual(new Set(['2026-12-30,2027-01-04']));
    expect(dates(f, 15)).toEqual(['2027-01-05', '2027-01-07']);
  });

  it('falls back for dates Jira did not give: done without a date ends when due; in progress without one started at its baseline start', () => {
    const f = run('2026-12-03', {
      1: { statusCategory: 'done', statusCategorySince: null, due: '2026-12-02' },
      2: { statusCategory: 'indeterminate', statusCategorySince: null },
    });
    expect(step(f, 1).forecastEnd).toBe('2026-12-02');
    expect(dates(f, 2)).toEqual(['2026-12-03', '2026-12-04']); // its baseline start is today
    const noState = forecastPlan({ baseline, states: [], today: '2026-11-27', holidays: HOLIDAYS });
    expect(noState).toMatchObject({ goLive: '2027-03-08', health: 'on-track' });
  });

  it('ignores due dates for health when a step has none', () => {
    const f = run('2027-03-01', { 1: { due: null } });
    expect(step(f, 1).health).toBe('on-track');
  });

  it('refuses malformed input with a specific error', () => {
    expect(() => run('2026-13-01')).toThrow(new ForecastError('today must be a calendar date YYYY-MM-DD; got "2026-13-01"'));
    expect(() => run('2026-12-01', {}, ['25/12/2026'])).toThrow(ForecastError);
    expect(() => run('2026-12-01', { 3: { due: 'soon' } })).toThrow("Step 3's due date must be a calendar date");
    const twice = [...states(), states()[0]];
    expect(() => forecastPlan({ baseline, states: twice, today: '2026-12-01', holidays: [] })).toThrow('Step 1 has two states');
    const orphan: PlanBaseline = { ...baseline, steps: baseline.steps.map((s) => (s.step === 2 ? { ...s, dependsOn: [99] } : s)) };
    expect(() => forecastPlan({ baseline: orphan, states: [], today: '2026-12-01', holidays: [] })).toThrow(
      'Step 2 depends on step 99, which is not in the baseline',
    );
    const cycle: PlanBaseline = { ...baseline, steps: baseline.steps.map((s) => (s.step === 1 ? { ...s, dependsOn: [3] } : s)) };
    expect(() => forecastPlan({ baseline: cycle, states: [], today: '2026-12-01', holidays: [] })).toThrow(/depends on itself/);
    expect(() => forecastPlan({ baseline: cycle, states: states({ 1: done('2026-12-02') }), today: '2026-12-01', holidays: [] })).toThrow(/depends on itself/);
  });
});

function doneOnBaseline(upTo: number): Record<number, Partial<StepState>> {
  return Object.fromEntries(Array.from({ length: upTo }, (_, i) => [i + 1, done(baselineEnd(i + 1))]));
}

describe('slip in business days', () => {
  const cal = businessCalendar(HOLIDAYS);
  it('counts business days after the baseline go-live up to the forecast, skipping weekends and holidays', () => {
    expect(businessDaysBetween('2027-03-08', '2027-03-08', cal)).toBe(0);
    expect(businessDaysBetween('2027-03-08', '2027-03-05', cal)).toBe(0);
    expect(businessDaysBetween('2027-03-05', '2027-03-08', cal)).toBe(1); // Friday → Monday
    expect(businessDaysBetween('2026-12-24', '2027-01-04', cal)).toBe(5); // 28, 29, 30, 31, 4
    expect(businessDaysBetween('2026-12-24', '2027-01-04', businessCalendar())).toBe(7);
  });

  it('is 0 when the forecast is earlier than the baseline', () => {
    const early = forecastPlan({ baseline: { ...baseline, goLive: '2027-04-01' }, states: states(), today: '2026-11-27', holidays: HOLIDAYS });
    expect(early).toMatchObject({ goLive: '2027-03-08', slipBusinessDays: 0, health: 'on-track' });
  });
});

describe('apply the forecast, then re-baseline', () => {
  const today = '2026-12-09';
  const overrides = { 1: { ...done('2026-12-02'), due: '2026-12-01' }, 2: done('2026-12-04') };
  const before = run(today, overrides);

  it('lists only the steps not done whose due date differs from their forecast end', () => {
    const changes = dueDateChanges(before);
    expect(changes.map((c) => c.step)).toEqual(Array.from({ length: 23 }, (_, i) => i + 3)); // not 1 (done, though its due date differs), not 2
    expect(changes[0]).toEqual({ step: 3, from: '2026-12-08', to: '2026-12-10' });
    expect(changes.at(-1)).toEqual({ step: 25, from: '2027-03-08', to: '2027-03-10' });
    expect(dueDateChanges(run('2026-11-27'))).toEqual([]);
  });

  it('leaves no step overdue once applied, and nothing more to apply; the plan is at risk by its slip', () => {
    const applied = new Map(dueDateChanges(before).map((c) => [c.step, c.to]));
    const after = forecastPlan({ baseline, states: states(overrides).map((s) => ({ ...s, due: applied.get(s.step) ?? s.due })), today, holidays: HOLIDAYS });
    expect(dueDateChanges(after)).toEqual([]);
    expect(after).toMatchObject({ overdue: 0, health: 'at-risk', slipBusinessDays: 2, goLive: before.goLive });
    expect(after.steps.filter((s) => s.health !== 'done').every((s) => s.health === 'on-track')).toBe(true);

    const rebaselined = rebaseline(
      baseline,
      after.steps.map((s) => ({ step: s.step, start: s.forecastStart, end: s.forecastEnd })),
      { by: 'pm-account-id', at: '2026-12-09T10:00:00.000Z', reason: ' Bank holiday freeze moved the design review ' },
    );
    expect(rebaselined.goLive).toBe('2027-03-10');
    expect(rebaselined.rebaselines).toEqual([
      {
        by: 'pm-account-id',
        at: '2026-12-09T10:00:00.000Z',
        reason: 'Bank holiday freeze moved the design review',
        previousGoLive: '2027-03-08',
        goLive: '2027-03-10',
      },
    ]);
    expect(rebaselined.steps.map((s) => [s.durationBusinessDays, s.dependsOn])).toEqual(baseline.steps.map((s) => [s.durationBusinessDays, s.dependsOn]));
    const onTrack = forecastPlan({
      baseline: rebaselined,
      states: states(overrides).map((s) => ({ ...s, due: applied.get(s.step) ?? s.due })),
      today,
      holidays: HOLIDAYS,
    });
    expect(onTrack).toMatchObject({ health: 'on-track', slipBusinessDays: 0, baselineGoLive: '2027-03-10' });
    expect(baseline.goLive).toBe('2027-03-08'); // the old baseline is untouched
  });

  it('refuses a re-baseline without a reason, a person, a timestamp or a date for every step', () => {
    const schedule = baseline.steps.map((s) => ({ step: s.step, start: s.start, end: s.end }));
    const request = { by: 'pm-account-id', at: '2026-12-09T10:00:00Z', reason: 'Scope change' };
    expect(() => rebaseline(baseline, schedule, { ...request, reason: '  ' })).toThrow(new BaselineError('A re-baseline needs a reason'));
    expect(() => rebaseline(baseline, schedule, { ...request, by: '' })).toThrow(BaselineError);
    expect(() => rebaseline(baseline, schedule, { ...request, at: '2026-12-09' })).toThrow('"at" must be an ISO timestamp');
    expect(() => rebaseline(baseline, schedule.slice(1), request)).toThrow('no dates for step 1');
    expect(() =>
      rebaseline(
        baseline,
        schedule.map((s) => (s.step === 4 ? { ...s, end: '2026-12-01' } : s)),
        request,
      ),
    ).toThrow('Step 4 needs a start on or before its end');
    expect(() => baselineOf([])).toThrow(BaselineError);
  });
});

describe('Jira timestamps', () => {
  it('takes the date Jira wrote in its offset', () => {
    expect(jiraTimestampDate('2027-01-12T23:05:09.123+0000')).toBe('2027-01-12');
    expect(jiraTimestampDate('2027-01-12T01:05:09.123-0500')).toBe('2027-01-12');
    expect(() => jiraTimestampDate('yesterday')).toThrow(ForecastError);
    expect(() => jiraTimestampDate('2027-02-30T00:00:00.000+0000')).toThrow(ForecastError);
  });
});
