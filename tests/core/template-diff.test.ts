import fc from 'fast-check';
import { BUILT_IN_TEMPLATE, diffTemplates, validateTemplate, withSteps, type PlaybookData } from '../../src/core';
import { v16 } from './template-fixtures';

const clone = (): PlaybookData => structuredClone(BUILT_IN_TEMPLATE);

describe('template diff', () => {
  it('finds nothing between a version and itself', () => {
    const diff = diffTemplates(BUILT_IN_TEMPLATE, clone());
    expect(diff).toEqual({ from: '1.5', to: '1.5', steps: [], template: [], counts: { added: 0, removed: 0, changed: 0, renumbered: 0 } });
  });

  it('v1.5 → v1.6: a step added, a RACI cell changed, a step removed, the rest renumbered', () => {
    const next = v16();
    expect(validateTemplate(next)).toMatchObject({ ok: true });
    const diff = diffTemplates(BUILT_IN_TEMPLATE, next);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 2, renumbered: 21 });
    expect(diff.steps[0]).toEqual({
      kind: 'removed',
      id: 'architecture-breakout-sessions',
      number: 2,
      title: 'System Architecture Breakout Sessions (if Applicable)',
      phase: 'Discovery',
    });
    expect(diff.steps[1]).toEqual({ kind: 'renumbered', id: 'treasury-discovery', number: 2, previousNumber: 3, title: 'Treasury', phase: 'Discovery' });
    expect(diff.steps.find((s) => s.id === 'workflow-diagram-review')).toEqual({
      kind: 'changed',
      id: 'workflow-diagram-review',
      number: 5,
      previousNumber: 6,
      title: 'Review Conceptual Workflow Diagram Document',
      phase: 'Design',
      fields: [
        { field: 'raci.consulted', before: ['B', 'CS', 'PM', 'TC'], after: ['B', 'CS', 'PM'] },
        { field: 'raci.informed', before: ['IM'], after: ['IM', 'TC'] },
      ],
    });
    expect(diff.steps.find((s) => s.id === 'complete-sit')).toMatchObject({
      kind: 'changed',
      number: 18,
      previousNumber: 19,
      fields: [{ field: 'durationDays', before: 10, after: 12 }],
    });
    expect(diff.steps.at(-1)).toEqual({ kind: 'added', id: 'close-integration', number: 25, title: 'Close the integration', phase: 'Integration Release' });
    // Steps come in the new order; the first step did not change and is not listed.
    expect(diff.steps.some((s) => s.id === 'experience-walkthrough')).toBe(false);
    expect(diff.template).toEqual([
      {
        field: 'phases.Design',
        before: BUILT_IN_TEMPLATE.phases[1],
        after: { name: 'Design', ordering: { kind: 'staged', parallel: [[7, 8, 9, 10, 11, 12, 13]] } },
      },
      { field: 'changeLog.1.6', before: undefined, after: { version: '1.6', date: '2026-11-30', author: 'Pat PMO', summary: expect.any(String) } },
    ]);
  });

  it('the reverse diff swaps added and removed', () => {
    const diff = diffTemplates(v16(), BUILT_IN_TEMPLATE);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 2, renumbered: 21 });
    expect(diff.steps.find((s) => s.kind === 'added')!.id).toBe('architecture-breakout-sessions');
    expect(diff.steps.find((s) => s.kind === 'removed')!.id).toBe('close-integration');
  });

  it('matches moved steps by id: swapping two steps renumbers both and changes nothing else', () => {
    const data = clone();
    const steps = [...data.steps];
    [steps[16], steps[15]] = [steps[15], steps[16]];
    const moved = withSteps(data, steps);
    expect(validateTemplate(moved).ok).toBe(true);
    expect(diffTemplates(data, moved).steps).toEqual([
      { kind: 'renumbered', id: 'data-gathering', number: 16, previousNumber: 17, title: 'Data Gathering (webhooks, credentials, etc.)', phase: 'Development' },
      { kind: 'renumbered', id: 'smart-api-coding', number: 17, previousNumber: 16, title: 'Biller/Partner Codes to SMART APIs', phase: 'Development' },
    ]);
  });

  it('reports a RACI text change as raci.raw only when the cells are the same', () => {
    const data = clone();
    data.steps[0].raci.raw = 'SA / B, CS, PM / IM';
    data.steps[3].notes = ['Bring the diagram.'];
    data.steps[3].authoringNotes = ['Link the new template'];
    data.steps[7].conditions = [];
    expect(diffTemplates(BUILT_IN_TEMPLATE, data).steps.map((s) => [s.id, s.kind === 'changed' ? s.fields : []])).toEqual([
      ['experience-walkthrough', [{ field: 'raci.raw', before: 'SA/ B, CS, PM / IM', after: 'SA / B, CS, PM / IM' }]],
      [
        'technology-consulting',
        [
          { field: 'notes', before: [], after: ['Bring the diagram.'] },
          { field: 'authoringNotes', before: [], after: ['Link the new template'] },
        ],
      ],
      ['claim-processing-design', [{ field: 'conditions', before: [{ kind: 'capability', capability: 'claims' }], after: [] }]],
    ]);
  });

  it('lists template-level edits by key: roles, references, supported integrations', () => {
    const data = clone();
    data.roles[6].name = 'Transcard Inc.';
    data.references.push({ id: 'runbook', name: 'Runbook' });
    data.supportedIntegrations = data.supportedIntegrations.filter((i) => i.coreSystem !== 'IMT');
    expect(
      diffTemplates(BUILT_IN_TEMPLATE, data).template.map((c) => [c.field, c.before === undefined ? 'added' : c.after === undefined ? 'removed' : 'changed']),
    ).toEqual([
      ['roles.TC', 'changed'],
      ['references.runbook', 'added'],
      ['supportedIntegrations.IMT', 'removed'],
    ]);
  });
});

