import { DEMO_SITE } from '../../../src/local/jira/site';
import { adf, addHiddenProject, API, bodyOf, createFixture, createIssue, START, type SiteFixture } from './site-fixture';

let fx: SiteFixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => {
  expect(fx.violations).toEqual([]);
  fx.close();
});

const errorsOf = (response: { body?: unknown }) => bodyOf(response as never).errors as Record<string, string>;

describe('create', () => {
  it('creates with reporter = actor, To Do status, timestamps, labels, due date, assignee and properties', async () => {
    const sa = fx.as('sa');
    const created = await createIssue(
      sa,
      {
        summary: 'Kick off',
        labels: ['outbound-playbook'],
        duedate: '2025-03-14',
        assignee: { accountId: DEMO_SITE.accounts.im.accountId },
        description: adf('Hello'),
      },
      { properties: [{ key: 'outbound-playbook', value: { kind: 'step', step: 1 } }] },
    );
    expect(created.key).toBe('OUT-1');
    const issue = bodyOf(await sa.get(`${API}/issue/${created.key}`, { properties: 'outbound-playbook' }));
    expect(issue.fields).toMatchObject({
      summary: 'Kick off',
      labels: ['outbound-playbook'],
      duedate: '2025-03-14',
      description: adf('Hello'),
      issuetype: { name: 'Task', hierarchyLevel: 0, subtask: false },
      project: { key: 'OUT' },
      status: { name: 'To Do', statusCategory: { key: 'new', name: 'To Do', id: 2 } },
      assignee: { accountId: DEMO_SITE.accounts.im.accountId },
      reporter: { accountId: DEMO_SITE.accounts.sa.accountId },
      created: '2025-03-03T09:00:00.000+0000',
      updated: '2025-03-03T09:00:00.000+0000',
      resolution: null,
      issuelinks: [],
      customfield_10100: null,
    });
    expect(issue.fields.parent).toBeUndefined();
    expect(issue.properties).toEqual({ 'outbound-playbook': { kind: 'step', step: 1 } });
    expect((await createIssue(sa, {})).key).toBe('OUT-2');
  });

  it('answers Jira validation errors field by field', async () => {
    const sa = fx.as('sa');
    const post = (fields: Record<string, unknown>) =>
      sa.post(`${API}/issue`, { fields: { project: { key: 'OUT' }, issuetype: { name: 'Task' }, summary: 'x', ...fields } });
    const plain = await post({ description: 'plain text' });
    expect(plain.status).toBe(400);
    expect(errorsOf(plain)).toEqual({ description: 'Operation value must be an Atlassian Document' });
    expect(errorsOf(await post({ priority: { name: 'High' } }))).toEqual({
      priority: "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    // The app's Forge fields are read-only: only the app sets them, through /app/field/value.
    expect(errorsOf(await post({ customfield_10100: 'Design' }))).toEqual({
      customfield_10100: "Field 'customfield_10100' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    expect(errorsOf(await post({ summary: undefined }))).toEqual({ summary: 'You must specify a summary of the issue.' });
    expect(errorsOf(await post({ summary: 'x'.repeat(256) }))).toEqual({ summary: 'Summary must be less than 255 characters.' });
    expect(errorsOf(await post({ labels: ['two words'] }))).toEqual({ labels: "The label 'two words' contains spaces which is invalid." });
    expect(errorsOf(await post({ duedate: '2025-02-30' }))).toEqual({ duedate: 'Error parsing date string: 2025-02-30' });
    expect(errorsOf(await post({ assignee: { accountId: DEMO_SITE.accounts.viewer.accountId } }))).toEqual({
      assignee: `User '${DEMO_SITE.accounts.viewer.accountId}' cannot be assigned issues.`,
    });
    expect(errorsOf(await post({ project: { key: 'NOPE' } }))).toEqual({ project: 'Specify a valid project ID or key' });
    expect(errorsOf(await post({ issuetype: { id: '99' } }))).toEqual({ issuetype: 'The issue type selected is invalid.' });
    // Several problems come back together.
    expect(Object.keys(errorsOf(await post({ description: 'plain', duedate: 'soon' }))).sort()).toEqual(['description', 'duedate']);
    expect(fx.site.store.issueCount()).toBe(0);
  });

  it('403 without CREATE_ISSUES (SA in SAND, the viewer anywhere); hidden projects look unknown', async () => {
    const inSand = await fx.as('sa').post(`${API}/issue`, { fields: { project: { key: 'SAND' }, issuetype: { name: 'Task' }, summary: 'x' } });
    expect(inSand.status).toBe(403);
    expect(bodyOf(inSand).errorMessages).toEqual(['You do not have permission to create issues in this project.']);
    expect((await fx.as('viewer').post(`${API}/issue`, { fields: { project: { key: 'OUT' }, issuetype: { name: 'Task' }, summary: 'x' } })).status).toBe(403);
    expect((await createIssue(fx.as('pm'), { project: { key: 'SAND' } })).key).toBe('SAND-1');
    addHiddenProject(fx.site);
    expect((await fx.as('sa').post(`${API}/issue`, { fields: { project: { key: 'HIDE' }, issuetype: { name: 'Task' }, summary: 'x' } })).status).toBe(400);
  });

  it('parents follow the hierarchy: Task under Epic, Subtask under Task', async () => {
    const sa = fx.as('sa');
    const epic = await createIssue(sa, { issuetype: { name: 'Epic' }, summary: 'Plan' });
    const task = await createIssue(sa, { parent: { key: epic.key } });
    const sub = await createIssue(sa, { issuetype: { name: 'Subtask' }, parent: { id: task.id } });
    const taskBody = bodyOf(await sa.get(`${API}/issue/${task.key}`));
    expect(taskBody.fields.parent).toMatchObject({
      id: epic.id,
      key: epic.key,
      fields: { summary: 'Plan', issuetype: { name: 'Epic' }, status: { name: 'To Do' } },
    });
    expect(taskBody.fields.subtasks.map((s: { key: string }) => s.key)).toEqual([sub.key]);
    const wrong = await sa.post(`${API}/issue`, { fields: { project: { key: 'OUT' }, issuetype: { name: 'Task' }, summary: 'x', parent: { key: task.key } } });
    expect(errorsOf(wrong)).toEqual({ parent: 'Given parent work item does not belong to appropriate hierarchy.' });
    const orphan = await sa.post(`${API}/issue`, { fields: { project: { key: 'OUT' }, issuetype: { name: 'Subtask' }, summary: 'x' } });
    expect(errorsOf(orphan)).toEqual({ parent: 'Issue type is a sub-task but parent issue key or id not specified.' });
    expect(
      errorsOf(await sa.post(`${API}/issue`, { fields: { project: { key: 'OUT' }, issuetype: { name: 'Task' }, summary: 'x', parent: { key: 'OUT-999' } } })),
    ).toEqual({ parent: 'Could not find issue by id or key.' });
  });
});

describe('bulk create', () => {
  const element = (summary: string, extra: Record<string, unknown> = {}) => ({
    fields: { project: { key: 'OUT' }, issuetype: { name: 'Task' }, summary, ...extra },
  });

  it('partial failure: 201 with the created issues and each failure by element number', async () => {
    const response = await fx.as('sa').post(`${API}/issue/bulk`, {
      issueUpdates: [element('one'), element('two', { description: 'plain' }), element('three'), element('four', { project: { key: 'SAND' } })],
    });
    expect(response.status).toBe(201);
    const body = bodyOf(response);
    expect(body.issues.map((i: { key: string }) => i.key)).toEqual(['OUT-1', 'OUT-2']);
    expect(body.errors).toEqual([
      { status: 400, failedElementNumber: 1, elementErrors: { errorMessages: [], errors: { description: 'Operation value must be an Atlassian Document' } } },
      { status: 403, failedElementNumber: 3, elementErrors: { errorMessages: ['You do not have permission to create issues in this project.'], errors: {} } },
    ]);
  });

  it('400 when every element fails, and when more than 50 are sent', async () => {
    const allBad = await fx.as('sa').post(`${API}/issue/bulk`, { issueUpdates: [element('a', { description: 'x' }), element('b', { duedate: 'x' })] });
    expect(allBad.status).toBe(400);
    expect(bodyOf(allBad).errors).toHaveLength(2);
    const tooMany = await fx.as('sa').post(`${API}/issue/bulk`, { issueUpdates: Array.from({ length: 51 }, (_, i) => element(`n${i}`)) });
    expect(tooMany.status).toBe(400);
    expect(fx.site.store.issueCount()).toBe(0);
    const fifty = await fx.as('sa').post(`${API}/issue/bulk`, { issueUpdates: Array.from({ length: 50 }, (_, i) => element(`n${i}`)) });
    expect(bodyOf(fifty).issues).toHaveLength(50);
  });
});

describe('get', () => {
  it('404 alike for missing issues and issues the user may not browse', async () => {
    addHiddenProject(fx.site);
    const hidden = await createIssue(fx.as('pm'), { project: { key: 'HIDE' } });
    for (const ref of [hidden.key, hidden.id, 'OUT-404']) {
      const response = await fx.as('sa').get(`${API}/issue/${ref}`);
      expect(response.status).toBe(404);
      expect(bodyOf(response)).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    }
  });

  it('fields, properties and expand parameters', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(
      sa,
      { labels: ['a'] },
      {
        properties: [
          { key: 'p1', value: 1 },
          { key: 'p2', value: 2 },
        ],
      },
    );
    const some = bodyOf(await sa.get(`${API}/issue/${issue.key}`, { fields: 'summary,labels', properties: 'p2', expand: 'names,schema,transitions' }));
    expect(Object.keys(some.fields).sort()).toEqual(['labels', 'summary']);
    expect(some.properties).toEqual({ p2: 2 });
    expect(some.names).toEqual({ summary: 'Summary', labels: 'Labels' });
    expect(some.schema.labels).toEqual({ type: 'array', items: 'string', system: 'labels' });
    expect(some.transitions.map((t: { name: string }) => t.name)).toEqual(['To Do', 'In Progress', 'Done']);
    const allBut = bodyOf(await sa.get(`${API}/issue/${issue.key}`, { fields: '*all,-description' }));
    expect(allBut.fields).not.toHaveProperty('description');
    expect(allBut.fields).toHaveProperty('customfield_10101', null);
    expect(allBut).not.toHaveProperty('properties');
  });
});

describe('edit', () => {
  it('sets fields and applies label add/remove operations; updated moves on', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, { labels: ['keep', 'drop'] });
    fx.clock.advance(60_000);
    const response = await sa.put(`${API}/issue/${issue.key}`, {
      fields: { summary: 'Renamed', duedate: '2025-04-01' },
      update: { labels: [{ add: 'new' }, { remove: 'drop' }] },
    });
    expect(response.status).toBe(204);
    const body = bodyOf(await sa.get(`${API}/issue/${issue.key}`));
    expect(body.fields).toMatchObject({
      summary: 'Renamed',
      duedate: '2025-04-01',
      labels: ['keep', 'new'],
      updated: '2025-03-03T09:01:00.000+0000',
      created: '2025-03-03T09:00:00.000+0000',
    });
  });

  it('rejects what cannot be edited, with Jira messages', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, {});
    expect(errorsOf(await sa.put(`${API}/issue/${issue.key}`, { fields: { project: { key: 'SAND' } } }))).toEqual({
      project: "Field 'project' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    expect(errorsOf(await sa.put(`${API}/issue/${issue.key}`, { fields: { labels: ['x'] }, update: { labels: [{ add: 'y' }] } })).labels).toMatch(/both/);
    const viewer = await fx.as('viewer').put(`${API}/issue/${issue.key}`, { fields: { summary: 'mine' } });
    expect(viewer.status).toBe(403);
    expect(bodyOf(viewer).errorMessages).toEqual(['You do not have permission to edit issues in this project.']);
    expect(bodyOf(await sa.get(`${API}/issue/${issue.key}`)).fields.summary).toBe('A task');
  });

  it('notifyUsers=false is for administrators and apps only; returnIssue answers the issue', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    expect((await fx.as('sa').put(`${API}/issue/${issue.key}`, { fields: { summary: 'quiet' } }, { notifyUsers: 'false' })).status).toBe(403);
    expect((await fx.as('app').put(`${API}/issue/${issue.key}`, { fields: { summary: 'quiet' } }, { notifyUsers: 'false' })).status).toBe(204);
    const returned = await fx.as('sa').put(`${API}/issue/${issue.key}`, { fields: { summary: 'loud' } }, { returnIssue: 'true' });
    expect(returned.status).toBe(200);
    expect(bodyOf(returned).fields.summary).toBe('loud');
  });

  it('assigning needs ASSIGN_ISSUES and an assignable user', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    expect((await fx.as('pm').put(`${API}/issue/${issue.key}`, { fields: { assignee: { accountId: DEMO_SITE.accounts.opm.accountId } } })).status).toBe(204);
    expect(bodyOf(await fx.as('sa').get(`${API}/issue/${issue.key}`)).fields.assignee.displayName).toBe('Olga Operations');
    expect((await fx.as('pm').put(`${API}/issue/${issue.key}`, { fields: { assignee: null } })).status).toBe(204);
    expect(bodyOf(await fx.as('sa').get(`${API}/issue/${issue.key}`)).fields.assignee).toBeNull();
  });
});

