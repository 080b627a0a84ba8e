/**
 * Watchers and the issue notification API as Jira behaves: request shapes (checked against the OpenAPI
 * document, requests and answers), permissions (BROWSE, MANAGE_WATCHERS, VIEW_VOTERS_AND_WATCHERS), Jira's
 * 204/400/403/404, and the outbox of what Jira would have e-mailed.
 */
import { JIRA_SPEC_FILE, loadOpenApiContract } from '../../../src/local/jira/contract';
import { DEMO_SITE, NOTIFY_MESSAGES } from '../../../src/local/jira/site';
import { addHiddenProject, API, bodyOf, createFixture, createIssue, type CallOptions, type DemoUser, type SiteFixture } from './site-fixture';

const contract = loadOpenApiContract(JIRA_SPEC_FILE);
const id = (user: DemoUser) => DEMO_SITE.accounts[user].accountId;

let fx: SiteFixture;
beforeEach(() => {
  fx = createFixture();
});
afterEach(() => {
  expect(fx.violations).toEqual([]);
  fx.close();
});

/** A call whose request must also validate against the published document. */
async function call(user: DemoUser, method: string, path: string, options: CallOptions = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) for (const one of [v].flat()) query.append(k, one);
  expect(contract.validateRequest({ method, path, query, body: options.body })).toEqual([]);
  return fx.as(user).call(method, path, options);
}

const watchersOf = async (user: DemoUser, key: string) => bodyOf(await call(user, 'GET', `${API}/issue/${key}/watchers`));

describe('watchers', () => {
  it('the creator watches; adding others takes MANAGE_WATCHERS; adding twice keeps one; remove by accountId', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    expect(await watchersOf('sa', issue.key)).toMatchObject({
      isWatching: true,
      watchCount: 1,
      watchers: [{ accountId: id('sa'), displayName: 'Sasha Architect' }],
    });
    for (let i = 0; i < 2; i += 1) expect((await call('sa', 'POST', `${API}/issue/${issue.key}/watchers`, { body: id('im') })).status).toBe(204);
    expect((await watchersOf('pm', issue.key)).watchers.map((w: { accountId: string }) => w.accountId)).toEqual([id('sa'), id('im')]);
    expect(fx.site.store.watchers(issue.id)).toEqual([id('sa'), id('im')]);
    expect((await call('sa', 'DELETE', `${API}/issue/${issue.key}/watchers`, { query: { accountId: id('im') } })).status).toBe(204);
    expect((await watchersOf('sa', issue.key)).watchCount).toBe(1);
  });

  it('a browse-only user may watch and unwatch themselves, not others (403), and sees only themselves in the list', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const other = await call('viewer', 'POST', `${API}/issue/${issue.key}/watchers`, { body: id('pm') });
    expect(other.status).toBe(403);
    expect(bodyOf(other).errorMessages).toEqual([NOTIFY_MESSAGES.noManageWatchers]);
    expect((await call('viewer', 'POST', `${API}/issue/${issue.key}/watchers`, { body: id('viewer') })).status).toBe(204);
    const seen = await watchersOf('viewer', issue.key);
    expect(seen).toMatchObject({ isWatching: true, watchCount: 2 });
    expect(seen.watchers.map((w: { accountId: string }) => w.accountId)).toEqual([id('viewer')]);
    expect((await call('viewer', 'DELETE', `${API}/issue/${issue.key}/watchers`, { query: { accountId: id('sa') } })).status).toBe(403);
    expect((await call('viewer', 'DELETE', `${API}/issue/${issue.key}/watchers`, { query: { accountId: id('viewer') } })).status).toBe(204);
    expect(fx.site.store.watchers(issue.id)).toEqual([id('sa')]);
  });

  it('errors: unknown user 404, a user who cannot browse 400, no accountId 400, hidden or unknown issue 404, bad body 400', async () => {
    addHiddenProject(fx.site);
    const hide = fx.site.store.project('HIDE')!;
    fx.site.store.putProject({ ...hide, grants: { [id('pm')]: [...hide.grants[id('pm')], 'MANAGE_WATCHERS'] } });
    const hidden = await createIssue(fx.as('pm'), { project: { key: 'HIDE' } });
    const issue = await createIssue(fx.as('pm'), {});
    const path = `${API}/issue/${issue.key}/watchers`;
    expect((await call('pm', 'POST', path, { body: '712020:00000000-0000-4000-8000-000000009999' })).status).toBe(404);
    const cannot = await call('pm', 'POST', `${API}/issue/${hidden.key}/watchers`, { body: id('sa') });
    expect(cannot.status).toBe(400);
    expect(bodyOf(cannot).errorMessages).toEqual([NOTIFY_MESSAGES.cannotView('Sasha Architect')]);
    const noAccount = await fx.as('pm').call('DELETE', path);
    expect(noAccount.status).toBe(400);
    expect(bodyOf(noAccount).errorMessages).toEqual([NOTIFY_MESSAGES.accountIdRequired]);
    expect((await fx.as('pm').post(path, { accountId: id('sa') })).status).toBe(400);
    expect((await call('sa', 'GET', `${API}/issue/${hidden.key}/watchers`)).status).toBe(404);
    expect((await call('sa', 'POST', `${API}/issue/OUT-999/watchers`, { body: id('sa') })).status).toBe(404);
    expect(fx.site.store.watchers(issue.id)).toEqual([id('pm')]);
  });

  it('a request without a body adds the caller (what the description promises; strict contract checks reject it first)', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    expect((await fx.as('im').call('POST', `${API}/issue/${issue.key}/watchers`)).status).toBe(204);
    expect(fx.site.store.watchers(issue.id)).toEqual([id('sa'), id('im')]);
    expect(
      contract.validateRequest({ method: 'POST', path: `${API}/issue/${issue.key}/watchers`, query: new URLSearchParams(), body: undefined }).length,
    ).toBeGreaterThan(0);
  });
});

