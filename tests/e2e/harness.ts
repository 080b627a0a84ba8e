/**
 * Browser test harness: a fresh local site (own data dir, the real stand-in, the real app) and Debian's
 * Chromium driven by playwright-core. Never downloads a browser.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { bridgeCall, renderFrame } from '../../src/local/site/frame-client';
import { startLocalSite, type LocalSite } from '../../src/local/site/server';
import { ensureStaticBuild } from '../app/helpers/static-build';
import { TEST_TODAY } from '../fixtures/clock';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(__dirname, 'screenshots');
const LAUNCH_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type DemoUser = Exclude<keyof typeof DEMO_SITE.accounts, 'app'>;

export interface E2E {
  site: LocalSite;
  page: Page;
  /** Who the browser acts as (the header's "Acting as" switcher keeps this in a cookie). */
  actAs(user: DemoUser): Promise<void>;
  /** Saves tests/e2e/screenshots/<flow>-<step>.png of the whole page. */
  shot(step: string): Promise<void>;
  /** axe-core over the host page and every app frame: the serious and critical violations, as readable lines. */
  axe(): Promise<string[]>;
  /** Host log lines (trigger failures, 5xx stacks, CSP reports). */
  log: string[];
  /** Console errors, uncaught page errors and `securitypolicyviolation` events, from every frame. */
  browserProblems: string[];
  /** Closes everything; fails when any frame broke Forge's CSP or logged an error. */
  close(): Promise<void>;
}

/** This process's environment without libfaketime's preload (see startE2E). */
function browserEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name === 'LD_PRELOAD' || name.startsWith('FAKETIME')) continue;
    env[name] = value;
  }
  return env;
}

/** `jiraLatencyMs`: simulated latency on the stand-in (the bench's page timings). */
export async function startE2E(flow: string, options: { jiraLatencyMs?: number } = {}): Promise<E2E> {
  ensureStaticBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `op-e2e-${flow}-`));
  const log: string[] = [];
  const site = await startLocalSite({
    port: 0,
    dataDir,
    // Pinned: the browser journeys pass on any calendar day (a test moves the site's clock where its story needs).
    today: TEST_TODAY,
    log: (line) => log.push(line),
    ...(options.jiraLatencyMs ? { jiraLatencyMs: options.jiraLatencyMs } : {}),
  });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-e2e-chromium-'));
  let context: BrowserContext;
  try {
    // A persistent context is how playwright takes a fresh --user-data-dir.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_FLAGS,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      // The browser keeps the machine's real clock: a run under libfaketime (the calendar-proof CI run) moves the
      // site and the app, which decide every date, not Chromium's own timers.
      env: browserEnv(),
    });
  } catch (error) {
    await site.close();
    throw error;
  }
  const browserProblems: string[] = [];
  // Runs in every frame before its scripts: a CSP violation anywhere becomes a console error we collect.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} in ${location.pathname}`);
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') browserProblems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
  page.setDefaultTimeout(10_000);
  const origin = new URL(site.url);
  return {
    site,
    page,
    log,
    browserProblems,
    async actAs(user) {
      await context.addCookies([{ name: 'op_user', value: encodeURIComponent(DEMO_SITE.accounts[user].accountId), domain: origin.hostname, path: '/' }]);
    },
    async shot(step) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      // The viewport only: the committed screenshots stay small (~150 KB).
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${flow}-${step}.png`) });
      // Every state worth a screenshot is also checked for accessibility.
      for (const line of await axeViolations(page)) browserProblems.push(`axe at ${step}: ${line}`);
    },
    axe: () => axeViolations(page),
    async close() {
      await context.close().catch(() => undefined);
      await site.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(userDataDir, { recursive: true, force: true });
      const problems = [
        ...browserProblems,
        ...site.cspViolations.map((v) => `CSP report from ${v.resource}: ${v.directive} blocked ${v.blockedUri || '(inline)'}`),
      ];
      if (problems.length) throw new Error(`The browser saw ${problems.length} problem(s) (CSP, console, axe):\n${problems.join('\n')}`);
    },
  };
}

/** axe-core over the host page and every app frame: serious and critical violations as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const found: string[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    // Evaluated over the DevTools protocol, so Forge's CSP (no inline scripts) does not stop it.
    await frame.evaluate(source);
    const results = await frame.evaluate(async () => {
      type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };
      const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResult> } }).axe;
      const run = await axe.run(document, { resultTypes: ['violations'] });
      return run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
    });
    const where = frame === page.mainFrame() ? 'host page' : (new URL(frame.url()).pathname.split('/')[3] ?? frame.url());
    for (const v of results)
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${where}: ${v.id} (${v.impact}) ${v.help}: ${v.targets.slice(0, 3).join(' ')}`);
  }
  return found;
}

