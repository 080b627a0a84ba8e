/**
 * The naive baseline: how a simple script would generate the same plan. Plain `fetch` with Basic auth,
 * one REST call per issue, per issue property, per custom-field value, per link, each awaited before the
 * next. It sends the very bodies our generator sends (the generation use case's own builders: epic and step
 * fields, the indexed property, the plan record, Phase/RACI values, Blocks links, the page's remote link), so
 * the two are compared on equal output; only the number and order of requests differ.
 */
import { z } from 'zod';
import { CUSTOM_FIELDS, PLAN_RECORD_PROPERTY_KEY, applicableSteps } from '../../src/core';
import type { IssueInput } from '../../src/jira';
import { basicAuthorization, type BasicCredentials } from '../../src/local/jira/transport';
import { buildGenerationPlan, planRecordValue, remoteLinkGlobalId } from '../../src/usecases/generate';
import { epicIssueInput, stepIssueInput } from '../../src/usecases/generate/plan-issues';
import { findAppField, pickIssueTypes } from '../../src/usecases/generate/preflight';
import { expectedWatchers } from '../../src/usecases/generate/generate';

export interface NaiveGenerateOptions {
  baseUrl: string;
  /** The generating user. */
  user: BasicCredentials;
  /** Jira accepts an app's custom-field values only from the app; null: the stand-in offers no such identity over HTTP. */
  app: BasicCredentials | null;
  kickoff: unknown;
}

export interface NaiveGenerateResult {
  planId: string;
  epicKey: string;
  stepKeys: Record<number, string>;
  links: number;
  fieldValues: number;
}

const createdSchema = z.object({ id: z.string(), key: z.string() });
const fieldsSchema = z.array(z.looseObject({ id: z.string(), key: z.string().optional(), name: z.string() }));
const issueTypesSchema = z.looseObject({ issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string(), subtask: z.boolean().optional() })) });

export async function naiveGenerate(options: NaiveGenerateOptions): Promise<NaiveGenerateResult> {
  const generation = buildGenerationPlan(options.kickoff);
  const { plan } = generation;
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
  const types = issueTypesSchema.parse(await asUser('GET', `/rest/api/3/issue/createmeta/${plan.projectKey}/issuetypes`));
  const typeIds = pickIssueTypes(plan.projectKey, types.issueTypes, { epic: 'Epic', task: 'Task' });

  /** One create, then one PUT per property (a simple script does not know creates can carry properties). */
  async function createWithProperties(input: IssueInput) {
    const issue = createdSchema.parse(await asUser('POST', '/rest/api/3/issue', { fields: input.fields }));
    for (const property of input.properties ?? []) await asUser('PUT', `/rest/api/3/issue/${issue.key}/properties/${property.key}`, property.value);
    return issue;
  }

  const epic = await createWithProperties(epicIssueInput(generation, typeIds.epic));
  const stepKeys: Record<number, string> = {};
  const stepIds: Record<number, string> = {};
  for (const step of applicableSteps(plan)) {
    const issue = await createWithProperties(stepIssueInput(generation, step, typeIds.task, epic.key));
    stepKeys[step.number] = issue.key;
    stepIds[step.number] = issue.id;
  }

  let fieldValues = 0;
  if (options.app && phaseField && raciField) {
    for (const step of applicableSteps(plan)) {
      for (const [field, value] of [
        [phaseField, step.phase],
        [raciField, step.raciText],
      ] as const) {
        await call(options.app, 'PUT', `/rest/api/3/app/field/${field}/value`, { updates: [{ issueIds: [Number(stepIds[step.number])], value }] });
        fieldValues += 1;
      }
    }
  }

  let links = 0;
  for (const step of applicableSteps(plan)) {
    for (const blocker of step.dependsOn) {
      await asUser('POST', '/rest/api/3/issueLink', {
        type: { name: 'Blocks' },
        inwardIssue: { key: stepKeys[blocker] },
        outwardIssue: { key: stepKeys[step.number] },
      });
      links += 1;
    }
  }

  // Consulted and Informed Jira users watch their steps, one request each (as generation does, in its last wave).
  for (const [step, accountIds] of expectedWatchers(generation)) {
    for (const accountId of accountIds) await asUser('POST', `/rest/api/3/issue/${stepKeys[step]}/watchers`, accountId);
  }

  const page = plan.kickoff.page;
  if (page) {
    await asUser('POST', `/rest/api/3/issue/${epic.key}/remotelink`, {
      globalId: remoteLinkGlobalId(page),
      relationship: 'generated from',
      object: { url: page.url, title: page.title ?? plan.title },
    });
  }
  const done = planRecordValue(generation, {
    state: 'done',
    completedAt: Date.now(),
    stepKeys: new Map(Object.entries(stepKeys).map(([n, k]) => [Number(n), k])),
  });
  await asUser('PUT', `/rest/api/3/issue/${epic.key}/properties/${PLAN_RECORD_PROPERTY_KEY}`, done);
  return { planId: plan.planId, epicKey: epic.key, stepKeys, links, fieldValues };
}
