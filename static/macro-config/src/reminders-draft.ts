/**
 * The kickoff form's reminder settings (on/off, due-soon notice N, escalation after M business days) as the
 * inputs hold them, and their conversion to the contract's `kickoff.reminders`. Pure; the rules and limits are
 * the one kickoff schema's (src/core/kickoff.ts), checked by validation.ts with the rest of the kickoff.
 */
import type { Kickoff } from '../../../src/contract/types';

export interface RemindersDraft {
  enabled: boolean;
  /** As typed; blank means the default. */
  dueSoonDays: string;
  escalateAfterDays: string;
}

/** What a plan gets when the kickoff says nothing (the core's DEFAULT_REMINDER_SETTINGS). */
export const REMINDER_DEFAULTS = { enabled: true, dueSoonDays: 2, escalateAfterDays: 3 } as const;

export function remindersDraft(saved: Kickoff['reminders'] | undefined): RemindersDraft {
  return {
    enabled: saved?.enabled ?? REMINDER_DEFAULTS.enabled,
    dueSoonDays: String(saved?.dueSoonDays ?? REMINDER_DEFAULTS.dueSoonDays),
    escalateAfterDays: String(saved?.escalateAfterDays ?? REMINDER_DEFAULTS.escalateAfterDays),
  };
}

/** A typed number stays a number; anything else is passed on as text so the schema names the field's error. */
const days = (typed: string): number | string | undefined => {
  const text = typed.trim();
  if (text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : text;
};

export function remindersCandidate(draft: RemindersDraft | undefined): Record<string, unknown> | undefined {
  if (!draft) return undefined;
  const dueSoonDays = days(draft.dueSoonDays);
  const escalateAfterDays = days(draft.escalateAfterDays);
  return {
    enabled: draft.enabled,
    ...(dueSoonDays === undefined ? {} : { dueSoonDays }),
    ...(escalateAfterDays === undefined ? {} : { escalateAfterDays }),
  };
}
