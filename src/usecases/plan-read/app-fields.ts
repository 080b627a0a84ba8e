/**
 * The app's Phase and RACI custom fields for plan steps generated outside the app (the CLI cannot write
 * them: Jira takes an app's field values from the app alone). The issue trigger, running as the app, reads
 * the step's `outbound-playbook` property and writes whichever value is missing or wrong — and nothing when
 * both are right, so each step gets them exactly once.
 */
import { CUSTOM_FIELDS, formatRaci, type StepPropertyValue } from '../../core';
import type { AppFieldValueUpdate, JiraAdapter } from '../../jira';
import { findAppField } from '../generate';

export type AppFieldsOutcome = 'written' | 'unchanged' | 'no-fields';

/** The Phase and RACI values a step issue should carry, from its property. */
export function stepFieldValues(property: StepPropertyValue): { phase: string; raci: string } {
  return { phase: property.phase, raci: formatRaci(property.raci) };
}

/** Two reads (the site's fields, the issue's values) and at most one write, as the app. */
export async function fillStepAppFields(jira: JiraAdapter, issueId: string, property: StepPropertyValue): Promise<AppFieldsOutcome> {
  const fields = await jira.getFields();
  const phaseField = findAppField(fields, CUSTOM_FIELDS.phase.moduleKey);
  const raciField = findAppField(fields, CUSTOM_FIELDS.raci.moduleKey);
  if (!phaseField || !raciField) return 'no-fields';
  const issue = await jira.getIssue(issueId, { fields: [phaseField, raciField] });
  const wanted = stepFieldValues(property);
  const updates: AppFieldValueUpdate[] = [
    [phaseField, wanted.phase],
    [raciField, wanted.raci],
  ]
    .filter(([field, value]) => issue.fields?.[field] !== value)
    .map(([customField, value]) => ({ customField, issueIds: [Number(issue.id)], value }));
  if (updates.length === 0) return 'unchanged';
  await jira.setAppFieldValues(updates);
  return 'written';
}
