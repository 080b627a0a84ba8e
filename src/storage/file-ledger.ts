/**
 * File-backed plan ledger for the CLI: one JSON file per plan, written atomically (temp file + rename),
 * and a lock file created with `wx` (fails if it exists), so two CLI runs on one machine serialise.
 * A lock names its process and machine: a lock left by a process that no longer runs on this machine
 * (killed, crashed) is void at once, so an immediate re-run resumes instead of waiting out the lease.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mergeLedgerEntry, parseLease, parseLedgerEntry, type Lease, type PlanLedger, type LedgerEntry, type LedgerEntryPatch } from './ledger';

export interface FileLedgerOptions {
  directory: string;
  now?: () => number;
  /** This process and machine, recorded in each lock (default: process.pid, os.hostname()). */
  pid?: number;
  host?: string;
  /** Whether a process of this machine still runs (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

export interface FileLedger extends PlanLedger {
  /** Removes every lock this ledger holds, synchronously (for SIGINT/SIGTERM handlers). */
  releaseAllSync(): void;
}

/** The ledger directory is not usable (a file, unwritable…): bad input, reported in one line. */
export class LedgerDirectoryError extends Error {
  constructor(
    readonly directory: string,
    reason: string,
  ) {
    super(`The ledger directory ${directory} cannot be used: ${reason}`);
    this.name = 'LedgerDirectoryError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

export function createFileLedger(options: FileLedgerOptions): FileLedger {
  const now = options.now ?? Date.now;
  const pid = options.pid ?? process.pid;
  const host = options.host ?? os.hostname();
  const isAlive = options.isAlive ?? processIsAlive;
  try {
    fs.mkdirSync(options.directory, { recursive: true });
    if (!fs.statSync(options.directory).isDirectory()) throw new LedgerDirectoryError(options.directory, 'it is a file, not a directory');
    fs.accessSync(options.directory, fs.constants.W_OK);
  } catch (error) {
    if (error instanceof LedgerDirectoryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it (or a parent) is a file, not a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (code ?? String(error));
    throw new LedgerDirectoryError(options.directory, reason);
  }
  /** Lock files this ledger holds, with their owner. */
  const held = new Map<string, string>();
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
      const lease: Lease = { owner, expiresAt: now() + leaseMs, pid, host };
      if (tryCreateLock(file, lease)) {
        held.set(file, owner);
        return true;
      }
      const current = parseLease(readJson(file));
      if (current && current.owner === owner) {
        writeAtomically(file, lease);
        held.set(file, owner);
        return true;
      }
      const holderGone = current?.host === host && current.pid !== undefined && current.pid !== pid && !isAlive(current.pid);
      if (current && current.expiresAt > now() && !holderGone) return false;
      // Expired (or unreadable) lock: move it aside — rename is atomic, so only one contender succeeds — then
      // compete for a fresh create like everyone else.
      const aside = `${file}.expired.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch {
        return false;
      }
      if (!tryCreateLock(file, lease)) return false;
      held.set(file, owner);
      return true;
    },

    async release(planId: string, owner: string): Promise<void> {
      const file = lockFile(planId);
      const current = parseLease(readJson(file));
      if (current?.owner === owner) fs.rmSync(file, { force: true });
      held.delete(file);
    },

    releaseAllSync(): void {
      for (const [file, owner] of held) {
        if (parseLease(readJson(file))?.owner === owner) fs.rmSync(file, { force: true });
      }
      held.clear();
    },

    async record(planId: string, patch: LedgerEntryPatch): Promise<LedgerEntry> {
      const next = mergeLedgerEntry(planId, parseLedgerEntry(readJson(recordFile(planId))), patch, now());
      writeAtomically(recordFile(planId), next);
      return next;
    },
  };
}
