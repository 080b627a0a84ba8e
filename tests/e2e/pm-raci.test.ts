/**
 * PM flow on a demo plan (Texas Mutual × Guidewire, mid-way with steps overdue): the RACI matrix grouped by
 * phase with its legend, status words, N/A rows without letters and the PM's own column marked; at 390 px it
 * scrolls sideways and says so; the CSV export downloads; the Biller's status update is copied and mailable.
 */
import fs from 'fs';
import { seedDemoPlans } from '../../src/local/site/demo-plans';
import { app, eventually, startE2E, type E2E } from './harness';

const PAGE_ID = '1102';
const PHASES = ['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release'];

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('pm-raci');
  // Only the Texas Mutual demo page: its plan generated and moved as the demo seed does on first start.
  await seedDemoPlans(e2e.site, (id) => id !== PAGE_ID || e2e.site.hasMacro(id));
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

test('the PM reads the RACI matrix, exports it, and sends the Biller a status update', async () => {
  const { page } = e2e;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.site.url });
  await e2e.actAs('pm');
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/${PAGE_ID}`);
  const macro = app(page, 'macro-');
  const matrix = macro.getByRole('region', { name: 'RACI matrix, scrollable' });
  await matrix.waitFor();

  // Legend, phase headers in playbook order, the PM's column marked "You", status in words, N/A rows without letters.
  const legend = (await macro.getByRole('definition').allTextContents()).join(' | ');
  for (const word of ['Responsible', 'Accountable', 'Consulted', 'Informed']) expect(legend).toContain(word);
  expect((await matrix.locator('tr.raci-phase th').allTextContents()).map((t) => t.split(' ·')[0])).toEqual(PHASES);
  expect(await macro.getByTestId('raci-your-roles').textContent()).toContain('Project Manager (PM)');
  const mine = matrix.locator('thead th.mine');
  expect(await mine.count()).toBe(1);
  expect(await mine.textContent()).toMatch(/^PM.*Priya Manager.*You$/);
  const statuses = await matrix.locator('td.raci-status').allTextContents();
  expect(statuses).toHaveLength(25);
  expect(statuses).toEqual(expect.arrayContaining(['Done', 'Not applicable', 'In progress, overdue', 'To do, overdue']));
  const na = matrix.locator('tr.na');
  expect(await na.count()).toBe(statuses.filter((s) => s === 'Not applicable').length);
  expect(await na.locator('td:not(.raci-status) [aria-hidden="true"]').count()).toBe(0);
  expect(
    await matrix
      .getByRole('row', { name: /^5\. Create Design Overview Document/ })
      .locator('td.mine')
      .textContent(),
  ).toBe('CConsulted');
  await macro.getByRole('heading', { name: 'RACI matrix' }).evaluate((el) => (el.closest('section') ?? el).scrollIntoView());
  await e2e.shot('1-macro-raci');

  // The CSV export: a Blob download under Forge's CSP, one line per step after the header.
  const [download] = await Promise.all([page.waitForEvent('download'), macro.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^raci-texas-mutual-insurance-guidewire-accelerator-OUT-\d+\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  const lines = csv.replace(/^\ufeff/, '').split('\r\n');
  expect(lines[0]).toMatch(/^Phase,Step,Title,Status,Issue,PM Project Manager \(Priya Manager\),/);
  expect(lines).toHaveLength(27);
  expect(lines[1]).toMatch(/^Discovery,1,/);

  // The Biller's status update: late and upcoming steps as plain text, copied to the clipboard, with a mailto link.
  const updates = macro.getByRole('region', { name: 'Status updates for external parties' });
  await updates.getByRole('button', { name: /^Biller/ }).click();
  expect(await updates.getByRole('button', { name: /^Biller/ }).getAttribute('aria-pressed')).toBe('true');
  const text = updates.getByRole('textbox', { name: /^Status update for Biller \(Texas Mutual Insurance IT\)/ });
  const body = await text.inputValue();
  expect(body).toMatch(/^Hello Texas Mutual Insurance IT,/);
  expect(body).toMatch(/Late \(\d+\):/);
  expect(body).toContain('Due in the next two weeks');
  await updates.getByRole('button', { name: 'Copy text' }).click();
  await updates.getByText('Copied to the clipboard.').waitFor();
  const frame = page.frames().find((f) => f.url().includes('/macro-view/') || f.name().startsWith('macro-'));
  const clipboard = await (frame ?? page.mainFrame()).evaluate(() => navigator.clipboard.readText());
  expect(clipboard).toBe(body);
  expect(await updates.getByRole('link', { name: 'E-mail Texas Mutual Insurance IT' }).getAttribute('href')).toMatch(
    /^mailto:it@texasmutual\.example\?subject=Outbound%20Payments%20Texas%20Mutual%20Insurance/,
  );
  await e2e.shot('2-biller-status-update');

  // A 390-px-wide macro: the matrix scrolls sideways, and a visible hint says so.
  await page.setViewportSize({ width: 390, height: 844 });
  await eventually(async () => {
    expect(await matrix.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await macro.getByText('Scroll sideways to see every role.').isVisible()).toBe(true);
  });
  await macro.getByText('Scroll sideways to see every role.').scrollIntoViewIfNeeded();
  await e2e.shot('3-macro-390px');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The issue panel of step 5: the same matrix behind a toggle with this step marked, and the page author's
  // to-do shown apart from the playbook's notes.
  const step5 = lines.find((l) => l.startsWith('Design,5,'))!.split(',')[4];
  await page.goto(`${e2e.site.url}/jira/browse/${step5}`);
  const panel = app(page, 'panel-');
  await panel.getByRole('complementary', { name: "Author's note" }).getByText('NEED AN OUTBOUND VERSION').waitFor();
  expect(await panel.getByRole('region', { name: 'Notes' }).textContent()).not.toContain('NEED AN OUTBOUND VERSION');
  const toggle = panel.getByRole('button', { name: 'Show matrix' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  expect(await panel.getByRole('button', { name: 'Hide matrix' }).getAttribute('aria-expanded')).toBe('true');
  expect(await panel.locator('th[aria-current="step"]').textContent()).toBe('5. Create Design Overview Document (this step)');
  expect(await panel.locator('thead th.mine').textContent()).toMatch(/^PM.*You$/);
  await e2e.shot('4-panel-raci');

  // Dark mode: the matrix, the "You" column and the party buttons on the dark tokens (axe checks contrast).
  await page.context().addCookies([{ name: 'op_theme', value: 'dark', domain: new URL(e2e.site.url).hostname, path: '/' }]);
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/${PAGE_ID}`);
  const dark = app(page, 'macro-');
  await dark.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
  await dark.getByRole('region', { name: 'Status updates for external parties' }).evaluate((el) => el.scrollIntoView());
  await e2e.shot('5-macro-dark');
  expect(e2e.log).toEqual([]);
}, 240_000);
