import { DEMO_SITE, type JiraSite } from '../../../src/local/jira/site';
import { addHiddenProject, API, bodyOf, createFixture, createIssue, type SiteFixture } from './site-fixture';

let fx: SiteFixture;
afterEach(() => {
  expect(fx.violations).toEqual([]);
  fx.close();
});

const keysOf = (response: { body?: unknown }) => (bodyOf(response as never).issues as { key: string }[]).map((i) => i.key);

function seedPlan(site: JiraSite, planId: string, steps: number) {
  return site.store.insertIssuesDirect([
    { projectKey: 'OUT', issueType: 'Epic', summary: `Plan ${planId}`, properties: { 'outbound-playbook': { kind: 'plan', planId } } },
    ...Array.from({ length: steps }, (_, i) => ({
      projectKey: 'OUT',
      issueType: 'Task',
      summary: `Step ${i + 1}`,
      status: i === 0 ? 'Done' : 'To Do',
      properties: {
        'outbound-playbook': { kind: 'step', planId, step: i + 1, phase: i < 2 ? 'Design' : 'Build', raci: { responsible: ['SA', 'PM'] }, secret: 'x' },
      },
      customFields: { customfield_10100: i < 2 ? 'Design' : 'Build' },
    })),
  ]);
}

describe('JQL search', () => {
  beforeEach(() => {
    fx = createFixture();
  });

  it('declared aliases, custom fields by name, issue.property for any path, ORDER BY', async () => {
    seedPlan(fx.site, 'p1', 4);
    seedPlan(fx.site, 'p2', 2);
    const sa = fx.as('sa');
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'playbookPlanId = p1 AND playbookKind = step ORDER BY playbookStep DESC' }))).toEqual([
      'OUT-5',
      'OUT-4',
      'OUT-3',
      'OUT-2',
    ]);
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'playbookResponsible = PM AND statusCategory = Done ORDER BY key' }))).toEqual(['OUT-2', 'OUT-7']);
    // Without ORDER BY: Jira's created DESC, newest id first on ties.
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'Phase = Design AND playbookPlanId = p2' }))).toEqual(['OUT-8', 'OUT-7']);
    // `secret` is not a declared path, but issue.property[...] reaches any path.
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'issue.property[outbound-playbook].secret = x AND playbookPlanId = p2 ORDER BY key' }))).toEqual([
      'OUT-7',
      'OUT-8',
    ]);
  });

  it('the manifest\'s forecast aliases: playbookHealth = "late" finds exactly the late plans; slip and go-live compare as number and date', async () => {
    const epic = (planId: string, rollup: Record<string, unknown>) => ({
      projectKey: 'OUT',
      issueType: 'Epic',
      summary: `Plan ${planId}`,
      properties: { 'outbound-playbook': { kind: 'plan', planId, ...rollup } },
    });
    fx.site.store.insertIssuesDirect([
      epic('late-1', { health: 'late', slipBusinessDays: 4, forecastGoLive: '2025-06-20' }),
      epic('risk', { health: 'at-risk', slipBusinessDays: 1, forecastGoLive: '2025-06-02' }),
      epic('fine', { health: 'on-track', slipBusinessDays: 0, forecastGoLive: '2025-05-30' }),
      epic('late-2', { health: 'late', slipBusinessDays: 0, forecastGoLive: '2025-05-30' }),
      epic('unrolled', {}),
    ]);
    seedPlan(fx.site, 'p1', 2);
    const sa = fx.as('sa');
    const search = async (jql: string) => keysOf(await sa.post(`${API}/search/jql`, { jql: `${jql} ORDER BY key` }));
    expect(await search('playbookHealth = "late"')).toEqual(['OUT-1', 'OUT-4']);
    expect(await search('project = OUT AND playbookKind = plan AND playbookHealth = "at-risk"')).toEqual(['OUT-2']);
    expect(await search('playbookSlip > 0')).toEqual(['OUT-1', 'OUT-2']);
    expect(await search('playbookForecastGoLive > "2025-05-30"')).toEqual(['OUT-1', 'OUT-2']);
    expect(await search('playbookForecastGoLive = "2025-05-30"')).toEqual(['OUT-3', 'OUT-4']);
    const bad = await sa.post(`${API}/search/jql`, { jql: 'playbookForecastGoLive > "soon"' });
    expect(bad.status).toBe(400);
  });

  it('JQL errors are 400 with Jira message: undeclared aliases, syntax, unbounded queries', async () => {
    const sa = fx.as('sa');
    const undeclared = await sa.post(`${API}/search/jql`, { jql: 'playbookSecret = x' });
    expect(undeclared.status).toBe(400);
    expect(bodyOf(undeclared).errorMessages).toEqual(["Field 'playbookSecret' does not exist or you do not have permission to view it."]);
    const syntax = await sa.get(`${API}/search/jql`, { jql: 'project = ' });
    expect(syntax.status).toBe(400);
    expect(bodyOf(syntax).errorMessages[0]).toMatch(/^Error in the JQL Query/);
    const unbounded = await sa.post(`${API}/search/jql`, { jql: 'order by key' });
    expect(bodyOf(unbounded).errorMessages).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  });

  it('only issues the user may browse; hidden projects do not exist in JQL', async () => {
    addHiddenProject(fx.site);
    await createIssue(fx.as('pm'), { project: { key: 'HIDE' }, labels: ['shared'] });
    await createIssue(fx.as('sa'), { labels: ['shared'] });
    expect(keysOf(await fx.as('sa').post(`${API}/search/jql`, { jql: 'labels = shared' }))).toEqual(['OUT-1']);
    expect(keysOf(await fx.as('pm').post(`${API}/search/jql`, { jql: 'labels = shared ORDER BY key' }))).toEqual(['HIDE-1', 'OUT-1']);
    const hidden = await fx.as('sa').post(`${API}/search/jql`, { jql: 'project = HIDE' });
    expect(hidden.status).toBe(400);
    expect(bodyOf(await fx.as('sa').post(`${API}/search/approximate-count`, { jql: 'labels = shared' })).count).toBe(1);
  });

  it('fields (default id only, lists, *all, exclusions) and properties', async () => {
    seedPlan(fx.site, 'p1', 1);
    const sa = fx.as('sa');
    const idsOnly = bodyOf(await sa.post(`${API}/search/jql`, { jql: 'project = OUT ORDER BY key' })).issues[0];
    expect(idsOnly).not.toHaveProperty('fields');
    expect(idsOnly).toMatchObject({ id: '10000', key: 'OUT-1' });
    const some = bodyOf(
      await sa.post(`${API}/search/jql`, { jql: 'project = OUT ORDER BY key', fields: ['summary', 'status'], properties: ['outbound-playbook'] }),
    ).issues[0];
    expect(Object.keys(some.fields).sort()).toEqual(['status', 'summary']);
    expect(some.properties).toEqual({ 'outbound-playbook': { kind: 'plan', planId: 'p1' } });
    const allBut = bodyOf(await sa.get(`${API}/search/jql`, { jql: 'project = OUT', fields: '*all,-description' })).issues[0];
    expect(allBut.fields).toHaveProperty('labels');
    expect(allBut.fields).not.toHaveProperty('description');
    expect((await sa.post(`${API}/search/jql`, { jql: 'project = OUT', properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
  });

  it('pages with nextPageToken until isLast; page size capped at 100 with fields, 5000 for ids only', async () => {
    fx.site.store.insertIssuesDirect(Array.from({ length: 5100 }, (_, i) => ({ projectKey: 'OUT', issueType: 'Task', summary: `n${i}`, labels: ['bulk'] })));
    const sa = fx.as('sa');
    const withFields = bodyOf(await sa.post(`${API}/search/jql`, { jql: 'labels = bulk', maxResults: 1000, fields: ['summary'] }));
    expect(withFields.issues).toHaveLength(100);
    const idsOnly = bodyOf(await sa.post(`${API}/search/jql`, { jql: 'labels = bulk', maxResults: 10000 }));
    expect(idsOnly.issues).toHaveLength(5000);
    expect(idsOnly.isLast).toBe(false);
    const rest = bodyOf(await sa.post(`${API}/search/jql`, { jql: 'labels = bulk', maxResults: 10000, nextPageToken: idsOnly.nextPageToken }));
    expect(rest.issues).toHaveLength(100);
    expect(rest.isLast).toBe(true);
    expect(rest).not.toHaveProperty('nextPageToken');
    const seen = new Set([...idsOnly.issues, ...rest.issues].map((i: { id: string }) => i.id));
    expect(seen.size).toBe(5100);
    // Small pages over GET, keyed by the same query.
    let token: string | undefined;
    const keys: string[] = [];
    do {
      const page = bodyOf(
        await sa.get(`${API}/search/jql`, { jql: 'labels = bulk AND summary ~ "n10*"', maxResults: '7', ...(token ? { nextPageToken: token } : {}) }),
      );
      keys.push(...page.issues.map((i: { key: string }) => i.key));
      token = page.nextPageToken;
    } while (token);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(7);
    expect((await sa.post(`${API}/search/jql`, { jql: 'labels = other', nextPageToken: idsOnly.nextPageToken })).status).toBe(400);
  });
});

describe('index lag and reconcileIssues', () => {
  beforeEach(() => {
    fx = createFixture({ indexLagMs: 5_000 });
  });

  it('new and changed issues reach search after the lag; reconcileIssues reads them at once', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, { labels: ['lag'] });
    const search = (extra: Record<string, unknown> = {}) => sa.post(`${API}/search/jql`, { jql: 'labels = lag', fields: ['summary'], ...extra });
    expect(keysOf(await search())).toEqual([]);
    expect(keysOf(await search({ reconcileIssues: [Number(issue.id)] }))).toEqual([issue.key]);
    fx.clock.advance(5_000);
    expect(keysOf(await search())).toEqual([issue.key]);
    // An edit: search keeps the old indexed state until the lag has passed.
    await sa.put(`${API}/issue/${issue.key}`, { fields: { summary: 'renamed' }, update: { labels: [{ remove: 'lag' }] } });
    expect(keysOf(await search())).toEqual([issue.key]);
    expect(keysOf(await search({ reconcileIssues: [Number(issue.id)] }))).toEqual([]);
    fx.clock.advance(4_999);
    expect(keysOf(await search())).toEqual([issue.key]);
    fx.clock.advance(1);
    expect(keysOf(await search())).toEqual([]);
    // GET issue is always current.
    expect(bodyOf(await sa.get(`${API}/issue/${issue.key}`)).fields.summary).toBe('renamed');
  });

  it('moving the site clock back (the local site\'s "Today") loses no indexed issue', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, { labels: ['back'] });
    fx.clock.advance(5_000);
    const search = () => sa.post(`${API}/search/jql`, { jql: 'labels = back', fields: ['summary'] });
    expect(keysOf(await search())).toEqual([issue.key]);
    // Forward two years, an edit there, then back before the issue was even created.
    fx.clock.advance(2 * 365 * 86_400_000);
    await sa.put(`${API}/issue/${issue.key}`, { fields: { summary: 'edited in the future' } });
    fx.clock.advance(5_000);
    fx.clock.advance(-3 * 365 * 86_400_000);
    expect(keysOf(await search())).toEqual([issue.key]);
    const later = await createIssue(sa, { labels: ['back'] });
    fx.clock.advance(5_000);
    expect(keysOf(await search()).sort()).toEqual([issue.key, later.key].sort());
  });

  it('the transport can change the lag; property writes lag too', async () => {
    fx.site.setIndexLagMs(0);
    const sa = fx.as('sa');
    const issue = await createIssue(sa, {});
    await sa.put(`${API}/issue/${issue.key}/properties/outbound-playbook`, { kind: 'plan', planId: 'q' });
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'playbookPlanId = q' }))).toEqual([issue.key]);
    fx.site.setIndexLagMs(1_000);
    await sa.put(`${API}/issue/${issue.key}/properties/outbound-playbook`, { kind: 'plan', planId: 'r' });
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'playbookPlanId = r' }))).toEqual([]);
    expect(keysOf(await sa.post(`${API}/search/jql`, { jql: 'playbookPlanId = r', reconcileIssues: [Number(issue.id)] }))).toEqual([issue.key]);
  });
});

