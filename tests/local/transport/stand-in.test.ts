/** The transport in front of the real site: a standard Jira Cloud client over HTTP, and the real @forge/api over the seam. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import api, { route } from '@forge/api';
import { Version3Client } from 'jira.js';
import { APP_ACCOUNT_ID, assertNoContractViolations, DEMO_SITE, startStandIn, type TestStandIn } from '../../../src/local/jira/testing';
import { runAsInvocation } from '../../../src/local/jira/transport';

const SA = DEMO_SITE.accounts.sa;
const PM = DEMO_SITE.accounts.pm;

function clientFor(standIn: TestStandIn, role: 'sa' | 'pm' = 'sa'): Version3Client {
  const { email, token } = standIn.credentials(role);
  return new Version3Client({ host: standIn.baseUrl, authentication: { basic: { email, apiToken: token } } });
}

const task = (summary: string) => ({ fields: { summary, project: { key: DEMO_SITE.projectKey }, issuetype: { name: 'Task' } } });

describe('jira.js Version3Client (basic auth) against the HTTP stand-in', () => {
  let standIn: TestStandIn;
  beforeAll(async () => {
    standIn = await startStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('creates, bulk-creates, links, sets properties, transitions and searches without errors or contract violations', async () => {
    const client = clientFor(standIn);
    expect((await client.myself.getCurrentUser()).accountId).toBe(SA.accountId);

    const epic = await client.issues.createIssue({
      fields: { summary: 'Plan: Acme biller', project: { key: DEMO_SITE.projectKey }, issuetype: { name: 'Epic' } },
    });
    expect(epic.key).toMatch(new RegExp(`^${DEMO_SITE.projectKey}-\\d+$`));

    const bulk = await client.issues.createIssues({ issueUpdates: [task('Step 1'), task('Step 2'), task('Step 3')] });
    expect(bulk.errors ?? []).toEqual([]);
    const steps = bulk.issues ?? [];
    expect(steps).toHaveLength(3);

    await client.issueLinks.linkIssues({ type: { name: 'Blocks' }, outwardIssue: { key: steps[0].key }, inwardIssue: { key: steps[1].key } });
    await client.issueProperties.setIssueProperty({
      issueIdOrKey: steps[0].key,
      propertyKey: 'outbound-playbook',
      propertyValue: { kind: 'step', planId: 'plan-acme', step: 1 },
    });
    const property = await client.issueProperties.getIssueProperty({ issueIdOrKey: steps[0].key, propertyKey: 'outbound-playbook' });
    expect(property.value).toMatchObject({ planId: 'plan-acme', step: 1 });

    const { transitions = [] } = await client.issues.getTransitions({ issueIdOrKey: steps[0].key });
    const done = transitions.find((t) => t.name === 'Done' || t.to?.name === 'Done');
    expect(done?.id).toBeDefined();
    await client.issues.doTransition({ issueIdOrKey: steps[0].key, transition: { id: done!.id } });

    const issue = await client.issues.getIssue({ issueIdOrKey: steps[0].key, fields: ['status', 'issuelinks'] });
    expect(issue.fields.status?.name).toBe('Done');
    expect(issue.fields.issuelinks).toHaveLength(1);

    const found = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: `project = ${DEMO_SITE.projectKey} AND issuetype = Task ORDER BY key ASC`,
      fields: ['summary', 'status'],
    });
    expect(found.issues?.map((i) => i.key)).toEqual(steps.map((s) => s.key));

    const summary = standIn.transport.log.summary();
    expect(summary.byOperation).toMatchObject({
      createIssue: 1,
      createIssues: 1,
      linkIssues: 1,
      setIssueProperty: 1,
      doTransition: 1,
      searchAndReconsileIssuesUsingJql: 1,
    });
    expect(standIn.transport.log.entries().every((entry) => entry.status < 400)).toBe(true);
    assertNoContractViolations(standIn.transport);
  });

  it('surfaces the stand-in’s 401 and a commit-then-drop 504 to the client, and the dropped create is there on a follow-up read', async () => {
    const stranger = new Version3Client({ host: standIn.baseUrl, authentication: { basic: { email: SA.emailAddress, apiToken: 'wrong' } } });
    await expect(stranger.myself.getCurrentUser()).rejects.toMatchObject({ status: 401 });

    const client = clientFor(standIn, 'pm');
    standIn.transport.setFaults({ rateCommitThenDrop: 1 });
    await expect(client.issues.createIssue(task('Dropped but committed'))).rejects.toMatchObject({ status: 504 });
    standIn.transport.setFaults({ rateCommitThenDrop: 0 });
    const found = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'summary ~ "Dropped but committed"', fields: ['summary'] });
    expect(found.issues).toHaveLength(1);
    assertNoContractViolations(standIn.transport);
  });

  it('passes the index-lag fault to the site: a fresh issue reaches search only after the lag', async () => {
    const client = clientFor(standIn, 'pm');
    standIn.transport.setFaults({ indexLagMs: 400 });
    try {
      const created = await client.issues.createIssue(task('Lagging behind'));
      const search = () => client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'summary ~ "Lagging behind"', fields: ['summary'] });
      expect((await search()).issues ?? []).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await search()).issues?.map((i) => i.key)).toEqual([created.key]);
    } finally {
      standIn.transport.setFaults({ indexLagMs: 0 });
    }
  });
});

describe('the real @forge/api through the seam, on the real site', () => {
  let standIn: TestStandIn;
  beforeAll(async () => {
    standIn = await startStandIn({ forgeSeam: true });
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('asUser() returns the invoking user and asApp() acts as the app', async () => {
    const asUser = await runAsInvocation({ accountId: PM.accountId }, async () => {
      const response = await api.asUser().requestJira(route`/rest/api/3/myself`);
      return { status: response.status, body: (await response.json()) as { accountId: string; displayName: string } };
    });
    expect(asUser).toEqual({ status: 200, body: expect.objectContaining({ accountId: PM.accountId, displayName: PM.displayName }) });

    const asApp = await runAsInvocation(
      { accountId: PM.accountId },
      async () => (await (await api.asApp().requestJira(route`/rest/api/3/myself`)).json()) as { accountId: string },
    );
    expect(asApp.accountId).toBe(APP_ACCOUNT_ID);
    assertNoContractViolations(standIn.transport);
  });

  it('writes as the invoking user: the reporter is who clicked', async () => {
    const key = await runAsInvocation({ accountId: SA.accountId }, async () => {
      const response = await api.asUser().requestJira(route`/rest/api/3/issue`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(task('Made through Forge')),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { key: string }).key;
    });
    const issue = await runAsInvocation(
      { accountId: PM.accountId },
      async () =>
        (await (await api.asUser().requestJira(route`/rest/api/3/issue/${key}?fields=reporter`)).json()) as { fields: { reporter: { accountId: string } } },
    );
    expect(issue.fields.reporter.accountId).toBe(SA.accountId);
    assertNoContractViolations(standIn.transport);
  });
});

describe('persistence', () => {
  it('keeps the site’s data across restarts when given a data directory', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-stand-in-'));
    try {
      const first = await startStandIn({ dataDir });
      const created = await clientFor(first).issues.createIssue(task('Survives a restart'));
      await first.close();
      const second = await startStandIn({ dataDir });
      try {
        const issue = await clientFor(second).issues.getIssue({ issueIdOrKey: created.key, fields: ['summary'] });
        expect(issue.fields.summary).toBe('Survives a restart');
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
