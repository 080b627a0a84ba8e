/** The RACI matrix as the UIs show and export it: legend, phase groups, status words, CSV. Pure (no DOM). */
import { toCsv } from '../../src/contract/csv';
import type { PlanForecastView, PlanProgressView, RaciLetter, RaciMatrixView, RaciRowView, RoleCode, StepState } from '../../src/contract/types';

export const RACI_LEGEND: { letter: RaciLetter; word: string; meaning: string }[] = [
  { letter: 'R', word: 'Responsible', meaning: 'does the work' },
  { letter: 'A', word: 'Accountable', meaning: 'owns the outcome and signs it off' },
  { letter: 'C', word: 'Consulted', meaning: 'gives input before it is done' },
  { letter: 'I', word: 'Informed', meaning: 'is told when it is done' },
];

const LETTER_WORD = Object.fromEntries(RACI_LEGEND.map((l) => [l.letter, l.word])) as Record<RaciLetter, string>;

export const STEP_STATE_LABEL: Record<StepState, string> = {
  todo: 'To do',
  'in-progress': 'In progress',
  done: 'Done',
  'not-applicable': 'Not applicable',
};

export interface PhaseGroup {
  phase: string;
  rows: RaciRowView[];
  /** Steps of this phase that apply to the kickoff, and how many of them are done. */
  applicable: number;
  done: number;
}

/** Rows grouped by phase, phases in the order their first step appears (the playbook's order). */
export function groupByPhase(rows: readonly RaciRowView[]): PhaseGroup[] {
  const groups = new Map<string, PhaseGroup>();
  for (const row of rows) {
    const group = groups.get(row.phase) ?? { phase: row.phase, rows: [], applicable: 0, done: 0 };
    group.rows.push(row);
    if (row.state !== 'not-applicable') group.applicable++;
    if (row.state === 'done') group.done++;
    groups.set(row.phase, group);
  }
  return [...groups.values()];
}

/** A row's letters for one role; none for a step that does not apply to this kickoff. */
export function cellLetters(row: RaciRowView, role: RoleCode): RaciLetter[] {
  return row.state === 'not-applicable' ? [] : (row.letters[role] ?? []);
}

/** "R/A" and its words ("Responsible, Accountable") for screen readers. */
export function cellText(letters: readonly RaciLetter[]): { short: string; words: string } {
  return { short: letters.join('/'), words: letters.map((l) => LETTER_WORD[l]).join(', ') };
}

/** Whether the forecast says the step is overdue (not done and past its due date). */
export function isOverdue(row: RaciRowView, forecast: PlanForecastView | null): boolean {
  return forecast?.steps.find((s) => s.step === row.step)?.health === 'overdue';
}

/** The step's status in words: its state, and "overdue" when the forecast says so. */
export function stepStatusText(row: RaciRowView, forecast: PlanForecastView | null): string {
  return isOverdue(row, forecast) ? `${STEP_STATE_LABEL[row.state]}, overdue` : STEP_STATE_LABEL[row.state];
}

/** The roles the viewer holds, as a set (for highlighting their columns). */
export const viewerRoleSet = (roles: readonly RoleCode[]): ReadonlySet<RoleCode> => new Set(roles);

/** The plan's RACI matrix as CSV: one row per step (N/A steps without letters), one column per role named with its people. */
export function raciMatrixCsv(progress: Pick<PlanProgressView, 'raci' | 'forecast'>): string {
  const raci: RaciMatrixView = progress.raci;
  const header = [
    'Phase',
    'Step',
    'Title',
    'Status',
    'Issue',
    ...raci.roles.map((r) => `${r.code} ${r.name}${r.people.length ? ` (${r.people.map((p) => p.displayName).join(', ')})` : ''}`),
  ];
  const rows = raci.rows.map((row) => [
    row.phase,
    row.step,
    row.title,
    stepStatusText(row, progress.forecast),
    row.issueKey ?? '',
    ...raci.roles.map((r) => cellLetters(row, r.code).join('/')),
  ]);
  return toCsv([header, ...rows]);
}

/** e.g. "raci-texas-mutual-insurance-guidewire-accelerator-OUT-1.csv" */
export function raciCsvFileName(progress: Pick<PlanProgressView, 'biller' | 'coreSystem' | 'epicKey'>): string {
  const slug = `${progress.biller} ${progress.coreSystem}`
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `raci-${slug || 'plan'}-${progress.epicKey}.csv`;
}
