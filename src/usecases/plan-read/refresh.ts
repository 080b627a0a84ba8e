/**
 * Keeping the epic's roll-up up to date from a plan snapshot: at most ONE write of the epic's
 * `outbound-playbook` property, and only when the value changed. As the app (trigger, nightly), the same
 * write also brings Jira's own epic fields (status, due date, assignee) in line with the plan.
 */
import {
  PLAYBOOK_PROPERTY_KEY,
  decideEpicFields,
  epicFieldsRecordSchema,
  wantedEpicFields,
  type EpicFieldName,
  type EpicFields,
  type EpicFieldsRecord,
  type StatusCategory,
} from '../../core';
import { JiraError, JiraNotFoundError, JiraOutcomeUnknownError, JiraPermissionError, JiraValidationError, type JiraAdapter } from '../../jira';
import type { UseCaseDeps } from '../deps';
import { nextPropertyValue, rollupValue, type PlanRollupValue } from './rollup';
import { readPlanSnapshot, type PlanLocator, type PlanSnapshot, type ReadPlanOptions } from './snapshot';

export function freshRollup(snapshot: PlanSnapshot): PlanRollupValue {
  return rollupValue({
    plan: snapshot.epic.property,
    integrationType: snapshot.record.integrationType,
    capabilities: snapshot.record.capabilities,
    progress: snapshot.progress,
    forecast: snapshot.forecast,
    owner: planOwner(snapshot),
  });
}

/** Who owns the plan, by name: its Project Manager, else the person accountable for its first step. */
export function planOwner(snapshot: PlanSnapshot): string | null {
  const people = snapshot.record.people;
  const firstAccountable = snapshot.record.plan?.steps[0]?.raci.accountable;
  return people.PM?.displayName ?? (firstAccountable ? (people[firstAccountable]?.displayName ?? null) : null);
}

export interface RollupWrite {
  epicKey: string;
  written: boolean;
  value: PlanRollupValue;
  /** As the app: the epic's own fields written, and those left alone because a person changed them. */
  epicFields?: { written: EpicFieldName[]; respected: EpicFieldName[] };
}

/** Writes the fresh roll-up to the epic when it differs from the stored one. */
export async function writeRollupIfChanged(jira: JiraAdapter, snapshot: PlanSnapshot): Promise<RollupWrite> {
  const value = freshRollup(snapshot);
  const next = nextPropertyValue(snapshot.epic.storedProperty, value);
  if (next !== null) await jira.setIssueProperty(snapshot.epic.key, PLAYBOOK_PROPERTY_KEY, next);
  return { epicKey: snapshot.epic.key, written: next !== null, value };
}

/**
 * For reads made as the user: a user who may browse the epic but not edit it still gets the fresh value;
 * the stored roll-up then waits for the trigger.
 */
export async function tryWriteRollup(jira: JiraAdapter, snapshot: PlanSnapshot): Promise<RollupWrite> {
  try {
    return await writeRollupIfChanged(jira, snapshot);
  } catch (error) {
    if (error instanceof JiraError) return { epicKey: snapshot.epic.key, written: false, value: freshRollup(snapshot) };
    throw error;
  }
}

/** Read + write in one go, as the app (the trigger, the nightly refresh): the roll-up and the epic's own fields. */
export async function refreshRollup(deps: UseCaseDeps, locator: PlanLocator, options: ReadPlanOptions = {}): Promise<RollupWrite & { snapshot: PlanSnapshot }> {
  const snapshot = await readPlanSnapshot(deps, locator, options);
  return { ...(await writeRollupAndEpicFields(deps.jira, snapshot)), snapshot };
}

