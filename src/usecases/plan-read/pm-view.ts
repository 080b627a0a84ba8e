/**
 * The PM's view of a plan on top of the one read model: who is looking (their plan roles) and a status update
 * for each external party. Pure: the viewer comes from the Forge context at the resolver, `today` from the deps.
 */
import type { PartyStatusUpdateView, PlanProgressView, ViewerView } from '../../contract';
import { partyStatusUpdate, type RoleCode, type StatusUpdateStep } from '../../core';
import type { PlanSnapshot } from './snapshot';

/** The roles whose person in the kickoff is this account (none for an anonymous viewer). */
export function viewerView(view: PlanProgressView, accountId: string | null): ViewerView {
  const roles: RoleCode[] = accountId ? view.raci.roles.filter((r) => r.people.some((p) => p.accountId === accountId)).map((r) => r.code) : [];
  return { accountId, roles };
}

/** One status update per external role of the playbook (Biller, Core System, Transcard), as of `today`. */
export function statusUpdates(snapshot: PlanSnapshot, view: PlanProgressView, today: string): PartyStatusUpdateView[] {
  const { record } = snapshot;
  const dueDates = new Map(snapshot.steps.map((s) => [s.step, s.dueDate]));
  const raci = new Map(record.playbook.steps.map((s) => [s.number, s.raci]));
  const steps: StatusUpdateStep[] = view.raci.rows.map((row) => ({
    step: row.step,
    title: row.title,
    phase: row.phase,
    issueKey: row.issueKey,
    state: row.state,
    due: dueDates.get(row.step) ?? null,
    responsible: raci.get(row.step)?.responsible ?? [],
    consulted: raci.get(row.step)?.consulted ?? [],
  }));
  return record.playbook.roles
    .filter((role) => !role.internal)
    .map((role) => {
      const person = record.people[role.code];
      return partyStatusUpdate({
        party: role.code,
        partyName: role.name,
        contact: person ? { displayName: person.displayName, email: person.email ?? null } : null,
        biller: view.biller,
        coreSystem: view.coreSystem,
        steps,
        today,
        holidays: record.holidays,
      });
    });
}