describe('notify', () => {
  const only = (users: DemoUser[]) => ({ reporter: false, assignee: false, watchers: false, voters: false, users: users.map((u) => ({ accountId: id(u) })) });

  it('queues one e-mail per call in the outbox: recipients, subject, bodies, issue, time; 204', async () => {
    const issue = await createIssue(fx.as('sa'), { summary: 'Configure the biller' });
    const response = await call('sa', 'POST', `${API}/issue/${issue.key}/notify`, {
      body: { subject: 'Due soon', textBody: 'text', htmlBody: '<p>html</p>', to: only(['im', 'pm']) },
    });
    expect(response.status).toBe(204);
    expect(fx.site.store.outbox()).toEqual([
      {
        id: 1,
        issueId: issue.id,
        issueKey: issue.key,
        senderAccountId: id('sa'),
        to: [id('im'), id('pm')],
        subject: 'Due soon',
        textBody: 'text',
        htmlBody: '<p>html</p>',
        at: fx.clock.now,
      },
    ]);
  });

  it('resolves reporter, assignee, watchers and groups; omitted flags count as true; the caller, apps and non-browsers are left out', async () => {
    const issue = await createIssue(fx.as('sa'), { assignee: { accountId: id('im') } });
    await call('sa', 'POST', `${API}/issue/${issue.key}/watchers`, { body: id('opm') });
    // Omitted reporter/assignee/watchers/voters mean true: SA (reporter, watcher) is the caller and drops out.
    expect((await call('sa', 'POST', `${API}/issue/${issue.key}/notify`, { body: { textBody: 'all defaults' } })).status).toBe(204);
    expect(fx.site.store.outbox().at(-1)!.to).toEqual([id('im'), id('opm')]);
    expect(fx.site.store.outbox().at(-1)!.subject).toContain(issue.key);
    // As PM: the reporter is SA; the group adds everyone licensed, the viewer included (browse is enough).
    const byGroup = await call('pm', 'POST', `${API}/issue/${issue.key}/notify`, {
      body: { textBody: 'x', to: { ...only([]), groups: [{ name: 'jira-software-users' }] } },
    });
    expect(byGroup.status).toBe(204);
    expect(fx.site.store.outbox().at(-1)!.to).toEqual([id('sa'), id('im'), id('opm'), id('viewer')]);
    // restrict.permissions keeps only those holding them.
    const restricted = await call('pm', 'POST', `${API}/issue/${issue.key}/notify`, {
      body: { textBody: 'x', to: { ...only([]), groups: [{ name: 'jira-software-users' }] }, restrict: { permissions: [{ key: 'EDIT_ISSUES' }] } },
    });
    expect(restricted.status).toBe(204);
    expect(fx.site.store.outbox().at(-1)!.to).toEqual([id('sa'), id('im'), id('opm')]);
    // A user who cannot browse the project receives nothing.
    addHiddenProject(fx.site);
    const hidden = await createIssue(fx.as('pm'), { project: { key: 'HIDE' } });
    const none = await call('pm', 'POST', `${API}/issue/${hidden.key}/notify`, { body: { textBody: 'x', to: only(['sa']) } });
    expect(none.status).toBe(400);
    expect(bodyOf(none).errorMessages).toEqual([NOTIFY_MESSAGES.noRecipients]);
  });

  it('400: only the caller, assignee on an unassigned issue, unknown user or group, bad types; nothing queued', async () => {
    const issue = await createIssue(fx.as('sa'), {});
    const path = `${API}/issue/${issue.key}/notify`;
    const self = await call('sa', 'POST', path, { body: { textBody: 'x', to: only(['sa']) } });
    expect([self.status, bodyOf(self).errorMessages]).toEqual([400, [NOTIFY_MESSAGES.noRecipients]]);
    const unassigned = await call('pm', 'POST', path, { body: { textBody: 'x', to: { ...only([]), assignee: true } } });
    expect([unassigned.status, bodyOf(unassigned).errorMessages]).toEqual([400, [NOTIFY_MESSAGES.noAssignee]]);
    const unknownUser = await call('pm', 'POST', path, { body: { to: { ...only([]), users: [{ accountId: 'nobody' }] } } });
    expect([unknownUser.status, bodyOf(unknownUser).errorMessages]).toEqual([400, [NOTIFY_MESSAGES.userNotFound('nobody')]]);
    const unknownGroup = await call('pm', 'POST', path, { body: { to: { ...only(['im']), groupIds: ['no-such-group'] } } });
    expect([unknownGroup.status, bodyOf(unknownGroup).errorMessages]).toEqual([400, ["Group 'no-such-group' does not exist."]]);
    const badPermission = await call('pm', 'POST', path, { body: { to: only(['im']), restrict: { permissions: [{ key: 'FLY' }] } } });
    expect([badPermission.status, bodyOf(badPermission).errorMessages]).toEqual([400, ["Permission 'FLY' does not exist."]]);
    const badTypes = await fx.as('pm').post(path, { subject: 3, to: { users: 'im' } });
    expect(badTypes.status).toBe(400);
    expect(bodyOf(badTypes).errors).toEqual({ subject: 'The subject must be a string.', 'to.users': "'to.users' must be a list of objects." });
    expect((await fx.as('pm').post(path, ['not', 'an', 'object'])).status).toBe(400);
    expect(fx.site.store.outbox()).toEqual([]);
  });

  it('404 for an unknown or hidden issue; 403 when the site has outgoing mail off', async () => {
    addHiddenProject(fx.site);
    const hidden = await createIssue(fx.as('pm'), { project: { key: 'HIDE' } });
    const body = { textBody: 'x', to: only(['im']) };
    expect((await call('sa', 'POST', `${API}/issue/${hidden.key}/notify`, { body })).status).toBe(404);
    expect((await call('sa', 'POST', `${API}/issue/OUT-404/notify`, { body })).status).toBe(404);
    const issue = await createIssue(fx.as('sa'), {});
    fx.site.setOutgoingMail(false);
    const off = await call('sa', 'POST', `${API}/issue/${issue.key}/notify`, { body });
    expect([off.status, bodyOf(off).errorMessages]).toEqual([403, [NOTIFY_MESSAGES.mailDisabled]]);
    fx.site.setOutgoingMail(true);
    expect((await call('sa', 'POST', `${API}/issue/${issue.key}/notify`, { body })).status).toBe(204);
    expect(fx.site.store.outbox()).toHaveLength(1);
  });

  it('the app (asApp) may notify; the outbox and watchers survive a restart', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'notify-'));
    try {
      const first = createFixture({ dataDir });
      const issue = await createIssue(first.as('sa'), {});
      const app = await first.site.handle({
        method: 'POST',
        path: `${API}/issue/${issue.key}/notify`,
        query: new URLSearchParams(),
        headers: {},
        body: { textBody: 'x', to: only(['sa']) },
        actor: { accountId: first.site.appAccountId },
      });
      expect(app.status).toBe(204);
      expect(first.site.store.outbox()[0]).toMatchObject({ senderAccountId: first.site.appAccountId, to: [id('sa')] });
      first.close();
      const second = createFixture({ dataDir });
      expect(second.site.store.outbox()).toHaveLength(1);
      expect(second.site.store.watchers(issue.id)).toEqual([id('sa')]);
      second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

it('mypermissions knows MANAGE_WATCHERS and VIEW_VOTERS_AND_WATCHERS', async () => {
  const perms = (user: DemoUser) => fx.as(user).get(`${API}/mypermissions`, { projectKey: 'OUT', permissions: 'MANAGE_WATCHERS,VIEW_VOTERS_AND_WATCHERS' });
  expect(bodyOf(await perms('sa')).permissions).toMatchObject({
    MANAGE_WATCHERS: { id: '32', havePermission: true },
    VIEW_VOTERS_AND_WATCHERS: { id: '31', havePermission: true },
  });
  expect(bodyOf(await perms('viewer')).permissions).toMatchObject({
    MANAGE_WATCHERS: { havePermission: false },
    VIEW_VOTERS_AND_WATCHERS: { havePermission: false },
  });
});
