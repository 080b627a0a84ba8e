import { API, bodyOf, createFixture, createIssue, type SiteFixture } from './site-fixture';

let fx: SiteFixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => {
  expect(fx.violations).toEqual([]);
  fx.close();
});

describe('issue links', () => {
  it('Blocks: the inward issue shows the outward one under outwardIssue, and the other way round; no duplicates', async () => {
    const sa = fx.as('sa');
    const first = await createIssue(sa, { summary: 'first' });
    const second = await createIssue(sa, { summary: 'second' });
    const link = { type: { name: 'Blocks' }, inwardIssue: { key: first.key }, outwardIssue: { key: second.key } };
    expect((await sa.post(`${API}/issueLink`, link)).status).toBe(201);
    expect((await sa.post(`${API}/issueLink`, link)).status).toBe(201);
    const onFirst = bodyOf(await sa.get(`${API}/issue/${first.key}`, { fields: 'issuelinks' })).fields.issuelinks;
    expect(onFirst).toHaveLength(1);
    expect(onFirst[0]).toMatchObject({
      type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
      outwardIssue: { key: second.key, fields: { summary: 'second' } },
    });
    expect(onFirst[0]).not.toHaveProperty('inwardIssue');
    const onSecond = bodyOf(await sa.get(`${API}/issue/${second.key}`, { fields: 'issuelinks' })).fields.issuelinks;
    expect(onSecond).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: first.key }) })]);
    expect((await sa.post(`${API}/issueLink`, { ...link, type: { name: 'Relates' } })).status).toBe(201);
    expect(bodyOf(await sa.get(`${API}/issue/${first.key}`, { fields: 'issuelinks' })).fields.issuelinks).toHaveLength(2);
  });

  it('errors: unknown type 404, unknown issue 404, self link 400, no LINK_ISSUES 403', async () => {
    const sa = fx.as('sa');
    const a = await createIssue(sa, {});
    const b = await createIssue(sa, {});
    expect((await sa.post(`${API}/issueLink`, { type: { name: 'Causes' }, inwardIssue: { key: a.key }, outwardIssue: { key: b.key } })).status).toBe(404);
    expect((await sa.post(`${API}/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: a.key }, outwardIssue: { key: 'OUT-99' } })).status).toBe(404);
    expect((await sa.post(`${API}/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: a.key }, outwardIssue: { key: a.key } })).status).toBe(400);
    const viewer = await fx.as('viewer').post(`${API}/issueLink`, { type: { id: '10000' }, inwardIssue: { id: a.id }, outwardIssue: { id: b.id } });
    expect(viewer.status).toBe(403);
    expect(fx.site.store.linksOf(a.id)).toEqual([]);
  });
});

describe('remote links', () => {
  it('POST upserts by globalId: 201 then 200 with the same id; omitted fields become null', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, {});
    const path = `${API}/issue/${issue.key}/remotelink`;
    const created = await sa.post(path, { globalId: 'confluence-page-1', relationship: 'kickoff', object: { url: 'https://wiki.test/1', title: 'Kickoff' } });
    expect(created.status).toBe(201);
    const updated = await sa.post(path, { globalId: 'confluence-page-1', object: { url: 'https://wiki.test/1?v=2', title: 'Kickoff v2' } });
    expect(updated.status).toBe(200);
    expect(bodyOf(updated).id).toBe(bodyOf(created).id);
    const other = await sa.post(path, { object: { url: 'https://elsewhere.test', title: 'No global id' } });
    expect(other.status).toBe(201);
    const list = bodyOf(await sa.get(path)) as unknown as { id: number; globalId?: string; relationship?: string; object: { title: string } }[];
    expect(list.map((l) => [l.globalId ?? null, l.relationship ?? null, l.object.title])).toEqual([
      ['confluence-page-1', null, 'Kickoff v2'],
      [null, null, 'No global id'],
    ]);
    expect(bodyOf(await sa.get(path, { globalId: 'confluence-page-1' })).object.url).toBe('https://wiki.test/1?v=2');
    expect((await sa.get(path, { globalId: 'missing' })).status).toBe(404);
  });

  it('400 without url and title, 403 without LINK_ISSUES', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const path = `${API}/issue/${issue.key}/remotelink`;
    const bad = await fx.as('sa').post(path, { globalId: 'x', object: {} });
    expect(bad.status).toBe(400);
    expect(Object.keys(bodyOf(bad).errors).sort()).toEqual(['title', 'url']);
    expect((await fx.as('viewer').post(path, { object: { url: 'https://x.test', title: 'x' } })).status).toBe(403);
    expect(fx.site.store.remoteLinks(issue.id)).toEqual([]);
  });
});