/** The app iframe whose frame id starts with `prefix` (macro-, config-, panel-, project-). */
export const app = (page: Page, prefix: string): FrameLocator => page.frameLocator(`iframe[data-frame-id^="${prefix}"]`);

/** The first view frame of module `moduleKey` on the page shown (frame ids are the host's opaque ones). */
export async function moduleFrame(page: Page, moduleKey: string): Promise<FrameLocator> {
  await page.waitForFunction((wanted) => {
    const frames = (window as unknown as { __forgeFrames?: Record<string, { context: { moduleKey?: string } }> }).__forgeFrames;
    return Object.values(frames ?? {}).some((f) => f.context.moduleKey === wanted);
  }, moduleKey);
  const id = await page.evaluate((wanted) => {
    const frames = (window as unknown as { __forgeFrames: Record<string, { id: string; context: { moduleKey?: string } }> }).__forgeFrames;
    return Object.values(frames).find((f) => f.id.startsWith('macro-') && f.context.moduleKey === wanted)?.id ?? null;
  }, moduleKey);
  if (!id) throw new Error(`The page shows no ${moduleKey} macro`);
  return page.frameLocator(`iframe[data-frame-id="${id}"]`);
}

/** The view frame of the macro instance `localId` on the page shown (frame ids are the host's opaque ones). */
export async function macroFrame(page: Page, localId: string): Promise<FrameLocator> {
  const id = await page.evaluate((wanted) => {
    const frames = (window as unknown as { __forgeFrames: Record<string, { id: string; context: { localId?: string } }> }).__forgeFrames;
    return Object.values(frames).find((f) => f.id.startsWith('macro-') && f.context.localId === wanted)?.id ?? null;
  }, localId);
  if (!id) throw new Error(`The page shows no macro ${localId}`);
  return page.frameLocator(`iframe[data-frame-id="${id}"]`);
}

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

const person = (user: DemoUser) => ({ accountId: DEMO_SITE.accounts[user].accountId, displayName: DEMO_SITE.accounts[user].displayName });

/** A valid kickoff in OUT naming the demo people (claims + commissions + refunds, partner integration). */
export function demoKickoff(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projectKey: 'OUT',
    biller: 'Texas Mutual Insurance',
    coreSystem: 'Guidewire (Accelerator)',
    integrationType: 'partner',
    capabilities: ['claims', 'agent-commissions', 'premium-refunds'],
    kickoffDate: '2026-12-01',
    holidays: [],
    roles: {
      SA: person('sa'),
      PM: person('pm'),
      IM: person('im'),
      B: { displayName: 'Texas Mutual IT', email: 'it@texasmutual.example' },
      CS: { displayName: 'Guidewire Accelerator team' },
    },
    ...overrides,
  };
}

/**
 * Calls a resolver through the host's bridge endpoint as `user`, as a frame does: the host renders the page and
 * registers the frame, and the call names only that frame (its context is the host's).
 */
