/**
 * The playbook template's admin page (Jira admins only, checked as the user: Jira's global ADMINISTER
 * permission through `GET /mypermissions`) and the playbook page's two macros (any signed-in user).
 * Validation is the core's (`parseTemplateJson`); publishing and its optimistic concurrency are the template
 * store's (one write-once KVS key per base version). Nothing here writes to Jira.
 */
import {
  derivePlaybook,
  diffTemplates,
  parseTemplateJson,
  prepareRelease,
  releaseEntry,
  templateToJson,
  type ChangeLogEntry,
  type PlanStatus,
  type PlaybookData,
  type TemplateFieldError,
} from '../../core';
import { allPlansJql } from '../../core/jql';
import { PLAN_STATUSES } from '../../core/playbook/types';
import type {
  PlaybookPageView,
  PublishTemplateResult,
  SupportedIntegrationRowView,
  SupportedIntegrationsPageView,
  TemplateAdminView,
  TemplateDiffView,
  TemplateDraftCheck,
} from '../../contract';
import type { JiraAdapter } from '../../jira';
import type { TemplateStore } from '../../storage/template-store';
import { todayOf, type UseCaseDeps } from '../deps';
import { UseCaseError } from '../errors';
import { isCompleteRollup, planRollupValueSchema } from '../plan-read';
import { PLAYBOOK_PROPERTY_KEY } from '../../core';
import { coreSystemKey, readEpicsByJql } from '../portfolio';

export interface TemplateAdminDeps extends UseCaseDeps {
  templates: TemplateStore;
}

/** Refuses anyone Jira does not report as holding ADMINISTER (asked as the user, so Jira decides). */
export async function requireJiraAdmin(jira: JiraAdapter): Promise<void> {
  const held = await jira.getMyGlobalPermissions(['ADMINISTER']);
  if (!held.ADMINISTER)
    throw new UseCaseError('admin-required', 'Only Jira admins can edit the playbook template. Ask a Jira admin to make this change.', {
      missing: ['ADMINISTER'],
    });
}