describe('issue properties', () => {
  it('PUT answers 201 then 200; GET, key list and DELETE; properties do not move updated', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, {});
    const path = `${API}/issue/${issue.key}/properties/outbound-playbook`;
    fx.clock.advance(5_000);
    expect((await sa.put(path, { kind: 'plan', planId: 'p1' })).status).toBe(201);
    expect((await sa.put(path, { kind: 'plan', planId: 'p2' })).status).toBe(200);
    expect(bodyOf(await sa.get(path))).toEqual({ key: 'outbound-playbook', value: { kind: 'plan', planId: 'p2' } });
    const keys = bodyOf(await sa.get(`${API}/issue/${issue.id}/properties`)).keys;
    expect(keys).toEqual([{ key: 'outbound-playbook', self: expect.stringContaining(`/issue/${issue.key}/properties/outbound-playbook`) }]);
    expect(bodyOf(await sa.get(`${API}/issue/${issue.key}`)).fields.updated).toBe('2025-03-03T09:00:00.000+0000');
    expect((await sa.call('DELETE', path)).status).toBe(204);
    const gone = await sa.get(path);
    expect(gone.status).toBe(404);
    expect(bodyOf(gone).errorMessages).toEqual(["The property with key 'outbound-playbook' does not exist."]);
    expect((await sa.call('DELETE', path)).status).toBe(404);
  });

  it('403 without EDIT_ISSUES; 400 for values over 32768 characters; 404 on hidden issues', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const path = `${API}/issue/${issue.key}/properties/big`;
    expect((await fx.as('viewer').put(path, { a: 1 })).status).toBe(403);
    expect((await fx.as('sa').put(path, { text: 'x'.repeat(32_800) })).status).toBe(400);
    expect((await fx.as('sa').get(`${API}/issue/OUT-77/properties`)).status).toBe(404);
    expect(fx.site.store.issue(issue.key)?.properties).toEqual({});
  });
});

describe('app custom field values', () => {
  it('only the app may write them (users get 403); values show in fields', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const body = {
      updates: [
        { customField: 'customfield_10100', issueIds: [Number(issue.id)], value: 'Design' },
        { customField: 'customfield_10101', issueIds: [Number(issue.id)], value: 'R: SA · A: SA' },
      ],
    };
    const asUser = await fx.as('sa').post(`${API}/app/field/value`, body);
    expect(asUser.status).toBe(403);
    expect((await fx.as('app').post(`${API}/app/field/value`, body)).status).toBe(204);
    const fields = bodyOf(await fx.as('sa').get(`${API}/issue/${issue.key}`, { fields: 'customfield_10100,customfield_10101' })).fields;
    expect(fields).toEqual({ customfield_10100: 'Design', customfield_10101: 'R: SA · A: SA' });
    expect((await fx.as('app').put(`${API}/app/field/playbook-phase/value`, { updates: [{ issueIds: [Number(issue.id)], value: 'Build' }] })).status).toBe(204);
    expect(fx.site.store.issue(issue.id)?.customFields.customfield_10100).toBe('Build');
  });

  it('unknown fields 404, wrong value types and unknown issues 400, nothing written', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const app = fx.as('app');
    expect(
      (await app.post(`${API}/app/field/value`, { updates: [{ customField: 'customfield_99999', issueIds: [Number(issue.id)], value: 'x' }] })).status,
    ).toBe(404);
    expect(
      (await app.post(`${API}/app/field/value`, { updates: [{ customField: 'customfield_10100', issueIds: [Number(issue.id)], value: 42 }] })).status,
    ).toBe(400);
    expect(
      (await app.post(`${API}/app/field/value`, { updates: [{ customField: 'customfield_10100', issueIds: [Number(issue.id), 99999], value: 'x' }] })).status,
    ).toBe(400);
    expect(fx.site.store.issue(issue.id)?.customFields).toEqual({});
  });
});
