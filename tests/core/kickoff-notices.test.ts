/** Pure notices on a kickoff: warnings in the preview, and what a kickoff edited after generation changed. */
import fc from 'fast-check';
import { CURRENT_PLAYBOOK, applicableSteps, buildPlan, capabilityName, kickoffChanges, kickoffWarnings } from '../../src/core';
import { exampleKickoff } from './kickoff-fixture';

const playbook = CURRENT_PLAYBOOK;
const plan = (overrides: Record<string, unknown> = {}) => buildPlan({ ...exampleKickoff(), ...overrides }, playbook);

describe('kickoffWarnings', () => {
  it('a kickoff in the past: the count of applicable steps due before today', () => {
    const p = plan({ kickoffDate: '2026-06-01', holidays: [] });
    const warning = kickoffWarnings(p, playbook, '2026-07-01').find((w) => w.kind === 'overdue-at-birth');
    const due = applicableSteps(p).filter((s) => s.due < '2026-07-01').length;
    expect(due).toBeGreaterThan(0);
    expect(due).toBeLessThan(applicableSteps(p).length);
    expect(warning?.message).toBe(`The kickoff date 2026-06-01 is in the past: ${due} steps will be overdue at birth (due before 2026-07-01).`);
  });

  it('property: the overdue count never exceeds the plan and is absent for a kickoff today or later', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
        const today = '2026-12-01';
        const kickoffDate = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
        const p = plan({ kickoffDate, holidays: [] });
        const warning = kickoffWarnings(p, playbook, today).find((w) => w.kind === 'overdue-at-birth');
        if (kickoffDate >= today) return warning === undefined;
        const n = Number(/: (\d+) steps? will be overdue/.exec(warning?.message ?? '')?.[1] ?? 0);
        return n === applicableSteps(p).filter((s) => s.due < today).length && n <= applicableSteps(p).length;
      }),
      { numRuns: 40 },
    );
  });

  it('a core system the playbook does not list: named, with the known ones', () => {
    const warnings = kickoffWarnings(plan({ coreSystem: 'Majesco' }), playbook, '2026-11-01');
    const known = [...new Set(playbook.supportedIntegrations.map((i) => i.coreSystem))];
    expect(known.length).toBeGreaterThan(1);
    expect(warnings).toEqual([
      {
        kind: 'unknown-core-system',
        message: `Majesco is not in the playbook's Supported Integrations (known: ${known.join(', ')}); this will be a new core system integration.`,
      },
    ]);
    // Case and spacing do not make a listed system unknown.
    expect(
      kickoffWarnings(plan({ coreSystem: `  ${known[0].toUpperCase()} ` }), playbook, '2026-11-01').filter((w) => w.kind === 'unknown-core-system'),
    ).toEqual([]);
  });
});

describe('kickoffChanges', () => {
  it('nothing changed: no lines', () => {
    expect(kickoffChanges(plan(), plan(), playbook)).toEqual({ changes: [], stepsAdded: [], stepsRemoved: [] });
  });

  it('a capability added: named by the playbook, with the steps the plan in Jira lacks', () => {
    const changes = kickoffChanges(plan(), plan({ capabilities: ['agent-commissions', 'premium-refunds', 'claims'] }), playbook);
    expect(changes.changes[0]).toBe(`1 capability added: ${capabilityName(playbook, 'claims')}`);
    expect(capabilityName(playbook, 'claims')).not.toBe('claims');
    expect(changes.stepsAdded.length).toBeGreaterThan(0);
    expect(changes.stepsRemoved).toEqual([]);
  });

  it('dates, people and removed capabilities', () => {
    const before = plan();
    const roles = { ...exampleKickoff().roles, PM: { accountId: 'other-pm', displayName: 'Olga Other' } };
    const after = plan({ kickoffDate: '2027-01-04', capabilities: ['agent-commissions'], roles });
    const { changes, stepsRemoved } = kickoffChanges(before, after, playbook);
    expect(changes).toEqual(
      expect.arrayContaining([
        `1 capability removed: ${capabilityName(playbook, 'premium-refunds')}`,
        'kickoff date moved from 2026-12-01 to 2027-01-04',
        expect.stringMatching(/changed from Project Manager to Olga Other$/),
      ]),
    );
    expect(stepsRemoved.length).toBeGreaterThan(0);
  });
});
