/**
 * Per-plan reminder settings in the one kickoff schema: optional with defaults (kickoffs written before them
 * stay valid), bounded, unknown fields refused; the same rules in the engine's schema and the form's wire shape.
 */
import { buildPlan, DEFAULT_REMINDER_SETTINGS, kickoffFormSchema, validateKickoff } from '../../src/core';
import { remindersCandidate, remindersDraft } from '../../static/macro-config/src/reminders-draft';
import { formKickoff } from '../resolvers/helpers/kickoff';
import { exampleKickoff } from './kickoff-fixture';

const fieldsOf = (input: unknown) => {
  const result = validateKickoff(input);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

it('a kickoff without settings is valid and gets the defaults (on, 2, 3)', () => {
  const result = validateKickoff(exampleKickoff());
  expect(result.ok && result.kickoff.reminders).toEqual(DEFAULT_REMINDER_SETTINGS);
  expect(buildPlan(exampleKickoff()).kickoff.reminders).toEqual({ enabled: true, dueSoonDays: 2, escalateAfterDays: 3 });
});

it('given settings are kept, missing parts defaulted', () => {
  const result = validateKickoff({ ...exampleKickoff(), reminders: { enabled: false, escalateAfterDays: 5 } });
  expect(result.ok && result.kickoff.reminders).toEqual({ enabled: false, dueSoonDays: 2, escalateAfterDays: 5 });
});

it.each([
  [{ dueSoonDays: -1 }, 'reminders.dueSoonDays'],
  [{ dueSoonDays: 61 }, 'reminders.dueSoonDays'],
  [{ dueSoonDays: 1.5 }, 'reminders.dueSoonDays'],
  [{ escalateAfterDays: 0 }, 'reminders.escalateAfterDays'],
  [{ escalateAfterDays: '3' }, 'reminders.escalateAfterDays'],
  [{ enabled: 'yes' }, 'reminders.enabled'],
  [{ often: true }, 'reminders.often'],
  ['daily', 'reminders'],
])('%j is refused at %s, in the engine and on the wire', (reminders, field) => {
  expect(fieldsOf({ ...exampleKickoff(), reminders })).toEqual([field]);
  const wire = kickoffFormSchema.safeParse({ ...formKickoff(), reminders });
  expect(wire.success).toBe(false);
  expect(wire.error?.issues.map((i) => [...i.path, ...('keys' in i ? i.keys : [])].join('.'))).toEqual([field]);
});

it('the wire shape names the bounds in the form words', () => {
  const wire = kickoffFormSchema.safeParse({ ...formKickoff(), reminders: { dueSoonDays: 99, escalateAfterDays: 0 } });
  expect(wire.error?.issues.map((i) => i.message)).toEqual(['Due-soon notice must be at most 60.', 'Escalation after must be at least 1.']);
});

it('the form draft round-trips the settings; typed text is passed on for the schema to name', () => {
  const draft = remindersDraft({ enabled: false, dueSoonDays: 4, escalateAfterDays: 7 });
  expect(draft).toEqual({ enabled: false, dueSoonDays: '4', escalateAfterDays: '7' });
  expect(remindersCandidate(draft)).toEqual({ enabled: false, dueSoonDays: 4, escalateAfterDays: 7 });
  expect(remindersCandidate({ enabled: true, dueSoonDays: '', escalateAfterDays: 'x' })).toEqual({ enabled: true, escalateAfterDays: 'x' });
  expect(remindersDraft(undefined)).toEqual({ enabled: true, dueSoonDays: '2', escalateAfterDays: '3' });
  expect(kickoffFormSchema.safeParse({ ...formKickoff(), reminders: remindersCandidate(draft) }).success).toBe(true);
});
