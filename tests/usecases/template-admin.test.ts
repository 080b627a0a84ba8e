/**
 * The template admin use cases through the real resolver on the stand-in (as the user) and the Forge KVS
 * emulation: Jira admins only (Jira's ADMINISTER, asked as the user), publish with a change-log row, a stale
 * publish conflicts and stores nothing, an invalid import lists field errors; the playbook page's macros.
 */
import { BUILT_IN_TEMPLATE, templateToJson, withSteps } from '../../src/core';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { nextVersion } from '../../src/usecases/template-admin';
import { data, useForgeSitePerTest, type ForgeSite } from '../resolvers/helpers/forge-site';
import { seedPlans } from '../resolvers/helpers/seed-plans';
import { TEST_TODAY } from '../fixtures/clock';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site), { triggers: false });

const ADMIN = 'opm' as const;
const operations = () => app.transport.log.entries().map((e) => e.operationId);

/** The built-in template with step 5's title edited (what the admin page's form does). */
function editedJson(title = 'Complete the Biller questionnaire'): string {
  const draft = structuredClone(BUILT_IN_TEMPLATE);
  draft.steps[4].title = title;
  return templateToJson(draft);
}

describe('Jira admins only, checked as the user', () => {
  it('lets a Jira admin (ADMINISTER through the jira-administrators group) open the admin page', async () => {
    const view = data(await app.invoke(ADMIN, 'getTemplateAdmin', {}));
    expect(view.current.version).toBe('1.5');
    expect(view.nextVersion).toBe('1.6');
    expect(view.versions.map((v) => v.version)).toEqual(['1.5']);
    expect(view.json).toBe(templateToJson(BUILT_IN_TEMPLATE));
    // Asked of Jira as the user: the global permission query, no project context.
    expect(operations()).toEqual(['getMyPermissions']);
    const [entry] = app.transport.log.entries();
    expect(entry.actor).toBe(app.accountId(ADMIN));
  });

  it.each(['pm', 'sa', 'viewer'] as const)('refuses %s (not a Jira admin) on every admin resolver, and publishes nothing', async (user) => {
    for (const [name, payload] of [
      ['getTemplateAdmin', {}],
      ['checkTemplateDraft', { json: editedJson() }],
      ['publishTemplate', { json: editedJson(), basedOn: '1.5', summary: 'Renamed step 5' }],
      ['diffTemplateVersions', { from: '1.5', to: '1.5' }],
    ] as const) {
      const result = await app.invoke(user, name, payload);
      expect(result).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.stringContaining('Only Jira admins') } });
    }
    expect((await createKvsTemplateStore().current()).version).toBe('1.5');
  });

  it('answers the stand-in as Jira does: ADMINISTER is global, held whatever the project', async () => {
    for (const [user, expected] of [
      [ADMIN, true],
      ['pm', false],
    ] as const) {
      const answer = await app.asUser(user, '/rest/api/3/mypermissions?projectKey=OUT&permissions=ADMINISTER,BROWSE_PROJECTS');
      expect(answer.status).toBe(200);
      expect((answer.body as { permissions: Record<string, { havePermission: boolean; type: string }> }).permissions.ADMINISTER).toMatchObject({
        type: 'GLOBAL',
        havePermission: expected,
      });
    }
  });
});