/** The version after `version` ("1.5" → "1.6", "1.9" → "1.10"). */
export function nextVersion(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor + 1}`;
}

function invalid(errors: readonly TemplateFieldError[]): UseCaseError {
  const first = errors[0];
  const where = first?.path ? `${first.path}: ` : '';
  return new UseCaseError(
    'template-invalid',
    `The draft is not a valid playbook template (${errors.length} problem${errors.length === 1 ? '' : 's'}; first: ${where}${first?.message ?? 'unknown'}).`,
    { errors: errors.map((e) => ({ field: e.path, message: e.message })) },
  );
}

export async function getTemplateAdmin(deps: TemplateAdminDeps): Promise<TemplateAdminView> {
  const [, history] = await Promise.all([requireJiraAdmin(deps.jira), deps.templates.history()]);
  const current = history[history.length - 1];
  return { current, json: templateToJson(current), versions: history.map(releaseEntry), nextVersion: nextVersion(current.version) };
}

/** Validates a draft (the editor's JSON, or an imported file) and, when valid, what it changes against the current version. */
export async function checkTemplateDraft(deps: TemplateAdminDeps, input: { json: string }): Promise<TemplateDraftCheck> {
  const [, current] = await Promise.all([requireJiraAdmin(deps.jira), deps.templates.current()]);
  const checked = parseTemplateJson(input.json);
  if (!checked.ok) return { valid: false, errors: checked.errors, draft: null, diff: null };
  return { valid: true, errors: [], draft: checked.template, diff: diffTemplates(current, checked.template) };
}

export interface PublishInput {
  json: string;
  basedOn: string;
  summary: string;
  /** The acting admin (from the Forge context); the change log names them as Jira does. */
  accountId: string;
}

/**
 * Publishes the draft as the version after `basedOn`, with its change-log row (today, the admin's Jira name,
 * the summary). A stale draft (another admin published since) is refused with a conflict; the draft is never
 * stored or altered, so the admin still holds it. Publishing the same draft again answers `alreadyPublished`.
 */
export async function publishTemplate(deps: TemplateAdminDeps, input: PublishInput): Promise<PublishTemplateResult> {
  const [, users, base] = await Promise.all([requireJiraAdmin(deps.jira), deps.jira.getUsersByAccountId([input.accountId]), deps.templates.get(input.basedOn)]);
  const checked = parseTemplateJson(input.json);
  if (!checked.ok) throw invalid(checked.errors);
  if (!base) throw new UseCaseError('template-version-not-found', `There is no published playbook version ${input.basedOn} to base a draft on.`);
  const entry: ChangeLogEntry = {
    version: nextVersion(input.basedOn),
    date: todayOf(deps),
    author: users.get(input.accountId)?.displayName ?? 'Jira admin',
    summary: input.summary,
  };
  const outcome = await deps.templates.publish({ draft: prepareRelease(base, checked.template, entry), basedOn: input.basedOn });
  if (outcome.ok) return { version: outcome.template.version, entry: releaseEntry(outcome.template), alreadyPublished: outcome.alreadyPublished };
  switch (outcome.reason) {
    case 'conflict':
      throw new UseCaseError('template-conflict', outcome.message, { current: outcome.current });
    case 'invalid':
      throw invalid(outcome.errors);
    case 'unknown-base':
      throw new UseCaseError('template-version-not-found', outcome.message);
  }
}

export async function diffTemplateVersions(deps: TemplateAdminDeps, input: { from: string; to: string }): Promise<TemplateDiffView> {
  const [, from, to] = await Promise.all([requireJiraAdmin(deps.jira), deps.templates.get(input.from), deps.templates.get(input.to)]);
  const missing = [!from && input.from, !to && input.to].filter((v): v is string => typeof v === 'string');
  if (!from || !to) throw new UseCaseError('template-version-not-found', `No published playbook version ${missing.join(' or ')}.`);
  return diffTemplates(from, to);
}

/** The Playbook macro: the current published version, as the app generates plans from it. */
export async function getPlaybookPage(deps: Pick<TemplateAdminDeps, 'templates'>): Promise<PlaybookPageView> {
  return { playbook: derivePlaybook(await deps.templates.current()) };
}

const statusRank = (status: PlanStatus) => PLAN_STATUSES.indexOf(status);

/**
 * The Supported Integrations macro: the current version's rows brought up to date by every plan the user
 * can see (one search of plan epics and their roll-ups, as the portfolio reads them): the most advanced
 * status, the plans' billers added, capabilities by name, and each plan to link to. A core system only
 * plans use gets its own row after the template's.
 */
export async function getSupportedIntegrationsPage(deps: TemplateAdminDeps): Promise<SupportedIntegrationsPageView> {
  const [template, issues] = await Promise.all([deps.templates.current(), readEpicsByJql(deps.jira, allPlansJql())]);
  const rows = new Map<string, SupportedIntegrationRowView & { codes: Set<string> }>();
  const rowOf = (coreSystem: string, template?: PlaybookData['supportedIntegrations'][number]) => {
    const key = coreSystemKey(coreSystem);
    let row = rows.get(key);
    if (!row) {
      row = {
        coreSystem,
        status: template?.status ?? 'Initiated',
        details: template?.details ?? null,
        billers: [...(template?.billers ?? [])],
        capabilities: [],
        plans: [],
        codes: new Set(template?.capabilities ?? []),
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const integration of template.supportedIntegrations) rowOf(integration.coreSystem, integration);
  const plans = issues.flatMap((issue) => {
    const value = planRollupValueSchema.safeParse(issue.properties?.[PLAYBOOK_PROPERTY_KEY]);
    return value.success && isCompleteRollup(value.data) ? [{ epicKey: issue.key, rollup: value.data }] : [];
  });
  plans.sort((a, b) => a.rollup.biller.localeCompare(b.rollup.biller) || a.epicKey.localeCompare(b.epicKey));
  for (const { epicKey, rollup } of plans) {
    const row = rowOf(rollup.coreSystem);
    row.plans.push({ epicKey, biller: rollup.biller, status: rollup.status });
    if (!row.billers.some((b) => b.toLowerCase() === rollup.biller.toLowerCase())) row.billers.push(rollup.biller);
    if (statusRank(rollup.status) > statusRank(row.status)) row.status = rollup.status;
    for (const code of rollup.capabilities) row.codes.add(code);
  }
  const names = new Map(template.capabilities.map((c) => [c.code as string, c.name]));
  const order = template.capabilities.map((c) => c.code as string);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return {
    version: template.version,
    rows: [...rows.values()].map(({ codes, ...row }) => ({
      ...row,
      capabilities: [...codes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((code) => names.get(code) ?? code),
    })),
  };
}
