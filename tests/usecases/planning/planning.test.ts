import { CURRENT_PLAYBOOK, KickoffInvalidError, optionalStepNumbers } from '../../../src/core';
import { buildGenerationPlan } from '../../../src/usecases/generate';
import { getTemplate, planIdOf, planPreview, toKickoffInput } from '../../../src/usecases/planning';
import { formKickoff } from '../../resolvers/helpers/kickoff';

const hostPage = { id: '777', url: 'https://site.example/wiki/spaces/IMP/pages/777' };

describe('toKickoffInput (form kickoff → engine kickoff)', () => {
  it('turns the list of included optional steps into an on/off choice for every optional step', () => {
    const optional = optionalStepNumbers(CURRENT_PLAYBOOK);
    expect(optional).toContain(2);
    expect(toKickoffInput(formKickoff({ optionalSteps: [] })).optionalSteps).toEqual(Object.fromEntries(optional.map((n) => [String(n), false])));
    expect(toKickoffInput(formKickoff({ optionalSteps: [2] })).optionalSteps).toMatchObject({ '2': true });
  });

  it('leaves the engine defaults when the form sends no optional steps', () => {
    const { optionalSteps: _omit, ...kickoff } = formKickoff();
    expect(toKickoffInput(kickoff)).not.toHaveProperty('optionalSteps');
  });

  it('passes a listed step that is not optional on, so the engine names it', () => {
    expect(() => planPreview({ kickoff: formKickoff({ optionalSteps: [5] }) })).toThrow(KickoffInvalidError);
    try {
      planPreview({ kickoff: formKickoff({ optionalSteps: [5] }) });
    } catch (error) {
      expect((error as KickoffInvalidError).errors).toEqual([expect.objectContaining({ field: 'optionalSteps.5' })]);
    }
  });
});

describe('planPreview', () => {
  it('lists applicable steps with dates and RACI, and skipped steps with the reason', () => {
    const preview = planPreview({ kickoff: formKickoff({ optionalSteps: [] }) });
    const all = [...preview.steps.map((s) => s.step), ...preview.skipped.map((s) => s.step)].sort((a, b) => a - b);
    expect(all).toEqual(CURRENT_PLAYBOOK.steps.map((s) => s.number));
    expect(preview.skipped.find((s) => s.step === 2)?.reason).toMatch(/turned this optional step off/);
    // Claims is not in scope for this kickoff: its design step is skipped with that reason.
    expect(preview.skipped.some((s) => /Claims is not in scope/.test(s.reason))).toBe(true);
    const first = preview.steps[0];
    expect(first).toMatchObject({ step: 1, startDate: '2026-12-01', raci: { accountable: 'SA' } });
    expect(first.dueDate >= first.startDate).toBe(true);
  });

  it('reports every engine rule the form schema cannot know, field by field', () => {
    // The form allows an empty capability list and a one-letter key; the playbook does not.
    const kickoff = formKickoff({ capabilities: [], projectKey: 'O' });
    try {
      planPreview({ kickoff });
      throw new Error('expected KickoffInvalidError');
    } catch (error) {
      expect(error).toBeInstanceOf(KickoffInvalidError);
      expect((error as KickoffInvalidError).errors.map((e) => e.field).sort()).toEqual(['capabilities', 'projectKey']);
    }
  });

  it('derives the plan id generation will use (the host page only)', () => {
    const kickoff = formKickoff();
    const generated = buildGenerationPlan(toKickoffInput(kickoff), { page: hostPage }).plan.planId;
    expect(planIdOf(kickoff, hostPage)).toBe(generated);
    expect(planPreview({ kickoff, hostPage }).planId).toBe(generated);
    expect(planIdOf(kickoff, hostPage)).not.toBe(planIdOf(kickoff, null));
  });

  it('getTemplate answers the current playbook', () => {
    expect(getTemplate().version).toBe(CURRENT_PLAYBOOK.version);
    expect(getTemplate().steps).toHaveLength(25);
  });
});