describe('publish', () => {
  it('publishes the draft as v1.6 with a change-log row (today, the admin as Jira names them, the summary); every reader sees it', async () => {
    const result = data(await app.invoke(ADMIN, 'publishTemplate', { json: editedJson(), basedOn: '1.5', summary: 'Renamed step 5' }));
    const today = TEST_TODAY;
    expect(result).toEqual({
      version: '1.6',
      alreadyPublished: false,
      entry: { version: '1.6', date: today, author: 'Olga Operations', summary: 'Renamed step 5' },
    });
    const current = await createKvsTemplateStore().current();
    expect(current.steps[4].title).toBe('Complete the Biller questionnaire');
    expect(current.changeLog.map((e) => e.version)).toEqual(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6']);

    const admin = data(await app.invoke(ADMIN, 'getTemplateAdmin', {}));
    expect(admin.versions.map((v) => v.version)).toEqual(['1.5', '1.6']);
    expect(admin.nextVersion).toBe('1.7');
    // The Playbook macro (any signed-in user) renders v1.6 with its change-log row.
    const page = data(await app.invoke('viewer', 'getPlaybookPage', {}));
    expect(page.playbook.version).toBe('1.6');
    expect(page.playbook.changeLog.at(-1)).toEqual(result.entry);
    // Rendered from the template: RACI parsed into role codes for the matrix.
    expect(page.playbook.steps[4].raci).toMatchObject({ raw: BUILT_IN_TEMPLATE.steps[4].raci.raw, accountable: expect.stringMatching(/^[A-Z]+$/) });
  });

  it('a retried publish of the same draft answers alreadyPublished and writes nothing more', async () => {
    const payload = { json: editedJson(), basedOn: '1.5', summary: 'Renamed step 5' };
    data(await app.invoke(ADMIN, 'publishTemplate', payload));
    expect(data(await app.invoke(ADMIN, 'publishTemplate', payload))).toMatchObject({ version: '1.6', alreadyPublished: true });
    expect((await createKvsTemplateStore().history()).map((t) => t.version)).toEqual(['1.5', '1.6']);
  });

  it('a second admin publishing from a stale draft (based on 1.5 after 1.6 was published) gets a clear conflict; v1.6 is untouched', async () => {
    data(await app.invoke(ADMIN, 'publishTemplate', { json: editedJson(), basedOn: '1.5', summary: 'Renamed step 5' }));
    const stale = await app.invoke(ADMIN, 'publishTemplate', { json: editedJson('Another title'), basedOn: '1.5', summary: 'Other edit' });
    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/^Version 1\.6 was published after 1\.5, the version this draft was edited from\. The draft is kept/),
      },
    });
    const current = await createKvsTemplateStore().current();
    expect(current.version).toBe('1.6');
    expect(current.steps[4].title).toBe('Complete the Biller questionnaire');
    // Rebased on 1.6, the same draft publishes as 1.7.
    expect(data(await app.invoke(ADMIN, 'publishTemplate', { json: editedJson('Another title'), basedOn: '1.6', summary: 'Other edit' })).version).toBe('1.7');
  });

  it('two admins publishing from 1.5 at the same time: exactly one wins', async () => {
    const [a, b] = await Promise.all([
      app.invoke(ADMIN, 'publishTemplate', { json: editedJson('First'), basedOn: '1.5', summary: 'First' }),
      app.invoke(ADMIN, 'publishTemplate', { json: editedJson('Second'), basedOn: '1.5', summary: 'Second' }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await createKvsTemplateStore().history()).map((t) => t.version)).toEqual(['1.5', '1.6']);
  });

  it('refuses a draft based on a version that does not exist, and a blank summary', async () => {
    expect(await app.invoke(ADMIN, 'publishTemplate', { json: editedJson(), basedOn: '1.9', summary: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no published playbook version 1.9 to base a draft on.' },
    });
    expect(await app.invoke(ADMIN, 'publishTemplate', { json: editedJson(), basedOn: '1.5', summary: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field: 'summary', message: 'Describe what changed (the change-log summary).' }] },
    });
  });
});