export async function invokeAs(
  site: LocalSite,
  user: DemoUser,
  functionKey: string,
  payload: unknown,
  /** The macro instance on the discovery page calling (each macro owns its plan); the OUT project page unless named. */
  localId?: string,
): Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }> {
  const accountId = DEMO_SITE.accounts[user].accountId;
  const frame = localId
    ? await renderFrame(site.url, accountId, '/wiki/spaces/IMP/pages/1001', (f) => f.id.startsWith('macro-') && f.context.localId === localId)
    : await renderFrame(site.url, accountId, '/jira/projects/OUT/apps/outbound-playbook', (f) => f.id.startsWith('project-'));
  const response = await bridgeCall(site.url, accountId, 'invoke', { frame: frame.id, functionKey, payload });
  if (!response.ok) throw new Error(`invoke ${functionKey}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { body: never }).body;
}

/** Saves `config` as the macro's config the way the kickoff form does: view.submit from the config frame the host rendered. */
export async function submitConfig(site: LocalSite, user: DemoUser, localId: string, payload: unknown, pageId = '1001'): Promise<Response> {
  const accountId = DEMO_SITE.accounts[user].accountId;
  const frame = await renderFrame(
    site.url,
    accountId,
    `/wiki/spaces/IMP/pages/${pageId}?configure=${localId}`,
    (f) => f.id.startsWith('config-') && f.context.localId === localId,
  );
  return bridgeCall(site.url, accountId, 'submit', { frame: frame.id, payload });
}

/** Puts a macro with a saved demo kickoff on the discovery page (no browser). */
export async function seedMacro(site: LocalSite): Promise<{ kickoff: Record<string, unknown>; page: Record<string, string>; localId: string }> {
  // The local site acts only as a named user: sign in explicitly.
  const cookie = `op_user=${encodeURIComponent(DEMO_SITE.accounts.sa.accountId)}`;
  const inserted = await fetch(`${site.url}/wiki/spaces/IMP/pages/1001/macros`, { method: 'POST', redirect: 'manual', headers: { cookie } });
  const localId = new URL(inserted.headers.get('location') ?? '', site.url).searchParams.get('configure');
  if (!localId) throw new Error('inserting the macro gave no localId');
  const page = { id: '1001', url: `${site.url}/wiki/spaces/IMP/pages/1001`, title: 'Texas Mutual – Outbound integration / discovery' };
  const kickoff = demoKickoff();
  const saved = await submitConfig(site, 'sa', localId, { config: { kickoff } });
  if (!saved.ok) throw new Error(`saving the macro config: HTTP ${saved.status}`);
  return { kickoff, page, localId };
}

/** seedMacro, then generates its plan as the SA through the resolver (no browser). */
export async function seedPlan(
  site: LocalSite,
): Promise<{ epicKey: string; stepKeys: Map<number, string>; localId: string; kickoff: Record<string, unknown> }> {
  const { kickoff, localId } = await seedMacro(site);
  for (let round = 0; round < 20; round++) {
    // As the macro on the page: its plan is the one its view shows.
    const result = await invokeAs(site, 'sa', 'generatePlan', { kickoff }, localId);
    if (!result.ok) throw new Error(`generatePlan: ${JSON.stringify(result.error)}`);
    if (result.data?.state === 'done') break;
  }
  const stepKeys = new Map<number, string>();
  let epicKey = '';
  for (const issue of site.standIn!.store.allIssues()) {
    const property = issue.properties[PLAYBOOK_PROPERTY_KEY] as { kind?: string; step?: number } | undefined;
    if (property?.kind === 'plan') epicKey = issue.key;
    if (property?.kind === 'step' && typeof property.step === 'number') stepKeys.set(property.step, issue.key);
  }
  if (!epicKey) throw new Error('no plan epic after generating');
  return { epicKey, stepKeys, localId, kickoff };
}

/** Moves the local site's clock (the header's "Today" control) to `day` and waits until the site shows it. */
export async function setSiteToday(e2e: E2E, day: string): Promise<void> {
  await e2e.page.locator('#site-today').fill(day);
  await e2e.page.getByRole('button', { name: 'Set', exact: true }).click();
  await e2e.page
    .locator('#site-today')
    .and(e2e.page.locator(`[value="${day}"]`))
    .waitFor();
}