describe('scale', () => {
  beforeEach(() => {
    fx = createFixture();
  });

  it('125,000 issues seed straight into the store and search pages over them (speed is measured by npm run bench, not here)', async () => {
    const plans = 125_000 / 25;
    for (let p = 0; p < plans; p += 1000) {
      fx.site.store.insertIssuesDirect(
        Array.from({ length: 1000 * 25 }, (_, i) => {
          const plan = p + Math.floor(i / 25);
          const step = i % 25;
          return {
            projectKey: 'OUT',
            issueType: step === 0 ? 'Epic' : 'Task',
            summary: `Plan ${plan} step ${step}`,
            assigneeAccountId: DEMO_SITE.accounts.sa.accountId,
            properties: { 'outbound-playbook': step === 0 ? { kind: 'plan', planId: `plan-${plan}` } : { kind: 'step', planId: `plan-${plan}`, step } },
          };
        }),
      );
    }
    expect(fx.site.store.issueCount()).toBe(125_000);
    const page = bodyOf(
      await fx.as('sa').post(`${API}/search/jql`, {
        jql: 'project = OUT AND playbookKind = plan ORDER BY created DESC',
        fields: ['summary'],
        properties: ['outbound-playbook'],
        maxResults: 100,
      }),
    );
    expect(page.issues).toHaveLength(100);
    expect(page.isLast).toBe(false);
    expect(typeof page.nextPageToken).toBe('string');
    // Only epics: the alias filters on the indexed property.
    expect(page.issues.every((i: { properties: Record<string, { kind: string }> }) => i.properties['outbound-playbook'].kind === 'plan')).toBe(true);
  });
});