describe('import and validation', () => {
  it('an invalid import lists every field error from the core validator, and publishing it stores nothing', async () => {
    const draft = structuredClone(BUILT_IN_TEMPLATE) as unknown as { steps: Record<string, unknown>[] };
    draft.steps[3].title = '';
    draft.steps[6].raci = { raw: 'SA / ZZ / PM' };
    draft.steps[8].durationDays = 0;
    const json = JSON.stringify(draft);
    const check = data(await app.invoke(ADMIN, 'checkTemplateDraft', { json }));
    expect(check.valid).toBe(false);
    expect(check.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['steps.3.title', 'steps.6.raci', 'steps.8.durationDays']));
    const published = await app.invoke(ADMIN, 'publishTemplate', { json, basedOn: '1.5', summary: 'Broken' });
    expect(published).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('not a valid playbook template') } });
    if (published.ok) throw new Error('unreachable');
    expect(published.error.fields?.map((f) => f.field)).toEqual(expect.arrayContaining(['steps.3.title', 'steps.6.raci', 'steps.8.durationDays']));
    expect((await createKvsTemplateStore().current()).version).toBe('1.5');
  });

  it('text that is not JSON is one clear error for the whole document', async () => {
    const check = data(await app.invoke(ADMIN, 'checkTemplateDraft', { json: '{"version": ' }));
    expect(check).toMatchObject({ valid: false, draft: null, errors: [{ path: '', message: expect.stringMatching(/^not valid JSON/) }] });
  });

  it('a valid draft comes back with its diff against the current version', async () => {
    const base = structuredClone(BUILT_IN_TEMPLATE);
    const withoutStep2 = withSteps(
      base,
      base.steps.filter((s) => s.number !== 2),
    );
    const check = data(await app.invoke(ADMIN, 'checkTemplateDraft', { json: templateToJson(withoutStep2) }));
    expect(check.valid).toBe(true);
    expect(check.diff?.counts.removed).toBe(1);
    expect(check.diff?.counts.renumbered).toBe(23);
  });
});

describe('diff between versions', () => {
  it('lists the edit field by field', async () => {
    data(await app.invoke(ADMIN, 'publishTemplate', { json: editedJson(), basedOn: '1.5', summary: 'Renamed step 5' }));
    const diff = data(await app.invoke(ADMIN, 'diffTemplateVersions', { from: '1.5', to: '1.6' }));
    expect(diff.steps).toEqual([
      expect.objectContaining({
        kind: 'changed',
        number: 5,
        fields: [{ field: 'title', before: BUILT_IN_TEMPLATE.steps[4].title, after: 'Complete the Biller questionnaire' }],
      }),
    ]);
    expect(await app.invoke(ADMIN, 'diffTemplateVersions', { from: '1.5', to: '2.0' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No published playbook version 2.0.' },
    });
  });
});

describe('Supported Integrations macro', () => {
  it("merges the template's rows with every plan the user can see: status, billers, capability names, plan links", async () => {
    seedPlans(app.site.store, 'OUT', [
      { biller: 'Acme Mutual', coreSystem: 'SimpleSolve', done: 25 },
      { biller: 'Birch', coreSystem: 'Brand New Core', done: 3 },
    ]);
    const page = data(await app.invoke('pm', 'getSupportedIntegrationsPage', {}));
    expect(page.version).toBe('1.5');
    const templateRows = BUILT_IN_TEMPLATE.supportedIntegrations.map((r) => r.coreSystem);
    expect(page.rows.map((r) => r.coreSystem)).toEqual([...templateRows, 'Brand New Core']);
    const simple = page.rows.find((r) => r.coreSystem === 'SimpleSolve')!;
    expect(simple.status).toBe('Released');
    expect(simple.billers).toContain('Acme Mutual');
    expect(simple.plans).toEqual([{ epicKey: expect.stringMatching(/^OUT-\d+$/), biller: 'Acme Mutual', status: 'Released' }]);
    expect(simple.capabilities.every((c) => BUILT_IN_TEMPLATE.capabilities.some((k) => k.name === c))).toBe(true);
    expect(page.rows.at(-1)).toMatchObject({ coreSystem: 'Brand New Core', status: 'In Progress', details: null, billers: ['Birch'] });
    // The plans come from one search as the user, then their roll-ups.
    expect(operations()).toEqual(['searchAndReconsileIssuesUsingJqlPost', 'bulkFetchIssues']);
  });
});

it('nextVersion counts minors numerically', () => {
  expect([nextVersion('1.5'), nextVersion('1.9'), nextVersion('2.10')]).toEqual(['1.6', '1.10', '2.11']);
});
