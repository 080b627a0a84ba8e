/**
 * The difference between two template versions, step by step and field by field. Steps are matched by their
 * stable id, never by number: inserting a step renumbers the ones after it, which is a renumbering, not a
 * change of every later step.
 */
import { parseRaci } from '../raci';
import type { PlaybookData, StepData } from './types';

/** Equality of plain JSON data (what templates are); key order does not matter. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => sameData(item, (b as unknown[])[i]));
  const [ao, bo] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  return keys.length === Object.keys(bo).filter((k) => bo[k] !== undefined).length && keys.every((k) => sameData(ao[k], bo[k]));
}

/** One field's value before and after; `undefined` on one side means the item was added or removed. */
export interface FieldChange {
  /** Dot path, e.g. `raci.consulted`, `durationDays`, `roles.TC`, `references.sit-workbook`. */
  field: string;
  before: unknown;
  after: unknown;
}

/** The step fields compared, in this order; RACI is compared cell by cell (R, A, C, I), its text only if the cells agree. */
export const DIFFED_STEP_FIELDS = [
  'phase',
  'category',
  'title',
  'description',
  'notes',
  'authoringNotes',
  'references',
  'raci.responsible',
  'raci.accountable',
  'raci.consulted',
  'raci.informed',
  'raci.raw',
  'conditions',
  'durationDays',
] as const;
export type DiffedStepField = (typeof DIFFED_STEP_FIELDS)[number];

export interface StepFieldChange extends FieldChange {
  field: DiffedStepField;
}

interface StepRef {
  id: string;
  /** The step's number in the version it is in (`to`, or `from` for a removed step). */
  number: number;
  title: string;
  phase: string;
}

export type StepDiff =
  | ({ kind: 'added' } & StepRef)
  | ({ kind: 'removed' } & StepRef)
  /** Fields changed; `previousNumber !== number` when it was renumbered too. */
  | ({ kind: 'changed'; previousNumber: number; fields: StepFieldChange[] } & StepRef)
  /** Only the number changed. */
  | ({ kind: 'renumbered'; previousNumber: number } & StepRef);

export interface TemplateDiff {
  from: string;
  to: string;
  /** Steps that differ, in the `to` order; a removed step follows the step that preceded it in `from`. */
  steps: StepDiff[];
  /** Everything else: title, phases, roles, capabilities, references, supported integrations, change log. */
  template: FieldChange[];
  counts: Record<StepDiff['kind'], number>;
}

function stepField(step: StepData, field: DiffedStepField): unknown {
  switch (field) {
    case 'raci.responsible':
    case 'raci.accountable':
    case 'raci.consulted':
    case 'raci.informed':
      return parseRaci(step.raci.raw)[field.slice('raci.'.length) as 'responsible' | 'accountable' | 'consulted' | 'informed'];
    case 'raci.raw':
      return step.raci.raw;
    case 'authoringNotes':
      return step.authoringNotes ?? [];
    default:
      return step[field];
  }
}

/** The fields of a step that differ between two versions of it (matched by id). */
export function diffStep(before: StepData, after: StepData): StepFieldChange[] {
  const changes: StepFieldChange[] = [];
  const cellsChanged = (['raci.responsible', 'raci.accountable', 'raci.consulted', 'raci.informed'] as const).some(
    (f) => !sameData(stepField(before, f), stepField(after, f)),
  );
  for (const field of DIFFED_STEP_FIELDS) {
    if (field === 'raci.raw' && cellsChanged) continue;
    const [b, a] = [stepField(before, field), stepField(after, field)];
    if (!sameData(b, a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

const ref = (step: StepData): StepRef => ({ id: step.id, number: step.number, title: step.title, phase: step.phase });

function diffSteps(from: StepData[], to: StepData[]): StepDiff[] {
  const before = new Map(from.map((s) => [s.id, s]));
  const afterIds = new Set(to.map((s) => s.id));
  const entries = new Map<string, StepDiff>();
  for (const step of to) {
    const old = before.get(step.id);
    if (!old) {
      entries.set(step.id, { kind: 'added', ...ref(step) });
      continue;
    }
    const fields = diffStep(old, step);
    if (fields.length > 0) entries.set(step.id, { kind: 'changed', ...ref(step), previousNumber: old.number, fields });
    else if (old.number !== step.number) entries.set(step.id, { kind: 'renumbered', ...ref(step), previousNumber: old.number });
  }
  // Removed steps go right after the nearest surviving step that preceded them in `from`.
  const removedAfter = new Map<string | null, StepDiff[]>();
  let anchor: string | null = null;
  for (const step of from) {
    if (afterIds.has(step.id)) anchor = step.id;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), { kind: 'removed', ...ref(step) }]);
  }
  const ordered: StepDiff[] = [...(removedAfter.get(null) ?? [])];
  for (const step of to) {
    const entry = entries.get(step.id);
    if (entry) ordered.push(entry);
    ordered.push(...(removedAfter.get(step.id) ?? []));
  }
  return ordered;
}

/** Items of a keyed list (roles by code, references by id, ...): added, removed, changed, or the order changed. */
function diffKeyed<T>(path: string, before: readonly T[], after: readonly T[], key: (item: T) => string): FieldChange[] {
  const b = new Map(before.map((item) => [key(item), item]));
  const a = new Map(after.map((item) => [key(item), item]));
  const changes: FieldChange[] = [];
  for (const [k, item] of b) if (!sameData(item, a.get(k))) changes.push({ field: `${path}.${k}`, before: item, after: a.get(k) });
  for (const [k, item] of a) if (!b.has(k)) changes.push({ field: `${path}.${k}`, before: undefined, after: item });
  const commonOrder = (m: Map<string, T>, other: Map<string, T>) => [...m.keys()].filter((k) => other.has(k));
  if (changes.length === 0 && !sameData(commonOrder(b, a), commonOrder(a, b))) changes.push({ field: path, before: [...b.keys()], after: [...a.keys()] });
  return changes;
}

/** Everything that differs between two template versions. Both must be valid templates. */
export function diffTemplates(from: PlaybookData, to: PlaybookData): TemplateDiff {
  const steps = diffSteps(from.steps, to.steps);
  const template: FieldChange[] = [
    ...(from.title === to.title ? [] : [{ field: 'title', before: from.title, after: to.title }]),
    ...diffKeyed('phases', from.phases, to.phases, (p) => p.name),
    ...diffKeyed('roles', from.roles, to.roles, (r) => r.code),
    ...diffKeyed('capabilities', from.capabilities, to.capabilities, (c) => c.code),
    ...diffKeyed('references', from.references, to.references, (r) => r.id),
    ...diffKeyed('supportedIntegrations', from.supportedIntegrations, to.supportedIntegrations, (i) => i.coreSystem),
    ...diffKeyed('changeLog', from.changeLog, to.changeLog, (e) => e.version),
  ];
  const counts = { added: 0, removed: 0, changed: 0, renumbered: 0 };
  for (const s of steps) counts[s.kind] += 1;
  return { from: from.version, to: to.version, steps, template, counts };
}
