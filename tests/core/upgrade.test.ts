import fc from 'fast-check';
import {
  BUILT_IN_TEMPLATE,
  buildPlan,
  CURRENT_PLAYBOOK,
  KickoffInvalidError,
  parseKickoff,
  planUpgrade,
  prepareRelease,
  type ExistingStep,
  type Kickoff,
  type PlaybookData,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';
import { v16 } from './template-fixtures';

const kickoff = (): Kickoff => parseKickoff(exampleKickoff());
const release = (edit: (draft: PlaybookData) => void, version = '1.6'): PlaybookData => {
  const draft = structuredClone(BUILT_IN_TEMPLATE);
  edit(draft);
  return prepareRelease(BUILT_IN_TEMPLATE, draft, { version, date: '2026-11-30', author: 'Pat PMO', summary: 'Test release' });
};

/** The example plan's issues as generated from v1.5 (20 applicable steps), all not started and untouched. */
function generatedSteps(k: Kickoff = kickoff()): ExistingStep[] {
  return buildPlan(k, CURRENT_PLAYBOOK)
    .steps.filter((s) => s.applicable)
    .map((s) => ({ number: s.number, issueKey: `OUT-${s.number + 1}`, state: 'not-started' as const, editedSinceGeneration: false }));
}

function withStates(states: Record<number, Partial<ExistingStep>>): ExistingStep[] {
  return generatedSteps().map((s) => ({ ...s, ...states[s.number] }));
}

describe('planning a template upgrade of a running plan', () => {
  it('v1.5 → v1.6 with done, in-progress, edited and untouched steps: exactly what to create, update and leave', () => {
    const steps = withStates({
      1: { state: 'done' },
      3: { state: 'in-progress' },
      4: { state: 'done', editedSinceGeneration: true },
      5: { editedSinceGeneration: true },
      19: { editedSinceGeneration: true },
    });
    const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to: v16(), kickoff: kickoff(), steps });
    expect([preview.from, preview.to]).toEqual(['1.5', '1.6']);

    // The new closing step, with its forecast dates and its link after the last step.
    expect(preview.create).toEqual([
      {
        id: 'close-integration',
        number: 25,
        title: 'Close the integration',
        phase: 'Integration Release',
        start: expect.any(String),
        due: expect.any(String),
        dependsOn: [24],
      },
    ]);
    expect(preview.create[0].start > preview.plan.steps[23].due!).toBe(true);

    // Not started, nobody edited: updated, with the fields that changed (the number too: everything after step 2 moved up).
    const update = new Map(preview.update.map((u) => [u.id, u]));
    expect(update.get('workflow-diagram-review')).toEqual({
      id: 'workflow-diagram-review',
      issueKey: 'OUT-7',
      number: 5,
      previousNumber: 6,
      title: 'Review Conceptual Workflow Diagram Document',
      fields: [
        { field: 'number', before: 6, after: 5 },
        { field: 'raci.consulted', before: ['B', 'CS', 'PM', 'TC'], after: ['B', 'CS', 'PM'] },
        { field: 'raci.informed', before: ['IM'], after: ['IM', 'TC'] },
      ],
    });
    expect(update.get('sit-verification')?.fields).toEqual([{ field: 'number', before: 20, after: 19 }]);
    expect([...update.keys()]).not.toEqual(expect.arrayContaining(['experience-walkthrough', 'treasury-discovery', 'complete-sit']));
    expect(preview.update).toHaveLength(20 - 6);

    // Everything else left alone, with the reason and what the new version would have changed.
    expect(preview.leave.map((l) => [l.previousNumber, l.id, l.reason, l.flagged, l.notApplied.map((c) => c.field)])).toEqual([
      [1, 'experience-walkthrough', 'done', false, []],
      [2, 'architecture-breakout-sessions', 'removed-from-template', true, []],
      [3, 'treasury-discovery', 'in-progress', false, ['number']],
      [4, 'technology-consulting', 'done', false, ['number']],
      [5, 'design-overview-document', 'edited', false, ['number']],
      [19, 'complete-sit', 'edited', false, ['number', 'durationDays']],
    ]);
    expect(preview.leave.find((l) => l.id === 'complete-sit')?.notApplied[1]).toEqual({ field: 'durationDays', before: 10, after: 12 });

    // Every existing issue is in exactly one list; nothing is deleted.
    const keys = [...preview.update.map((u) => u.issueKey), ...preview.leave.map((l) => l.issueKey)].sort();
    expect(keys).toEqual(steps.map((s) => s.issueKey).sort());
    // Step 2's "on" choice has no step 2 to apply to any more (the old step 2 was removed).
    expect(preview.droppedChoices).toEqual(['2']);
    expect(preview.kickoff.optionalSteps).toEqual({});
    expect(preview.plan.templateVersion).toBe('1.6');
  });

  it('creates steps that became applicable and flags steps that left the scope, never deleting them', () => {
    const to = release((d) => {
      d.steps[7].conditions = []; // Claim Processing now always applies
      d.steps[3].conditions = [{ kind: 'integrationType', equals: 'custom' }]; // Technology consulting: custom only
    });
    const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to, kickoff: kickoff(), steps: withStates({ 4: { state: 'done' } }) });
    expect(preview.create.map((c) => [c.number, c.title])).toEqual([[8, 'Claim Processing']]);
    expect(preview.update).toEqual([]);
    expect(preview.leave.find((l) => l.id === 'technology-consulting')).toMatchObject({ reason: 'out-of-scope', flagged: true, state: 'done', notApplied: [] });
    expect(preview.leave.filter((l) => l.reason === 'unchanged')).toHaveLength(19);
  });

  it('keeps optional-step choices when the optional step moves', () => {
    const to = release((d) => {
      d.steps = [d.steps[0], { ...d.steps[0], id: 'kickoff-call', title: 'Kickoff call' }, ...d.steps.slice(1)].map((s, i) => ({ ...s, number: i + 1 }));
      d.phases[1].ordering = { kind: 'staged', parallel: [[9, 10, 11, 12, 13, 14, 15]] };
    });
    const k = kickoff();
    k.optionalSteps = { '2': false };
    const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to, kickoff: k, steps: generatedSteps(k) });
    expect(preview.kickoff.optionalSteps).toEqual({ '3': false });
    expect(preview.droppedChoices).toEqual([]);
    expect(preview.plan.steps[2]).toMatchObject({ title: 'System Architecture Breakout Sessions (if Applicable)', applicable: false });
    expect(preview.create.map((c) => c.id)).toEqual(['kickoff-call']);
  });

  it('a kickoff edit takes the same path: adding Claims creates only 8. Claim Processing', () => {
    const k = kickoff();
    const withClaims = { ...k, capabilities: [...k.capabilities, 'claims' as const] };
    const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to: BUILT_IN_TEMPLATE, kickoff: withClaims, steps: generatedSteps(k) });
    expect(preview.create.map((c) => `${c.number}. ${c.title}`)).toEqual(['8. Claim Processing']);
    expect(preview.update).toEqual([]);
    expect(preview.plan.steps.filter((s) => s.applicable)).toHaveLength(21);
  });

  it('a re-run after applying changes nothing', () => {
    const to = v16();
    const first = planUpgrade({ from: BUILT_IN_TEMPLATE, to, kickoff: kickoff(), steps: generatedSteps() });
    // After the upgrade the plan is on v1.6: its issues carry the new numbers, and the created step exists.
    const upgraded: ExistingStep[] = first.plan.steps
      .filter((s) => s.applicable)
      .map((s) => ({ number: s.number, issueKey: `OUT-${100 + s.number}`, state: 'not-started', editedSinceGeneration: false }));
    const again = planUpgrade({ from: to, to, kickoff: first.kickoff, steps: upgraded });
    expect([again.create, again.update]).toEqual([[], []]);
    expect(again.leave.every((l) => l.reason === 'unchanged' && !l.flagged)).toBe(true);
  });

  it('refuses a kickoff the new version cannot plan, and steps the old version does not have', () => {
    const needsTc = release((d) => (d.steps[0].raci.raw = 'SA, TC/ B, CS, PM / IM'));
    const k = kickoff();
    delete (k.roles as Record<string, unknown>).TC;
    expect(() => planUpgrade({ from: BUILT_IN_TEMPLATE, to: needsTc, kickoff: k, steps: [] })).toThrow(KickoffInvalidError);
    expect(() =>
      planUpgrade({
        from: BUILT_IN_TEMPLATE,
        to: v16(),
        kickoff: kickoff(),
        steps: [{ number: 26, issueKey: 'OUT-99', state: 'done', editedSinceGeneration: false }],
      }),
    ).toThrow('Plan step 26 (OUT-99) is not a step of playbook 1.5');
  });
});

