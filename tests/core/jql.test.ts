import { activePlansJql, overdueStepsJql, phaseAcrossPlansJql, planIssuesJql, planPhaseJql, plansJql, quoteJqlValue } from '../../src/core';

describe('quoteJqlValue', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['\\"', '"\\\\\\""'],
    ['two\nlines\ttab', '"two\\nlines\\ttab"'],
    ["it's", '"it\'s"'],
  ])('quotes %j', (value, expected) => {
    expect(quoteJqlValue(value)).toBe(expected);
  });
});

describe('JQL builders', () => {
  it("finds a plan's issues and phases by the indexed aliases", () => {
    expect(planIssuesJql('op-out-1')).toBe('playbookPlanId = "op-out-1"');
    expect(planPhaseJql('op-out-1', 'Finalize Design')).toBe('playbookPlanId = "op-out-1" AND playbookKind = "step" AND playbookPhase = "Finalize Design"');
  });

  it('finds a phase across plans, optionally in one project', () => {
    expect(phaseAcrossPlansJql('Design')).toBe('playbookKind = "step" AND playbookPhase = "Design"');
    expect(phaseAcrossPlansJql('Design', 'OUT')).toBe('project = "OUT" AND playbookKind = "step" AND playbookPhase = "Design"');
  });

  it('finds overdue steps', () => {
    expect(overdueStepsJql()).toBe('playbookKind = "step" AND duedate < startOfDay() AND statusCategory != Done');
    expect(overdueStepsJql({ planId: 'p1', projectKey: 'OUT' })).toBe(
      'project = "OUT" AND playbookPlanId = "p1" AND playbookKind = "step" AND duedate < startOfDay() AND statusCategory != Done',
    );
  });

  it('finds plans by their roll-up fields', () => {
    expect(plansJql('OUT')).toBe('project = "OUT" AND playbookKind = "plan"');
    expect(plansJql('OUT', { phase: 'Testing', status: 'In Progress', coreSystem: 'Guidewire (Accelerator)', overdue: true })).toBe(
      'project = "OUT" AND playbookKind = "plan" AND playbookCurrentPhase = "Testing" AND playbookStatus = "In Progress" AND playbookCoreSystem = "Guidewire (Accelerator)" AND playbookOverdue > 0',
    );
    expect(plansJql('OUT', { overdue: false })).toBe('project = "OUT" AND playbookKind = "plan" AND playbookOverdue = 0');
    expect(plansJql('OUT', { health: 'at-risk' })).toBe('project = "OUT" AND playbookKind = "plan" AND playbookHealth = "at-risk"');
  });

  it('escapes every value, so input cannot break out of its string', () => {
    const evil = 'x" OR project = "SECRET';
    for (const jql of [
      planIssuesJql(evil),
      planPhaseJql(evil, evil),
      phaseAcrossPlansJql(evil, evil),
      overdueStepsJql({ planId: evil, projectKey: evil }),
      plansJql(evil, { phase: evil, coreSystem: evil }),
    ]) {
      expect(jql).not.toContain('" OR project = "');
      expect(jql).toContain('x\\" OR project = \\"SECRET');
    }
  });
});

describe('activePlansJql', () => {
  it('selects plan epics not released (or without a roll-up yet) after an epic id, in id order', () => {
    expect(activePlansJql()).toBe('playbookKind = "plan" AND (playbookStatus != "Released" OR playbookStatus IS EMPTY) AND id > 0 ORDER BY id ASC');
    expect(activePlansJql(10042)).toContain('AND id > 10042 ORDER BY id ASC');
    expect(activePlansJql(-3.5)).toContain('id > 0 ');
  });
});
