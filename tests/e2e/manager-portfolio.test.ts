/** Manager flow: the project page lists the plan, filters by phase and status, shows copyable JQL; the navigator finds Design steps. */
import { app, eventually, seedPlan, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('manager');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

test('the manager reads the portfolio, filters it, and searches steps by phase', async () => {
  const { page } = e2e;
  const plan = await seedPlan(e2e.site);
  await e2e.actAs('opm');
  await page.goto(`${e2e.site.url}/jira/projects/OUT/apps/outbound-playbook`);
  const portfolio = app(page, 'project-');
  const plans = portfolio.getByRole('table', { name: 'Plans' });
  await plans.getByRole('link', { name: 'Texas Mutual Insurance', exact: true }).waitFor();
  expect(await plans.textContent()).toContain(plan.epicKey);
  await e2e.shot('1-project-page');

  const filters = portfolio.getByRole('group', { name: 'Filters' });
  const matching = portfolio.getByRole('textbox', { name: 'JQL: Plans matching the filters' });
  // Phase: the plan is in Discovery, not in Testing.
  await filters.getByLabel('Phase', { exact: true }).selectOption('Testing');
  await portfolio.getByText('No plans match.', { exact: false }).waitFor();
  await filters.getByLabel('Phase', { exact: true }).selectOption('Discovery');
  await plans.getByRole('link', { name: 'Texas Mutual Insurance', exact: true }).waitFor();
  expect(await matching.inputValue()).toMatch(/playbookCurrentPhase\s*=\s*"?Discovery"?/);
  // Status: Initiated matches, Released does not.
  await filters.getByLabel('Status', { exact: true }).selectOption('Released');
  await portfolio.getByText('No plans match.', { exact: false }).waitFor();
  await filters.getByLabel('Status', { exact: true }).selectOption('Initiated');
  await plans.getByRole('link', { name: 'Texas Mutual Insurance', exact: true }).waitFor();
  const jql = await matching.inputValue();
  expect(jql).toMatch(/playbookStatus\s*=\s*"?Initiated"?/);

  // Copy: a headless browser may refuse the clipboard; either way the flag shows the query or selects it.
  await portfolio.getByRole('button', { name: 'Copy JQL: Plans matching the filters' }).click();
  const flag = portfolio.getByRole('region', { name: 'Notifications' });
  await eventually(async () => expect(await flag.textContent({ timeout: 1000 })).toMatch(/JQL copied|press Ctrl\+C/));
  if ((await flag.textContent())?.includes('JQL copied')) expect(await flag.textContent()).toContain(jql);
  await e2e.shot('2-filtered');

  // The issue navigator: the Phase custom field by name and the property alias find the same Design steps.
  const designKeys = [...plan.stepKeys.entries()]
    .filter(([step]) => step >= 4 && step <= 15)
    .map(([, key]) => key)
    .sort();
  for (const query of ['phase = "Design"', 'playbookPhase = "Design"']) {
    await page.goto(`${e2e.site.url}/jira/issues?jql=${encodeURIComponent(query)}`);
    const keys = (await page.locator('table tbody tr td:first-child a').allTextContents()).sort();
    expect(keys).toEqual(designKeys);
  }
  await e2e.shot('3-navigator-design');
}, 120_000);
