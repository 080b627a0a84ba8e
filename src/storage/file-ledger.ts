/**
 * File-backed plan ledger for the CLI: one JSON file per plan, written atomically (temp file + rename),
 * and a lock file created with `wx` (fails if it exists), so two CLI runs on one machine serialise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeLedgerEntry, parseLease, parseLedgerEntry, type Lease, type PlanLedger, type LedgerEntry, type LedgerEntryPatch } from './ledger';

export interface FileLedgerOptions {
  directory: string;
  now?: () => number;
}

function safeName(planId: string): string {
  return Buffer.from(planId).toString('base64url');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

export function createFileLedger(options: FileLedgerOptions): PlanLedger {
  const now = options.now ?? Date.now;
  fs.mkdirSync(options.directory, { recursive: true });
  const recordFile = (planId: string) => path.join(options.directory, `${safeName(planId)}.json`);
  const lockFile = (planId: string) => path.join(options.directory, `${safeName(planId)}.lock`);

  function writeAtomically(file: string, value: unknown): void {
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(value));
    fs.renameSync(temp, file);
  }

  function tryCreateLock(file: string, lease: Lease): boolean {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify(lease));
      fs.closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  return {
    async read(planId: string): Promise<LedgerEntry | null> {
      return parseLedgerEntry(readJson(recordFile(planId)));
    },

    async claim(planId: string, owner: string, leaseMs: number): Promise<boolean> {
      const file = lockFile(planId);
      const lease: Lease = { owner, expiresAt: now() + leaseMs };
      if (tryCreateLock(file, lease)) return true;
      const held = parseLease(readJson(file));
      if (held && held.owner === owner) {
        writeAtomically(file, lease);
        return true;
      }
      if (held && held.expiresAt > now()) return false;
      // Expired (or unreadable) lock: move it aside — rename is atomic, so only one contender succeeds — then
      // compete for a fresh create like everyone else.
      const aside = `${file}.expired.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch {
        return false;
      }
      return tryCreateLock(file, lease);
    },

    async release(planId: string, owner: string): Promise<void> {
      const file = lockFile(planId);
      const held = parseLease(readJson(file));
      if (held?.owner === owner) fs.rmSync(file, { force: true });
    },

    async record(planId: string, patch: LedgerEntryPatch): Promise<LedgerEntry> {
      const next = mergeLedgerEntry(planId, parseLedgerEntry(readJson(recordFile(planId))), patch, now());
      writeAtomically(recordFile(planId), next);
      return next;
    },
  };
}
