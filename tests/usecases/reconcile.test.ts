import { emptyLedgerEntry, type LedgerEntry } from '../../src/storage';
import { knownIssueIds, linkWaves, reconcile, requiredLinks, type FoundIssue, type PlanShape } from '../../src/usecases/generate/reconcile';

const plan: PlanShape = {
  steps: [
    { number: 1, applicable: true, dependsOn: [] },
    { number: 2, applicable: false, dependsOn: [1] },
    { number: 3, applicable: true, dependsOn: [1, 2] },
    { number: 4, applicable: true, dependsOn: [3] },
  ],
};

const step = (n: number, id: string, blocks: string[] = []): FoundIssue => ({ id, key: `OUT-${id}`, kind: 'step', step: n, blocks });

function record(patch: Partial<LedgerEntry>): LedgerEntry {
  return { ...emptyLedgerEntry('p'), ...patch };
}

describe('reconcile', () => {
  it('needs every applicable step when nothing exists', () => {
    const view = reconcile(plan, null, []);
    expect(view.epic).toBeNull();
    expect(view.missingSteps).toEqual([1, 3, 4]);
    expect(view.unresolvedPending).toBeNull();
  });

  it('merges ledger and search, adopting found issues the ledger lacks (lost responses)', () => {
    const view = reconcile(plan, record({ epic: { id: '10', key: 'OUT-10' }, steps: { '1': { id: '11', key: 'OUT-11' } } }), [step(3, '13')]);
    expect(view.epic).toEqual({ id: '10', key: 'OUT-10' });
    expect([...view.stepIssues.keys()].sort()).toEqual([1, 3]);
    expect(view.missingSteps).toEqual([4]);
  });

  it('keeps the ledger issue and reports a second issue for the same step as a duplicate', () => {
    const view = reconcile(plan, record({ steps: { '1': { id: '11', key: 'OUT-11' } } }), [step(1, '11'), step(1, '19')]);
    expect(view.stepIssues.get(1)?.key).toBe('OUT-11');
    expect(view.duplicates).toEqual(['OUT-19']);
  });

  it('reports issues of steps that are no longer applicable, without dropping them', () => {
    const view = reconcile(plan, null, [step(2, '12'), step(1, '11')]);
    expect(view.notApplicable).toEqual([{ step: 2, key: 'OUT-12' }]);
    expect(view.missingSteps).toEqual([3, 4]);
  });

  it('flags a pending create as unresolved until its issues are seen', () => {
    const pending = { epic: false, steps: [3, 4], since: 5 };
    expect(reconcile(plan, record({ pending }), [step(3, '13')]).unresolvedPending).toEqual(pending);
    expect(reconcile(plan, record({ pending }), [step(3, '13'), step(4, '14')]).unresolvedPending).toBeNull();
    expect(reconcile(plan, record({ pending: { epic: true, steps: [], since: 1 } }), []).unresolvedPending).not.toBeNull();
  });

  it('reads existing Blocks links between plan steps from search', () => {
    const view = reconcile(plan, null, [step(1, '11', ['OUT-13', 'OUT-99']), step(3, '13', ['OUT-14']), step(4, '14')]);
    expect([...view.links].sort()).toEqual(['1>3', '3>4']);
  });

  it('lists known ids for search reconciliation', () => {
    expect(knownIssueIds(record({ epic: { id: '10', key: 'E' }, steps: { '1': { id: '11', key: 'S' } } }))).toEqual([10, 11]);
    expect(knownIssueIds(null)).toEqual([]);
  });
});

describe('links', () => {
  it('requires links only between applicable steps', () => {
    expect(requiredLinks(plan)).toEqual(['1>3', '3>4']);
  });

  it('splits link writes so no issue exceeds the per-wave limit', () => {
    const fanIn = Array.from({ length: 25 }, (_, i) => `${i + 2}>1`);
    const waves = linkWaves(fanIn, 10);
    expect(waves.map((w) => w.length)).toEqual([10, 10, 5]);
    expect(waves.flat().sort()).toEqual([...fanIn].sort());
    expect(linkWaves(['1>2', '3>4'], 10)).toEqual([['1>2', '3>4']]);
  });
});
