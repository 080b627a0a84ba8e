/**
 * The notification ledger: one small, strongly consistent entry per notification occurrence (key
 * `plan|step|rule|occurrence`), claimed atomically as `pending` BEFORE Jira's notify is called and marked
 * `sent` after. Jira offers no way to read back what notify queued, so an attempt whose outcome was lost (a
 * crash between pending and sent, a 5xx, a dropped response) is never resent: at most once, recorded as
 * `unknown`. Two implementations: Forge KVS (./kvs-notification-ledger) and files (CLI).
 */
import { z } from 'zod';

export const NOTIFICATION_STATES = ['pending', 'sent', 'unknown'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

export const notificationEntrySchema = z.object({
  key: z.string().min(1),
  state: z.enum(NOTIFICATION_STATES),
  issueKey: z.string(),
  rule: z.string(),
  to: z.array(z.string()),
  /** Epoch ms when the entry was claimed (just before the send). */
  since: z.number(),
  /** Epoch ms when the entry reached `sent` or `unknown`. */
  settledAt: z.number().nullable().default(null),
});
export type NotificationEntry = z.infer<typeof notificationEntrySchema>;
export type NotificationClaim = Pick<NotificationEntry, 'key' | 'issueKey' | 'rule' | 'to'>;

export interface NotificationLedger {
  read(key: string): Promise<NotificationEntry | null>;
  /**
   * Atomic create-if-absent of the `pending` entry. Null when this caller now holds it (and must send);
   * otherwise the entry that already exists (sent, unknown, or pending in another run or a crashed one).
   */
  claim(claim: NotificationClaim): Promise<NotificationEntry | null>;
  /** Records the outcome of a claimed send. */
  settle(key: string, state: 'sent' | 'unknown'): Promise<NotificationEntry>;
  /** Drops a claim whose send certainly did not happen (Jira refused it), so a later run may try again. */
  release(key: string): Promise<void>;
}

export function parseNotificationEntry(value: unknown): NotificationEntry | null {
  const parsed = notificationEntrySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function pendingEntry(claim: NotificationClaim, now: number): NotificationEntry {
  return notificationEntrySchema.parse({ ...claim, to: [...claim.to], state: 'pending', since: now, settledAt: null });
}

export function settledEntry(current: NotificationEntry | null, key: string, state: 'sent' | 'unknown', now: number): NotificationEntry {
  if (!current) throw new Error(`Notification ledger: no claim for ${key} to settle`);
  return { ...current, state, settledAt: now };
}