describe('planning a template upgrade (property)', () => {
  it('for any step states and any subset of existing issues: each issue in exactly one list, only untouched not-started steps updated, every applicable step present or created', () => {
    const to = v16();
    const all = generatedSteps();
    const byNumber = new Map(BUILT_IN_TEMPLATE.steps.map((s) => [s.number, s.id]));
    const stateArb = fc.record({
      keep: fc.boolean(),
      state: fc.constantFrom('done' as const, 'in-progress' as const, 'not-started' as const),
      editedSinceGeneration: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(stateArb, { minLength: all.length, maxLength: all.length }), (states) => {
        const steps = all.flatMap((s, i) => (states[i].keep ? [{ ...s, state: states[i].state, editedSinceGeneration: states[i].editedSinceGeneration }] : []));
        const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to, kickoff: kickoff(), steps });
        const listed = [...preview.update.map((u) => u.issueKey), ...preview.leave.map((l) => l.issueKey)].sort();
        expect(listed).toEqual(steps.map((s) => s.issueKey).sort());
        const stateOf = new Map(steps.map((s) => [s.issueKey, s]));
        for (const u of preview.update) expect(stateOf.get(u.issueKey)).toMatchObject({ state: 'not-started', editedSinceGeneration: false });
        for (const l of preview.leave) expect(l.flagged).toBe(l.reason === 'removed-from-template' || l.reason === 'out-of-scope');
        const existingIds = new Set(steps.map((s) => byNumber.get(s.number)));
        expect(preview.create.filter((c) => existingIds.has(c.id))).toEqual([]);
        const present = new Set([...preview.create.map((c) => c.id), ...[...existingIds].filter((id) => to.steps.some((s) => s.id === id))]);
        const applicableIds = preview.plan.steps.filter((s) => s.applicable).map((s) => to.steps[s.number - 1].id);
        for (const id of applicableIds) expect(present.has(id)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
