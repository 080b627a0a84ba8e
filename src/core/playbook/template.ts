/**
 * Template versions as data: validation with field-level errors, the JSON import/export format, and the
 * rules a new version must follow relative to the one it is based on. The JSON format is `PlaybookData`
 * exactly (the shape `playbookDataSchema` checks), so export → import → export is byte-identical.
 */
import type { z } from 'zod';
import { sameData } from './diff';
import { compareVersions, playbookDataSchema } from './schema';
import type { ChangeLogEntry, Playbook, PlaybookData, StepData } from './types';

/** One problem in a template: where (dot path such as `steps.4.raci`; `""` for the whole document) and what. */
export interface TemplateFieldError {
  path: string;
  message: string;
}

export type TemplateValidation = { ok: true; template: PlaybookData } | { ok: false; errors: TemplateFieldError[] };

/** Thrown where a template must already be valid (e.g. read back from storage). */
export class TemplateInvalidError extends Error {
  constructor(readonly errors: TemplateFieldError[]) {
    super(`Invalid playbook template: ${errors.map(formatTemplateError).join('; ')}`);
    this.name = 'TemplateInvalidError';
  }
}

export function formatTemplateError(error: TemplateFieldError): string {
  return error.path ? `${error.path}: ${error.message}` : error.message;
}

function fieldErrors(issues: readonly z.core.$ZodIssue[]): TemplateFieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Checks template data against the core's playbook schema; every problem with its field path. */
export function validateTemplate(input: unknown): TemplateValidation {
  const result = playbookDataSchema.safeParse(input);
  return result.success ? { ok: true, template: result.data } : { ok: false, errors: fieldErrors(result.error.issues) };
}

/** Imports a template from its JSON text (a file, a paste in the admin page). */
export function parseTemplateJson(text: string): TemplateValidation {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON (${(error as Error).message})` }] };
  }
  return validateTemplate(input);
}

/** Exports a template as JSON text: the validated data, keys in schema order, two-space indent, final newline. */
export function templateToJson(template: PlaybookData): string {
  const checked = validateTemplate(template);
  if (!checked.ok) throw new TemplateInvalidError(checked.errors);
  return `${JSON.stringify(checked.template, null, 2)}\n`;
}

/** The data a loaded playbook was built from (RACI back to its cell text, references back to ids). */
export function toPlaybookData(playbook: Playbook): PlaybookData {
  return {
    ...playbook,
    steps: playbook.steps.map((step) => ({ ...step, raci: { raw: step.raci.raw }, references: step.references.map((r) => r.id) })),
  };
}

/** The change-log entry describing this version (the last row of its change log). */
export function releaseEntry(template: PlaybookData): ChangeLogEntry {
  return template.changeLog[template.changeLog.length - 1];
}

/**
 * A draft turned into the next version: its number and change-log row appended to the base's history.
 * A fresh copy, sharing nothing with `base` or `draft` (the base may be the built-in constant).
 */
export function prepareRelease(base: PlaybookData, draft: PlaybookData, entry: ChangeLogEntry): PlaybookData {
  return structuredClone({ ...draft, version: entry.version, changeLog: [...base.changeLog, entry] });
}

/**
 * What a new version must satisfy relative to the version it is based on, beyond being a valid template:
 * a higher version number, and the base's change log kept as it is with exactly one row added.
 */
export function releaseErrors(base: PlaybookData, next: PlaybookData): TemplateFieldError[] {
  const errors: TemplateFieldError[] = [];
  if (compareVersions(next.version, base.version) <= 0) errors.push({ path: 'version', message: `must be higher than ${base.version}` });
  const history = next.changeLog.slice(0, -1);
  if (history.length !== base.changeLog.length || history.some((entry, i) => !sameData(entry, base.changeLog[i]))) {
    errors.push({ path: 'changeLog', message: `must keep the change log of ${base.version} unchanged and add one entry for ${next.version}` });
  }
  return errors;
}

/**
 * The template with these steps, in this order, numbered 1..n. Parallel groups follow their steps (matched
 * by id): a removed step leaves its group, and a group left with fewer than two steps is dropped.
 * This is how an editor inserts, removes or moves steps without breaking the numbering rules. A fresh copy.
 */
export function withSteps(template: PlaybookData, steps: readonly Omit<StepData, 'number'>[]): PlaybookData {
  const idOf = new Map(template.steps.map((s) => [s.number, s.id]));
  const numbered: StepData[] = steps.map((step, i) => ({ ...step, number: i + 1 }) as StepData);
  const numberOf = new Map(numbered.map((s) => [s.id, s.number]));
  const phases = template.phases.map((phase) => {
    if (phase.ordering.kind !== 'staged') return phase;
    const parallel = phase.ordering.parallel.map((group) => group.flatMap((n) => numberOf.get(idOf.get(n) ?? '') ?? [])).filter((group) => group.length >= 2);
    return { ...phase, ordering: { kind: 'staged' as const, parallel } };
  });
  return structuredClone({ ...template, phases, steps: numbered });
}
