/**
 * The SA's first ten minutes, on the seeded demo site: insert the macro (the config dialog takes focus, keeps
 * Tab inside, closes on Escape and returns focus to its opener), submit an empty kickoff (the error summary at
 * the top takes focus and links to each field), fill it (user search, contacts, a holiday), preview with names
 * and unwrapped ISO dates, see the warning for a kickoff in the past, save, generate, see progress and RACI,
 * then edit the saved kickoff and read what the plan in Jira no longer reflects. A browse-only user sees
 * Generate disabled, with the reason.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { app, demoKickoff, eventually, macroFrame, startE2E, submitConfig, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('sa');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
}, 120_000);

const isoDaysFrom = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The host page's focused element: the iframe's frame id, or the element's id / text. */
const hostFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-frame-id') ?? (el?.id || el?.textContent?.trim() || el?.tagName || '');
  });
/** The id of the element focused inside an app frame. */
const frameFocus = (frame: FrameLocator) => frame.locator('body').evaluate(() => document.activeElement?.id ?? '');

test('the Solution Architect kicks off and generates the plan from the Confluence page', async () => {
  const { page } = e2e;
  await e2e.actAs('sa');
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
  const today = await page.locator('#site-today').inputValue();
  await page.getByRole('button', { name: 'Insert Outbound Playbook macro' }).click();
  await page.waitForURL(/configure=/);

  // The dialog takes focus: the form's first field, inside the app frame.
  const form = app(page, 'config-');
  await form.getByLabel('Jira project *').waitFor();
  await eventually(async () => {
    expect(await hostFocus(page)).toMatch(/^config-/);
    expect(await frameFocus(form)).toBe('kickoff-project');
  });
  // Tab stays in the dialog: back from the first field wraps to its last stop (Cancel), forward wraps to the first field.
  await page.keyboard.press('Shift+Tab');
  await eventually(async () => expect(await hostFocus(page)).toBe('Cancel'));
  await page.keyboard.press('Tab');
  await eventually(async () => expect(await frameFocus(form)).toBe('kickoff-project'));
  // Escape closes it and focus returns to the button that opened it.
  await page.keyboard.press('Escape');
  await page.waitForURL((url) => !url.search.includes('configure'));
  await eventually(async () => expect(await hostFocus(page)).toBe('insert-macro'));

  // Opened again from the macro's own "Edit macro" link.
  await page.getByRole('link', { name: 'Edit macro' }).click();
  await page.waitForURL(/configure=/);
  await form.getByLabel('Jira project *').waitFor();
  await eventually(async () => expect(await frameFocus(form)).toBe('kickoff-project'));

  // Submitting the empty form: the error summary at the top takes focus; each entry links to its field.
  await form.getByRole('button', { name: 'Save kickoff' }).click();
  const summary = form.locator('#kickoff-error-summary');
  await summary.waitFor();
  await eventually(async () => expect(await frameFocus(form)).toBe('kickoff-error-summary'));
  expect(await summary.getByRole('heading').textContent()).toMatch(/^Check the form: \d+ fields need attention$/);
  const box = await summary.boundingBox();
  expect(box!.y).toBeLessThan(200);
  await summary.getByRole('link', { name: /^Biller:/ }).click();
  await eventually(async () => expect(await frameFocus(form)).toBe('kickoff-biller'));
  const biller = form.getByLabel('Biller *');
  expect(await biller.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await biller.getAttribute('aria-describedby')) ?? '';
  expect(await form.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toMatch(/Biller is required/);
  await e2e.shot('0-error-summary');

  // The kickoff, backdated by two months first.
  await form.getByLabel('Jira project *').selectOption('OUT');
  await form.getByLabel('Kickoff date *').fill(isoDaysFrom(today, -60));
  await biller.fill('Texas Mutual Insurance');
  await form.getByLabel('Core system *').fill('Guidewire (Accelerator)');
  await form.getByLabel('Partner integration').check();
  for (const capability of ['Claims', 'Agent Commissions', 'Premium Refunds']) await form.getByLabel(capability, { exact: true }).check();
  // A holiday is picked with the same date picker as the kickoff date.
  await form.getByRole('button', { name: 'Add a holiday' }).click();
  await eventually(async () => expect(await frameFocus(form)).toBe('kickoff-holiday-0'));
  await form.getByLabel('Holiday 1').fill('2026-12-25');

  // People: user search for the Jira roles, named contacts for the biller and the core system.
  for (const [role, query, name] of [
    ['(SA)', 'Sas', 'Sasha Architect'],
    ['(PM)', 'Pri', 'Priya Manager'],
    ['(IM)', 'Iva', 'Ivan Implementer'],
  ] as const) {
    const picker = form.getByRole('combobox', { name: role });
    await picker.fill(query);
    await form.getByRole('option', { name }).click();
    expect(await picker.inputValue()).toBe(name);
  }
  await form.getByLabel(/\(B\) – name/).fill('Texas Mutual IT');
  await form.getByLabel(/\(B\) – e-mail/).fill('it@texasmutual.example');
  await form.getByLabel(/\(CS\) – name/).fill('Guidewire Accelerator team');

  // Preview of the backdated kickoff: the warning counts the steps born overdue.
  await form.getByRole('button', { name: 'Preview steps' }).click();
  const preview = form.getByRole('region', { name: 'Plan preview' });
  const warnings = preview.getByRole('region', { name: 'Warnings' });
  await warnings.waitFor();
  const dueDates = await preview.locator('tbody tr td:last-child').allTextContents();
  const overdue = dueDates.filter((d) => d < today).length;
  expect(overdue).toBeGreaterThan(0);
  expect(await warnings.textContent()).toContain(`${overdue} steps will be overdue at birth`);
  await e2e.shot('1-past-kickoff-warning');

  // On time instead: no overdue warning; names, not role codes; ISO dates that do not wrap; honest counts.
  await form.getByLabel('Kickoff date *').fill('2026-12-01');
  await form.getByRole('button', { name: 'Preview steps' }).click();
  await preview.getByRole('heading', { name: /^\d+ steps to create$/ }).waitFor();
  expect(await preview.getByText(/overdue at birth/).count()).toBe(0);
  const rows = preview.locator('tbody tr');
  const first = await rows.first().locator('td').allTextContents();
  expect(first[3]).toContain('Sasha Architect');
  expect(first.join(' ')).not.toMatch(/\bSA\b/);
  expect(first[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  for (const cell of await preview.locator('tbody td:last-child time').all())
    expect(await cell.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
  await preview.getByRole('heading', { name: /steps are skipped/ }).waitFor();
  const skipped = await preview.getByRole('list', { name: 'Skipped steps' }).getByRole('listitem').allTextContents();
  expect(skipped.length).toBeGreaterThan(0);
  for (const line of skipped) expect(line).toMatch(/^\d+\. .+ — .+/);
  await e2e.shot('1-kickoff-preview');

  await form.getByRole('button', { name: 'Save kickoff' }).click();
  await page.waitForURL((url) => !url.search.includes('configure'));
  // Focus is back on the link that opened the dialog.
  await eventually(async () => expect(await hostFocus(page)).toMatch(/^edit-macro-/));

  const macro = app(page, 'macro-');
  const kickoff = macro.getByRole('region', { name: 'Kickoff' });
  await kickoff.waitFor();
  const summaryText = (await kickoff.textContent()) ?? '';
  expect(summaryText).toContain('Texas Mutual Insurance');
  expect(summaryText).toContain('Claims, Agent Commissions, Premium Refunds');
  expect(summaryText).not.toContain('agent-commissions');
  await macro
    .getByRole('region', { name: 'Plan preview' })
    .getByRole('heading', { name: /^\d+ steps to create$/ })
    .waitFor();
  const generate = macro.getByRole('button', { name: 'Generate plan in Jira' });
  expect(await generate.isEnabled()).toBe(true);
  await generate.click();
  // The generation bar fills up and stays, finished, above the plan.
  const bar = macro.getByRole('progressbar', { name: 'Generation progress' });
  await eventually(async () => {
    const [now, max] = [await bar.getAttribute('aria-valuenow', { timeout: 1000 }), await bar.getAttribute('aria-valuemax', { timeout: 1000 })];
    expect(Number(max)).toBeGreaterThan(0);
    expect(now).toBe(max);
  }, 60_000);
  const total = Number(await bar.getAttribute('aria-valuemax'));

  // Done: the six-phase progress with the plan's status, and the RACI matrix.
  await macro.getByRole('progressbar', { name: 'Overall progress' }).waitFor();
  expect(await macro.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuemax')).toBe(String(total));
  await macro.getByText('Initiated', { exact: true }).waitFor();
  expect(await macro.getByRole('table', { name: 'Progress by phase' }).getByRole('row').count()).toBe(7);
  for (const phase of ['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release'])
    await macro.getByRole('link', { name: phase, exact: true }).waitFor();
  await macro.getByText('RACI matrix', { exact: true }).click();
  const matrix = macro.getByRole('table', { name: /RACI matrix/ });
  expect(await matrix.getByRole('columnheader', { name: /SA/ }).textContent()).toContain('Sasha Architect');
  await e2e.shot('2-macro-progress');

  // The store holds exactly the plan: one epic plus one issue per step, in OUT.
  const issues = [...e2e.site.standIn!.store.allIssues()];
  expect(issues).toHaveLength(total + 1);
  expect(issues.every((i) => i.key.startsWith('OUT-'))).toBe(true);

  // Editing the saved kickoff of the generated plan: the macro says what the plan in Jira does not have yet.
  await page.getByRole('link', { name: 'Edit macro' }).click();
  await page.waitForURL(/configure=/);
  await form.getByLabel('Vendor Onboarding', { exact: true }).check();
  await form.getByRole('button', { name: 'Save kickoff' }).click();
  await page.waitForURL((url) => !url.search.includes('configure'));
  const changed = macro.getByRole('region', { name: 'Kickoff changed after generation' });
  await changed.waitFor();
  expect(await changed.textContent()).toContain('1 capability added: Vendor Onboarding');
  await e2e.shot('3-kickoff-changed');
  // Nothing was written by the edit.
  expect([...e2e.site.standIn!.store.allIssues()]).toHaveLength(total + 1);
  // The host logged no failed resolver call or trigger.
  expect(e2e.log).toEqual([]);
}, 180_000);

test('a browse-only user sees Generate disabled, with the reason', async () => {
  const { page } = e2e;
  // A macro on another discovery page, for another biller, saved by the SA and not generated.
  const cookie = `op_user=${encodeURIComponent(DEMO_SITE.accounts.sa.accountId)}`;
  const inserted = await fetch(`${e2e.site.url}/wiki/spaces/IMP/pages/1103/macros`, { method: 'POST', redirect: 'manual', headers: { cookie } });
  const localId = new URL(inserted.headers.get('location') ?? '', e2e.site.url).searchParams.get('configure');
  const kickoff = demoKickoff({ biller: 'California Mutual', coreSystem: 'SimpleSolve' });
  const saved = await submitConfig(e2e.site, 'sa', localId!, { config: { kickoff } }, '1103');
  expect(saved.ok).toBe(true);

  await e2e.actAs('viewer');
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1103`);
  const macro = await macroFrame(page, localId!);
  const generate = macro.getByRole('button', { name: 'Generate plan in Jira' });
  await generate.waitFor();
  expect(await generate.isDisabled()).toBe(true);
  const reasonId = (await generate.getAttribute('aria-describedby')) ?? '';
  expect(reasonId).not.toBe('');
  const reason = (await macro.locator(`[id="${reasonId}"]`).textContent()) ?? '';
  expect(reason).toMatch(/^You lack permissions in project OUT: .*CREATE_ISSUES/);
  await e2e.shot('4-viewer-generate-disabled');
  expect(e2e.log).toEqual([]);
}, 120_000);
