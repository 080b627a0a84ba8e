import type { PlanForecastView, RaciMatrixView, RaciRowView } from '../../src/contract';
import { cellLetters, cellText, groupByPhase, raciCsvFileName, raciMatrixCsv, stepStatusText } from '../../static/shared/raci-model';

const row = (step: number, phase: string, over: Partial<RaciRowView> = {}): RaciRowView => ({
  step,
  issueKey: `OUT-${step + 1}`,
  title: `Step ${step}`,
  phase,
  state: 'todo',
  letters: { SA: ['R', 'A'], B: ['C'], IM: ['I'] },
  ...over,
});

const raci: RaciMatrixView = {
  roles: [
    { code: 'SA', name: 'Solution Architect', people: [{ displayName: 'Sasha Architect', accountId: 'acc-sa', email: null }] },
    { code: 'B', name: 'Biller', people: [{ displayName: '=cmd|" /C calc"!A0', accountId: null, email: null }] },
    { code: 'IM', name: 'Implementations Manager', people: [] },
  ],
  rows: [
    row(1, 'Discovery', { state: 'done' }),
    row(2, 'Discovery', { state: 'not-applicable', issueKey: null, title: 'Breakout, "if applicable"' }),
    row(3, 'Design', { state: 'in-progress' }),
    row(4, 'Discovery', { title: '-1 late step' }),
  ],
};

const forecast = { steps: [{ step: 3, health: 'overdue' }] } as unknown as PlanForecastView;

describe('the RACI matrix model', () => {
  it('groups rows by phase in playbook order, counting applicable and done steps', () => {
    expect(groupByPhase(raci.rows).map((g) => [g.phase, g.rows.map((r) => r.step), g.applicable, g.done])).toEqual([
      ['Discovery', [1, 2, 4], 2, 1],
      ['Design', [3], 1, 0],
    ]);
  });

  it('gives N/A rows no letters, and letters their words', () => {
    expect(cellLetters(raci.rows[1], 'SA')).toEqual([]);
    expect(cellLetters(raci.rows[0], 'SA')).toEqual(['R', 'A']);
    expect(cellText(['R', 'A'])).toEqual({ short: 'R/A', words: 'Responsible, Accountable' });
    expect(stepStatusText(raci.rows[2], forecast)).toBe('In progress, overdue');
    expect(stepStatusText(raci.rows[1], null)).toBe('Not applicable');
  });

  // A header cell starts with the role code, so a name like "=cmd…" inside it is not a formula; a title is.
  it('exports CSV: roles with their people, status words, N/A rows without letters, formula cells neutralised', () => {
    const csv = raciMatrixCsv({ raci, forecast });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(`Phase,Step,Title,Status,Issue,SA Solution Architect (Sasha Architect),"B Biller (=cmd|"" /C calc""!A0)",IM Implementations Manager`);
    expect(lines[1]).toBe('Discovery,1,Step 1,Done,OUT-2,R/A,C,I');
    expect(lines[2]).toBe('Discovery,2,"Breakout, ""if applicable""",Not applicable,,,,');
    expect(lines[3]).toBe('Design,3,Step 3,"In progress, overdue",OUT-4,R/A,C,I');
    expect(lines[4]).toBe("Discovery,4,'-1 late step,To do,OUT-5,R/A,C,I");
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
  });

  it('names the file after the plan', () => {
    expect(raciCsvFileName({ biller: 'Texas Mutual Insurance', coreSystem: 'Guidewire (Accelerator)', epicKey: 'OUT-1' })).toBe(
      'raci-texas-mutual-insurance-guidewire-accelerator-OUT-1.csv',
    );
    expect(raciCsvFileName({ biller: '×', coreSystem: '—', epicKey: 'OUT-9' })).toBe('raci-plan-OUT-9.csv');
  });
});
