/** The local site on the real stand-in (no browser): demo seed, persistence across restarts, re-generation adopts the plan, triggers roll up. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { startLocalSite, type LocalSite } from '../../src/local/site/server';
import { invokeAs, seedPlan } from '../e2e/harness';
import { TEST_TODAY } from '../fixtures/clock';

const quiet = () => undefined;
let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-site-standin-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const issuesOf = (site: LocalSite) => [...site.standIn!.store.allIssues()];

test('seeds the demo site on first start: the switcher lists the demo people, not the app account', async () => {
  const site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, log: quiet });
  try {
    expect(site.users.map((u) => u.displayName).sort()).toEqual(
      Object.values(DEMO_SITE.accounts)
        .filter((a) => a.accountType !== 'app')
        .map((a) => a.displayName)
        .sort(),
    );
    const projects = await invokeAs(site, 'sa', 'listProjects', {});
    expect(projects).toMatchObject({ ok: true, data: { projects: [{ key: 'OUT' }] } });
  } finally {
    await site.close();
  }
});

test('a plan survives a restart, and generating again after it creates nothing new', async () => {
  let site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, log: quiet });
  let before: string[];
  let macro: { localId: string; kickoff: Record<string, unknown> };
  try {
    macro = await seedPlan(site);
    before = issuesOf(site)
      .map((i) => i.key)
      .sort();
  } finally {
    await site.close();
  }
  site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, log: quiet });
  try {
    expect(
      issuesOf(site)
        .map((i) => i.key)
        .sort(),
    ).toEqual(before);
    // The same macro generating again (each macro owns its plan): nothing new.
    let state: unknown;
    for (let round = 0; round < 10 && state !== 'done'; round++) {
      const result = await invokeAs(site, 'sa', 'generatePlan', { kickoff: macro.kickoff }, macro.localId);
      expect(result.ok).toBe(true);
      state = result.data?.state;
    }
    expect(state).toBe('done');
    expect(
      issuesOf(site)
        .map((i) => i.key)
        .sort(),
    ).toEqual(before);
  } finally {
    await site.close();
  }
});

test('a step moved to Done reaches the trigger, which writes the roll-up on the plan epic', async () => {
  const site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, log: quiet });
  try {
    const plan = await seedPlan(site);
    const key = plan.stepKeys.get(1)!;
    const store = site.standIn!.store;
    const epic = () => [...store.allIssues()].find((i) => i.key === plan.epicKey)!;
    await new Promise((r) => setTimeout(r, 300)); // the creation events' roll-ups settle
    expect(epic().properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ kind: 'plan', status: 'Initiated' });
    const transitions = await fetch(`${site.url}/jira/browse/${key}`, {
      headers: { cookie: `op_user=${encodeURIComponent(DEMO_SITE.accounts.pm.accountId)}` },
    }).then((r) => r.text());
    const done = transitions.match(/<option value="([^"]+)">Done<\/option>/);
    expect(done).not.toBeNull();
    const moved = await fetch(`${site.url}/jira/browse/${key}/transition`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `op_user=${encodeURIComponent(DEMO_SITE.accounts.pm.accountId)}` },
      body: `transitionId=${done![1]}`,
    });
    expect(moved.status).toBe(303);
    const deadline = Date.now() + 10_000;
    while ((epic().properties[PLAYBOOK_PROPERTY_KEY] as { status?: string }).status !== 'In Progress' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(epic().properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ kind: 'plan', status: 'In Progress' });
  } finally {
    await site.close();
  }
});

test('time passes without events: moving the clock runs the nightly roll-up, which turns an untouched plan late (playbookHealth = "late")', async () => {
  const site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, log: quiet });
  try {
    const plan = await seedPlan(site);
    const store = site.standIn!.store;
    const epic = () => [...store.allIssues()].find((i) => i.key === plan.epicKey)!;
    const plansFound = async (jql: string) => {
      const html = await fetch(`${site.url}/jira/issues?jql=${encodeURIComponent(jql)}`, {
        headers: { cookie: `op_user=${encodeURIComponent(DEMO_SITE.accounts.pm.accountId)}` },
      }).then((r) => r.text());
      return [...new Set([...html.matchAll(/\/jira\/browse\/(OUT-\d+)/g)].map((m) => m[1]))].sort();
    };
    // The day before the plan's kickoff: nothing is due yet.
    site.clock.setToday('2026-11-30');
    await site.runScheduledTriggers();
    expect(epic().properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ kind: 'plan', health: 'on-track', slipBusinessDays: 0, overdue: 0 });
    expect(await plansFound('playbookHealth = "late"')).toEqual([]);

    // Six weeks on, nobody touched the plan: its first steps are past due. No issue event happened.
    site.clock.setToday('2027-01-12');
    await site.runScheduledTriggers();
    const rollup = epic().properties[PLAYBOOK_PROPERTY_KEY] as { health: string; slipBusinessDays: number; overdue: number; forecastGoLive: string };
    expect(rollup).toMatchObject({ health: 'late' });
    expect(rollup.overdue).toBeGreaterThan(0);
    expect(rollup.slipBusinessDays).toBeGreaterThan(0);
    expect(await plansFound('playbookHealth = "late"')).toEqual([plan.epicKey]);
    expect(await plansFound(`playbookForecastGoLive > "${rollup.forecastGoLive}"`)).toEqual([]);
    expect(await plansFound('playbookHealth = "on-track"')).toEqual([]);
  } finally {
    site.clock.reset();
    await site.close();
  }
});
