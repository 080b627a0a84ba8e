/**
 * Keeping roll-ups fresh: on a Jira issue event, if the issue belongs to a plan (a step or the epic),
 * recompute that plan's roll-up and write it when it changed.
 */
import { z } from 'zod';
import { PLAYBOOK_PROPERTY_KEY, playbookPropertyValueSchema } from '../../core';
import type { UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { fillStepAppFields, type AppFieldsOutcome } from './app-fields';
import { refreshRollup } from './refresh';

/** The parts of Forge's `avi:jira:created:issue` / `avi:jira:updated:issue` payload we read. */
export const issueEventSchema = z.looseObject({
  eventType: z.string(),
  issue: z.looseObject({ id: z.string(), key: z.string() }),
  changelog: z.looseObject({ items: z.array(z.looseObject({ field: z.string().optional(), fieldId: z.string().optional() })).optional() }).optional(),
});
export type IssueEvent = z.infer<typeof issueEventSchema>;

/** Fields whose change can move a plan's progress (status category, due date → overdue, parent/type → membership). */
const ROLLUP_FIELDS = new Set(['status', 'duedate', 'resolution', 'parent', 'issuetype', 'ismovedfrom']);

/** Whether the event can change a roll-up; a changelog of only other fields (summary, our app fields…) cannot. */
export function eventAffectsRollup(event: IssueEvent): boolean {
  if (event.eventType === 'avi:jira:created:issue') return true;
  if (event.eventType !== 'avi:jira:updated:issue') return false;
  const items = event.changelog?.items;
  if (!items || items.length === 0) return true;
  return items.some((item) => ROLLUP_FIELDS.has((item.fieldId ?? item.field ?? '').toLowerCase()));
}

export type IssueChangeOutcome =
  | { action: 'ignored'; reason: 'not-an-issue-event' | 'irrelevant-change' | 'not-a-plan-issue' | 'plan-not-visible' }
  | { action: 'unchanged' | 'written'; planId: string; epicKey: string; appFields?: AppFieldsOutcome };

/** `jira` acts as the app (a trigger has no user); it only reads the plan and writes its derived roll-up. */
export async function onIssueChange(deps: UseCaseDeps, rawEvent: unknown): Promise<IssueChangeOutcome> {
  const parsed = issueEventSchema.safeParse(rawEvent);
  if (!parsed.success) return { action: 'ignored', reason: 'not-an-issue-event' };
  const event = parsed.data;
  if (!eventAffectsRollup(event)) return { action: 'ignored', reason: 'irrelevant-change' };
  // The event carries no properties: one read tells a plan issue from any other issue on the site.
  const property = playbookPropertyValueSchema.safeParse(await deps.jira.getIssueProperty(event.issue.id, PLAYBOOK_PROPERTY_KEY));
  if (!property.success) return { action: 'ignored', reason: 'not-a-plan-issue' };
  // A step generated outside the app (the CLI) has no Phase/RACI values: the app sets them, once.
  const appFields = property.data.kind === 'step' ? await fillStepAppFields(deps.jira, event.issue.id, property.data) : undefined;
  const issueId = Number(event.issue.id);
  let result;
  try {
    result = await refreshRollup(deps, { planId: property.data.planId }, { reconcileIssueIds: Number.isInteger(issueId) ? [issueId] : [] });
  } catch (error) {
    // A step created right after its epic may be searched before the epic is indexed; the epic's own event
    // (or the next change) brings the roll-up up to date.
    if (error instanceof UseCaseError && error.code === 'plan-not-found') return { action: 'ignored', reason: 'plan-not-visible' };
    throw error;
  }
  return {
    action: result.written ? 'written' : 'unchanged',
    planId: property.data.planId,
    epicKey: result.epicKey,
    ...(appFields === undefined ? {} : { appFields }),
  };
}