describe('transitions', () => {
  it('any status to any status; status category, resolution and change date follow', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, {});
    const list = bodyOf(await sa.get(`${API}/issue/${issue.key}/transitions`)).transitions as {
      id: string;
      to: { name: string; statusCategory: { key: string } };
    }[];
    expect(list.map((t) => [t.id, t.to.name, t.to.statusCategory.key])).toEqual([
      ['11', 'To Do', 'new'],
      ['21', 'In Progress', 'indeterminate'],
      ['31', 'Done', 'done'],
    ]);
    fx.clock.advance(3_600_000);
    expect((await sa.post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '31' } })).status).toBe(204);
    const done = bodyOf(await sa.get(`${API}/issue/${issue.key}`)).fields;
    expect(done.status).toMatchObject({ name: 'Done', statusCategory: { key: 'done', colorName: 'green' } });
    expect(done.resolution).toMatchObject({ name: 'Done' });
    expect(done.statuscategorychangedate).toBe(new Date(START + 3_600_000).toISOString().replace('Z', '+0000'));
    expect((await sa.post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '11' } })).status).toBe(204);
    expect(bodyOf(await sa.get(`${API}/issue/${issue.key}`)).fields.resolution).toBeNull();
  });

  it('statuscategorychangedate: set at creation, moved only by transitions that change the status category, in GET and in search', async () => {
    const sa = fx.as('sa');
    const issue = await createIssue(sa, {});
    const changedAt = async () => bodyOf(await sa.get(`${API}/issue/${issue.key}`, { fields: 'statuscategorychangedate' })).fields.statuscategorychangedate;
    const at = (ms: number) => new Date(START + ms).toISOString().replace('Z', '+0000');
    expect(await changedAt()).toBe(at(0));
    fx.clock.advance(86_400_000);
    expect((await sa.post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '11' } })).status).toBe(204); // To Do → To Do
    expect(await changedAt()).toBe(at(0));
    expect((await sa.post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '21' } })).status).toBe(204); // started
    expect(await changedAt()).toBe(at(86_400_000));
    fx.clock.advance(2 * 86_400_000);
    // An edit alone moves `updated`, not the category change date.
    expect((await sa.put(`${API}/issue/${issue.key}`, { fields: { summary: 'renamed' } })).status).toBe(204);
    expect(await changedAt()).toBe(at(86_400_000));
    // A transition with fields (the transition screen) is still a category change.
    expect((await sa.post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '31' }, fields: { duedate: '2025-03-07' } })).status).toBe(204);
    const done = bodyOf(await sa.get(`${API}/issue/${issue.key}`)).fields;
    expect([done.statuscategorychangedate, done.resolutiondate, done.duedate]).toEqual([at(3 * 86_400_000), at(3 * 86_400_000), '2025-03-07']);
    // Search returns it when asked for, as GET does; reconcileIssues reads it through the index lag.
    const found = bodyOf(
      await sa.post(`${API}/search/jql`, { jql: `key = ${issue.key}`, fields: ['status', 'statuscategorychangedate'], reconcileIssues: [Number(issue.id)] }),
    ).issues;
    expect(found).toHaveLength(1);
    expect(found[0].fields).toEqual({ status: expect.objectContaining({ name: 'Done' }), statuscategorychangedate: at(3 * 86_400_000) });
  });

  it('seeded issues carry the category change date they are given (default: their creation)', async () => {
    const [seeded, plain] = fx.site.store.insertIssuesDirect([
      {
        projectKey: 'OUT',
        issueType: 'Task',
        summary: 'done last week',
        status: 'Done',
        created: START - 20 * 86_400_000,
        statusCategoryChanged: START - 7 * 86_400_000,
      },
      { projectKey: 'OUT', issueType: 'Task', summary: 'new', created: START - 86_400_000 },
    ]);
    const get = async (key: string) => bodyOf(await fx.as('sa').get(`${API}/issue/${key}`, { fields: 'statuscategorychangedate,created' })).fields;
    expect(await get(seeded.key)).toEqual({ created: '2025-02-11T09:00:00.000+0000', statuscategorychangedate: '2025-02-24T09:00:00.000+0000' });
    expect((await get(plain.key)).statuscategorychangedate).toBe('2025-03-02T09:00:00.000+0000');
  });

  it('unknown transitions and users without TRANSITION_ISSUES get 400 (no transition is available to them)', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const bad = await fx.as('sa').post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '99' } });
    expect(bad.status).toBe(400);
    expect(bodyOf(bad).errorMessages).toEqual(["Transition id '99' is not valid for this issue."]);
    expect(bodyOf(await fx.as('viewer').get(`${API}/issue/${issue.key}/transitions`)).transitions).toEqual([]);
    expect((await fx.as('viewer').post(`${API}/issue/${issue.key}/transitions`, { transition: { id: '31' } })).status).toBe(400);
    expect(bodyOf(await fx.as('sa').get(`${API}/issue/${issue.key}`)).fields.status.name).toBe('To Do');
  });
});
