import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssueEvent } from '../../../src/local/jira/site';
import { API, bodyOf, createFixture, createIssue, type SiteFixture } from './site-fixture';

describe('per-issue write limit', () => {
  let fx: SiteFixture;
  afterEach(() => fx.close());

  it('the 21st write to one issue within 2 s is a 429 with Retry-After and the per-issue reason; other issues are free', async () => {
    fx = createFixture();
    const sa = fx.as('sa');
    const busy = await createIssue(sa, {});
    const calm = await createIssue(sa, {});
    // Creating counted as the first write.
    for (let i = 1; i < 20; i += 1) expect((await sa.put(`${API}/issue/${busy.key}/properties/n`, { i })).status).toBeLessThan(300);
    const limited = await sa.put(`${API}/issue/${busy.key}`, { fields: { summary: 'one too many' } });
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatchObject({ 'retry-after': '2', 'ratelimit-reason': 'jira-per-issue-on-write' });
    expect(fx.site.store.issue(busy.key)?.summary).toBe('A task');
    expect((await sa.put(`${API}/issue/${calm.key}`, { fields: { summary: 'fine' } })).status).toBe(204);
    // Reads are not limited.
    expect((await sa.get(`${API}/issue/${busy.key}`)).status).toBe(200);
    fx.clock.advance(2_000);
    expect((await sa.put(`${API}/issue/${busy.key}`, { fields: { summary: 'later' } })).status).toBe(204);
  });

  it('a custom limit applies, and null switches it off', async () => {
    fx = createFixture({ perIssueWriteLimit: { writes: 2, perMs: 10_000 } });
    const issue = await createIssue(fx.as('sa'), {});
    expect((await fx.as('sa').post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '21' } })).status).toBe(204);
    const limited = await fx.as('sa').post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '31' } });
    expect(limited.status).toBe(429);
    expect(limited.headers?.['retry-after']).toBe('10');
    fx.close();
    fx = createFixture({ perIssueWriteLimit: null });
    const free = await createIssue(fx.as('sa'), {});
    for (let i = 0; i < 50; i += 1) expect((await fx.as('sa').put(`${API}/issue/${free.key}/properties/n`, { i })).status).toBeLessThan(300);
  });
});

describe('issue events', () => {
  let fx: SiteFixture;
  afterEach(() => fx.close());
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('fire after the commit, never inside the request, with the changed fields; unsubscribe stops them', async () => {
    fx = createFixture();
    const events: IssueEvent[] = [];
    const off = fx.site.onIssueEvent((e) => events.push(e));
    const sa = fx.as('sa');
    const epic = await createIssue(sa, { issuetype: { name: 'Epic' } });
    expect(events).toEqual([]);
    await settle();
    expect(events).toEqual([
      {
        eventType: 'avi:jira:created:issue',
        issueId: epic.id,
        issueKey: epic.key,
        projectKey: 'OUT',
        actorAccountId: sa.accountId,
        changedFields: ['issuetype', 'project', 'status', 'summary'],
      },
    ]);
    const task = await createIssue(sa, {});
    await sa.put(`${API}/issue/${task.key}`, { fields: { summary: 'x', assignee: { accountId: sa.accountId } } });
    await sa.post(`${API}/issue/${task.key}/transitions`, { transition: { id: '31' } });
    await sa.post(`${API}/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: epic.key }, outwardIssue: { key: task.key } });
    await sa.put(`${API}/issue/${task.key}/properties/outbound-playbook`, { kind: 'step' });
    await fx.as('app').post(`${API}/app/field/value`, { updates: [{ customField: 'customfield_10100', issueIds: [Number(task.id)], value: 'Design' }] });
    await settle();
    expect(events.slice(1).map((e) => [e.eventType, e.issueKey, e.changedFields.join(',')])).toEqual([
      ['avi:jira:created:issue', task.key, 'issuetype,project,status,summary'],
      ['avi:jira:updated:issue', task.key, 'summary,assignee'],
      ['avi:jira:assigned:issue', task.key, 'assignee'],
      ['avi:jira:updated:issue', task.key, 'status,resolution'],
      ['avi:jira:created:issuelink', epic.key, 'issuelinks'],
      ['avi:jira:created:issuelink', task.key, 'issuelinks'],
      ['avi:jira:set:issue:property', task.key, 'outbound-playbook'],
      ['avi:jira:updated:issue', task.key, 'customfield_10100'],
    ]);
    off();
    await sa.put(`${API}/issue/${task.key}`, { fields: { summary: 'quiet' } });
    await settle();
    expect(events).toHaveLength(9);
  });

  it('rejected writes fire nothing', async () => {
    fx = createFixture();
    const events: IssueEvent[] = [];
    fx.site.onIssueEvent((e) => events.push(e));
    const issue = await createIssue(fx.as('sa'), {});
    await settle();
    events.length = 0;
    await fx.as('viewer').put(`${API}/issue/${issue.key}`, { fields: { summary: 'nope' } });
    await fx.as('sa').put(`${API}/issue/${issue.key}`, { fields: { description: 'not adf' } });
    await settle();
    expect(events).toEqual([]);
  });
});

describe('persistence', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jira-site-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reopening the same data dir keeps issues, links, remote links, properties, field values and counters', async () => {
    const first = createFixture({ dataDir });
    const sa = first.as('sa');
    const epic = await createIssue(
      sa,
      { issuetype: { name: 'Epic' }, summary: 'Persisted plan' },
      { properties: [{ key: 'outbound-playbook', value: { kind: 'plan', planId: 'keep' } }] },
    );
    const task = await createIssue(sa, { parent: { key: epic.key }, labels: ['kept'] });
    await sa.post(`${API}/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: epic.key }, outwardIssue: { key: task.key } });
    await sa.post(`${API}/issue/${task.key}/remotelink`, { globalId: 'g', object: { url: 'https://wiki.test', title: 'Wiki' } });
    await sa.post(`${API}/issue/${task.key}/transitions`, { transition: { id: '21' } });
    await first.as('app').post(`${API}/app/field/value`, { updates: [{ customField: 'customfield_10100', issueIds: [Number(task.id)], value: 'Design' }] });
    first.site.store.insertIssuesDirect([{ projectKey: 'OUT', issueType: 'Task', summary: 'seeded' }]);
    first.close();

    const second = createFixture({ dataDir });
    try {
      const again = second.as('sa');
      const taskBody = bodyOf(await again.get(`${API}/issue/${task.key}`));
      expect(taskBody.fields).toMatchObject({ labels: ['kept'], status: { name: 'In Progress' }, parent: { key: epic.key }, customfield_10100: 'Design' });
      expect(taskBody.fields.issuelinks).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: epic.key }) })]);
      expect(bodyOf(await again.get(`${API}/issue/${task.key}/remotelink`, { globalId: 'g' })).object.title).toBe('Wiki');
      expect(bodyOf(await again.post(`${API}/search/jql`, { jql: 'playbookPlanId = keep' })).issues.map((i: { key: string }) => i.key)).toEqual([epic.key]);
      expect(second.site.accounts()).toHaveLength(first.site.accounts().length);
      // Keys and ids go on where they stopped.
      expect(await createIssue(again, {})).toEqual({ id: '10003', key: 'OUT-4', self: expect.any(String) });
      expect((await again.post(`${API}/issue/${task.key}/remotelink`, { globalId: 'h', object: { url: 'https://x.test', title: 'X' } })).status).toBe(201);
      expect(second.violations).toEqual([]);
    } finally {
      second.close();
    }
  });
});
