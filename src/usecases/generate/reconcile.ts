/**
 * Pure reconciliation: what the plan needs, what the ledger remembers, what Jira's search returned →
 * what exists, what to create, and whether an unanswered create must be waited for (index lag).
 */
import type { IssueRef, PendingCreate, LedgerEntry } from '../../storage';

/** A plan issue as found by the search (from its `outbound-playbook` property). */
export interface FoundIssue {
  id: string;
  key: string;
  kind: 'plan' | 'step' | 'unknown';
  step: number | null;
  /** Blocks links on this issue: keys of issues it blocks. */
  blocks: string[];
}

export interface PlanShape {
  /** Every step of the template, applicable or not. */
  steps: { number: number; applicable: boolean; dependsOn: number[] }[];
}

export interface Reconciled {
  epic: IssueRef | null;
  /** Step number → its issue (applicable or not). */
  stepIssues: Map<number, IssueRef>;
  /** Applicable steps with no issue yet, ascending. */
  missingSteps: number[];
  /** Issues of steps the current kickoff makes not applicable (reported, never deleted). */
  notApplicable: { step: number; key: string }[];
  /** Extra issues found for an already-known step or epic (should never happen; reported). */
  duplicates: string[];
  /** A create was sent but its issues are neither recorded nor found yet. */
  unresolvedPending: PendingCreate | null;
  /** Dependency links present, as `blockerStep>blockedStep`. */
  links: Set<string>;
}

export function linkId(blocker: number, blocked: number): string {
  return `${blocker}>${blocked}`;
}

/** `blocker>blocked` for every dependency between two applicable steps. */
export function requiredLinks(plan: PlanShape): string[] {
  const applicable = new Set(plan.steps.filter((s) => s.applicable).map((s) => s.number));
  return plan.steps.filter((s) => s.applicable).flatMap((s) => s.dependsOn.filter((d) => applicable.has(d)).map((d) => linkId(d, s.number)));
}

export function knownIssueIds(record: LedgerEntry | null): number[] {
  if (!record) return [];
  return [record.epic, ...Object.values(record.steps)].flatMap((ref) => (ref ? [Number(ref.id)] : [])).filter(Number.isFinite);
}

export function reconcile(plan: PlanShape, record: LedgerEntry | null, found: readonly FoundIssue[]): Reconciled {
  const duplicates: string[] = [];
  let epic: IssueRef | null = record?.epic ?? null;
  const stepIssues = new Map<number, IssueRef>(Object.entries(record?.steps ?? {}).map(([n, ref]) => [Number(n), ref]));
  // Deterministic adoption order: lowest id first, so two readers agree on which duplicate is "the" issue.
  const ordered = [...found].sort((a, b) => Number(a.id) - Number(b.id));
  for (const issue of ordered) {
    const ref = { id: issue.id, key: issue.key };
    if (issue.kind === 'plan') {
      if (!epic) epic = ref;
      else if (epic.id !== issue.id) duplicates.push(issue.key);
    } else if (issue.kind === 'step' && issue.step !== null) {
      const known = stepIssues.get(issue.step);
      if (!known) stepIssues.set(issue.step, ref);
      else if (known.id !== issue.id) duplicates.push(issue.key);
    }
  }

  const byNumber = new Map(plan.steps.map((s) => [s.number, s]));
  const missingSteps = plan.steps
    .filter((s) => s.applicable && !stepIssues.has(s.number))
    .map((s) => s.number)
    .sort((a, b) => a - b);
  const notApplicable = [...stepIssues.entries()]
    .filter(([n]) => !byNumber.get(n)?.applicable)
    .map(([step, ref]) => ({ step, key: ref.key }))
    .sort((a, b) => a.step - b.step);

  const pending = record?.pending ?? null;
  const unresolved = pending && ((pending.epic && !epic) || pending.steps.some((n) => !stepIssues.has(n))) ? pending : null;

  const stepByKey = new Map([...stepIssues.entries()].map(([n, ref]) => [ref.key, n]));
  const links = new Set(record?.links ?? []);
  for (const issue of found) {
    const blocker = stepByKey.get(issue.key);
    if (blocker === undefined) continue;
    for (const key of issue.blocks) {
      const blocked = stepByKey.get(key);
      if (blocked !== undefined) links.add(linkId(blocker, blocked));
    }
  }

  return { epic, stepIssues, missingSteps, notApplicable, duplicates, unresolvedPending: unresolved, links };
}

/**
 * Splits link writes into waves that keep each issue under Jira's per-issue write limit
 * (20 writes per 2 s; a link writes to both of its issues).
 */
export function linkWaves(links: readonly string[], perIssueLimit: number): string[][] {
  const waves: { links: string[]; load: Map<string, number> }[] = [];
  for (const link of links) {
    const [a, b] = link.split('>');
    let wave = waves.find((w) => (w.load.get(a) ?? 0) < perIssueLimit && (w.load.get(b) ?? 0) < perIssueLimit);
    if (!wave) {
      wave = { links: [], load: new Map() };
      waves.push(wave);
    }
    wave.links.push(link);
    wave.load.set(a, (wave.load.get(a) ?? 0) + 1);
    wave.load.set(b, (wave.load.get(b) ?? 0) + 1);
  }
  return waves.map((w) => w.links);
}
