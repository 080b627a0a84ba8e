/**
 * The plan ledger: a small, strongly consistent entry per plan id (generation's bookkeeping; not the plan
 * record on the epic), written BEFORE and AFTER every Jira create. Jira's search index lags writes and responses can be lost, so the ledger — not a search — is
 * what makes generation exactly-once. Two implementations: Forge KVS (./kvs-ledger) and files (CLI).
 */
import { z } from 'zod';

const issueRefSchema = z.object({ id: z.string(), key: z.string() });
export type IssueRef = z.infer<typeof issueRefSchema>;

export const pendingCreateSchema = z.object({
  /** What a create request was sent for; its response has not been recorded yet. */
  epic: z.boolean(),
  steps: z.array(z.number()),
  /** Epoch ms when the request was about to be sent. */
  since: z.number(),
  /**
   * Epoch ms after which no attempt of this create can still commit (the sending call's deadline plus the
   * longest a request may be in flight; moved to the moment the outcome became unknown when that is known).
   * Absent: `since`.
   */
  settledBy: z.number().optional(),
});
export type PendingCreate = z.infer<typeof pendingCreateSchema>;

export const ledgerEntrySchema = z.object({
  planId: z.string(),
  projectKey: z.string().optional(),
  epic: issueRefSchema.optional(),
  /** Step number (as a string key) → the issue created for it. */
  steps: z.record(z.string(), issueRefSchema).default({}),
  pending: pendingCreateSchema.nullable().default(null),
  /** Ids of issues this generation created whose app custom-field values are not set yet. */
  fieldsPending: z.array(z.string()).default([]),
  /** Dependency links created, as `blockerStep>blockedStep`. */
  links: z.array(z.string()).default([]),
  remoteLinkGlobalId: z.string().nullable().default(null),
  /**
   * The project and people whose assignability Jira confirmed (`OUT|id1,id2`): later calls of the same plan skip
   * the check (Jira still refuses an assignee who lost the permission since, naming the step).
   */
  assignableChecked: z.string().nullable().default(null),
  /** Watchers Jira accepted, as `issueId:accountId` (the step's Consulted and Informed Jira users). */
  watchers: z.array(z.string()).default([]),
  /** The app's Phase/RACI field ids on this site, so a re-run's first search can read and verify their values. */
  appFields: z.object({ phase: z.string(), raci: z.string() }).nullable().default(null),
  completedAt: z.number().nullable().default(null),
  /** The completion record last written to the epic, without its timestamp: an unchanged re-run skips the write. */
  recordFingerprint: z.string().nullable().default(null),
  updatedAt: z.number().default(0),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type LedgerEntryPatch = Partial<Omit<LedgerEntry, 'planId'>>;

export interface Lease {
  owner: string;
  expiresAt: number;
  /** The holding process and its machine (file ledger): a lease of a process that died on this machine is void. */
  pid?: number;
  host?: string;
}

export interface PlanLedger {
  read(planId: string): Promise<LedgerEntry | null>;
  /**
   * Atomic create-if-absent lock on the plan, held until `release` or for `leaseMs`. True when this owner now
   * holds it (re-claiming one's own lease renews it).
   */
  claim(planId: string, owner: string, leaseMs: number): Promise<boolean>;
  release(planId: string, owner: string): Promise<void>;
  /** Shallow-merges the patch into the entry (creating it) and returns the result. Only the lease holder writes. */
  record(planId: string, patch: LedgerEntryPatch): Promise<LedgerEntry>;
}

export function emptyLedgerEntry(planId: string): LedgerEntry {
  return ledgerEntrySchema.parse({ planId });
}

export function mergeLedgerEntry(planId: string, current: LedgerEntry | null, patch: LedgerEntryPatch, now: number): LedgerEntry {
  return ledgerEntrySchema.parse({ ...(current ?? emptyLedgerEntry(planId)), ...patch, planId, updatedAt: now });
}

/** Unreadable stored data is treated as absent rather than crashing generation (it will be rebuilt by search). */
export function parseLedgerEntry(value: unknown): LedgerEntry | null {
  const parsed = ledgerEntrySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const leaseSchema = z.object({ owner: z.string(), expiresAt: z.number(), pid: z.number().int().optional(), host: z.string().optional() });

export function parseLease(value: unknown): Lease | null {
  const parsed = leaseSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
