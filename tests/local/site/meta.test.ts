import { DEMO_SITE, loadForgeDeclarations } from '../../../src/local/jira/site';
import { addHiddenProject, API, bodyOf, createFixture, MANIFEST_FILE, type SiteFixture } from './site-fixture';

let fx: SiteFixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => {
  expect(fx.violations).toEqual([]);
  fx.close();
});

describe('declarations', () => {
  it('reads the manifest: app id, aliases of the outbound-playbook property, read-only fields, the trigger', () => {
    const d = loadForgeDeclarations(MANIFEST_FILE);
    expect(d.appId).toBe('6f1c2f0e-5b8a-4a8e-9a55-0b7d3c1e2a41');
    expect(d.entityProperties).toHaveLength(1);
    expect(d.entityProperties[0].propertyKey).toBe('outbound-playbook');
    expect(d.entityProperties[0].values).toContainEqual({ path: 'raci.responsible', type: 'string', searchAlias: 'playbookResponsible' });
    expect(d.customFields).toEqual([
      { moduleKey: 'playbook-phase', name: 'Phase', type: 'string', readOnly: true },
      { moduleKey: 'playbook-raci', name: 'RACI', type: 'string', readOnly: true },
    ]);
    expect(d.triggers).toEqual([{ key: 'plan-roll-up', events: ['avi:jira:created:issue', 'avi:jira:updated:issue'], functionKey: 'on-issue-change' }]);
  });
});

describe('demo site', () => {
  it('authenticates every demo account by email and token, and nobody with a wrong token', () => {
    for (const account of DEMO_SITE.accountList)
      expect(fx.site.authenticate(account.emailAddress.toUpperCase(), account.apiToken)).toEqual({ accountId: account.accountId });
    expect(fx.site.authenticate('sa@example.com', 'wrong')).toBeNull();
    expect(fx.site.accounts().map((a) => a.emailAddress)).toEqual(
      expect.arrayContaining(['sa@example.com', 'pm@example.com', 'im@example.com', 'opm@example.com', 'viewer@example.com']),
    );
  });

  it('GET myself answers the actor', async () => {
    const body = bodyOf(await fx.as('pm').get(`${API}/myself`));
    expect(body).toMatchObject({
      accountId: DEMO_SITE.accounts.pm.accountId,
      emailAddress: 'pm@example.com',
      displayName: 'Priya Manager',
      accountType: 'atlassian',
      active: true,
    });
  });
});

describe('projects', () => {
  it('GET project by key or id, with its issue types', async () => {
    const byKey = bodyOf(await fx.as('sa').get(`${API}/project/out`));
    expect(byKey).toMatchObject({ id: '10000', key: 'OUT', name: 'Outbound Implementations' });
    expect(byKey.issueTypes.map((t: { name: string }) => t.name)).toEqual(['Epic', 'Task', 'Subtask']);
    expect(bodyOf(await fx.as('sa').get(`${API}/project/10000`)).key).toBe('OUT');
  });

  it('hides projects the user may not browse behind the same 404 as unknown ones', async () => {
    addHiddenProject(fx.site);
    const hidden = await fx.as('sa').get(`${API}/project/HIDE`);
    const unknown = await fx.as('sa').get(`${API}/project/NOPE`);
    expect(hidden.status).toBe(404);
    expect(bodyOf(hidden).errorMessages).toEqual(["No project could be found with key 'HIDE'."]);
    expect(unknown.status).toBe(404);
    expect((await fx.as('pm').get(`${API}/project/HIDE`)).status).toBe(200);
  });

  it('project search pages and filters by what the user may do', async () => {
    addHiddenProject(fx.site);
    const all = bodyOf(await fx.as('sa').get(`${API}/project/search`));
    expect(all.values.map((p: { key: string }) => p.key)).toEqual(['OUT', 'SAND']);
    const first = bodyOf(await fx.as('sa').get(`${API}/project/search`, { maxResults: '1' }));
    expect(first).toMatchObject({ total: 2, isLast: false, startAt: 0, maxResults: 1 });
    expect(first.values).toHaveLength(1);
    const creatable = bodyOf(await fx.as('sa').get(`${API}/project/search`, { action: 'create' }));
    expect(creatable.values.map((p: { key: string }) => p.key)).toEqual(['OUT']);
  });

  it('create metadata lists the types the user may create: all in OUT, none for SA in SAND', async () => {
    const out = bodyOf(await fx.as('sa').get(`${API}/issue/createmeta/OUT/issuetypes`));
    expect(out.issueTypes.map((t: { name: string; hierarchyLevel: number }) => [t.name, t.hierarchyLevel])).toEqual([
      ['Epic', 1],
      ['Task', 0],
      ['Subtask', -1],
    ]);
    expect(out.total).toBe(3);
    expect(bodyOf(await fx.as('sa').get(`${API}/issue/createmeta/SAND/issuetypes`)).issueTypes).toEqual([]);
    expect(bodyOf(await fx.as('pm').get(`${API}/issue/createmeta/SAND/issuetypes`)).total).toBe(3);
    expect((await fx.as('sa').get(`${API}/issue/createmeta/NOPE/issuetypes`)).status).toBe(400);
  });
});

