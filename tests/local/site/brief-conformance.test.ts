/**
 * Brief items the other site suites leave out: a link is a write on both of its issues, GET search/jql takes
 * reconcileIssues as a query parameter, bulk create fires one created event per issue, SCHEDULE_ISSUES guards the
 * due date, and the demo seed is written once (a reopened data dir is not re-seeded over changes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssueEvent } from '../../../src/local/jira/site';
import { API, bodyOf, createFixture, createIssue, type SiteFixture } from './site-fixture';

const keysOf = (body: Record<string, unknown>) => (body.issues as { key: string }[]).map((issue) => issue.key);

describe('per-issue write limit and links', () => {
  let fx: SiteFixture;
  afterEach(() => {
    expect(fx.violations).toEqual([]);
    fx.close();
  });

  it('a link counts on both issues: a link to a busy issue is refused and written nowhere', async () => {
    fx = createFixture({ perIssueWriteLimit: { writes: 3, perMs: 10_000 } });
    const sa = fx.as('sa');
    const calm = await createIssue(sa, {});
    const other = await createIssue(sa, {});
    const busy = await createIssue(sa, {});
    // busy: created (1) + two property writes = 3 of 3.
    for (const n of [1, 2]) expect((await sa.put(`${API}/issue/${busy.key}/properties/n`, { n })).status).toBeLessThan(300);
    const refused = await sa.post(`${API}/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: calm.key }, outwardIssue: { key: busy.key } });
    expect(refused.status).toBe(429);
    expect(refused.headers).toMatchObject({ 'ratelimit-reason': 'jira-per-issue-on-write' });
    expect(bodyOf(await sa.get(`${API}/issue/${calm.key}`, { fields: 'issuelinks' })).fields.issuelinks).toEqual([]);
    // calm and other: created (1) + this link (1) = 2 each, within the limit; the link shows on both.
    expect((await sa.post(`${API}/issueLink`, { type: { name: 'Relates' }, inwardIssue: { key: calm.key }, outwardIssue: { key: other.key } })).status).toBe(
      201,
    );
    expect(bodyOf(await sa.get(`${API}/issue/${other.key}`, { fields: 'issuelinks' })).fields.issuelinks).toHaveLength(1);
    // A second link makes the third write on calm and other; a fourth write on either is refused.
    expect((await sa.post(`${API}/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: calm.key }, outwardIssue: { key: other.key } })).status).toBe(
      201,
    );
    expect((await sa.put(`${API}/issue/${other.key}`, { fields: { summary: 'too soon' } })).status).toBe(429);
    fx.clock.advance(10_000);
    expect((await sa.put(`${API}/issue/${other.key}`, { fields: { summary: 'later' } })).status).toBe(204);
  });
});

describe('search and events', () => {
  let fx: SiteFixture;
  afterEach(() => {
    expect(fx.violations).toEqual([]);
    fx.close();
  });

  it('GET search/jql reads reconcileIssues from the query string', async () => {
    fx = createFixture({ indexLagMs: 60_000 });
    const sa = fx.as('sa');
    const fresh = await createIssue(sa, { labels: ['fresh'] });
    const search = (query: Record<string, string | string[]>) => sa.get(`${API}/search/jql`, { jql: 'labels = fresh', ...query });
    expect(keysOf(bodyOf(await search({})))).toEqual([]);
    expect(keysOf(bodyOf(await search({ reconcileIssues: fresh.id })))).toEqual([fresh.key]);
  });

  it('bulk create fires one created event per created issue, none for the failed element', async () => {
    fx = createFixture();
    const events: IssueEvent[] = [];
    fx.site.onIssueEvent((e) => events.push(e));
    const base = { project: { key: 'OUT' }, issuetype: { name: 'Task' } };
    const response = await fx.as('pm').post(`${API}/issue/bulk`, {
      issueUpdates: [
        { fields: { ...base, summary: 'one' } },
        { fields: { ...base, summary: 'bad', description: 'not adf' } },
        { fields: { ...base, summary: 'two' } },
      ],
    });
    expect(response.status).toBe(201);
    const created = (bodyOf(response).issues as { key: string }[]).map((issue) => issue.key);
    expect(created).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.map((e) => [e.eventType, e.issueKey, e.projectKey, e.actorAccountId])).toEqual(
      created.map((key) => ['avi:jira:created:issue', key, 'OUT', fx.as('pm').accountId]),
    );
  });
});

describe('SCHEDULE_ISSUES', () => {
  let fx: SiteFixture;
  afterEach(() => {
    expect(fx.violations).toEqual([]);
    fx.close();
  });

  it('mypermissions reports it, and without it the due date cannot be set at create or edit', async () => {
    fx = createFixture();
    const permissions = async (user: 'sa' | 'pm', projectKey: string) =>
      bodyOf(await fx.as(user).get(`${API}/mypermissions`, { projectKey, permissions: 'SCHEDULE_ISSUES' })).permissions.SCHEDULE_ISSUES.havePermission;
    expect(await permissions('sa', 'OUT')).toBe(true);
    expect(await permissions('sa', 'SAND')).toBe(false);
    // PM may edit in SAND; take Schedule Issues away from PM there only.
    const sand = fx.site.store.project('SAND')!;
    const pmId = fx.as('pm').accountId;
    fx.site.store.putProject({ ...sand, grants: { ...sand.grants, [pmId]: sand.grants[pmId].filter((key) => key !== 'SCHEDULE_ISSUES') } });
    expect(await permissions('pm', 'SAND')).toBe(false);
    const cannotSet = { duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." };
    const refused = await fx
      .as('pm')
      .post(`${API}/issue`, { fields: { project: { key: 'SAND' }, issuetype: { name: 'Task' }, summary: 's', duedate: '2025-04-01' } });
    expect(refused.status).toBe(400);
    expect(bodyOf(refused).errors).toEqual(cannotSet);
    const undated = await fx.as('pm').post(`${API}/issue`, { fields: { project: { key: 'SAND' }, issuetype: { name: 'Task' }, summary: 's' } });
    expect(undated.status).toBe(201);
    expect(bodyOf(await fx.as('pm').put(`${API}/issue/${bodyOf(undated).key}`, { fields: { duedate: '2025-04-01' } })).errors).toEqual(cannotSet);
    const dated = await createIssue(fx.as('pm'), { duedate: '2025-04-01' });
    expect(bodyOf(await fx.as('pm').get(`${API}/issue/${dated.key}`, { fields: 'duedate' })).fields.duedate).toBe('2025-04-01');
  });
});

describe('demo seed', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jira-site-seed-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("seeds an empty store once; seed 'none' leaves it empty", async () => {
    const empty = createFixture({ seed: 'none' });
    try {
      expect(empty.site.accounts()).toEqual([]);
      expect(empty.site.authenticate('sa@example.com', 'sa-token')).toBeNull();
    } finally {
      empty.close();
    }
    const first = createFixture({ dataDir });
    const accountsBefore = first.site.accounts();
    first.site.store.putProject({ ...first.site.store.project('SAND')!, name: 'Renamed sandbox' });
    // A project stored before SCHEDULE_ISSUES was modelled: nobody holds it.
    const out = first.site.store.project('OUT')!;
    const withoutSchedule = Object.fromEntries(Object.entries(out.grants).map(([id, keys]) => [id, keys.filter((key) => key !== 'SCHEDULE_ISSUES')]));
    first.site.store.putProject({ ...out, grants: withoutSchedule });
    first.close();
    const second = createFixture({ dataDir });
    try {
      expect(second.site.accounts()).toEqual(accountsBefore);
      expect(bodyOf(await second.as('pm').get(`${API}/project/SAND`)).name).toBe('Renamed sandbox');
      // Reopened, it grants Schedule Issues with Edit Issues, as Jira's default scheme does.
      const grants = second.site.store.project('OUT')!.grants;
      expect(grants[second.as('sa').accountId]).toContain('SCHEDULE_ISSUES');
      expect(grants[second.as('viewer').accountId]).toEqual(['BROWSE_PROJECTS']);
    } finally {
      second.close();
    }
  });
});
