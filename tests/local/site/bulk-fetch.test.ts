/** The stand-in's bulk fetch and id-only search pages, as Jira documents them (checked against the OpenAPI document). */
import { BULK_FETCH_LIMITS, SEARCH_LIMITS } from '../../../src/local/jira/site';
import { addHiddenProject, API, bodyOf, createFixture, createIssue, type SiteFixture } from './site-fixture';

let fx: SiteFixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => {
  expect(fx.violations).toEqual([]);
  fx.close();
});

describe('POST /issue/bulkfetch', () => {
  it('returns the requested issues in ascending id order with the asked fields and properties, by id or key', async () => {
    const made = fx.site.store.insertIssuesDirect(
      Array.from({ length: 3 }, (_, i) => ({
        projectKey: 'OUT',
        issueType: 'Task',
        summary: `t${i}`,
        properties: { 'outbound-playbook': { n: i }, other: { x: 1 } },
      })),
    );
    const body = bodyOf(
      await fx.as('sa').post(`${API}/issue/bulkfetch`, {
        issueIdsOrKeys: [made[2].key.toLowerCase(), made[0].id, made[1].key],
        fields: ['summary'],
        properties: ['outbound-playbook'],
      }),
    );
    expect(body.issueErrors).toEqual([]);
    expect(body.issues.map((i: { key: string }) => i.key)).toEqual(made.map((m) => m.key));
    expect(body.issues[0]).toMatchObject({ id: made[0].id, fields: { summary: 't0' }, properties: { 'outbound-playbook': { n: 0 } } });
    expect(body.issues[0].properties).not.toHaveProperty('other');
    expect(Object.keys(body.issues[0].fields)).toEqual(['summary']);
  });

  it('defaults to the navigable fields', async () => {
    const issue = await createIssue(fx.as('sa'), { summary: 'navigable' });
    const [fetched] = bodyOf(await fx.as('sa').post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: [issue.key] })).issues;
    expect(fetched.fields).toMatchObject({ summary: 'navigable', labels: [] });
  });

  it('leaves out issues that do not exist or that the user may not browse (not as errors)', async () => {
    addHiddenProject(fx.site);
    const hidden = await createIssue(fx.as('pm'), { project: { key: 'HIDE' } });
    const visible = await createIssue(fx.as('sa'), {});
    const body = bodyOf(await fx.as('sa').post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: [hidden.id, visible.id, 'OUT-999', '99999'], fields: ['summary'] }));
    expect(body.issues.map((i: { key: string }) => i.key)).toEqual([visible.key]);
    expect(body.issueErrors).toEqual([]);
    expect(bodyOf(await fx.as('pm').post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: [hidden.id, visible.id], fields: ['summary'] })).issues).toHaveLength(2);
  });

  it('400 with no ids, more than 100 ids, or more than 5 property keys', async () => {
    const sa = fx.as('sa');
    expect(BULK_FETCH_LIMITS.maxIssues).toBe(100);
    expect((await sa.post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: [] })).status).toBe(400);
    expect((await sa.post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => String(10000 + i)) })).status).toBe(400);
    expect((await sa.post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: Array.from({ length: 100 }, (_, i) => String(10000 + i)) })).status).toBe(200);
    expect((await sa.post(`${API}/issue/bulkfetch`, { issueIdsOrKeys: ['OUT-1'], properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
  });
});

describe('id-only search pages', () => {
  it.each([[['id']], [['key']], [[]]])('fields %j: up to 5000 per page; any other field: 100', async (fields) => {
    fx.site.store.insertIssuesDirect(Array.from({ length: 5050 }, (_, i) => ({ projectKey: 'OUT', issueType: 'Task', summary: `n${i}`, labels: ['bulk'] })));
    const sa = fx.as('sa');
    const page = bodyOf(await sa.post(`${API}/search/jql`, { jql: 'labels = bulk', maxResults: SEARCH_LIMITS.idsOnlyMax, fields }));
    expect(page.issues).toHaveLength(5000);
    expect(page.issues[0]).not.toHaveProperty('fields');
    const withProperty = bodyOf(await sa.post(`${API}/search/jql`, { jql: 'labels = bulk', maxResults: 5000, fields, properties: ['outbound-playbook'] }));
    expect(withProperty.issues).toHaveLength(100);
  });
});
