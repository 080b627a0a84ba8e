/**
 * Time to data in the browser: each page of the app opened in Chromium on the local site (the same Custom UI
 * bundles, the real resolvers, the stand-in at the bench's latency), timed from navigation to its data on
 * screen, with the resolver calls on that path (from the browser's own requests to the host's bridge) and
 * the Jira round trips made inside those calls (from the stand-in's request log). Pages: the macro view with a plan, the
 * issue panel on a step, the project page with 1,000 plans, the kickoff form.
 */
import type { Locator, Page, Request } from 'playwright-core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { countRoundTrips, type Interval } from '../../src/local/jira/transport';
import { app, seedPlan, startE2E, type DemoUser } from '../e2e/harness';
import { benchPlans } from './kickoff';
import { round } from './measure';
import type { PageTiming } from './report-types';
import { seedPlans, type RollupValueFn } from './seed';

export const PORTFOLIO_PAGE_PLANS = 1000;

interface Call extends Interval {
  functionKey: string;
  /** Which app frame made the call (frames load side by side and cannot wait for each other). */
  frame: string;
}

/** Resolver calls seen by the browser (POST /__forge/invoke), with when they started and ended. */
function watchResolverCalls(page: Page) {
  const calls: Call[] = [];
  const started = new Map<Request, { at: number; functionKey: string; frame: string }>();
  page.on('request', (request) => {
    if (!request.url().endsWith('/__forge/invoke')) return;
    let functionKey = '?';
    let frame = '?';
    try {
      const body = JSON.parse(request.postData() ?? '{}') as { functionKey?: unknown; frame?: { localId?: unknown; extension?: { isEditing?: unknown } } };
      functionKey = String(body.functionKey);
      frame = `${String(body.frame?.localId)}${body.frame?.extension?.isEditing === true ? ':config' : ''}`;
    } catch {
      // keep '?'
    }
    started.set(request, { at: Date.now(), functionKey, frame });
  });
  const done = (request: Request) => {
    const start = started.get(request);
    if (start) calls.push({ functionKey: start.functionKey, frame: start.frame, startedAt: start.at, endedAt: Date.now() });
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return calls;
}

export async function measurePages(latencyMs: number, rollupValue: RollupValueFn): Promise<PageTiming[]> {
  const e2e = await startE2E('bench-pages', { jiraLatencyMs: latencyMs });
  try {
    const { page, site } = e2e;
    const jiraLog = site.jiraLog;
    if (!jiraLog || !site.standIn) throw new Error('the local site has no embedded stand-in');
    const plan = await seedPlan(site);
    const { sa, pm, im, opm } = DEMO_SITE.accounts;
    const people = { accountIds: { SA: sa.accountId, PM: pm.accountId, IM: im.accountId, OPM: opm.accountId } };
    await seedPlans({ site: site.standIn }, benchPlans(people, 'OUT', 2, PORTFOLIO_PAGE_PLANS), 2, rollupValue);
    const calls = watchResolverCalls(page);

    const timePage = async (
      name: string,
      user: DemoUser,
      url: string,
      ready: () => Locator,
      state: 'visible' | 'attached' = 'visible',
    ): Promise<PageTiming> => {
      await e2e.actAs(user);
      // A blank page first, so nothing of the previous page is still running.
      await page.goto('about:blank');
      calls.length = 0;
      jiraLog.reset();
      const started = Date.now();
      await page.goto(url);
      await ready().waitFor({ state, timeout: 60_000 });
      const ended = Date.now();
      const onPath = calls.filter((c) => c.startedAt >= started && c.startedAt <= ended);
      // The app's Jira requests: those inside a resolver call (the host's own page rendering also reads Jira).
      const jira = jiraLog.entries().filter((e) => onPath.some((c) => e.startedAt >= c.startedAt && e.endedAt <= c.endedAt));
      const perCall = onPath.map((c) => countRoundTrips(jira.filter((e) => e.startedAt >= c.startedAt && e.endedAt <= c.endedAt)));
      return {
        page: name,
        ms: round(ended - started),
        resolverCalls: onPath.length,
        // The longest chain of calls one frame makes: a page's frames load side by side, independently.
        sequentialResolverCalls: Math.max(
          0,
          ...[...new Set(onPath.map((c) => c.frame))].map((frame) => countRoundTrips(onPath.filter((c) => c.frame === frame))),
        ),
        functions: onPath.map((c) => c.functionKey),
        jiraRequests: jira.length,
        jiraRoundTrips: countRoundTrips(jira),
        maxJiraRoundTripsPerCall: Math.max(0, ...perCall),
      };
    };

    const pages: PageTiming[] = [];
    pages.push(
      await timePage('macro view (a plan)', 'sa', `${site.url}/wiki/spaces/IMP/pages/1001`, () =>
        app(page, 'macro-').getByRole('progressbar', { name: 'Overall progress' }),
      ),
    );
    pages.push(
      await timePage('issue panel (a step)', 'pm', `${site.url}/jira/browse/${plan.stepKeys.get(5)}`, () =>
        app(page, 'panel-').getByRole('table', { name: 'Step details' }),
      ),
    );
    pages.push(
      await timePage(
        `project page (${PORTFOLIO_PAGE_PLANS.toLocaleString('en-US')} plans)`,
        'opm',
        `${site.url}/jira/projects/OUT/apps/outbound-playbook`,
        () => app(page, 'project-').getByRole('table', { name: 'Plans' }).getByRole('link').first(),
      ),
    );
    // The kickoff form of a newly inserted macro: ready when the projects list has arrived.
    const inserted = await fetch(`${site.url}/wiki/spaces/IMP/pages/1001/macros`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `op_user=${encodeURIComponent(DEMO_SITE.accounts.sa.accountId)}` },
    });
    const configureUrl = new URL(inserted.headers.get('location') ?? '', site.url).toString();
    pages.push(await timePage('kickoff form', 'sa', configureUrl, () => app(page, 'config-').locator('option[value="OUT"]'), 'attached'));
    return pages;
  } finally {
    await e2e.close();
  }
}
