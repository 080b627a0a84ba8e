import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPlan,
  CUSTOM_FIELDS,
  formatRaci,
  forecastPlan,
  forecastRollup,
  JQL_ALIAS,
  PLAN_RECORD_PROPERTY_KEY,
  planPropertyValue,
  planPropertyValueSchema,
  PLAYBOOK_LABEL,
  PLAYBOOK_PROPERTY_KEY,
  playbookPropertyValueSchema,
  SEARCHABLE_FIELDS,
  stepPropertyValue,
  stepPropertyValueSchema,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

const kickoffInput = (overrides: Record<string, unknown> = {}) => ({ ...exampleKickoff(), ...overrides });

describe('the searchable-field contract', () => {
  it('matches the table of docs/architecture.md row by row', () => {
    const readme = readFileSync(join(__dirname, '../../docs/architecture.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\S+)[^|]*\| (playbook\w+) \| (string|number|date)[^|]*\|$/gm)].map((m) => ({ path: m[1], alias: m[2], type: m[3] }));
    expect(rows).toHaveLength(18);
    expect(SEARCHABLE_FIELDS).toEqual(rows);
    expect(readme).toContain(`\`${PLAYBOOK_PROPERTY_KEY}\``);
    expect(readme).toContain(`\`${PLAN_RECORD_PROPERTY_KEY}\``);
    const prose = readme.replace(/\s+/g, ' ');
    expect(prose).toContain(`**Phase** (\`${CUSTOM_FIELDS.phase.moduleKey}\`, string)`);
    expect(prose).toContain(`**RACI** (\`${CUSTOM_FIELDS.raci.moduleKey}\`, string such as \`${'R: SA · A: SA · C: B, CS, PM · I: IM'}\`)`);
  });

  it('names the keys, label, aliases and custom fields', () => {
    expect([PLAYBOOK_PROPERTY_KEY, PLAN_RECORD_PROPERTY_KEY, PLAYBOOK_LABEL]).toEqual(['outbound-playbook', 'outbound-playbook-plan', 'outbound-playbook']);
    expect(JQL_ALIAS.planId).toBe('playbookPlanId');
    expect(JQL_ALIAS['raci.informed']).toBe('playbookInformed');
    expect(CUSTOM_FIELDS).toEqual({
      phase: { moduleKey: 'playbook-phase', name: 'Phase', type: 'string' },
      raci: { moduleKey: 'playbook-raci', name: 'RACI', type: 'string' },
    });
  });
});

/** The value at a dotted path, as Jira's index reads it. */
const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], value);

describe('property values', () => {
  const plan = buildPlan(kickoffInput());

  it('indexes a step under every step alias', () => {
    const value = stepPropertyValue(plan, plan.steps[18]);
    expect(value).toEqual({
      kind: 'step',
      planId: plan.planId,
      templateVersion: '1.5',
      step: 19,
      phase: 'Testing',
      category: 'SIT',
      title: 'Complete SIT',
      coreSystem: 'Guidewire (Accelerator)',
      biller: 'Texas Mutual Insurance',
      raci: { responsible: ['SA'], accountable: 'SA', consulted: ['PM'], informed: ['IM', 'OPM'] },
    });
    const stepPaths = SEARCHABLE_FIELDS.filter((f) => !['status', 'currentPhase', 'overdue', 'health', 'slipBusinessDays', 'forecastGoLive'].includes(f.path));
    for (const f of stepPaths) {
      const v = at(value, f.path);
      expect(v).toBeDefined();
      const leaf = Array.isArray(v) ? v[0] : v;
      expect(typeof leaf).toBe(f.type);
    }
    expect(stepPropertyValueSchema.parse(value)).toEqual(value);
  });

  it('indexes the plan epic, with roll-ups only when known', () => {
    expect(planPropertyValue(plan)).toEqual({
      kind: 'plan',
      planId: plan.planId,
      templateVersion: '1.5',
      title: plan.title,
      coreSystem: 'Guidewire (Accelerator)',
      biller: 'Texas Mutual Insurance',
    });
    const rolled = planPropertyValue(plan, { status: 'In Progress', currentPhase: 'Design', overdue: 2 });
    expect(rolled).toMatchObject({ status: 'In Progress', currentPhase: 'Design', overdue: 2 });
    expect(planPropertyValue(plan, { status: 'Released', currentPhase: null, overdue: 0 })).not.toHaveProperty('currentPhase');
    expect(planPropertyValueSchema.parse(rolled)).toEqual(rolled);
    expect(playbookPropertyValueSchema.parse(rolled).kind).toBe('plan');
    expect(playbookPropertyValueSchema.safeParse({ kind: 'plan', planId: 'x' }).success).toBe(false);
  });

  it('indexes the forecast roll-up: health, slip and forecast go-live, each under its alias and type', () => {
    const rolled = planPropertyValue(plan, { status: 'In Progress', overdue: 1, health: 'late', slipBusinessDays: 2, forecastGoLive: '2027-03-10' });
    expect(rolled).toMatchObject({ health: 'late', slipBusinessDays: 2, forecastGoLive: '2027-03-10' });
    expect([JQL_ALIAS.health, JQL_ALIAS.slipBusinessDays, JQL_ALIAS.forecastGoLive]).toEqual(['playbookHealth', 'playbookSlip', 'playbookForecastGoLive']);
    expect(SEARCHABLE_FIELDS.find((f) => f.alias === 'playbookForecastGoLive')!.type).toBe('date');
    expect(planPropertyValueSchema.parse(rolled)).toEqual(rolled);
    expect(planPropertyValue(plan, { overdue: 0 })).not.toHaveProperty('health');
    const forecast = forecastPlan({ baseline: plan.baseline, states: [], today: '2027-03-09', holidays: plan.kickoff.holidays });
    expect(planPropertyValue(plan, forecastRollup(forecast))).toMatchObject({ health: 'at-risk', slipBusinessDays: 68, forecastGoLive: '2027-06-10' }); // nothing started by go-live day: the whole plan (68 business days) moves
    for (const bad of [
      { health: 'doomed' },
      { slipBusinessDays: -1 },
      { slipBusinessDays: 1.5 },
      { forecastGoLive: '2027-02-30' },
      { forecastGoLive: '10/03/2027' },
    ]) {
      expect(planPropertyValueSchema.safeParse({ ...rolled, ...bad }).success).toBe(false);
    }
  });

  it('formats RACI for the RACI custom field', () => {
    expect(formatRaci(plan.steps[0].raci)).toBe('R: SA · A: SA · C: B, CS, PM · I: IM');
    expect(plan.steps[15].raciText).toBe('R: B, CS, SA · A: SA · C: PM · I: IM');
  });
});
