/**
 * The playbook data's schema, checked when a version is loaded: structure (zod) plus the cross-references
 * the code relies on (phases, roles, references, RACI cells, parallel groups).
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { parseRaci, RaciParseError } from '../raci';
import { CAPABILITY_CODES, INTEGRATION_TYPES, ROLE_CODES, type Playbook, type PlaybookData } from './types';

const text = z.string().min(1);
const trimmed = text.refine((s) => s === s.trim(), 'must not start or end with spaces');

const conditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('integrationType'), equals: z.enum(INTEGRATION_TYPES) }),
  z.strictObject({ kind: z.literal('capability'), capability: z.enum(CAPABILITY_CODES) }),
  z.strictObject({ kind: z.literal('optional'), defaultOn: z.boolean() }),
]);

const versionSchema = z.string().regex(/^\d+\.\d+$/, 'must be "major.minor", e.g. "1.6"');

/** Orders "major.minor" versions numerically ("1.10" is after "1.9"). */
export function compareVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const stepSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by "-"'),
  number: z.number().int().positive(),
  phase: text,
  category: trimmed,
  title: trimmed,
  description: trimmed,
  notes: z.array(trimmed),
  authoringNotes: z.array(trimmed).optional(),
  references: z.array(text),
  raci: z.strictObject({ raw: trimmed }),
  conditions: z.array(conditionSchema),
  durationDays: z.number().int().positive(),
});

export const playbookDataSchema = z
  .strictObject({
    version: versionSchema,
    title: text,
    changeLog: z
      .array(
        z.strictObject({
          version: versionSchema,
          date: z.string().refine(isIsoDate, 'must be an ISO date (YYYY-MM-DD)'),
          author: trimmed,
          summary: trimmed,
        }),
      )
      .min(1),
    phases: z
      .array(
        z.strictObject({
          name: text,
          ordering: z.discriminatedUnion('kind', [
            z.strictObject({ kind: z.literal('sequential') }),
            z.strictObject({ kind: z.literal('staged'), parallel: z.array(z.array(z.number().int()).min(2)) }),
          ]),
        }),
      )
      .min(1),
    roles: z.array(z.strictObject({ code: z.enum(ROLE_CODES), name: text, team: text, internal: z.boolean() })),
    capabilities: z.array(z.strictObject({ code: z.enum(CAPABILITY_CODES), name: text, aliases: z.array(text) })),
    references: z.array(z.strictObject({ id: text, name: text, url: z.url().optional() })),
    steps: z.array(stepSchema).min(1),
    supportedIntegrations: z.array(
      z.strictObject({
        coreSystem: text,
        status: z.enum(['Released', 'In Progress', 'Initiated']),
        details: text.optional(),
        billers: z.array(text),
        capabilities: z.array(z.enum(CAPABILITY_CODES)),
      }),
    ),
  })
  .superRefine((data, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const phaseNames = data.phases.map((p) => p.name);
    const referenceIds = new Set(data.references.map((r) => r.id));
    const roleCodes = new Set(data.roles.map((r) => r.code));
    data.changeLog.forEach((entry, i) => {
      const previous = data.changeLog[i - 1];
      if (previous && compareVersions(previous.version, entry.version) >= 0)
        issue(['changeLog', i, 'version'], `versions must increase; ${entry.version} follows ${previous.version}`);
    });
    const lastEntry = data.changeLog.at(-1);
    if (lastEntry && lastEntry.version !== data.version)
      issue(['changeLog', data.changeLog.length - 1, 'version'], `the last entry must describe this version (${data.version}); found ${lastEntry.version}`);
    const stepIds = new Set<string>();
    let lastPhaseIndex = 0;
    data.steps.forEach((step, i) => {
      if (stepIds.has(step.id)) issue(['steps', i, 'id'], `duplicate step id "${step.id}"`);
      stepIds.add(step.id);
      if (step.number !== i + 1) issue(['steps', i, 'number'], `steps must be numbered 1..n in order; found ${step.number} at position ${i + 1}`);
      const phaseIndex = phaseNames.indexOf(step.phase);
      if (phaseIndex < 0) issue(['steps', i, 'phase'], `unknown phase "${step.phase}"`);
      else if (phaseIndex < lastPhaseIndex) issue(['steps', i, 'phase'], 'steps must follow the phase order');
      else lastPhaseIndex = phaseIndex;
      for (const ref of step.references) if (!referenceIds.has(ref)) issue(['steps', i, 'references'], `unknown reference "${ref}"`);
      try {
        const raci = parseRaci(step.raci.raw);
        for (const code of [...raci.responsible, raci.accountable, ...raci.consulted, ...raci.informed]) {
          if (!roleCodes.has(code)) issue(['steps', i, 'raci'], `role ${code} is not in the playbook's roles`);
        }
      } catch (e) {
        if (!(e instanceof RaciParseError)) throw e;
        issue(['steps', i, 'raci'], e.message);
      }
    });
    data.phases.forEach((phase, p) => {
      if (phase.ordering.kind !== 'staged') return;
      const inPhase = data.steps.filter((s) => s.phase === phase.name).map((s) => s.number);
      const seen = new Set<number>();
      phase.ordering.parallel.forEach((group, g) => {
        const sorted = [...group].sort((a, b) => a - b);
        const contiguous = sorted.every((n, k) => k === 0 || n === sorted[k - 1] + 1);
        if (!group.every((n) => inPhase.includes(n))) issue(['phases', p, 'ordering', 'parallel', g], `parallel steps must belong to ${phase.name}`);
        if (!contiguous) issue(['phases', p, 'ordering', 'parallel', g], 'parallel steps must be consecutive');
        if (group.some((n) => seen.has(n))) issue(['phases', p, 'ordering', 'parallel', g], 'a step may be in one parallel group only');
        group.forEach((n) => seen.add(n));
      });
    });
  });

/** Validates playbook data and derives what code reads: parsed RACI and reference objects per step. */
export function loadPlaybook(input: unknown): Playbook {
  return derivePlaybook(playbookDataSchema.parse(input));
}

/**
 * What code reads, from data already known valid. The built-in versions take this path: they are typed
 * constants that tests run through `loadPlaybook`, so the Forge function does not re-validate them on every
 * cold start (the schema parse was the largest part of the bundle's load time).
 */
export function derivePlaybook(data: PlaybookData): Playbook {
  const references = new Map(data.references.map((r) => [r.id, r]));
  return {
    ...data,
    steps: data.steps.map((step) => ({
      ...step,
      raci: { raw: step.raci.raw, ...parseRaci(step.raci.raw) },
      references: step.references.map((id) => references.get(id)!),
    })),
  };
}
