import { computeProgress, phasePercent, phaseState, stepLateness, type StatusCategory, type StepIssueState } from '../../src/core';

const issue = (step: number, phase: string, statusCategory: StatusCategory, dueDate: string | null = null): StepIssueState => ({
  step,
  phase,
  statusCategory,
  dueDate,
});
const TODAY = '2027-01-15';

describe('computeProgress', () => {
  it('is Initiated when nothing has started, with Discovery as the current phase', () => {
    const p = computeProgress([issue(1, 'Discovery', 'new'), issue(4, 'Design', 'new')], TODAY);
    expect(p.status).toBe('Initiated');
    expect(p.currentPhase).toBe('Discovery');
    expect(p.overall).toEqual({ total: 2, done: 0, inProgress: 0, todo: 2, overdue: 0, percent: 0 });
  });

  it('is In Progress once any step has started or finished', () => {
    expect(computeProgress([issue(1, 'Discovery', 'indeterminate'), issue(2, 'Discovery', 'new')], TODAY).status).toBe('In Progress');
    expect(computeProgress([issue(1, 'Discovery', 'done'), issue(2, 'Discovery', 'new')], TODAY).status).toBe('In Progress');
  });

  it('is Released when every step is done, with no current phase', () => {
    const p = computeProgress([issue(1, 'Discovery', 'done'), issue(25, 'Integration Release', 'done', '2026-01-01')], TODAY);
    expect(p.status).toBe('Released');
    expect(p.currentPhase).toBeNull();
    expect(p.overall.overdue).toBe(0); // done steps are never overdue
    expect(p.overall.percent).toBe(100);
  });

  it('counts per phase in playbook order, with overdue meaning not done and due before today', () => {
    const p = computeProgress(
      [
        issue(1, 'Discovery', 'done', '2027-01-01'),
        issue(3, 'Discovery', 'done'),
        issue(4, 'Design', 'indeterminate', '2027-01-14'),
        issue(5, 'Design', 'new', '2027-01-15'),
        issue(6, 'Design', 'new', null),
        issue(16, 'Development', 'new', '2027-01-10'),
      ],
      TODAY,
    );
    expect(p.phases.map((x) => x.phase)).toEqual(['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release']);
    expect(p.phases[0]).toEqual({ phase: 'Discovery', total: 2, done: 2, inProgress: 0, todo: 0, overdue: 0, percent: 100 });
    expect(p.phases[1]).toEqual({ phase: 'Design', total: 3, done: 0, inProgress: 1, todo: 2, overdue: 1, percent: 0 });
    expect(p.phases[2].overdue).toBe(1);
    // An empty phase is done, so 100 % (as the views have always shown it).
    expect(p.phases[3]).toEqual({ phase: 'Testing', total: 0, done: 0, inProgress: 0, todo: 0, overdue: 0, percent: 100 });
    expect(p.overall).toEqual({ total: 6, done: 2, inProgress: 1, todo: 3, overdue: 2, percent: 33 });
    expect(p.currentPhase).toBe('Design');
  });

  it('skips phases without steps when finding the current phase, and keeps unknown phases', () => {
    const p = computeProgress([issue(1, 'Discovery', 'done'), issue(18, 'Testing', 'new'), issue(30, 'Hypercare', 'new')], TODAY);
    expect(p.currentPhase).toBe('Testing');
    expect(p.phases.map((x) => x.phase).slice(-1)).toEqual(['Hypercare']);
    expect(p.overall.total).toBe(3);
  });

  it('is Initiated with no steps at all', () => {
    const p = computeProgress([], TODAY);
    expect(p.status).toBe('Initiated');
    expect(p.currentPhase).toBeNull();
  });
});

describe('phase percentage and state', () => {
  it('agree: an empty phase is done at 100 %, a plan with no steps is Initiated at 0 %', () => {
    expect(phaseState({ total: 0, done: 0, inProgress: 0 })).toBe('done');
    expect(phasePercent({ total: 0, done: 0 })).toBe(100);
    expect(phasePercent({ total: 3, done: 1 })).toBe(33);
    const empty = computeProgress([], TODAY);
    expect(empty).toMatchObject({ status: 'Initiated', currentPhase: null, overall: { total: 0, percent: 0 } });
    expect(empty.phases.every((p) => p.percent === 100 && phaseState(p) === 'done')).toBe(true);
  });
});

describe('stepLateness (the issue panel\'s "Overdue · n business days late")', () => {
  it("counts the business days after the due date up to today, skipping weekends and the plan's holidays", () => {
    // Due Friday 2026-12-04; Monday 12-07 is one business day late, Friday 12-18 ten.
    expect(stepLateness({ dueDate: '2026-12-04', done: false }, '2026-12-07')).toEqual({ businessDaysLate: 1 });
    expect(stepLateness({ dueDate: '2026-12-04', done: false }, '2026-12-18')).toEqual({ businessDaysLate: 10 });
    expect(stepLateness({ dueDate: '2026-12-04', done: false }, '2026-12-18', ['2026-12-08', '2026-12-09'])).toEqual({ businessDaysLate: 8 });
  });

  it('is overdue from the day after the due date even on a weekend (0 business days late yet)', () => {
    expect(stepLateness({ dueDate: '2026-12-04', done: false }, '2026-12-05')).toEqual({ businessDaysLate: 0 });
  });

  it('is null when the step is done, has no due date, or is due today or later', () => {
    expect(stepLateness({ dueDate: '2026-12-04', done: true }, '2026-12-18')).toBeNull();
    expect(stepLateness({ dueDate: null, done: false }, '2026-12-18')).toBeNull();
    expect(stepLateness({ dueDate: '2026-12-18', done: false }, '2026-12-18')).toBeNull();
    expect(stepLateness({ dueDate: '2026-12-21', done: false }, '2026-12-18')).toBeNull();
  });
});
