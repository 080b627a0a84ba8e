/**
 * The manifest's scopes, proven by the traffic. The app's real flows (directory, preview, generation,
 * macro state, progress, issue panel, portfolio, roll-up trigger) run through the Forge entry on the stand-in;
 * the stand-in's request log names each operation the app called (operationIds from the OpenAPI contract).
 * Each operation's scopes come from the same document (`x-atlassian-oauth2-scopes`, `Current` scheme).
 * Fails when a called operation needs a scope the manifest lacks, or a manifest scope serves no call.
 * The table in docs/forge-deployment.md ("OAuth scopes") is checked row by row against what is computed here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { GeneratePlanResult, PlanProgressView } from '../../src/contract';
import { BUILT_IN_TEMPLATE, templateToJson } from '../../src/core';
import { JIRA_SPEC_FILE, loadOpenApiContract, loadOperationScopes } from '../../src/local/jira/contract';
import { runAsInvocation, type RequestLogEntry } from '../../src/local/jira/transport';
import { formKickoff } from '../resolvers/helpers/kickoff';
import { HOST_PAGE_EXTENSION, MODULES, SITE_URL, startForgeSite, type ForgeSite, data } from '../resolvers/helpers/forge-site';
import { TEST_TODAY } from '../fixtures/clock';

const REPO_ROOT = join(__dirname, '..', '..');
const manifestScopes = (): string[] =>
  (parse(readFileSync(join(REPO_ROOT, 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } }).permissions.scopes;

/** Runs every flow of the app once; returns the requests the APP made (the test's own Jira calls excluded). */
async function appTraffic(app: ForgeSite): Promise<RequestLogEntry[]> {
  const own = new Set<number>();
  const asTest = async (fn: () => Promise<unknown>) => {
    const before = app.transport.log.entries().length;
    await fn();
    for (const entry of app.transport.log.entries().slice(before)) own.add(entry.id);
  };
  const hostPage = { id: HOST_PAGE_EXTENSION.content.id, url: `${SITE_URL}/wiki/spaces/IMP/pages/${HOST_PAGE_EXTENSION.content.id}` };

  data(await app.invoke(null, 'getTemplate', {}));
  data(await app.invoke('sa', 'listProjects', {}));
  data(await app.invoke('sa', 'searchUsers', { projectKey: 'OUT', query: 'pri' }));
  data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
  let plan: GeneratePlanResult | undefined;
  for (let call = 0; call < 5 && plan?.state !== 'done'; call += 1) {
    plan = data(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
  }
  if (plan?.state !== 'done') throw new Error('generation did not finish');
  // Generate again: a complete plan is verified in Jira (the page link by its global id), nothing written.
  data(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
  await app.triggersSettled();
  // The daily reminders scheduled trigger runs as the app (no user), through the Forge entry; on the kickoff day
  // (the site clock moved there: the handler reads today at the edge) step 1 is due soon.
  try {
    app.clock.setToday(formKickoff().kickoffDate);
    const { dailyReminders } = await import('../../src/index');
    const answer = (await runAsInvocation({ moduleKey: 'daily-reminders', functionKey: 'reminders' }, () => dailyReminders())) as {
      statusCode: number;
      body: string;
    };
    if (answer.statusCode !== 200 || !((JSON.parse(answer.body) as { sent: number }).sent > 0))
      throw new Error(`the reminders job sent nothing: ${answer.body}`);
  } finally {
    app.clock.setToday(TEST_TODAY);
  }
  data(await app.invoke('sa', 'getMacroState', { pageId: hostPage.id }, { ...HOST_PAGE_EXTENSION, config: { kickoff: formKickoff() } }));
  const progress: PlanProgressView = data(await app.invoke('pm', 'getPlanProgress', { planId: plan.planId }));
  data(await app.invoke('pm', 'getPlanProgress', { epicKey: plan.epicKey }));
  const step1 = progress.raci.rows.find((r) => r.step === 1)!.issueKey!;
  data(await app.invoke('sa', 'getIssuePanel', { issueKey: step1 }, { issue: { key: step1 } }, MODULES.panel));
  data(await app.invoke('pm', 'getIssuePanel', { issueKey: plan.epicKey }, {}, MODULES.panel));
  data(await app.invoke('pm', 'getPortfolio', { projectKey: 'OUT', filters: {} }, { project: { key: 'OUT' } }, MODULES.page));
  // A user moves a step in Jira (the test's call, not the app's); the trigger rolls the plan up as the app.
  await asTest(() => app.asUser('sa', `/rest/api/3/issue/${step1}/transitions`, 'POST', { transition: { id: '21' } }));
  await app.triggersSettled();
  // Three months on (the site's clock, which the app reads at its edge), the PM previews and applies the forecast, then re-baselines.
  try {
    app.clock.setToday('2027-03-01');
    const preview: { changes: { step: number; to: string }[] } = data(await app.invoke('pm', 'previewForecastChanges', { epicKey: plan.epicKey }));
    if (preview.changes.length === 0) throw new Error('a plan three months late has no due-date changes');
    data(await app.invoke('pm', 'applyForecast', { epicKey: plan.epicKey, changes: preview.changes.map(({ step, to }) => ({ step, to })) }));
    data(await app.invoke('pm', 'rebaselinePlan', { epicKey: plan.epicKey, reason: 'Biller moved its SIT window' }));
  } finally {
    app.clock.setToday(TEST_TODAY);
  }
  // The plan ledger went to Forge KVS: the evidence for storage:app.
  if (app.kvs.handle('/api/v1/get', { key: `playbook:plan:${plan.planId}` }).status !== 200) throw new Error('the plan ledger is not in Forge KVS');
  // The template admin page (a Jira admin, checked as the user) publishes v1.6; the playbook page's macros read it.
  const edited = structuredClone(BUILT_IN_TEMPLATE);
  edited.steps[4].title = 'Send the Biller the discovery questionnaire';
  data(await app.invoke('opm', 'getTemplateAdmin', {}, {}, MODULES.admin));
  data(await app.invoke('opm', 'checkTemplateDraft', { json: templateToJson(edited) }, {}, MODULES.admin));
  data(await app.invoke('opm', 'publishTemplate', { json: templateToJson(edited), basedOn: '1.5', summary: 'Step 5 renamed' }, {}, MODULES.admin));
  data(await app.invoke('opm', 'diffTemplateVersions', { from: '1.5', to: '1.6' }, {}, MODULES.admin));
  data(await app.invoke('pm', 'getPlaybookPage', {}, HOST_PAGE_EXTENSION, MODULES.processMacro));
  data(await app.invoke('pm', 'getSupportedIntegrationsPage', {}, HOST_PAGE_EXTENSION, MODULES.integrationsMacro));
  if (app.kvs.handle('/api/v1/get', { key: 'playbook:template:after:1.5' }).status !== 200) throw new Error('the published template is not in Forge KVS');
  return app.transport.log.entries().filter((entry) => !own.has(entry.id));
}

/** Scopes that no Jira REST operation carries, each with what in the app's traffic justifies it. */
const NON_JIRA_SCOPES: Record<string, string> = {
  'storage:app':
    'Forge KVS: the plan ledger and the published template versions (checked in appTraffic: the ledger entry is in KVS after generation, v1.6 after publishing)',
};

/**
 * Scopes declared ahead of Jira: the OpenAPI document lists them for an operation the app calls under the
 * announced (`Beta`) scheme, not yet the `Current` one. Checked against the document below.
 */
const ANNOUNCED_SCOPES: Record<string, string> = { 'write:app-data:jira': 'updateMultipleCustomFieldValues' };

/** The scopes the document lists for an operation under a given OAuth2 scheme state. */
function documentedScopes(operationId: string, state: string): string[] {
  const spec = JSON.parse(readFileSync(JIRA_SPEC_FILE, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; 'x-atlassian-oauth2-scopes'?: { scopes: string[]; state: string }[] }>>;
  };
  for (const methods of Object.values(spec.paths))
    for (const operation of Object.values(methods))
      if (operation.operationId === operationId)
        return (operation['x-atlassian-oauth2-scopes'] ?? []).filter((s) => s.state === state).flatMap((s) => s.scopes);
  return [];
}

interface ScopeRow {
  operationId: string;
  method: string;
  path: string;
  scopes: string[];
}

let rows: ScopeRow[];

/** One docs table row; an operation whose Current entry lists no scope needs none. */
const readmeRow = (row: ScopeRow) => `| \`${row.operationId}\` | \`${row.method} ${row.path}\` | ${row.scopes.join(', ') || 'none'} |`;

beforeAll(async () => {
  const app = startForgeSite();
  try {
    const traffic = await appTraffic(app);
    expect(app.transport.violations()).toEqual([]);
    const catalogue = loadOperationScopes(JIRA_SPEC_FILE);
    const called = [...new Set(traffic.map((entry) => entry.operationId))].sort();
    rows = called.map((operationId) => {
      const known = catalogue.get(operationId);
      // A request the contract could not name is itself a failure: its scopes are unknowable.
      if (!known) throw new Error(`The app called ${operationId}, which the Jira OpenAPI document does not define`);
      return { operationId, method: known.method, path: known.path, scopes: known.scopes };
    });
  } finally {
    app.close();
  }
}, 120_000);

/** Every REST call site in the adapter (src/jira owns every call), named by the contract: method + route template. */
function adapterOperations(): string[] {
  const contract = loadOpenApiContract(JIRA_SPEC_FILE);
  const dir = join(REPO_ROOT, 'src', 'jira');
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const match of source.matchAll(/route`(\/rest\/[^`?]*)/g)) {
      const before = source.slice(Math.max(0, match.index - 200), match.index);
      const method = /getJson\($/.test(before) ? 'GET' : [...before.matchAll(/method: '([A-Z]+)'/g)].pop()?.[1];
      const path = match[1].replace(/\$\{[^}]+\}/g, 'X');
      const operation = method ? contract.matchOperation(method, path) : undefined;
      if (!operation) throw new Error(`${file}: cannot name the call ${method ?? '?'} ${match[1]} in the Jira OpenAPI document`);
      found.add(operation.operationId);
    }
  }
  return [...found].sort();
}

