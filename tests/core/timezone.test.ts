import { buildPlan, replan } from '../../src/core';
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