describe('fields', () => {
  it('lists system fields and the declared Forge custom fields with their extension ARI', async () => {
    const fields = bodyOf(await fx.as('sa').get(`${API}/field`)) as {
      id: string;
      key: string;
      name: string;
      custom: boolean;
      schema: Record<string, unknown>;
      clauseNames: string[];
    }[];
    expect(fields.map((f) => f.id)).toEqual(
      expect.arrayContaining(['summary', 'description', 'labels', 'duedate', 'parent', 'issuelinks', 'status', 'assignee']),
    );
    const phase = fields.find((f) => f.name === 'Phase');
    expect(phase).toMatchObject({
      id: 'customfield_10100',
      custom: true,
      clauseNames: ['cf[10100]', 'Phase'],
      schema: {
        type: 'string',
        customId: 10100,
        custom: expect.stringMatching(/^ari:cloud:ecosystem::extension\/6f1c2f0e-5b8a-4a8e-9a55-0b7d3c1e2a41\/[^/]+\/static\/playbook-phase$/),
      },
    });
    expect(phase?.key.endsWith('__playbook-phase')).toBe(true);
    expect(fields.find((f) => f.name === 'RACI')?.id).toBe('customfield_10101');
  });
});

describe('users', () => {
  it('user search by name or email prefix, or by accountId; a query is required', async () => {
    const byName = bodyOf(await fx.as('sa').get(`${API}/user/search`, { query: 'priya' })) as { accountId: string }[];
    expect(byName.map((u) => u.accountId)).toEqual([DEMO_SITE.accounts.pm.accountId]);
    const byEmail = bodyOf(await fx.as('sa').get(`${API}/user/search`, { query: 'opm@' })) as { emailAddress: string }[];
    expect(byEmail.map((u) => u.emailAddress)).toEqual(['opm@example.com']);
    const byId = bodyOf(await fx.as('sa').get(`${API}/user/search`, { accountId: DEMO_SITE.accounts.im.accountId })) as { displayName: string }[];
    expect(byId.map((u) => u.displayName)).toEqual(['Ivan Implementer']);
    expect((await fx.as('sa').get(`${API}/user/search`)).status).toBe(400);
  });

  it('assignable search lists only users assignable in the project (not the viewer, not the app)', async () => {
    const users = bodyOf(await fx.as('sa').get(`${API}/user/assignable/search`, { project: 'OUT' })) as { emailAddress: string }[];
    expect(users.map((u) => u.emailAddress).sort()).toEqual(['im@example.com', 'opm@example.com', 'pm@example.com', 'sa@example.com']);
    const filtered = bodyOf(await fx.as('sa').get(`${API}/user/assignable/search`, { project: 'OUT', query: 'ivan' })) as { emailAddress: string }[];
    expect(filtered.map((u) => u.emailAddress)).toEqual(['im@example.com']);
    expect((await fx.as('sa').get(`${API}/user/assignable/search`)).status).toBe(400);
  });
});

