import { CURRENT_PLAYBOOK, PLAN_RECORD_PROPERTY_KEY, PLAYBOOK_PROPERTY_KEY, stepPropertyValueSchema, planPropertyValueSchema } from '../../src/core';
import { UseCaseError } from '../../src/usecases/errors';
import { buildGenerationPlan, epicIssueInput, fieldValueUpdates, raciRows, stepIssueInput, toFoundIssue } from '../../src/usecases/generate/plan-issues';
import { exampleKickoff } from '../core/kickoff-fixture';

/** Every text node of an ADF document, in order. */
function texts(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const n = node as { text?: unknown; content?: unknown[]; marks?: { attrs?: { href?: string } }[] };
  const own = typeof n.text === 'string' ? [n.text, ...(n.marks ?? []).flatMap((m) => (m.attrs?.href ? [m.attrs.href] : []))] : [];
  return [...own, ...(n.content ?? []).flatMap(texts)];
}

describe('buildGenerationPlan', () => {
  it('lets --project and --page-url override the kickoff, changing the plan id accordingly', () => {
    const base = buildGenerationPlan(exampleKickoff());
    const moved = buildGenerationPlan(exampleKickoff(), { projectKey: 'OPS' });
    expect(moved.plan.projectKey).toBe('OPS');
    expect(moved.plan.planId).not.toBe(base.plan.planId);
    const paged = buildGenerationPlan(exampleKickoff(), { page: { url: 'https://example.atlassian.net/wiki/x' } });
    expect(paged.plan.kickoff.page).toEqual({ url: 'https://example.atlassian.net/wiki/x' });
  });

  it('reports every kickoff problem as one kickoff-invalid error', () => {
    const kickoff = exampleKickoff();
    kickoff.kickoffDate = '2026-02-30';
    delete kickoff.roles.SA;
    try {
      buildGenerationPlan(kickoff);
      throw new Error('expected a kickoff-invalid error');
    } catch (error) {
      expect(error).toBeInstanceOf(UseCaseError);
      const e = error as UseCaseError;
      expect(e.code).toBe('kickoff-invalid');
      const fields = (e.details.errors as { field: string }[]).map((x) => x.field);
      expect(fields).toEqual(expect.arrayContaining(['kickoffDate', 'roles.SA']));
    }
  });
});

describe('create bodies', () => {
  const generation = buildGenerationPlan(exampleKickoff());
  const step4 = generation.stepsByNumber.get(4)!;

  it('puts the epic title, the indexed plan property and the plan record on the epic', () => {
    const body = epicIssueInput(generation, '10000');
    expect(body.fields).toMatchObject({
      project: { key: 'OUT' },
      issuetype: { id: '10000' },
      summary: 'Outbound Payments: Texas Mutual Insurance × Guidewire (Accelerator)',
    });
    const byKey = Object.fromEntries(body.properties!.map((p) => [p.key, p.value]));
    expect(planPropertyValueSchema.parse(byKey[PLAYBOOK_PROPERTY_KEY])).toMatchObject({ kind: 'plan', planId: generation.plan.planId, templateVersion: '1.5' });
    expect(byKey[PLAN_RECORD_PROPERTY_KEY]).toMatchObject({
      planId: generation.plan.planId,
      kickoff: { biller: 'Texas Mutual Insurance' },
      generation: { state: 'running' },
    });
    // The baseline is stored as generated: every applicable step's dates, and the go-live.
    expect((byKey[PLAN_RECORD_PROPERTY_KEY] as { baseline: unknown }).baseline).toEqual(generation.plan.baseline);
    expect(generation.plan.baseline.steps).toHaveLength(generation.plan.steps.filter((s) => s.applicable).length);
  });

  it('gives a step its parent, assignee, due date, label, indexed property and a description with RACI people, notes and references', () => {
    const body = stepIssueInput(generation, step4, '10001', 'OUT-1');
    expect(body.fields).toMatchObject({
      parent: { key: 'OUT-1' },
      issuetype: { id: '10001' },
      summary: `4. ${step4.title} — ${generation.plan.biller}`,
      assignee: { accountId: 'sa-account-id' },
      duedate: step4.due,
      labels: ['outbound-playbook'],
    });
    expect(stepPropertyValueSchema.parse(body.properties![0].value)).toMatchObject({ kind: 'step', step: 4, phase: step4.phase });
    const words = texts(body.fields.description);
    expect(words).toEqual(
      expect.arrayContaining([
        'R — Responsible',
        'Solution Architect (SA)',
        'Texas Mutual Insurance IT <it@texasmutual.example>, Guidewire Accelerator team <accelerator@guidewire.example>, Project Manager',
        'Implementations Manager',
      ]),
    );
    expect(words).toEqual(expect.arrayContaining(['Conceptual workflow diagram', step4.references[0].url!]));
    expect(words.join(' ')).toContain(step4.description.split('\n')[0]);
  });

  it('lists each RACI letter with role names and only the people the kickoff names', () => {
    const kickoff = exampleKickoff();
    delete kickoff.roles.TC;
    const g = buildGenerationPlan(kickoff);
    const rows = raciRows(g.stepsByNumber.get(6)!, CURRENT_PLAYBOOK);
    expect(rows.map((r) => [r.letter, r.meaning])).toEqual([
      ['R', 'Responsible'],
      ['A', 'Accountable'],
      ['C', 'Consulted'],
      ['I', 'Informed'],
    ]);
    const consulted = rows[2];
    expect(consulted.roles).toEqual(['Biller (B)', 'Core System (CS)', 'Project Manager (PM)', 'Transcard (TC)']);
    expect(consulted.people).toEqual([
      'Texas Mutual Insurance IT <it@texasmutual.example>',
      'Guidewire Accelerator team <accelerator@guidewire.example>',
      'Project Manager',
    ]);
    expect(rows[1]).toMatchObject({ roles: ['Solution Architect (SA)'], people: ['Solution Architect'] });
  });
});

