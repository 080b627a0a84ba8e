/** The kickoff form's pure parts: holiday rows → the kickoff, the error summary's entries, the preview's counts. */
import type { PreviewPlanResult } from '../../src/contract';
import { emptyDraft, errorSummary, holidayRow, kickoffCandidate, type Draft } from '../../static/macro-config/src/draft';
import { capabilityLabels, previewCounts } from '../../static/shared/kickoff-text';

const draft = (patch: Partial<Draft> = {}): Draft => ({ ...emptyDraft(null), ...patch });
const role = (code: string) => `Role ${code}`;

describe('holidays', () => {
  it('empty rows are left out of the kickoff; a holiday index maps back to its row', () => {
    const d = draft({ holidays: ['', '2026-12-25', ' ', '2027-01-01'] });
    expect((kickoffCandidate(d) as { holidays: string[] }).holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(holidayRow(d, 0)).toBe(1);
    expect(holidayRow(d, 1)).toBe(3);
    expect(holidayRow(d, 2)).toBe(-1);
    expect(kickoffCandidate(draft({ holidays: [''] }))).not.toHaveProperty('holidays');
  });
});

describe('errorSummary', () => {
  it('lists errors in form order, each linking to its field by id with a readable label', () => {
    const d = draft({ holidays: ['', '2026-12-25'] });
    const entries = errorSummary(
      [
        { field: 'roles.SA', message: 'Pick a person.' },
        { field: 'roles.B.email', message: 'Use an e-mail address.' },
        { field: 'holidays.0', message: 'Outside the plan.' },
        { field: 'biller', message: 'Biller is required.' },
        { field: 'projectKey', message: 'Choose a Jira project.' },
        { field: 'roles.CS', message: 'Enter a name.' },
      ],
      d,
      role,
    );
    expect(entries.map((e) => [e.target, e.label])).toEqual([
      ['kickoff-project', 'Jira project'],
      ['kickoff-biller', 'Biller'],
      ['kickoff-holiday-1', 'Holiday 2'],
      ['kickoff-role-SA', 'Role SA'],
      ['kickoff-role-B-email', 'Role B – e-mail'],
      ['kickoff-role-CS-name', 'Role CS'],
    ]);
  });

  it('an unknown field still gets an entry (never silently dropped)', () => {
    expect(errorSummary([{ field: 'page', message: 'odd' }], draft(), role)).toEqual([{ target: 'kickoff-project', label: 'page', message: 'odd' }]);
  });
});

describe('preview displays', () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => ({ step: i + 1 })) as unknown as PreviewPlanResult['steps'];
  it('honest counts: what is to create, and what exists', () => {
    expect(previewCounts({ steps: steps(20), existingSteps: [] })).toBe('20 steps to create');
    expect(previewCounts({ steps: steps(20), existingSteps: Array.from({ length: 20 }, (_, i) => i + 1) })).toBe('20 steps exist, 0 to create');
    expect(previewCounts({ steps: steps(20), existingSteps: [1, 2, 3] })).toBe('3 steps exist, 17 to create');
    expect(previewCounts({ steps: steps(1), existingSteps: [] })).toBe('1 step to create');
  });

  it('capability codes read as the playbook names them', () => {
    expect(capabilityLabels(['agent-commissions', 'new-thing'], { 'agent-commissions': 'Agent Commissions' })).toEqual(['Agent Commissions', 'new-thing']);
  });
});
