/**
 * PM flow over time: the site clock moves an untouched plan from on track to late (macro and issue panel),
 * "Apply forecast" moves the due dates so no step is overdue and the plan is at risk by its slip, and a
 * re-baseline with a reason puts it back on track.
 */
import type { FrameLocator } from 'playwright-core';
import { app, eventually, seedPlan, startE2E, type E2E, setSiteToday } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('forecast');
}, 120_000);
afterAll(async () => {
  e2e?.site.clock.reset();
  await e2e?.close();
});

const setToday = (day: string) => setSiteToday(e2e, day);

const health = (frame: FrameLocator) => frame.getByTestId('plan-health').textContent({ timeout: 5000 });

test('the clock makes a plan late; Apply forecast leaves it at risk with its slip; a re-baseline puts it on track', async () => {
  const { page } = e2e;
  // The plan is generated on the day before kickoff, as its story goes (whatever the machine's date).
  e2e.site.clock.setToday('2026-11-30');
  const plan = await seedPlan(e2e.site);
  await e2e.actAs('pm');
  const macroPage = `${e2e.site.url}/wiki/spaces/IMP/pages/1001`;

  // The day before kickoff: on track, in the macro and on a step's panel.
  await page.goto(macroPage);
  await setToday('2026-11-30');
  let macro = app(page, 'macro-');
  await eventually(async () => expect(await health(macro)).toBe('On track'));
  await macro.getByRole('group', { name: /^Timeline of \d+ steps/ }).waitFor();
  expect(await macro.getByRole('img', { name: /^Step 1 .*On track$/ }).count()).toBe(1);
  expect(await macro.getByRole('img', { name: 'Today, 2026-11-30' }).count()).toBe(1);
  await e2e.shot('1-macro-on-track');

  const stepKey = plan.stepKeys.get(3)!;
  await page.goto(`${e2e.site.url}/jira/browse/${stepKey}`);
  let panel = app(page, 'panel-');
  await eventually(async () => expect(await health(panel)).toBe('On track'));
  expect(await panel.locator('.tl-row.current').count()).toBe(1);

  // Six weeks pass and nobody touches the plan: the nightly trigger runs with the clock; the panel says late.
  await setToday('2027-01-12');
  panel = app(page, 'panel-');
  await eventually(async () => expect(await health(panel)).toBe('Late'));
  expect(await panel.getByRole('img', { name: /^Step 3 .*Overdue$/ }).count()).toBe(1);
  await e2e.shot('2-panel-late');

  // The manager's portfolio: the plan is late, with its baseline and forecast go-live; the health filter finds it.
  await page.goto(`${e2e.site.url}/jira/projects/OUT/apps/outbound-playbook`);
  const portfolio = app(page, 'project-');
  const row = portfolio.getByRole('table', { name: 'Plans' }).getByRole('row').filter({ hasText: 'Texas Mutual Insurance' });
  await eventually(async () => expect(await row.textContent()).toContain('Late'));
  // Go-live column: the forecast, then the baseline it slipped from; the days-late column follows.
  expect(await row.textContent()).toMatch(/\d{4}-\d{2}-\d{2}baseline \d{4}-\d{2}-\d{2}[1-9]\d*Late/);
  await portfolio.getByLabel('Health').selectOption('late');
  await eventually(async () => expect(await portfolio.getByRole('table', { name: 'Plans' }).getByRole('row').count()).toBe(2));
  await e2e.shot('2b-portfolio-late');

  // The macro: late; the PM previews the forecast's due dates and applies them.
  await page.goto(macroPage);
  macro = app(page, 'macro-');
  await eventually(async () => expect(await health(macro)).toBe('Late'));
  await e2e.shot('3-macro-late');
  await macro.getByRole('button', { name: 'Apply forecast…' }).click();
  const changes = macro.getByRole('region', { name: 'Forecast due-date changes' });
  await changes.waitFor();
  const apply = changes.getByRole('button', { name: /^Apply \d+ changes?$/ });
  await apply.waitFor();
  await e2e.shot('4-apply-preview');
  await apply.click();
  await eventually(async () => expect(await health(macro)).toBe('At risk'));
  expect(await macro.getByTestId('plan-slip').textContent()).toMatch(/^\d+ business days?$/);
  expect(await macro.getByRole('img', { name: /Overdue$/ }).count()).toBe(0);
  await e2e.shot('5-macro-at-risk');

  // Re-baseline: the reason is required; with it, the forecast becomes the baseline.
  await macro.getByRole('button', { name: 'Re-baseline…' }).click();
  const form = macro.getByRole('form', { name: 'Re-baseline the plan' });
  await form.getByRole('button', { name: 'Re-baseline', exact: true }).click();
  await form.getByText('Say why the plan is re-baselined.').waitFor();
  await form.getByLabel('Reason').fill('Biller IT freeze over the holidays');
  await form.getByRole('button', { name: 'Re-baseline', exact: true }).click();
  await eventually(async () => expect(await health(macro)).toBe('On track'));
  expect(await macro.getByTestId('plan-slip').textContent()).toBe('none');
  await e2e.shot('6-macro-rebaselined');

  // The panel agrees.
  await page.goto(`${e2e.site.url}/jira/browse/${stepKey}`);
  panel = app(page, 'panel-');
  await eventually(async () => expect(await health(panel)).toBe('On track'));
  expect(await panel.locator('.tl-row.current').count()).toBe(1);

  // Dark mode: the same timeline on the dark tokens (axe checks its contrast at the screenshot).
  await page.context().addCookies([{ name: 'op_theme', value: 'dark', domain: new URL(e2e.site.url).hostname, path: '/' }]);
  await page.goto(macroPage);
  macro = app(page, 'macro-');
  await eventually(async () => expect(await health(macro)).toBe('On track'));
  await macro.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached' });
  await e2e.shot('7-macro-dark');
  expect(e2e.log).toEqual([]);
}, 180_000);
