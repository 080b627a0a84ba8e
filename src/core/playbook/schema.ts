/**
 * The playbook data's schema, checked when a version is loaded: structure (zod) plus the cross-references
 * the code relies on (phases, roles, references, RACI cells, parallel groups).
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';
import { parseRaci, RaciParseError } from '../raci';
import { policyText, safeExcerpt, webUrl } from '../text';
import { CAPABILITY_CODES, INTEGRATION_TYPES, ROLE_CODES, type Playbook, type PlaybookData } from './types';

/**
 * Limits of the template (a draft an admin publishes reaches every plan's Jira issues and pages): the text
 * policy's lengths per field, durations, the number of steps and the whole plan's span.
 */
export const TEMPLATE_LIMITS = {
  /** A step title becomes an issue summary "N. title — biller" (Jira: 255). */
  titleLength: 200,
  nameLength: 100,
  /** A phase name is also a JQL value and a custom field value. */
  phaseLength: 64,
  idLength: 64,
  raciLength: 100,
  descriptionLength: 10_000,
  noteLength: 2_000,
  notesPerStep: 50,
  changeLogSummaryLength: 500,
  detailsLength: 1_000,
  listLength: 200,
  urlLength: 2_000,
  /** Business days one step may last. */
  durationDays: { min: 1, max: 250 },
  steps: 200,
  /** Every applicable step run one after the other must fit in this many years (about 250 business days each). */
  planYears: 5,
  planBusinessDays: 5 * 261,
} as const;

/** Template text under the text policy, exactly as stored (export → import → export is byte-identical). */
const text = (max: number = TEMPLATE_LIMITS.nameLength, rule: { multiline?: boolean } = {}) => policyText({ max, mode: 'exact', ...rule });
const list = <T extends z.ZodType>(item: T) => z.array(item).max(TEMPLATE_LIMITS.listLength, `at most ${TEMPLATE_LIMITS.listLength} entries`);

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

const { durationDays } = TEMPLATE_LIMITS;
const notes = z.array(text(TEMPLATE_LIMITS.noteLength, { multiline: true })).max(TEMPLATE_LIMITS.notesPerStep, `at most ${TEMPLATE_LIMITS.notesPerStep} notes`);

const stepSchema = z.strictObject({
  id: z
    .string()
    .max(TEMPLATE_LIMITS.idLength)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits joined by "-"'),
  number: z.number().int().positive(),
  phase: text(TEMPLATE_LIMITS.phaseLength),
  category: text(),
  title: text(TEMPLATE_LIMITS.titleLength),
  description: text(TEMPLATE_LIMITS.descriptionLength, { multiline: true }),
  notes,
  authoringNotes: notes.optional(),
  references: list(text(TEMPLATE_LIMITS.idLength)),
  raci: z.strictObject({ raw: text(TEMPLATE_LIMITS.raciLength) }),
  conditions: z.array(conditionSchema).max(10),
  durationDays: z
    .number()
    .int('must be a whole number of business days')
    .min(durationDays.min, `must be at least ${durationDays.min} business day`)
    .max(durationDays.max, `must be at most ${durationDays.max} business days (about a year)`),
});

export const playbookDataSchema = z
  .strictObject({
    version: versionSchema,
    title: text(TEMPLATE_LIMITS.titleLength),
    changeLog: list(
      z.strictObject({
        version: versionSchema,
        date: z.string().refine(isIsoDate, 'must be an ISO date (YYYY-MM-DD)'),
        author: text(255),
        summary: text(TEMPLATE_LIMITS.changeLogSummaryLength),
      }),
    ).min(1),
    phases: list(
      z.strictObject({
        name: text(TEMPLATE_LIMITS.phaseLength),
        ordering: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('sequential') }),
          z.strictObject({ kind: z.literal('staged'), parallel: list(list(z.number().int()).min(2)) }),
        ]),
      }),
    ).min(1),
    roles: list(z.strictObject({ code: z.enum(ROLE_CODES), name: text(), team: text(), internal: z.boolean() })),
    capabilities: list(z.strictObject({ code: z.enum(CAPABILITY_CODES), name: text(), aliases: list(text()) })),
    references: list(
      z.strictObject({ id: text(TEMPLATE_LIMITS.idLength), name: text(255), url: webUrl('a reference URL', TEMPLATE_LIMITS.urlLength).optional() }),
    ),
    steps: z
      .array(stepSchema)
      .min(1)
      .max(TEMPLATE_LIMITS.steps, `at most ${TEMPLATE_LIMITS.steps} steps`)
      .refine((steps) => steps.reduce((sum, s) => sum + s.durationDays, 0) <= TEMPLATE_LIMITS.planBusinessDays, {
        message: `the steps together must fit in ${TEMPLATE_LIMITS.planYears} years (at most ${TEMPLATE_LIMITS.planBusinessDays} business days one after another)`,
      }),
    supportedIntegrations: list(
      z.strictObject({
        coreSystem: text(),
        status: z.enum(['Released', 'In Progress', 'Initiated']),
        details: text(TEMPLATE_LIMITS.detailsLength).optional(),
        billers: list(text()),
        capabilities: z.array(z.enum(CAPABILITY_CODES)).max(CAPABILITY_CODES.length * 2),
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
      if (stepIds.has(step.id)) issue(['steps', i, 'id'], `duplicate step id "${safeExcerpt(step.id)}"`);
      stepIds.add(step.id);
      if (step.number !== i + 1) issue(['steps', i, 'number'], `steps must be numbered 1..n in order; found ${step.number} at position ${i + 1}`);
      const phaseIndex = phaseNames.indexOf(step.phase);
      if (phaseIndex < 0) issue(['steps', i, 'phase'], `unknown phase "${safeExcerpt(step.phase)}"`);
      else if (phaseIndex < lastPhaseIndex) issue(['steps', i, 'phase'], 'steps must follow the phase order');
      else lastPhaseIndex = phaseIndex;
      for (const ref of step.references) if (!referenceIds.has(ref)) issue(['steps', i, 'references'], `unknown reference "${safeExcerpt(ref)}"`);
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
