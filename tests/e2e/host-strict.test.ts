/**
 * The local host answers the bridge as Forge does (issue 22): the kickoff form's `view.submit({ config })` is saved
 * through the config dialog and read back after a reload (the macro view and the dialog both get it as
 * `context.extension.config`); a flat `view.submit` payload is refused with Forge's message and saves nothing.
 */
import fs from 'fs';
import path from 'path';
import { INVALID_CONFIG_MESSAGE } from '../../src/local/site/frames';
import { app, demoKickoff, eventually, macroFrame, seedMacro, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('host-strict');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
}, 120_000);

/** The macro's config as the site stored it (what Confluence would keep for the macro). */
const storedConfig = (localId: string): unknown => {
  const stored = JSON.parse(fs.readFileSync(path.join(e2e.site.dataDir, 'local-site.json'), 'utf8')) as {
    pages: Record<string, { macros: { localId: string; config?: unknown }[] }>;
  };
  return stored.pages['1001'].macros.find((m) => m.localId === localId)?.config;
};

test('a kickoff saved through the config dialog is read back after a reload', async () => {
  const { page, site } = e2e;
  const { localId } = await seedMacro(site);
  await e2e.actAs('sa');
  await page.goto(`${site.url}/wiki/spaces/IMP/pages/1001`);
  await page.getByRole('link', { name: 'Edit macro' }).click();
  await page.waitForURL(/configure=/);
  const form = app(page, 'config-');
  const biller = form.getByLabel('Biller *');
  // The dialog opens on the saved config (context.extension.config).
  await eventually(async () => expect(await biller.inputValue()).toBe('Texas Mutual Insurance'));
  await biller.fill('Lakeshore Mutual');
  await form.getByRole('button', { name: 'Save kickoff' }).click();
  await page.waitForURL((url) => !url.search.includes('configure'));

  // Stored exactly as the form passed it in `config`: `{ kickoff }`, nothing wrapped around it.
  expect(storedConfig(localId)).toEqual({
    kickoff: expect.objectContaining({ projectKey: 'OUT', biller: 'Lakeshore Mutual', coreSystem: 'Guidewire (Accelerator)', kickoffDate: '2026-12-01' }),
  });

  await page.reload();
  const macro = await macroFrame(page, localId);
  const kickoff = macro.getByRole('region', { name: 'Kickoff' });
  await kickoff.waitFor();
  expect(await kickoff.textContent()).toContain('Lakeshore Mutual');
  await page.getByRole('link', { name: 'Edit macro' }).click();
  await page.waitForURL(/configure=/);
  await eventually(async () => expect(await app(page, 'config-').getByLabel('Biller *').inputValue()).toBe('Lakeshore Mutual'));
  expect(e2e.log).toEqual([]);
}, 120_000);

test("the host refuses a flat view.submit payload with Forge's message and saves nothing", async () => {
  const { page, site } = e2e;
  const { localId } = await seedMacro(site);
  const before = storedConfig(localId);
  await e2e.actAs('sa');
  await page.goto(`${site.url}/wiki/spaces/IMP/pages/1001?configure=${localId}`);
  const configFrame = page.frames().find((f) => new URL(f.url()).pathname.startsWith('/__forge/app/macro-config/'));
  if (!configFrame) throw new Error('no config frame');
  await configFrame.waitForFunction(() => typeof (globalThis as { __bridge?: unknown }).__bridge === 'object');
  // What the kickoff form used to send: the kickoff without Forge's `config` wrapper.
  const answer = await configFrame.evaluate(
    async (kickoff) => {
      const bridge = (globalThis as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }).__bridge;
      try {
        return { ok: true, value: await bridge.callBridge('submit', { kickoff }) };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
    demoKickoff({ biller: 'Flat payload' }),
  );
  expect(answer).toEqual({ ok: false, message: INVALID_CONFIG_MESSAGE });
  expect(page.url()).toContain('configure=');
  expect(storedConfig(localId)).toEqual(before);
  // The browser logs the refused request (HTTP 400) as a console error: that one is expected, nothing else.
  const refused = e2e.browserProblems.filter((p) => p.includes('status of 400') && p.includes('/__forge/submit'));
  expect(refused).toHaveLength(1);
  e2e.browserProblems.splice(0, e2e.browserProblems.length, ...e2e.browserProblems.filter((p) => !refused.includes(p)));
}, 120_000);
