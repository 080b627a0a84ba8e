/**
 * The naive baseline: how a simple script would generate the same plan. Plain `fetch` with Basic auth,
 * one REST call per issue, per issue property, per custom-field value, per link, each awaited before the
 * next. It writes what our generator writes (epic + 25 step issues, their `outbound-playbook` property, the
 * plan record on the epic, Phase and RACI values, the Blocks links, the page's remote link), so the two are
 * compared on equal output.
 */
import {
  CUSTOM_FIELDS,
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_LABEL,
  PLAYBOOK_PROPERTY_KEY,
  applicableSteps,
  planPropertyValue,
  stepPropertyValue,
  type Plan,
} from '../../src/core';
import { findAppField } from '../../src/usecases/generate/preflight';
import { basicAuthorization, type BasicCredentials } from '../../src/local/jira/transport';
import { z } from 'zod';

export interface NaiveGenerateOptions {
  baseUrl: string;
  /** The generating user. */
  user: BasicCredentials;
  /** Jira accepts an app's custom-field values only from the app; null: the stand-in offers no such identity over HTTP. */
  app: BasicCredentials | null;
  plan: Plan;
  issueTypes?: { epic: string; task: string };
  linkType?: string;
}

export interface NaiveGenerateResult {
  epicKey: string;
  stepKeys: Record<number, string>;
  links: number;
  fieldValues: number;
}

const createdSchema = z.object({ id: z.string(), key: z.string() });
const fieldsSchema = z.array(z.looseObject({ id: z.string(), key: z.string().optional(), name: z.string() }));

/** A plain text description as a simple script would send it (one ADF paragraph per line). */
function adfText(text: string): unknown {
  const paragraphs = text.split('\n').filter((line) => line.trim() !== '');
  return { type: 'doc', version: 1, content: paragraphs.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) };
}

export async function naiveGenerate(options: NaiveGenerateOptions): Promise<NaiveGenerateResult> {
  const { plan } = options;
  const issueTypes = options.issueTypes ?? { epic: 'Epic', task: 'Task' };
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(as: BasicCredentials, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(base + path, {
      method,
      headers: { Accept: 'application/json', Authorization: basicAuthorization(as), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`naive baseline: ${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  }
  const asUser = (method: string, path: string, body?: unknown) => call(options.user, method, path, body);

  const fields = fieldsSchema.parse(await asUser('GET', '/rest/api/3/field'));
  const phaseField = findAppField(fields, CUSTOM_FIELDS.phase.moduleKey);
  const raciField = findAppField(fields, CUSTOM_FIELDS.raci.moduleKey);

  const createIssue = async (issueFields: Record<string, unknown>) =>
    createdSchema.parse(await asUser('POST', '/rest/api/3/issue', { fields: { project: { key: plan.projectKey }, labels: [PLAYBOOK_LABEL], ...issueFields } }));

  const epic = await createIssue({ issuetype: { name: issueTypes.epic }, summary: plan.title, description: adfText(`${plan.biller} × ${plan.coreSystem}`) });
  await asUser('PUT', `/rest/api/3/issue/${epic.key}/properties/${PLAYBOOK_PROPERTY_KEY}`, planPropertyValue(plan));
  await asUser('PUT', `/rest/api/3/issue/${epic.key}/properties/${PLAN_RECORD_PROPERTY_KEY}`, { planId: plan.planId, kickoff: plan.kickoff, templateVersion: plan.templateVersion });
  if (plan.kickoff.page?.url) {
    await asUser('POST', `/rest/api/3/issue/${epic.key}/remotelink`, { globalId: `confluence-page-${plan.kickoff.page.id}`, object: { url: plan.kickoff.page.url, title: plan.kickoff.page.title ?? 'Kickoff page' } });
  }

  const stepKeys: Record<number, string> = {};
  const stepIds: Record<number, string> = {};
  for (const step of applicableSteps(plan)) {
    const issue = await createIssue({
      issuetype: { name: issueTypes.task },
      summary: `${step.number}. ${step.title}`,
      description: adfText(step.description),
      parent: { key: epic.key },
      assignee: { accountId: step.assignee.accountId },
      duedate: step.due,
    });
    stepKeys[step.number] = issue.key;
    stepIds[step.number] = issue.id;
    await asUser('PUT', `/rest/api/3/issue/${issue.key}/properties/${PLAYBOOK_PROPERTY_KEY}`, stepPropertyValue(plan, step));
  }

  let fieldValues = 0;
  if (options.app) {
    for (const step of applicableSteps(plan)) {
      for (const [field, value] of [
        [phaseField, step.phase],
        [raciField, step.raciText],
      ] as const) {
        if (!field) continue;
        await call(options.app, 'PUT', `/rest/api/3/app/field/${field}/value`, { updates: [{ issueIds: [Number(stepIds[step.number])], value }] });
        fieldValues += 1;
      }
    }
  }

  let links = 0;
  for (const step of applicableSteps(plan)) {
    for (const blocker of step.dependsOn) {
      await asUser('POST', '/rest/api/3/issueLink', {
        type: { name: options.linkType ?? 'Blocks' },
        inwardIssue: { key: stepKeys[blocker] },
        outwardIssue: { key: stepKeys[step.number] },
      });
      links += 1;
    }
  }
  return { epicKey: epic.key, stepKeys, links, fieldValues };
}
