/**
 * The living playbook: a non-admin is refused the template admin page (Jira says they lack ADMINISTER); a Jira
 * admin edits a step, validates, publishes v1.6 with a change-log summary and compares v1.5 with v1.6; the
 * playbook page's Playbook macro then shows v1.6 and its change-log row, beside the Supported Integrations macro;
 * a newcomer inserts the Playbook macro on another page.
 */
import { app, eventually, invokeAs, moduleFrame, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('admin');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

const ADMIN_PAGE = '/jira/settings/apps/outbound-playbook';
const NEW_TITLE = 'Send the Biller the discovery questionnaire';
const SUMMARY = 'Step 5 renamed to say what is sent';

test('a non-admin sees the refusal; nothing to edit', async () => {
  const { page } = e2e;
  await e2e.actAs('pm');
  await page.goto(`${e2e.site.url}${ADMIN_PAGE}`);
  const admin = app(page, 'admin-page');
  const refusal = admin.getByRole('alert');
  await refusal.getByRole('heading', { name: 'Jira admins only' }).waitFor();
  expect(await refusal.textContent()).toContain('Only Jira admins can edit the playbook template');
  expect(await admin.getByRole('button', { name: /Publish/ }).count()).toBe(0);
  await e2e.shot('1-refused');
}, 60_000);

test('an admin edits a step, publishes v1.6 with a summary, and the diff lists the edit', async () => {
  const { page } = e2e;
  await e2e.actAs('opm');
  await page.goto(`${e2e.site.url}${ADMIN_PAGE}`);
  const admin = app(page, 'admin-page');
  await admin.getByTestId('current-version').getByText('v1.5').waitFor();

  // Step 5 in the form: an empty title is a field error from the server's validator, under the field.
  await admin.getByLabel('Step to edit').selectOption({ index: 4 });
  const step = admin.getByRole('form', { name: /^Step 5:/ });
  const oldTitle = await step.getByLabel('Title').inputValue();
  await step.getByLabel('Title').fill('');
  await admin.getByRole('button', { name: 'Validate draft' }).click();
  await admin.getByRole('alert', { name: 'Problems in the draft' }).getByText('steps.4.title').waitFor();
  expect(await step.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
  await e2e.shot('2-field-error');

  await step.getByLabel('Title').fill(NEW_TITLE);
  await admin.getByRole('button', { name: 'Validate draft' }).click();
  const valid = admin.getByRole('status', { name: 'Draft compared with the current version' });
  await valid.getByText('The draft is valid.').waitFor();
  expect(await valid.textContent()).toContain('1 changed');

  // Publishing needs a summary (field error), then publishes v1.6.
  await admin.getByRole('button', { name: 'Publish v1.6' }).click();
  await admin.getByText('Describe what changed (the change-log summary).').waitFor();
  await admin.getByLabel('Change-log summary').fill(SUMMARY);
  await admin.getByRole('button', { name: 'Publish v1.6' }).click();
  await admin.getByText('Published v1.6').waitFor();
  await admin.getByTestId('current-version').getByText('v1.6').waitFor();
  await admin.getByRole('heading', { name: 'Outbound Payments playbook template' }).scrollIntoViewIfNeeded();
  await e2e.shot('3-published');

  // The diff between the two published versions: step 5, its title, before and after.
  await admin.getByLabel('From', { exact: true }).selectOption('1.5');
  await admin.getByLabel('To', { exact: true }).selectOption('1.6');
  await admin.getByRole('button', { name: 'Compare' }).click();
  const changes = admin.getByRole('region', { name: 'Changes from 1.5 to 1.6' });
  await changes.getByText('1 changed', { exact: false }).waitFor();
  const row = changes.getByRole('list', { name: 'Changed steps' }).getByRole('listitem');
  expect(await row.count()).toBe(1);
  const text = (await row.textContent()) ?? '';
  expect(text).toContain(`5. ${NEW_TITLE}`);
  expect(text).toContain('title');
  expect(text).toContain(oldTitle);
  await e2e.shot('4-diff');
}, 120_000);

test('the Playbook macro shows v1.6 and its change-log row; Supported Integrations beside it', async () => {
  const { page } = e2e;
  await e2e.actAs('pm');
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1000`);
  const playbook = await moduleFrame(page, 'outbound-playbook-process-macro');
  const article = playbook.getByRole('article', { name: 'Playbook v1.6' });
  await article.waitFor();
  expect(await article.getByRole('rowheader', { name: new RegExp(NEW_TITLE) }).count()).toBe(1);
  const log = article.getByRole('region', { name: 'Change log' });
  const latest = log.getByRole('row').nth(1);
  await eventually(async () => expect(await latest.textContent()).toContain('1.6'));
  expect(await latest.textContent()).toContain('Olga Operations');
  expect(await latest.textContent()).toContain(SUMMARY);

  const integrations = await moduleFrame(page, 'outbound-playbook-integrations-macro');
  const table = integrations.getByRole('region', { name: 'Supported Integrations' });
  await table.getByRole('rowheader', { name: /SimpleSolve/ }).waitFor();
  expect(await table.textContent()).toContain('playbook v1.6');
  await e2e.shot('5-playbook-page');

  // A newcomer inserts the Playbook macro on a page of their own: it renders at once (no configuration).
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
  await page.getByRole('button', { name: 'Insert Playbook macro' }).click();
  await page.getByRole('region', { name: 'Outbound Playbook – Playbook macro' }).waitFor();
  await app(page, 'macro-').getByRole('article', { name: 'Playbook v1.6' }).waitFor();
}, 120_000);

test('a second admin publishing from a stale draft gets a clear conflict; the draft stays and publishes after the latest', async () => {
  const { page } = e2e;
  await e2e.actAs('opm');
  await page.goto(`${e2e.site.url}${ADMIN_PAGE}`);
  const admin = app(page, 'admin-page');
  await admin.getByTestId('current-version').getByText('v1.6').waitFor();
  await admin.getByLabel('Step to edit').selectOption({ index: 5 });
  const step = admin.getByRole('form', { name: /^Step 6:/ });
  await step.getByLabel('Duration (business days)').fill('7');
  await admin.getByLabel('Change-log summary').fill('Step 6 takes a week');

  // Meanwhile another admin publishes v1.7 from v1.6.
  const loaded = await invokeAs(e2e.site, 'opm', 'getTemplateAdmin', {});
  const theirs = JSON.parse(loaded.data?.json as string) as { steps: { durationDays: number }[] };
  theirs.steps[6].durationDays = 9;
  const published = await invokeAs(e2e.site, 'opm', 'publishTemplate', { json: JSON.stringify(theirs), basedOn: '1.6', summary: 'Step 7 takes longer' });
  expect(published).toMatchObject({ ok: true, data: { version: '1.7' } });

  await admin.getByRole('button', { name: 'Publish v1.7' }).click();
  const conflict = admin.getByRole('alert', { name: 'Publish conflict' });
  await conflict.waitFor();
  expect(await conflict.textContent()).toContain('Version 1.7 was published after 1.6, the version this draft was edited from.');
  expect(await step.getByLabel('Duration (business days)').inputValue()).toBe('7');
  await e2e.shot('6-conflict');

  await conflict.getByRole('button', { name: 'Keep my draft and compare it with the latest version' }).click();
  await admin.getByTestId('current-version').getByText('v1.7').waitFor();
  expect(await step.getByLabel('Duration (business days)').inputValue()).toBe('7');
  // The comparison with v1.7 shows the draft's own edit and what it would undo of the other admin's.
  const compared = admin.getByRole('status', { name: 'Draft compared with the current version' });
  await compared.getByText('2 changed', { exact: false }).waitFor();
  const listed = (await compared.getByRole('list', { name: 'Changed steps' }).textContent()) ?? '';
  expect(listed).toMatch(/6\. .*durationDays/);
  expect(listed).toMatch(/7\. .*durationDays/);
  await e2e.shot('7-compared');
  await admin.getByRole('button', { name: 'Publish v1.8' }).click();
  await admin.getByText('Published v1.8').waitFor();
  const history = await invokeAs(e2e.site, 'opm', 'getTemplateAdmin', {});
  expect((history.data?.versions as { version: string }[]).map((v) => v.version)).toEqual(['1.5', '1.6', '1.7', '1.8']);
}, 120_000);
