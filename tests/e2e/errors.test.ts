/** Error flows: a browse-only user cannot generate (the button says why); an invalid kickoff gets field-level messages. Nothing is written. */
import fs from 'fs';
import path from 'path';
import { app, seedMacro, startE2E, type E2E } from './harness';

describe('errors', () => {
  let e2e: E2E;
  beforeEach(async () => {
    e2e = await startE2E('errors');
  }, 120_000);
  afterEach(async () => {
    await e2e?.close();
  });

  test('a browse-only viewer finds Generate disabled with the reason, and nothing is created', async () => {
    const { page } = e2e;
    await seedMacro(e2e.site);
    await e2e.actAs('viewer');
    await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
    const macro = app(page, 'macro-');
    const generate = macro.getByRole('button', { name: 'Generate plan in Jira' });
    await generate.waitFor();
    expect(await generate.isDisabled()).toBe(true);
    const reason = macro.locator(`[id="${(await generate.getAttribute('aria-describedby')) ?? ''}"]`);
    expect(await reason.textContent()).toMatch(/permission|CREATE_ISSUES/i);
    await e2e.shot('1-viewer-generate');
    expect([...e2e.site.standIn!.store.allIssues()]).toHaveLength(0);
  }, 120_000);

  test('an invalid kickoff shows messages at the fields and saves nothing', async () => {
    const { page } = e2e;
    await e2e.actAs('sa');
    await page.goto(`${e2e.site.url}/wiki/spaces/IMP/pages/1001`);
    await page.getByRole('button', { name: 'Insert Outbound Playbook macro' }).click();
    const form = app(page, 'config-');
    await form.getByLabel('Jira project *').selectOption('OUT');
    await form.getByLabel('Kickoff date *').fill('2026-12-01');
    await form.getByLabel('Core system *').fill('Guidewire (Accelerator)');
    // A holiday row left empty is not sent.
    await form.getByRole('button', { name: 'Add a holiday' }).click();
    // No biller, no Solution Architect.
    await form.getByRole('button', { name: 'Save kickoff' }).click();
    await form.getByRole('alert').filter({ hasText: 'Check the form' }).waitFor();
    const errorOf = async (name: string | RegExp) => {
      const field = form.getByLabel(name).first();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-err'));
      expect(errorId).toBeDefined();
      return (await form.locator(`[id="${errorId}"]`).textContent()) ?? '';
    };
    expect(await errorOf('Biller *')).not.toBe('');
    expect(await errorOf(/\(SA\) \*/)).not.toBe('');
    await e2e.shot('2-invalid-kickoff');
    // Still configuring: the config was not saved and Jira holds nothing.
    expect(page.url()).toContain('configure=');
    const saved = JSON.parse(fs.readFileSync(path.join(e2e.site.dataDir, 'local-site.json'), 'utf8')) as {
      pages: Record<string, { macros: { config?: unknown }[] }>;
    };
    expect(saved.pages['1001'].macros).toHaveLength(1);
    expect(saved.pages['1001'].macros[0].config ?? null).toBeNull();
    expect([...e2e.site.standIn!.store.allIssues()]).toHaveLength(0);
  }, 120_000);
});
