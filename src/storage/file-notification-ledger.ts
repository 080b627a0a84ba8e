/**
 * File-backed notification ledger for the CLI: one JSON file per occurrence, claimed with `wx` (fails if it
 * exists, so two runs on one machine never both send) and settled by an atomic temp-file rename.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNotificationEntry, pendingEntry, settledEntry, type NotificationEntry, type NotificationLedger } from './notification-ledger';

export interface FileNotificationLedgerOptions {
  directory: string;
  now?: () => number;
}

export function createFileNotificationLedger(options: FileNotificationLedgerOptions): NotificationLedger {
  const now = options.now ?? Date.now;
  fs.mkdirSync(options.directory, { recursive: true });
  const fileOf = (key: string) => path.join(options.directory, `${Buffer.from(key).toString('base64url')}.json`);

  function readEntry(key: string): NotificationEntry | null {
    try {
      return parseNotificationEntry(JSON.parse(fs.readFileSync(fileOf(key), 'utf8')));
    } catch {
      return null;
    }
  }

  return {
    async read(key) {
      return readEntry(key);
    },

    async claim(claim) {
      const entry = pendingEntry(claim, now());
      try {
        const fd = fs.openSync(fileOf(claim.key), 'wx');
        fs.writeSync(fd, JSON.stringify(entry));
        fs.closeSync(fd);
        return null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      // Exists: unreadable counts as pending (a claim half-written by a crashed run is still a claim).
      return readEntry(claim.key) ?? { ...entry, since: 0 };
    },

    async settle(key, state) {
      const next = settledEntry(readEntry(key), key, state, now());
      const temp = `${fileOf(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(next));
      fs.renameSync(temp, fileOf(key));
      return next;
    },

    async release(key) {
      fs.rmSync(fileOf(key), { force: true });
    },
  };
}
