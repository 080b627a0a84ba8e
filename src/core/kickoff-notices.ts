/**
 * What the SA should know about a kickoff before and after generating, as plain data: non-blocking warnings
 * on a plan (a kickoff in the past, a core system the playbook does not list) and what a saved kickoff
 * changed since its plan was generated. Pure: `today` is given by the caller.
 */
import { applicableSteps, type Plan } from './plan';
import type { Playbook } from './playbook/types';

export type KickoffWarningKind = 'overdue-at-birth' | 'unknown-core-system' | 'new-capability';

export interface KickoffWarning {
  kind: KickoffWarningKind;
  message: string;
}

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The capability's name in the playbook (its code when the playbook does not know it). */
export function capabilityName(playbook: Playbook, code: string): string {
  return playbook.capabilities.find((c) => c.code === code)?.name ?? code;
}

/** Warnings that do not stop generation but that the SA should see in the preview. */
export function kickoffWarnings(plan: Plan, playbook: Playbook, today: string): KickoffWarning[] {
  const warnings: KickoffWarning[] = [];
  const overdue = applicableSteps(plan).filter((s) => s.due < today).length;
  if (plan.kickoff.kickoffDate < today && overdue > 0)
    warnings.push({
      kind: 'overdue-at-birth',
      message: `The kickoff date ${plan.kickoff.kickoffDate} is in the past: ${plural(overdue, 'step')} will be overdue at birth (due before ${today}).`,
    });
  const integration = playbook.supportedIntegrations.find((i) => normalise(i.coreSystem) === normalise(plan.coreSystem));
  if (!integration) {
    const known = [...new Set(playbook.supportedIntegrations.map((i) => i.coreSystem))];
    warnings.push({
      kind: 'unknown-core-system',
      message: `${plan.coreSystem} is not in the playbook's Supported Integrations (${known.length ? `known: ${known.join(', ')}` : 'none listed'}); this will be a new core system integration.`,
    });
  } else if (integration.capabilities.length > 0) {
    const unsupported = plan.capabilities.filter((c) => !integration.capabilities.includes(c));
    if (unsupported.length > 0)
      warnings.push({
        kind: 'new-capability',
        message: `${integration.coreSystem} supports ${integration.capabilities.map((c) => capabilityName(playbook, c)).join(', ')}; ${unsupported.map((c) => capabilityName(playbook, c)).join(', ')} would be new for it.`,
      });
  }
  return warnings;
}

export interface KickoffChanges {
  /** One line per change, e.g. "1 capability added: Premium refunds". Empty when nothing that shapes the plan changed. */
  changes: string[];
  /** Steps the saved kickoff applies that the generated plan does not have, and the reverse. */
  stepsAdded: number[];
  stepsRemoved: number[];
}

/**
 * What the saved kickoff changed since generation, comparing the plan built from it with the plan built from
 * the kickoff stored on the plan record. Only what shapes the plan in Jira counts (scope, dates, people).
 */
export function kickoffChanges(generated: Plan, saved: Plan, playbook: Playbook): KickoffChanges {
  const changes: string[] = [];
  const names = (codes: readonly string[]) => codes.map((c) => capabilityName(playbook, c)).join(', ');
  const added = saved.capabilities.filter((c) => !generated.capabilities.includes(c));
  const removed = generated.capabilities.filter((c) => !saved.capabilities.includes(c));
  if (added.length) changes.push(`${plural(added.length, 'capability', 'capabilities')} added: ${names(added)}`);
  if (removed.length) changes.push(`${plural(removed.length, 'capability', 'capabilities')} removed: ${names(removed)}`);
  if (saved.integrationType !== generated.integrationType)
    changes.push(`integration type changed from ${generated.integrationType} to ${saved.integrationType}`);
  if (saved.kickoff.kickoffDate !== generated.kickoff.kickoffDate)
    changes.push(`kickoff date moved from ${generated.kickoff.kickoffDate} to ${saved.kickoff.kickoffDate}`);
  const holidays = (p: Plan) => [...p.kickoff.holidays].sort().join(',');
  if (holidays(saved) !== holidays(generated)) changes.push('holidays changed');
  for (const role of playbook.roles) {
    const before = generated.roles[role.code];
    const after = saved.roles[role.code];
    const who = (p: typeof before) => (p ? (p.accountId ?? normalise(p.displayName)) : null);
    if (who(before) !== who(after))
      changes.push(`${role.name} changed${before ? ` from ${before.displayName}` : ''}${after ? ` to ${after.displayName}` : ' to nobody'}`);
  }
  const stepsOf = (p: Plan) => new Set(applicableSteps(p).map((s) => s.number));
  const [was, now] = [stepsOf(generated), stepsOf(saved)];
  const stepsAdded = [...now].filter((n) => !was.has(n));
  const stepsRemoved = [...was].filter((n) => !now.has(n));
  if (stepsAdded.length)
    changes.push(
      `${plural(stepsAdded.length, 'step')} now ${stepsAdded.length === 1 ? 'applies' : 'apply'} that the plan does not have (${stepsAdded.join(', ')})`,
    );
  if (stepsRemoved.length)
    changes.push(
      `${plural(stepsRemoved.length, 'step')} in the plan no longer ${stepsRemoved.length === 1 ? 'applies' : 'apply'} (${stepsRemoved.join(', ')})`,
    );
  return { changes, stepsAdded, stepsRemoved };
}
