/**
 * A step issue's fingerprint: what the app wrote into it (summary, description, assignee, due date, RACI),
 * kept beside the step's `outbound-playbook` property in the same write. A later reconcile compares it with
 * the issue as it is now (someone edited it since?) and with what the app would write now (anything to
 * update?). Text is hashed as plain text (ADF's text nodes), so Jira's normalising of ADF attributes is no edit.
 */
import { z } from 'zod';
import { stableHash } from './hash';

/** What an issue says, in the app's terms. `description` is ADF (or anything Jira returned for it). */
export interface StepContent {
  summary: string;
  description: unknown;
  assignee: string | null;
  due: string | null;
  /** The step's RACI as the app writes it (its RACI field value, e.g. `R: SA · A: SA · C: B, CS, PM · I: IM`). */
  raci: string;
}

export const stepFingerprintSchema = z.object({
  summary: z.string(),
  description: z.string(),
  assignee: z.string().nullable(),
  due: z.string().nullable(),
  raci: z.string(),
});
export type StepFingerprint = z.infer<typeof stepFingerprintSchema>;
export type FingerprintField = keyof StepFingerprint;

const FIELDS: readonly FingerprintField[] = ['summary', 'description', 'assignee', 'due', 'raci'];

/** The text of an ADF document (or of any JSON), whitespace collapsed: what a reader sees, not its markup. */
export function adfText(node: unknown): string {
  const parts: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (typeof n === 'object' && n !== null) {
      const o = n as { text?: unknown; content?: unknown; attrs?: { href?: unknown } };
      if (typeof o.text === 'string') parts.push(o.text);
      walk(o.content);
    } else if (typeof n === 'string') parts.push(n);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function stepFingerprint(content: StepContent): StepFingerprint {
  return {
    summary: stableHash(content.summary.trim()),
    description: stableHash(adfText(content.description)),
    assignee: content.assignee,
    due: content.due,
    raci: stableHash(content.raci),
  };
}

/** The fields whose values differ between two fingerprints, in a fixed order. */
export function fingerprintDifferences(a: StepFingerprint, b: StepFingerprint): FingerprintField[] {
  return FIELDS.filter((f) => a[f] !== b[f]);
}

/** The fingerprint stored in a step property value, or null when it has none (generated before fingerprints). */
export function storedFingerprint(property: unknown): StepFingerprint | null {
  const raw = typeof property === 'object' && property !== null ? (property as { fingerprint?: unknown }).fingerprint : undefined;
  const parsed = stepFingerprintSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
