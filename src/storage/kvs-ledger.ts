/**
 * Forge KVS plan ledger. KVS is strongly consistent per key; the claim is one atomic
 * `set(..., { keyPolicy: 'FAIL_IF_EXISTS', ttl })`, so of two concurrent Generate clicks exactly one wins.
 * The TTL frees the lease of an invocation that died (Forge stops a resolver at 25 s; leases are longer).
 */
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import { mergeLedgerEntry, parseLease, parseLedgerEntry, type Lease, type PlanLedger, type LedgerEntry, type LedgerEntryPatch } from './ledger';

export interface KvsLedgerOptions {
  now?: () => number;
  /** Key prefix, e.g. to keep environments apart in tests. */
  prefix?: string;
}

/** KVS keys allow letters, digits and `:._-#` and spaces; anything else in a plan id is hex-escaped. */
function keyPart(planId: string): string {
  return planId.replace(/[^a-zA-Z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16)}`);
}

function isConflict(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || error.code === 'KEY_CONFLICT');
}

export function createKvsLedger(options: KvsLedgerOptions = {}): PlanLedger {
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'playbook';
  const recordKey = (planId: string) => `${prefix}:plan:${keyPart(planId)}`;
  const lockKey = (planId: string) => `${prefix}:lock:${keyPart(planId)}`;

  return {
    async read(planId: string): Promise<LedgerEntry | null> {
      return parseLedgerEntry(await kvs.get<unknown>(recordKey(planId)));
    },

    async claim(planId: string, owner: string, leaseMs: number): Promise<boolean> {
      const lease: Lease = { owner, expiresAt: now() + leaseMs };
      const ttl = { value: Math.max(1, Math.ceil(leaseMs / 1000)), unit: 'SECONDS' as const };
      try {
        await kvs.set(lockKey(planId), lease, { keyPolicy: 'FAIL_IF_EXISTS', ttl });
        return true;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      const held = parseLease(await kvs.get<unknown>(lockKey(planId)));
      // Another holder's live lease wins. One whose expiresAt passed is taken over: KVS deletes a key some time
      // after its TTL (up to 48 h), so the key's presence alone does not mean the lease is held.
      if (held && held.owner !== owner && held.expiresAt > now()) return false;
      await kvs.set(lockKey(planId), lease, { keyPolicy: 'OVERRIDE', ttl });
      if (held?.owner === owner) return true;
      // A takeover: of two claimants taking over the same expired lease, the one whose write stands holds it.
      return parseLease(await kvs.get<unknown>(lockKey(planId)))?.owner === owner;
    },

    async release(planId: string, owner: string): Promise<void> {
      const held = parseLease(await kvs.get<unknown>(lockKey(planId)));
      if (held?.owner === owner) await kvs.delete(lockKey(planId));
    },

    async record(planId: string, patch: LedgerEntryPatch): Promise<LedgerEntry> {
      const next = mergeLedgerEntry(planId, parseLedgerEntry(await kvs.get<unknown>(recordKey(planId))), patch, now());
      await kvs.set(recordKey(planId), next);
      return next;
    },
  };
}
