import {
  BUILT_IN_TEMPLATE,
  CURRENT_PLAYBOOK,
  adfText,
  buildPlan,
  fingerprintDifferences,
  parseKickoff,
  planUpgrade,
  stepFingerprint,
  storedFingerprint,
  type ExistingStep,
  type Kickoff,
} from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

describe('step fingerprints', () => {
  const doc = (text: string, attrs: Record<string, unknown> = {}) => ({
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', attrs, content: [{ type: 'text', text }] }],
  });
  const content = {
    summary: '4. Technology Consulting',
    description: doc('Consult  the\nbiller.'),
    assignee: 'acc-1',
    due: '2026-12-10',
    raci: 'R: SA · A: SA',
  };

  it('reads text, not markup: Jira normalising ADF attributes is no edit; changed words are', () => {
    expect(adfText(doc('Consult  the\nbiller.', { localId: 'x' }))).toBe('Consult the biller.');
    const written = stepFingerprint(content);
    expect(fingerprintDifferences(written, stepFingerprint({ ...content, description: doc('Consult the biller.', { localId: 'abc' }) }))).toEqual([]);
    expect(fingerprintDifferences(written, stepFingerprint({ ...content, description: doc('Consult the biller twice.') }))).toEqual(['description']);
    expect(fingerprintDifferences(written, stepFingerprint({ ...content, summary: '4. Mine now', assignee: null }))).toEqual(['summary', 'assignee']);
  });

  it('is read back from a step property, and absent from one written before fingerprints', () => {
    const fingerprint = stepFingerprint(content);
    expect(storedFingerprint({ kind: 'step', fingerprint })).toEqual(fingerprint);
    expect(storedFingerprint({ kind: 'step' })).toBeNull();
    expect(storedFingerprint({ kind: 'step', fingerprint: { summary: 1 } })).toBeNull();
  });
});

describe('a kickoff edit through planUpgrade (same version)', () => {
  const kickoff = (): Kickoff => parseKickoff(exampleKickoff());
  function steps(k: Kickoff, edited: number[] = []): ExistingStep[] {
    return buildPlan(k, CURRENT_PLAYBOOK)
      .steps.filter((s) => s.applicable)
      .map((s) => ({
        number: s.number,
        issueKey: `OUT-${s.number + 1}`,
        state: s.number === 1 ? ('done' as const) : ('not-started' as const),
        editedSinceGeneration: edited.includes(s.number),
        written: { assignee: s.assignee.accountId, due: s.due },
      }));
  }

  it('a later kickoff date reschedules the open, unedited steps; done and edited steps keep their dates', () => {
    const before = kickoff();
    const later = parseKickoff({ ...exampleKickoff(), kickoffDate: '2026-12-15' });
    const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to: BUILT_IN_TEMPLATE, kickoff: later, steps: steps(before, [3]) });
    expect(preview.create).toEqual([]);
    expect(preview.update.length).toBeGreaterThan(10);
    expect(preview.update.every((u) => u.fields.some((f) => f.field === 'due'))).toBe(true);
    expect(preview.update.map((u) => u.number)).not.toEqual(expect.arrayContaining([1, 3]));
    expect(preview.leave.find((l) => l.number === 3)).toMatchObject({ reason: 'edited', notApplied: [expect.objectContaining({ field: 'due' })] });
    expect(preview.leave.find((l) => l.number === 1)?.reason).toBe('done');
  });

  it('an update already applied (its fingerprint is the target) is not applied again', () => {
    const later = parseKickoff({ ...exampleKickoff(), kickoffDate: '2026-12-15' });
    const applied = steps(kickoff()).map((s) => ({ ...s, upToDate: () => true }));
    const preview = planUpgrade({ from: BUILT_IN_TEMPLATE, to: BUILT_IN_TEMPLATE, kickoff: later, steps: applied });
    expect(preview.update).toEqual([]);
    expect(preview.leave.filter((l) => l.reason === 'unchanged').every((l) => l.notApplied.length === 0)).toBe(true);
  });
});
