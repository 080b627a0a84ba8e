/** Properties of the forecast over random plans, holidays, step states and days (fast-check). */
import { addDays, format } from 'date-fns';
import fc from 'fast-check';
import {
  applicableSteps,
  baselineOf,
  buildPlan,
  businessCalendar,
  businessDaysBetween,
  dueDateChanges,
  forecastPlan,
  isBusinessDay,
  lastBusinessDay,
  nextBusinessDay,
  onOrAfterBusinessDay,
  rebaseline,
  type ForecastInput,
  type StatusCategory,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

const CAPABILITIES = ['claims', 'checks', 'agent-commissions', 'premium-refunds', 'vendor-onboarding', 'agent-onboarding', 'vendor-management'];

const plus = (day: string, days: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return format(addDays(new Date(y, m - 1, d), days), 'yyyy-MM-dd');
};

const stateArb = fc.record({
  statusCategory: fc.constantFrom<StatusCategory>('new', 'indeterminate', 'done'),
  sinceOffset: fc.option(fc.integer({ min: -10, max: 60 }), { nil: null }),
  dueOffset: fc.option(fc.integer({ min: -5, max: 10 }), { nil: null }),
});

/** A plan from a random kickoff date, holidays and scope, random step states, and a day in its life. */
const scenario = fc
  .record({
    kickoffOffset: fc.integer({ min: 0, max: 400 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 150 }), { maxLength: 12 }),
    capabilities: fc.subarray(CAPABILITIES, { minLength: 1 }),
    states: fc.array(stateArb, { minLength: 25, maxLength: 25 }),
    todayOffset: fc.integer({ min: -10, max: 160 }),
    later: fc.integer({ min: 0, max: 60 }),
  })
  .map((r) => {
    const kickoffDate = plus('2026-06-01', r.kickoffOffset);
    const holidays = r.holidayOffsets.map((o) => plus(kickoffDate, o));
    const plan = buildPlan({ ...exampleKickoff(), kickoffDate, holidays, capabilities: r.capabilities });
    const baseline = baselineOf(
      applicableSteps(plan).map((s) => ({ step: s.number, start: s.start, end: s.due, durationBusinessDays: s.durationDays, dependsOn: s.dependsOn })),
    );
    const states = baseline.steps.map((s, i) => {
      const g = r.states[i];
      return {
        step: s.step,
        statusCategory: g.statusCategory,
        statusCategorySince: g.sinceOffset === null ? null : plus(s.start, g.sinceOffset),
        due: g.dueOffset === null ? null : plus(s.end, g.dueOffset),
      };
    });
    const input: ForecastInput = { baseline, states, today: plus(kickoffDate, r.todayOffset), holidays };
    return { input, later: plus(input.today, r.later) };
  });

const RUNS = { numRuns: 60 };

describe('forecast properties', () => {
  it('ends every open step on a business day no earlier than today, and starts a step not started after all it waits for and no earlier than its baseline', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const f = forecastPlan(input);
        const cal = businessCalendar(input.holidays);
        const firstWorkday = onOrAfterBusinessDay(input.today, cal);
        const byStep = new Map(f.steps.map((s) => [s.step, s]));
        for (const s of f.steps) {
          const b = input.baseline.steps.find((x) => x.step === s.step)!;
          if (s.statusCategory === 'done') continue;
          expect(isBusinessDay(s.forecastEnd, cal)).toBe(true);
          expect(s.forecastEnd >= firstWorkday).toBe(true);
          expect(s.forecastEnd >= lastBusinessDay(s.forecastStart, b.durationBusinessDays, cal)).toBe(true);
          if (s.statusCategory !== 'new') continue;
          expect(s.forecastStart >= b.start && s.forecastStart >= firstWorkday).toBe(true);
          expect(s.forecastEnd >= b.end).toBe(true);
          for (const d of b.dependsOn) expect(s.forecastStart >= nextBusinessDay(byStep.get(d)!.forecastEnd, cal)).toBe(true);
          expect(s.forecastEnd).toBe(lastBusinessDay(s.forecastStart, b.durationBusinessDays, cal));
        }
      }),
      RUNS,
    );
  });

  it('goes live on the latest step end, slips by the business days past the baseline go-live, and is late exactly when a step is overdue', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const f = forecastPlan(input);
        const cal = businessCalendar(input.holidays);
        expect(f.steps.every((s) => s.forecastEnd <= f.goLive)).toBe(true);
        expect(f.steps.some((s) => s.forecastEnd === f.goLive)).toBe(true);
        expect(f.slipBusinessDays === 0).toBe(f.goLive <= f.baselineGoLive || businessDaysBetween(f.baselineGoLive, f.goLive, cal) === 0);
        if (f.goLive > f.baselineGoLive && isBusinessDay(f.goLive, cal)) expect(f.slipBusinessDays).toBeGreaterThan(0);
        const finished = f.steps.every((s) => s.statusCategory === 'done');
        expect(f.health === 'done').toBe(finished);
        expect(f.health === 'late').toBe(!finished && f.steps.some((s) => s.health === 'overdue'));
        expect(f.health === 'at-risk').toBe(!finished && f.overdue === 0 && f.slipBusinessDays > 0);
        for (const s of f.steps) {
          const overdue = s.statusCategory !== 'done' && s.due !== null && input.today > s.due;
          expect(s.health === 'overdue').toBe(overdue);
          expect(s.health === 'done').toBe(s.statusCategory === 'done');
        }
      }),
      RUNS,
    );
  });

  it('never moves a done step, and never brings anything earlier, as today moves on', () => {
    fc.assert(
      fc.property(scenario, ({ input, later }) => {
        const now = forecastPlan(input);
        const then = forecastPlan({ ...input, today: later });
        now.steps.forEach((s, i) => {
          const t = then.steps[i];
          if (s.statusCategory === 'done') expect([t.forecastStart, t.forecastEnd]).toEqual([s.forecastStart, s.forecastEnd]);
          expect(t.forecastEnd >= s.forecastEnd).toBe(true);
        });
        expect(then.goLive >= now.goLive).toBe(true);
        expect(then.slipBusinessDays).toBeGreaterThanOrEqual(now.slipBusinessDays);
      }),
      RUNS,
    );
  });

  it('applying the forecast leaves nothing overdue and nothing to apply; re-baselining on it leaves no slip', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const f = forecastPlan(input);
        const changes = dueDateChanges(f);
        expect(changes.every((c) => f.steps.find((s) => s.step === c.step)!.statusCategory !== 'done')).toBe(true);
        const moved = new Map(changes.map((c) => [c.step, c.to]));
        const applied = forecastPlan({ ...input, states: input.states.map((s) => ({ ...s, due: moved.get(s.step) ?? s.due })) });
        expect(dueDateChanges(applied)).toEqual([]);
        expect(applied.steps.filter((s) => s.health === 'overdue')).toEqual([]);
        expect(applied.goLive).toBe(f.goLive);
        const next = rebaseline(
          input.baseline,
          f.steps.map((s) => ({ step: s.step, start: s.forecastStart, end: s.forecastEnd })),
          { by: 'pm', at: '2027-01-01T00:00:00Z', reason: 'property' },
        );
        const after = forecastPlan({ ...input, baseline: next });
        expect(after.slipBusinessDays).toBe(0);
        expect(after.steps.map((s) => s.forecastEnd)).toEqual(f.steps.map((s) => s.forecastEnd));
      }),
      RUNS,
    );
  });
});