describe('mypermissions', () => {
  const keys = 'BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES,LINK_ISSUES,ASSIGN_ISSUES,TRANSITION_ISSUES';
  const held = (body: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(body.permissions as Record<string, { havePermission: boolean }>).map(([k, v]) => [k, v.havePermission]));

  it('reports each permission truthfully per project', async () => {
    expect(held(bodyOf(await fx.as('sa').get(`${API}/mypermissions`, { projectKey: 'OUT', permissions: keys })))).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: true,
      EDIT_ISSUES: true,
      LINK_ISSUES: true,
      ASSIGN_ISSUES: true,
      TRANSITION_ISSUES: true,
    });
    expect(held(bodyOf(await fx.as('sa').get(`${API}/mypermissions`, { projectKey: 'SAND', permissions: keys })))).toMatchObject({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: false,
      EDIT_ISSUES: false,
    });
    expect(held(bodyOf(await fx.as('viewer').get(`${API}/mypermissions`, { projectKey: 'OUT', permissions: keys })))).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: false,
      EDIT_ISSUES: false,
      LINK_ISSUES: false,
      ASSIGN_ISSUES: false,
      TRANSITION_ISSUES: false,
    });
  });

  it('global context: held when held in any project; errors for missing or unknown keys and hidden projects', async () => {
    expect(held(bodyOf(await fx.as('sa').get(`${API}/mypermissions`, { permissions: 'CREATE_ISSUES' })))).toEqual({ CREATE_ISSUES: true });
    const missing = await fx.as('sa').get(`${API}/mypermissions`);
    expect(missing.status).toBe(400);
    expect((await fx.as('sa').get(`${API}/mypermissions`, { permissions: 'FLY' })).status).toBe(400);
    addHiddenProject(fx.site);
    expect((await fx.as('sa').get(`${API}/mypermissions`, { projectKey: 'HIDE', permissions: 'BROWSE_PROJECTS' })).status).toBe(404);
  });
});

describe('link types, retired and unknown endpoints', () => {
  it('offers Blocks, Cloners, Duplicate and Relates with Jira names', async () => {
    const types = bodyOf(await fx.as('sa').get(`${API}/issueLinkType`)).issueLinkTypes as { name: string; inward: string; outward: string }[];
    expect(types.map((t) => [t.name, t.inward, t.outward])).toEqual([
      ['Blocks', 'is blocked by', 'blocks'],
      ['Cloners', 'is cloned by', 'clones'],
      ['Duplicate', 'is duplicated by', 'duplicates'],
      ['Relates', 'relates to', 'relates to'],
    ]);
  });

  it('the removed GET/POST /search answer 410 with Jira message', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fx
        .as('sa')
        .call(method, `${API}/search`, method === 'POST' ? { body: { jql: 'project = OUT' } } : { query: { jql: 'project = OUT' } });
      expect(response.status).toBe(410);
      expect(bodyOf(response).errorMessages[0]).toMatch(/^The requested API has been removed\. Please migrate to the \/rest\/api\/3\/search\/jql API/);
    }
  });

  it('anything else is a logged 404 in the ErrorCollection shape', async () => {
    const logged: string[] = [];
    const local = createFixture({ logger: (m) => logged.push(m) });
    const response = await local.as('sa').get(`${API}/dashboard`);
    expect(response.status).toBe(404);
    expect(bodyOf(response)).toEqual({ errorMessages: [expect.stringContaining('/rest/api/3/dashboard')], errors: {} });
    expect(logged).toEqual([expect.stringContaining('GET /rest/api/3/dashboard')]);
    local.close();
  });
});
