/**
 * The manager's first ten minutes on the seeded demo (issue 10): the portfolio shows numbers in every phase
 * cell (text and ARIA values), the owner, forecast go-live and days late; sorting by days late happens on the
 * server; the overdue count opens those steps in the issue navigator; one JQL box whatever the filters; the
 * CSV export holds every matching plan; Supported Integrations shows the playbook's rows with readable
 * capability names. axe (serious/critical) and Forge's CSP are checked on every screenshot and at close.
 */
import * as fs from 'node:fs';
import { seedDemoPlans } from '../../src/local/site/demo-plans';
import { DEMO_SITE } from '../../src/local/jira/site';
import { app, eventually, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('manager-first');
  // The demo `npm start` seeds on first run: four plans generated and moved as people would.
  expect(await seedDemoPlans(e2e.site, e2e.site.hasMacro)).toHaveLength(4);
}, 240_000);
afterAll(async () => {
  await e2e?.close();
});

/** A strict enough CSV reader for the export (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

test('the manager reads the numbers, sorts by days late, follows the overdue link and exports CSV', async () => {
  const { page } = e2e;
  await e2e.actAs('opm');
  const portfolioUrl = `${e2e.site.url}/jira/projects/OUT/apps/outbound-playbook`;
  await page.goto(portfolioUrl);
  const portfolio = app(page, 'project-');
  const plans = portfolio.getByRole('table', { name: 'Plans' });
  await plans.getByRole('link', { name: 'Texas Mutual Insurance', exact: true }).waitFor();
  expect(await plans.locator('tbody tr').count()).toBe(4);

  // Numbers in every phase cell, as text and as ARIA values.
  const design = plans.getByRole('progressbar', { name: 'Texas Mutual Insurance Design' });
  const valueText = await design.getAttribute('aria-valuetext');
  expect(valueText).toMatch(/^\d+ of \d+ steps done/);
  const [done, total] = valueText!.match(/\d+/g)!.map(Number);
  expect(await design.getAttribute('aria-valuenow')).toBe(String(done));
  expect(await design.getAttribute('aria-valuemax')).toBe(String(total));
  expect(await plans.getByRole('link', { name: /steps done · Design · Texas Mutual Insurance$/ }).textContent()).toContain(`${done}/${total}`);
  // The owner by name, the forecast go-live and days late.
  const headers = await plans.locator('thead th').allTextContents();
  for (const column of ['Owner', 'Go-live (forecast)', 'Days late']) expect(headers.join('|')).toContain(column);
  expect(await plans.textContent()).toContain(DEMO_SITE.accounts.pm.displayName);
  await e2e.shot('1-portfolio');

  // Sort by days late, most late first: the server sorts, the header says so.
  const daysLate = plans.getByRole('button', { name: /^Days late/ });
  await daysLate.click();
  await eventually(async () => expect(await plans.locator('th[aria-sort="ascending"]').textContent({ timeout: 1000 })).toContain('Days late'));
  await plans.getByRole('button', { name: /^Days late/ }).click();
  await eventually(async () => expect(await plans.locator('th[aria-sort="descending"]').textContent({ timeout: 1000 })).toContain('Days late'));
  const lateIndex = headers.findIndex((h) => h.startsWith('Days late'));
  const column = (await plans.locator(`tbody tr > :nth-child(${lateIndex + 1})`).allTextContents()).map((t) => (t === '—' ? -1 : Number(t)));
  expect(column).toEqual([...column].sort((a, b) => b - a));
  expect(column[0]).toBeGreaterThan(0);
  await e2e.shot('2-sorted-by-days-late');

  // One JQL box, also once a filter is chosen.
  await portfolio.getByRole('group', { name: 'Filters' }).getByLabel('Status', { exact: true }).selectOption('In Progress');
  await eventually(async () => expect(await plans.locator('tbody tr').count()).toBeLessThan(4));
  const inProgress = (await plans.locator('tbody tr th a').allTextContents()).sort();
  expect(inProgress).toContain('Texas Mutual Insurance');
  expect(await portfolio.getByRole('textbox', { name: /^JQL/ }).count()).toBe(1);
  const jql = await portfolio.getByRole('textbox', { name: 'JQL: Plans matching the filters' }).inputValue();
  expect(jql).toMatch(/playbookStatus = "In Progress"/);

  // CSV of every matching plan.
  const downloaded = page.waitForEvent('download');
  await portfolio.getByRole('button', { name: /^Export CSV/ }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^outbound-playbook-portfolio-.*\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
  expect(rows[0].slice(0, 6)).toEqual(['Biller', 'Epic', 'Core system', 'Status', 'Current phase', 'Owner']);
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(inProgress);
  expect(rows.slice(1).every((r) => r[3] === 'In Progress')).toBe(true);
  expect(rows[1][5]).toBe(DEMO_SITE.accounts.pm.displayName);
  expect(rows[1][6]).toMatch(/^\d+ of \d+$/);

  // The overdue count opens those steps in Jira's issue navigator, by the biller's name.
  const overdue = plans.getByRole('link', { name: /overdue steps? of Texas Mutual Insurance/ });
  const count = Number((await overdue.textContent())!.replace(/\D/g, ''));
  expect(count).toBeGreaterThan(0);
  await overdue.click();
  await page.waitForURL(/\/jira\/issues\?jql=/);
  const shownJql = new URL(page.url()).searchParams.get('jql')!;
  expect(shownJql).toContain('playbookBiller = "Texas Mutual Insurance"');
  expect(shownJql).not.toMatch(/playbookPlanId/);
  await eventually(async () => expect(await page.locator('table tbody tr').count()).toBe(count));
  await e2e.shot('3-overdue-steps');

  // Supported Integrations: the playbook's rows merged with the plans, capability names not codes.
  await page.goto(portfolioUrl);
  await plans.getByRole('link', { name: 'Texas Mutual Insurance', exact: true }).waitFor();
  await portfolio.getByRole('tab', { name: 'Supported Integrations' }).click();
  const integrations = portfolio.getByRole('table', { name: 'Supported Integrations by core system' });
  await integrations.waitFor();
  const text = (await integrations.textContent()) ?? '';
  for (const core of ['IMT', 'Guidewire', 'SimpleSolve', 'Duck Creek']) expect(text).toContain(core);
  expect(text).not.toMatch(/agent-commissions|premium-refunds/);
  expect(await integrations.locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
  await e2e.shot('4-supported-integrations');
  expect(await e2e.axe()).toEqual([]);
}, 180_000);

test('a project without plans says where plans start, and Supported Integrations still shows the playbook rows', async () => {
  const { page } = e2e;
  await e2e.actAs('sa');
  await page.goto(`${e2e.site.url}/jira/projects/SAND/apps/outbound-playbook`);
  const portfolio = app(page, 'project-');
  await portfolio.getByText('No plans yet.', { exact: false }).waitFor();
  expect(await portfolio.getByText('No plans yet.', { exact: false }).textContent()).toMatch(/Confluence discovery page.*Outbound Playbook.*macro/);
  expect(await portfolio.getByRole('button', { name: /^Export CSV/ }).count()).toBe(0);
  await portfolio.getByRole('tab', { name: 'Supported Integrations' }).click();
  const integrations = portfolio.getByRole('table', { name: 'Supported Integrations by core system' });
  await integrations.waitFor();
  const rows = (await integrations.locator('tbody tr').allTextContents()).join('\n');
  for (const [core, status] of [
    ['IMT', 'Released'],
    ['Guidewire', 'In Progress'],
    ['SimpleSolve', 'In Progress'],
    ['Duck Creek', 'Initiated'],
  ])
    expect(rows).toMatch(new RegExp(`${core}[^\\n]*${status}`, 'i'));
  expect(rows).not.toMatch(/agent-commissions/);
  await e2e.shot('5-no-plans-yet');
}, 60_000);