describe('template diff (property)', () => {
  it('for any removal, insertion and reordering of steps, lists exactly the removed, the added and the moved', () => {
    const base = BUILT_IN_TEMPLATE;
    fc.assert(
      fc.property(
        fc.shuffledSubarray(base.steps.map((s) => s.id)),
        fc.integer({ min: 0, max: 3 }),
        fc.infiniteStream(fc.nat()),
        (kept, insertions, positions) => {
          const byId = new Map(base.steps.map((s) => [s.id, s]));
          const steps = kept.map((id) => ({ ...byId.get(id)!, phase: 'Discovery' }));
          for (let i = 0; i < insertions; i++) {
            const at = positions.next().value % (steps.length + 1);
            steps.splice(at, 0, { ...base.steps[0], id: `new-step-${i}`, title: `New ${i}` });
          }
          // One phase for all, so any order is a valid template.
          const edited = withSteps({ ...structuredClone(base), steps: [] }, steps);
          const from = { ...structuredClone(base), steps: base.steps.map((s) => ({ ...s, phase: 'Discovery' })) };
          const diff = diffTemplates(from, { ...edited, phases: from.phases });
          const ids = (kind: string) =>
            diff.steps
              .filter((s) => s.kind === kind)
              .map((s) => s.id)
              .sort();
          expect(ids('removed')).toEqual(
            base.steps
              .map((s) => s.id)
              .filter((id) => !kept.includes(id))
              .sort(),
          );
          expect(ids('added')).toEqual(Array.from({ length: insertions }, (_, i) => `new-step-${i}`).sort());
          expect(ids('changed')).toEqual([]);
          const moved = edited.steps
            .filter((s) => byId.has(s.id) && byId.get(s.id)!.number !== s.number)
            .map((s) => s.id)
            .sort();
          expect(ids('renumbered')).toEqual(moved);
        },
      ),
      { numRuns: 200 },
    );
  });
});
