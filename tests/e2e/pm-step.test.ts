/** PM flow: open a generated step, read the panel, move the step, see the plan's progress move (panel and macro). */
import { app, eventually, seedPlan, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('pm');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
});

test('the Project Manager works a step and sees the plan progress move', async () => {
  const { page } = e2e;
  const plan = await seedPlan(e2e.site);
  const key = plan.stepKeys.get(5)!;
  await e2e.actAs('pm');
  await page.goto(`${e2e.site.url}/jira/browse/${key}`);

  const panel = app(page, 'panel-');
  const details = panel.getByRole('table', { name: 'Step details' });
  await details.waitFor();
  const row = async (name: string) => (await details.getByRole('row', { name: new RegExp(`^${name}`) }).textContent()) ?? '';
  expect(await row('Phase')).toContain('Design');
  expect((await row('Category')).replace('Category', '').trim()).not.toBe('');
  expect(await row('Responsible')).toContain('Sasha Architect');
  expect(await panel.getByRole('region', { name: 'Notes' }).textContent()).toMatch(/Notes.+/);
  expect(await panel.getByRole('region', { name: 'References' }).getByRole('listitem').count()).toBeGreaterThan(0);
  const steps = panel.getByRole('navigation', { name: 'Playbook steps' });
  await steps.getByRole('link', { name: /^Previous: 4\./ }).waitFor();
  await steps.getByRole('link', { name: /^Next: 6\./ }).waitFor();
  const design = panel.getByRole('progressbar', { name: 'Design progress', exact: true });
  expect(await design.getAttribute('aria-valuetext')).toMatch(/^0 of \d+ done, 0 in progress/);
  await e2e.shot('1-issue-panel');

  // To In Progress: the panel (after the reload) counts it in the Design phase.
  await page.locator('#transition').selectOption({ label: 'In Progress' });
  await page.getByRole('button', { name: 'Move' }).click();
  await page.getByText('Status: In Progress').waitFor();
  await eventually(async () => {
    await page.reload();
    expect(
      await app(page, 'panel-').getByRole('progressbar', { name: 'Design progress', exact: true }).getAttribute('aria-valuetext', { timeout: 5000 }),
    ).toMatch(/^0 of \d+ done, 1 in progress/);
  });

  // To Done: the plan is In Progress, the step is done, in the panel and in the Confluence macro.
  await page.locator('#transition').selectOption({ label: 'Done' });
  await page.getByRole('button', { name: 'Move' }).click();
  await page.getByText('Status: Done').waitFor();
  await eventually(async () => {
    await page.reload();
    expect(
      await app(page, 'panel-').getByRole('progressbar', { name: 'Design progress', exact: true }).getAttribute('aria-valuetext', { timeout: 5000 }),
    ).toMatch(/^1 of \d+ done/);
  });
  await e2e.shot('2-step-done');
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
  const macro = app(page, 'macro-');
  await eventually(async () => {
    expect(await macro.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow', { timeout: 5000 })).toBe('1');
  });
  await macro.getByText('In Progress', { exact: true }).waitFor();
  await e2e.shot('3-macro-after-done');
  // The host logged no failed resolver call or trigger.
  expect(e2e.log).toEqual([]);
}, 120_000);
