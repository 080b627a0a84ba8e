/**
 * Jira's own fields of a plan epic follow the plan: its status category (To Do → In Progress when the first
 * step starts → Done when every step is done), its due date (the forecast go-live) and its assignee (the PM).
 * A person's change wins: the roll-up records what the app last wrote (`epicFields`), and a field whose value
 * in Jira differs from that record was changed by someone, so the app leaves it alone. Pure.
 */
import { z } from 'zod';
import type { PlanStatus } from './playbook/types';
import { STATUS_CATEGORIES, type StatusCategory } from './progress';

/** The epic's fields as Jira holds them (null: empty). */
export interface EpicFields {
  status: StatusCategory;
  dueDate: string | null;
  /** The assignee's accountId. */
  assignee: string | null;
}
export type EpicFieldName = keyof EpicFields;
const EPIC_FIELD_NAMES: readonly EpicFieldName[] = ['status', 'dueDate', 'assignee'];

/** What the app last wrote (or found already right), per field; a field never handled is absent. */
export const epicFieldsRecordSchema = z.object({
  status: z.enum(STATUS_CATEGORIES).optional(),
  dueDate: z.iso.date().nullable().optional(),
  assignee: z.string().min(1).nullable().optional(),
});
export type EpicFieldsRecord = z.infer<typeof epicFieldsRecordSchema>;

/** The status category a plan in this state belongs in. */
export function epicStatusCategory(status: PlanStatus): StatusCategory {
  if (status === 'Released') return 'done';
  return status === 'In Progress' ? 'indeterminate' : 'new';
}

/** The epic fields the plan calls for; a field the app cannot know (no forecast, no PM account) is absent. */
export function wantedEpicFields(plan: { status: PlanStatus; forecastGoLive: string | null; pmAccountId: string | null }): Partial<EpicFields> {
  return {
    status: epicStatusCategory(plan.status),
    ...(plan.forecastGoLive ? { dueDate: plan.forecastGoLive } : {}),
    ...(plan.pmAccountId ? { assignee: plan.pmAccountId } : {}),
  };
}

export interface EpicFieldsDecision {
  /** The fields to write (only those that differ from Jira and that no person took over). */
  writes: Partial<EpicFields>;
  /** The record to keep in the roll-up once the writes are made. */
  record: EpicFieldsRecord;
  /** Fields a person changed since the app last wrote them: left as they are. */
  respected: EpicFieldName[];
}

/**
 * Per field: already as wanted → nothing to write (the app and Jira agree: recorded); changed in Jira since
 * the app last wrote it → a person's decision, left alone; otherwise → written.
 */
export function decideEpicFields(current: EpicFields, wanted: Partial<EpicFields>, last: EpicFieldsRecord): EpicFieldsDecision {
  const writes: Partial<Record<EpicFieldName, EpicFields[EpicFieldName]>> = {};
  const record: Partial<Record<EpicFieldName, EpicFields[EpicFieldName]>> = {};
  const respected: EpicFieldName[] = [];
  for (const field of EPIC_FIELD_NAMES) {
    const want = wanted[field];
    const before = last[field];
    if (want === undefined) {
      if (before !== undefined) record[field] = before;
    } else if (current[field] === want) {
      record[field] = want;
    } else if (before !== undefined && current[field] !== before) {
      respected.push(field);
      record[field] = before;
    } else {
      writes[field] = want;
      record[field] = want;
    }
  }
  return { writes: writes as Partial<EpicFields>, record: record as EpicFieldsRecord, respected };
}
