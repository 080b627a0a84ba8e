/** SA flow: insert the macro, fill the kickoff (user search, contacts), preview, save, generate, see progress and RACI. */
import { app, eventually, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('sa');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
}, 120_000);

test('the Solution Architect kicks off and generates the plan from the Confluence page', async () => {
  const { page } = e2e;
  await e2e.actAs('sa');
  await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
  await page.getByRole('button', { name: 'Insert Outbound Playbook macro' }).click();
  await page.waitForURL(/configure=/);

  const form = app(page, 'config-');
  await form.getByLabel('Jira project *').selectOption('OUT');
  await form.getByLabel('Kickoff date *').fill('2026-12-01');
  await form.getByLabel('Biller *').fill('Texas Mutual Insurance');
  await form.getByLabel('Core system *').fill('Guidewire (Accelerator)');
  await form.getByLabel('Partner integration').check();
  for (const capability of ['Claims', 'Agent commissions', 'Premium refunds']) await form.getByLabel(capability, { exact: false }).first().check();

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

  await form.getByRole('button', { name: 'Preview steps' }).click();
  const preview = form.getByRole('region', { name: 'Plan preview' });
  await preview.getByRole('heading', { name: /steps will be created/ }).waitFor();
  await preview.getByRole('heading', { name: /steps are skipped/ }).waitFor();
  const skipped = await preview.getByRole('listitem').allTextContents();
  expect(skipped.length).toBeGreaterThan(0);
  for (const line of skipped) expect(line).toMatch(/^\d+\. .+ — .+/);
  await e2e.shot('1-kickoff-preview');

  await form.getByRole('button', { name: 'Save kickoff' }).click();
  await page.waitForURL((url) => !url.search.includes('configure'));

  const macro = app(page, 'macro-');
  expect(await macro.getByRole('region', { name: 'Kickoff' }).textContent()).toContain('Texas Mutual Insurance');
  await macro.getByRole('region', { name: 'Plan preview' }).waitFor();
  await macro.getByRole('button', { name: 'Generate plan in Jira' }).click();
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
  // The host logged no failed resolver call or trigger.
  expect(e2e.log).toEqual([]);
}, 120_000);