it('the flows exercise every REST call the adapter makes', () => {
  const adapter = adapterOperations();
  expect(adapter.length).toBeGreaterThanOrEqual(10);
  // A call site the flows never reached would leave its scopes unproven.
  expect(adapter.filter((operationId) => !rows.some((row) => row.operationId === operationId))).toEqual([]);
});

it('every called operation is covered by the manifest scopes', () => {
  const declared = new Set(manifestScopes());
  const uncovered = rows.flatMap((row) => row.scopes.filter((scope) => !declared.has(scope)).map((scope) => `${row.operationId} needs ${scope}`));
  expect(uncovered).toEqual([]);
});

it('every manifest scope is used by a called operation (or, for non-Jira scopes, by the app as stated)', () => {
  const used = new Set(rows.flatMap((row) => row.scopes));
  const unused = manifestScopes().filter((scope) => !used.has(scope) && !(scope in NON_JIRA_SCOPES) && !(scope in ANNOUNCED_SCOPES));
  expect(unused).toEqual([]);
  // A scope declared ahead counts only for an operation the flows call whose announced scopes name it.
  for (const [scope, operationId] of Object.entries(ANNOUNCED_SCOPES)) {
    expect(manifestScopes()).toContain(scope);
    expect(rows.some((row) => row.operationId === operationId)).toBe(true);
    expect(documentedScopes(operationId, 'Beta')).toContain(scope);
  }
  // A non-Jira justification only counts for a scope the manifest declares and no Jira call covers.
  for (const scope of Object.keys(NON_JIRA_SCOPES)) {
    expect(manifestScopes()).toContain(scope);
    expect(used.has(scope)).toBe(false);
  }
});

it('docs/forge-deployment.md lists each operation with its scopes', () => {
  const readme = readFileSync(join(REPO_ROOT, 'docs', 'forge-deployment.md'), 'utf8');
  const missing = rows.map(readmeRow).filter((line) => !readme.includes(line));
  expect(missing).toEqual([]);
});
