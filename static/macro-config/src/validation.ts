/** The schema checks of the kickoff form (zod), loaded in parallel with the form's first resolver calls. */
import '../../shared/zod-csp';
import { kickoffSchema, macroConfigSchema } from '../../../src/contract/schemas';
import { fieldPath, type FieldError } from '../../../src/contract/result';
import type { Kickoff } from '../../../src/contract/types';
import { kickoffCandidate, type Draft } from './draft';

export type Checked = { ok: true; kickoff: Kickoff } | { ok: false; fields: FieldError[] };

export function checkDraft(draft: Draft): Checked {
  const parsed = kickoffSchema.safeParse(kickoffCandidate(draft));
  if (parsed.success) return { ok: true, kickoff: parsed.data };
  return { ok: false, fields: parsed.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })) };
}

/** The saved kickoff, when the macro's configuration still has the contract's shape. */
export function savedKickoff(config: unknown): Kickoff | null {
  const parsed = macroConfigSchema.safeParse(config);
  return parsed.success ? parsed.data.kickoff : null;
}
