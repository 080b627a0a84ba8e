/**
 * RACI that acts, as a newcomer sees it on the local site: they find Notifications in the navigation, move the
 * site's clock (which runs the day's scheduled jobs, the reminders among them) and read what Jira would have
 * e-mailed: the Responsible person's due-soon and overdue reminders and the Accountable person's escalation.
 * Completing every step of a phase (transitions on the issue page) produces one digest to the phase's Informed.
 */
import type { Locator } from 'playwright-core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { app, eventually, seedPlan, startE2E, type E2E, setSiteToday } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('reminders');
}, 120_000);
afterAll(async () => {
  e2e?.site.clock.reset();
  await e2e?.close();
});

const setToday = (day: string) => setSiteToday(e2e, day);

const name = (user: keyof typeof DEMO_SITE.accounts) => DEMO_SITE.accounts[user].displayName;
const outbox = () => e2e.page.getByRole('table', { name: /E-mails Jira would have sent/ });
/** The outbox rows for one issue and rule (the rule column names the RACI letter and the rule). */
const rows = (issueKey: string, rule: string): Locator => outbox().locator(`tr[data-issue="${issueKey}"][data-rule="${rule}"]`);

test('moving the clock sends due-soon, overdue and escalation once each; completing a phase sends the I digest', async () => {
  const { page } = e2e;
  const plan = await seedPlan(e2e.site);
  const step = (n: number) => plan.stepKeys.get(n)!;
  await e2e.actAs('pm');

  // The plan's reminder settings sit in the macro's kickoff form: a value out of bounds is named, a valid one saved.
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
  await page.getByRole('link', { name: 'Edit macro' }).first().click();
  const form = app(page, 'config-');
  const reminders = form.getByRole('group', { name: 'Reminders' });
  await reminders.getByLabel('Due-soon notice (business days)').fill('61');
  await form.getByRole('button', { name: 'Preview steps' }).click();
  await reminders.getByText('Due-soon notice must be at most 60.').waitFor();
  expect(await reminders.getByLabel('Due-soon notice (business days)').getAttribute('aria-invalid')).toBe('true');
  await reminders.getByLabel('Due-soon notice (business days)').fill('2');
  expect(await reminders.getByLabel(/E-mail this plan's people/).isChecked()).toBe(true);
  expect(await reminders.getByLabel('Escalate after (business days overdue)').inputValue()).toBe('3');
  await e2e.shot('0-settings');

  // The newcomer finds the page from the navigation; nothing has been sent yet.
  await page.goto(`${e2e.site.url}/jira/projects/OUT/apps/outbound-playbook`);
  await page.getByRole('link', { name: 'Notifications' }).click();
  await page.getByRole('heading', { name: 'Notifications' }).waitFor();
  await page.getByText('No notifications yet.').waitFor();

  // Kickoff day: step 1 (due the next day) is due soon for its Responsible (the SA); it is ready for its Consulted.
  await setToday('2026-12-01');
  await eventually(async () => expect(await rows(step(1), 'due-soon').count()).toBe(1));
  const dueSoon = rows(step(1), 'due-soon');
  expect(await dueSoon.locator('td').nth(1).textContent()).toBe('R · due soon');
  expect(await dueSoon.locator('td').nth(3).textContent()).toBe(name('sa'));
  expect(await dueSoon.textContent()).toContain('is due on 2026-12-02');
  expect(await dueSoon.getByRole('link', { name: step(1) }).getAttribute('href')).toBe(`/jira/browse/${step(1)}`);
  expect(await rows(step(1), 'input-needed').count()).toBe(1);
  await e2e.shot('1-due-soon');

  // The same day again (the job runs a second time): nothing new.
  const before = await outbox().locator('tbody tr').count();
  await setToday('2026-12-01');
  expect(await outbox().locator('tbody tr').count()).toBe(before);

  // Nobody works for a week and the job was not run in between: one overdue reminder each (not one per missed
  // day), and step 1, three business days late or more, is escalated to its Accountable person once.
  await setToday('2026-12-09');
  await eventually(async () => expect(await rows(step(1), 'escalation').count()).toBe(1));
  expect(await rows(step(1), 'overdue').count()).toBe(1);
  const escalation = rows(step(1), 'escalation');
  expect(await escalation.locator('td').nth(1).textContent()).toBe('A · escalation');
  expect(await escalation.textContent()).toMatch(/Escalation: Step 1 .* is 5 business days overdue \(due 2026-12-02\)/);
  // Newest first: the escalation comes before the first day's due-soon reminder.
  const order = await outbox()
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rule')));
  expect(order.indexOf('escalation')).toBeLessThan(order.lastIndexOf('due-soon'));
  await e2e.shot('2-overdue-escalation');

  // A Saturday sends nothing.
  const weekday = await outbox().locator('tbody tr').count();
  await setToday('2026-12-12');
  expect(await outbox().locator('tbody tr').count()).toBe(weekday);

  // The team completes the Discovery phase: each of its steps moved to Done on its issue page.
  const discovery = [...e2e.site.standIn!.store.allIssues()].filter((issue) => {
    const p = issue.properties[PLAYBOOK_PROPERTY_KEY] as { kind?: string; phase?: string } | undefined;
    return p?.kind === 'step' && p.phase === 'Discovery';
  });
  expect(discovery.length).toBeGreaterThan(1);
  for (const issue of discovery) {
    await page.goto(`${e2e.site.url}/jira/browse/${issue.key}`);
    await page.getByLabel(/^Status:/).selectOption({ label: 'Done' });
    await page.getByRole('button', { name: 'Move' }).click();
    await page.getByText('Status: Done').waitFor();
  }
  await page.getByRole('link', { name: 'Notifications' }).click();
  await page.getByRole('button', { name: 'Next business day' }).click();
  await page.locator('#site-today[value="2026-12-14"]').waitFor();
  await eventually(async () => expect(await rows(plan.epicKey, 'phase-done').count()).toBe(1));
  const digest = rows(plan.epicKey, 'phase-done');
  expect(await digest.locator('td').nth(1).textContent()).toBe('I · phase done');
  expect(await digest.locator('td').nth(3).textContent()).toContain(name('im'));
  expect(await digest.textContent()).toContain('Phase Discovery is done');
  await e2e.shot('3-phase-digest');

  // Every e-mail went out once.
  const mails = await outbox()
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-issue')}|${tr.getAttribute('data-rule')}|${tr.querySelectorAll('td')[4]?.textContent}`));
  expect(new Set(mails).size).toBe(mails.length);
  expect(e2e.log).toEqual([]);
}, 240_000);