/** What the app last wrote to the epic's own fields, from the stored roll-up. */
export function storedEpicFields(storedProperty: unknown): EpicFieldsRecord {
  const stored = typeof storedProperty === 'object' && storedProperty !== null ? (storedProperty as { epicFields?: unknown }).epicFields : undefined;
  const parsed = epicFieldsRecordSchema.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

/** Jira refused or may not have applied the write: the next pass reads the epic again and decides anew. */
const isRefusal = (error: unknown): boolean =>
  error instanceof JiraValidationError ||
  error instanceof JiraPermissionError ||
  error instanceof JiraNotFoundError ||
  error instanceof JiraOutcomeUnknownError;

/** Moves the epic to a status of the category along a transition Jira offers (looked up, never a fixed id). */
async function transitionEpic(jira: JiraAdapter, epicKey: string, category: StatusCategory): Promise<boolean> {
  try {
    const transition = (await jira.getTransitions(epicKey)).find((t) => t.to?.statusCategory?.key === category);
    if (!transition) return false;
    await jira.transitionIssue(epicKey, transition.id);
    return true;
  } catch (error) {
    if (isRefusal(error)) return false;
    throw error;
  }
}

function fieldValues(writes: Partial<EpicFields>): Record<string, unknown> {
  return {
    ...(writes.dueDate !== undefined ? { duedate: writes.dueDate } : {}),
    ...(writes.assignee !== undefined ? { assignee: writes.assignee === null ? null : { accountId: writes.assignee } } : {}),
  };
}

/** The record with these fields back at what the app last wrote (absent when it never wrote them): Jira did not take them. */
function revert(record: EpicFieldsRecord, last: EpicFieldsRecord, fields: readonly EpicFieldName[]): EpicFieldsRecord {
  const merged: Record<string, unknown> = { ...record, ...Object.fromEntries(fields.map((f) => [f, last[f]])) };
  return epicFieldsRecordSchema.parse(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));
}

function withRecord(value: PlanRollupValue, record: EpicFieldsRecord): PlanRollupValue {
  return Object.keys(record).length > 0 ? { ...value, epicFields: record } : value;
}

/**
 * As the app: the fresh roll-up plus the epic's status (a transition, first, when the plan moved to another
 * status category), due date (the forecast go-live) and assignee (the PM), each only when it differs and no
 * person changed it since the app last wrote it. Due date and assignee ride in the roll-up's own write (one
 * edit of fields and property); what was written is recorded in the roll-up only once Jira took it.
 */
export async function writeRollupAndEpicFields(jira: JiraAdapter, snapshot: PlanSnapshot): Promise<RollupWrite> {
  const last = storedEpicFields(snapshot.epic.storedProperty);
  const decision = decideEpicFields(
    snapshot.epic.fields,
    wantedEpicFields({
      status: snapshot.progress.status,
      forecastGoLive: snapshot.forecast?.goLive ?? null,
      pmAccountId: snapshot.record.people.PM?.accountId ?? null,
    }),
    last,
  );
  const written: EpicFieldName[] = [];
  let record: EpicFieldsRecord = decision.record;
  if (decision.writes.status !== undefined) {
    if (await transitionEpic(jira, snapshot.epic.key, decision.writes.status)) written.push('status');
    else record = revert(record, last, ['status']);
  }
  const fresh = freshRollup(snapshot);
  const fields = fieldValues(decision.writes);
  const value = withRecord(fresh, record);
  const next = nextPropertyValue(snapshot.epic.storedProperty, value);
  const result = (wrote: boolean, v: PlanRollupValue): RollupWrite => ({
    epicKey: snapshot.epic.key,
    written: wrote,
    value: v,
    epicFields: { written, respected: decision.respected },
  });
  if (Object.keys(fields).length === 0) {
    if (next !== null) await jira.setIssueProperty(snapshot.epic.key, PLAYBOOK_PROPERTY_KEY, next);
    return result(next !== null, value);
  }
  try {
    await jira.editIssue(snapshot.epic.key, { fields, properties: next === null ? [] : [{ key: PLAYBOOK_PROPERTY_KEY, value: next }] });
    written.push(...(['dueDate', 'assignee'] as const).filter((f) => decision.writes[f] !== undefined));
    return result(next !== null, value);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // Jira refused the fields (e.g. the PM may no longer be assigned issues): the roll-up is still written,
    // recording only what Jira holds from the app.
    const unwritten = (['dueDate', 'assignee'] as const).filter((f) => decision.writes[f] !== undefined);
    const fallback = withRecord(fresh, revert(record, last, unwritten));
    const nextFallback = nextPropertyValue(snapshot.epic.storedProperty, fallback);
    if (nextFallback !== null) await jira.setIssueProperty(snapshot.epic.key, PLAYBOOK_PROPERTY_KEY, nextFallback);
    return result(nextFallback !== null, fallback);
  }
}
