import { buildPlan, forecastPlan, replan } from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

/** Dates are plain YYYY-MM-DD strings: the machine's time zone (Node reads TZ on change) must not shift them. */
describe('time zones', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const dates = () => {
    const plan = buildPlan(exampleKickoff());
    const slipped = replan(plan, { slipped: { step: 16, due: '2027-02-01' } });
    return [...plan.steps, ...slipped.steps].map((s) => [s.start, s.due]);
  };

  const forecast = () => {
    const plan = buildPlan(exampleKickoff());
    const states = plan.baseline.steps.map((s) => ({
      step: s.step,
      statusCategory: s.step < 5 ? ('done' as const) : s.step === 5 ? ('indeterminate' as const) : ('new' as const),
      statusCategorySince: s.step <= 5 ? '2026-12-12' : null,
      due: s.end,
    }));
    return forecastPlan({ baseline: plan.baseline, states, today: '2026-12-24', holidays: plan.kickoff.holidays });
  };

  it('gives the same forecast whatever the machine time zone', () => {
    process.env.TZ = 'UTC';
    const utc = forecast();
    expect(utc.slipBusinessDays).toBeGreaterThan(0);
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Australia/Lord_Howe']) {
      process.env.TZ = zone;
      expect(forecast()).toEqual(utc);
    }
  });

  it('gives the same plan dates whatever the machine time zone', () => {
    process.env.TZ = 'UTC';
    const baseline = dates();
    expect(new Date(2026, 11, 1).getTimezoneOffset()).toBe(0); // TZ changes take effect
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Europe/London', 'Australia/Lord_Howe']) {
      process.env.TZ = zone;
      expect(dates()).toEqual(baseline);
    }
  });
});
