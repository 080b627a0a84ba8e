import { computeProgress, type PlanPropertyValue } from '../../../src/core';
import { eventAffectsRollup, isCompleteRollup, nextPropertyValue, planRollupValueSchema, rollupValue, sameJson } from '../../../src/usecases/plan-read';

const plan: PlanPropertyValue = {
  kind: 'plan',
  planId: 'op-out-1',
  templateVersion: '1.5',
  title: 'Outbound Payments: A × B',
  coreSystem: 'SimpleSolve',
  biller: 'California Mutual',
};
const today = '2026-12-10';

function progressOf(states: ['new' | 'indeterminate' | 'done', string | null][]) {
  return computeProgress(
    states.map(([statusCategory, dueDate], i) => ({ step: i + 1, phase: i < 2 ? 'Discovery' : 'Design', statusCategory, dueDate })),
    today,
  );
}

describe('rollupValue', () => {
  it('keeps the generator fields and adds status, current phase, overdue, percentages and per-phase counts', () => {
    const value = rollupValue({
      plan,
      integrationType: 'custom',
      capabilities: ['claims', 'not-a-capability'],
      progress: progressOf([
        ['done', '2026-12-01'],
        ['indeterminate', '2026-12-01'],
        ['new', '2026-12-20'],
      ]),
    });
    expect(value).toMatchObject({
      ...plan,
      status: 'In Progress',
      currentPhase: 'Discovery',
      overdue: 1,
      integrationType: 'custom',
      capabilities: ['claims'],
      percentDone: 33,
    });
    expect(value.phases?.slice(0, 2)).toEqual([
      { phase: 'Discovery', total: 2, done: 1, inProgress: 1, overdue: 1 },
      { phase: 'Design', total: 1, done: 0, inProgress: 0, overdue: 0 },
    ]);
    expect(planRollupValueSchema.parse(value)).toEqual(value);
    expect(isCompleteRollup(value)).toBe(true);
  });

  it('omits currentPhase once every step is done', () => {
    const value = rollupValue({
      plan,
      integrationType: 'partner',
      capabilities: [],
      progress: progressOf([
        ['done', null],
        ['done', null],
      ]),
    });
    expect(value.status).toBe('Released');
    expect(value).not.toHaveProperty('currentPhase');
  });

  it('a property as generation wrote it is not a complete roll-up', () => {
    expect(isCompleteRollup(planRollupValueSchema.parse(plan))).toBe(false);
  });
});

describe('nextPropertyValue (write only when changed)', () => {
  const fresh = rollupValue({ plan, integrationType: 'partner', capabilities: ['claims'], progress: progressOf([['indeterminate', null]]) });

  it('is null when the stored value is the same, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(fresh).reverse());
    expect(nextPropertyValue(reordered, fresh)).toBeNull();
  });

  it('lays the roll-up over the stored value, keeping keys others wrote', () => {
    const next = nextPropertyValue({ ...plan, futureField: 'kept' }, fresh);
    expect(next).toEqual({ ...fresh, futureField: 'kept' });
  });

  it('removes a stale currentPhase when the plan is done', () => {
    const done = rollupValue({ plan, integrationType: 'partner', capabilities: [], progress: progressOf([['done', null]]) });
    const next = nextPropertyValue({ ...fresh }, done);
    expect(next).not.toBeNull();
    expect(next).not.toHaveProperty('currentPhase');
    expect(next?.status).toBe('Released');
  });

  it('sameJson compares structure, not identity', () => {
    expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
  });
});

describe('eventAffectsRollup', () => {
  const event = (eventType: string, fields?: string[]) => ({
    eventType,
    issue: { id: '1', key: 'OUT-1' },
    ...(fields ? { changelog: { items: fields.map((fieldId) => ({ fieldId })) } } : {}),
  });

  it('created issues always; updates only when status, due date, resolution, parent or type changed', () => {
    expect(eventAffectsRollup(event('avi:jira:created:issue'))).toBe(true);
    expect(eventAffectsRollup(event('avi:jira:updated:issue', ['status', 'resolution']))).toBe(true);
    expect(eventAffectsRollup(event('avi:jira:updated:issue', ['duedate']))).toBe(true);
    expect(eventAffectsRollup(event('avi:jira:updated:issue', ['summary', 'customfield_10050']))).toBe(false);
    expect(eventAffectsRollup(event('avi:jira:updated:issue'))).toBe(true);
    expect(eventAffectsRollup(event('avi:jira:deleted:issue'))).toBe(false);
  });
});
