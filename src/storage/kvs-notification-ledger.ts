/**
 * Forge KVS notification ledger: the claim is one atomic `set(..., { keyPolicy: 'FAIL_IF_EXISTS' })`, so of
 * two jobs running the same day exactly one sends each occurrence.
 */
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import { parseNotificationEntry, pendingEntry, settledEntry, type NotificationLedger } from './notification-ledger';

export interface KvsNotificationLedgerOptions {
  now?: () => number;
  prefix?: string;
}

/** KVS keys allow letters, digits and `:._-#` and spaces; anything else is hex-escaped. */
const keyPart = (key: string) => key.replace(/[^a-zA-Z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16)}`);

function isConflict(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || error.code === 'KEY_CONFLICT');
}

/** How long a notification's entry is kept (it only has to outlive the reminder rules' longest look-back): ~400 days. */
export const NOTIFICATION_ENTRY_TTL = { value: 400, unit: 'DAYS' } as const;

export function createKvsNotificationLedger(options: KvsNotificationLedgerOptions = {}): NotificationLedger {
  const now = options.now ?? Date.now;
  const storageKey = (key: string) => `${options.prefix ?? 'playbook'}:notified:${keyPart(key)}`;

  return {
    async read(key) {
      return parseNotificationEntry(await kvs.get<unknown>(storageKey(key)));
    },

    async claim(claim) {
      const entry = pendingEntry(claim, now());
      try {
        await kvs.set(storageKey(claim.key), entry, { keyPolicy: 'FAIL_IF_EXISTS', ttl: NOTIFICATION_ENTRY_TTL });
        return null;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      return parseNotificationEntry(await kvs.get<unknown>(storageKey(claim.key))) ?? { ...entry, since: 0 };
    },

    async settle(key, state) {
      const next = settledEntry(parseNotificationEntry(await kvs.get<unknown>(storageKey(key))), key, state, now());
      await kvs.set(storageKey(key), next, { ttl: NOTIFICATION_ENTRY_TTL });
      return next;
    },

    async release(key) {
      await kvs.delete(storageKey(key));
    },
  };
}