describe('fieldValueUpdates', () => {
  const generation = buildGenerationPlan(exampleKickoff());
  const issues = new Map([
    [1, { id: '101', key: 'OUT-2' }],
    [2, { id: '102', key: 'OUT-3' }],
    [4, { id: '104', key: 'OUT-5' }],
  ]);

  it('groups issues by field and value into one request body, for the given issues only', () => {
    const updates = fieldValueUpdates(generation, issues, ['101', '104'], { phase: 'customfield_1', raci: 'customfield_2' });
    const phase1 = generation.stepsByNumber.get(1)!.phase;
    const phase4 = generation.stepsByNumber.get(4)!.phase;
    const phaseUpdates = updates.filter((u) => u.customField === 'customfield_1');
    const ids = phaseUpdates.flatMap((u) => u.issueIds).sort();
    expect(ids).toEqual([101, 104]);
    expect(phaseUpdates.find((u) => u.issueIds.includes(101))!.value).toBe(phase1);
    expect(phaseUpdates.find((u) => u.issueIds.includes(104))!.value).toBe(phase4);
    expect(
      updates
        .filter((u) => u.customField === 'customfield_2')
        .flatMap((u) => u.issueIds)
        .sort(),
    ).toEqual([101, 104]);
    expect(updates.find((u) => u.customField === 'customfield_2' && u.issueIds.includes(104))!.value).toBe(generation.stepsByNumber.get(4)!.raciText);
  });
});

describe('toFoundIssue', () => {
  it('reads the kind and step from the property and the issues it blocks from its links', () => {
    const found = toFoundIssue({
      id: '7',
      key: 'OUT-7',
      properties: { [PLAYBOOK_PROPERTY_KEY]: { kind: 'step', step: 3 } },
      fields: {
        issuelinks: [
          { type: { name: 'Blocks' }, outwardIssue: { key: 'OUT-8' } },
          { type: { name: 'Blocks' }, inwardIssue: { key: 'OUT-6' } },
          { type: { name: 'Relates' }, outwardIssue: { key: 'OUT-9' } },
        ],
      },
    });
    expect(found).toEqual({ id: '7', key: 'OUT-7', kind: 'step', step: 3, blocks: ['OUT-8'] });
    expect(toFoundIssue({ id: '1', key: 'OUT-1', properties: { [PLAYBOOK_PROPERTY_KEY]: 'junk' } })).toMatchObject({ kind: 'unknown', step: null, blocks: [] });
  });
});
