/**
 * Browser test harness: a fresh local site (own data dir, the real stand-in, the real app) and Debian's
 * Chromium driven by playwright-core. Never downloads a browser.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { startLocalSite, type LocalSite } from '../../src/local/site/server';
import { ensureStaticBuild } from '../app/helpers/static-build';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(__dirname, 'screenshots');
const LAUNCH_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type DemoUser = Exclude<keyof typeof DEMO_SITE.accounts, 'app'>;

export interface E2E {
  site: LocalSite;
  page: Page;
  /** Who the browser acts as (the header's "Acting as" switcher keeps this in a cookie). */
  actAs(user: DemoUser): Promise<void>;
  /** Saves tests/e2e/screenshots/<flow>-<step>.png of the whole page. */
  shot(step: string): Promise<void>;
  /** Host log lines (trigger failures, 5xx stacks). */
  log: string[];
  close(): Promise<void>;
}

export async function startE2E(flow: string): Promise<E2E> {
  ensureStaticBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `op-e2e-${flow}-`));
  const log: string[] = [];
  const site = await startLocalSite({ port: 0, dataDir, log: (line) => log.push(line) });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-e2e-chromium-'));
  let context: BrowserContext;
  try {
    // A persistent context is how playwright takes a fresh --user-data-dir.
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: LAUNCH_FLAGS, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  } catch (error) {
    await site.close();
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  const origin = new URL(site.url);
  return {
    site,
    page,
    log,
    async actAs(user) {
      await context.addCookies([{ name: 'op_user', value: encodeURIComponent(DEMO_SITE.accounts[user].accountId), domain: origin.hostname, path: '/' }]);
    },
    async shot(step) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${flow}-${step}.png`), fullPage: true });
    },
    async close() {
      await context.close().catch(() => undefined);
      await site.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The app iframe whose frame id starts with `prefix` (macro-, config-, panel-, project-). */
export const app = (page: Page, prefix: string): FrameLocator => page.frameLocator(`iframe[data-frame-id^="${prefix}"]`);

/** Retries `check` (which throws while the page is not there yet) until it passes or `timeoutMs` runs out. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
