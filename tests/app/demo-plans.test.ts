/**
 * The first-start demo: the playbook's Supported Integrations as real plans, generated and moved through the
 * site as people do it (macro → Generate → transitions), on the real stand-in.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { PLAYBOOK_V1_5 } from '../../src/core/playbook/v1_5';
import { businessDaysBefore, seedDemoPlans } from '../../src/local/site/demo-plans';
import { startLocalSite, type LocalSite } from '../../src/local/site/server';
import { SUPPORTED_INTEGRATION_PAGES } from '../../src/local/site/site-store';
import { invokeAs } from '../e2e/harness';
import { TEST_TODAY } from '../fixtures/clock';

let site: LocalSite;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-demo-'));
  site = await startLocalSite({ port: 0, today: TEST_TODAY, dataDir, log: () => undefined });
}, 60_000);
afterAll(async () => {
  await site?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('counts business days back over weekends', () => {
  expect(businessDaysBefore('2026-12-07', 1)).toBe('2026-12-04'); // Monday → Friday
  expect(businessDaysBefore('2026-12-07', 5)).toBe('2026-11-30');
  expect(businessDaysBefore('2026-12-05', 0)).toBe('2026-12-05');
});

test('one plan per Supported Integrations row, each on its own page, at its stage; a second run adds nothing', async () => {
  const seeded = await seedDemoPlans(site, site.hasMacro);
  expect(seeded.map((s) => s.pageId)).toEqual(['1101', '1102', '1103', '1104']);
  expect(new Set(seeded.map((s) => s.epicKey)).size).toBe(4);
  // The rows are the playbook's own.
  expect(SUPPORTED_INTEGRATION_PAGES.map((p) => p.coreSystem)).toEqual(PLAYBOOK_V1_5.supportedIntegrations.map((row) => row.coreSystem));

  const progress = async (epicKey: string) => {
    const answer = await invokeAs(site, 'pm', 'getPlanProgress', { epicKey });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.data as { status: string; biller: string; overall: { total: number; done: number; inProgress: number; overdue: number } };
  };
  const [released, texas, california, fairPlan] = await Promise.all(seeded.map((s) => progress(s.epicKey)));
  expect(released).toMatchObject({ status: 'Released', biller: 'IMT Insurance' });
  expect(released.overall.done).toBe(released.overall.total);
  for (const midway of [texas, california]) {
    expect(midway.status).toBe('In Progress');
    expect(midway.overall.done).toBeGreaterThan(0);
    expect(midway.overall.inProgress).toBeGreaterThan(0);
    expect(midway.overall.overdue).toBeGreaterThan(0);
  }
  expect(fairPlan).toMatchObject({ biller: 'California Fair Plan', overall: { done: 0, inProgress: 1, overdue: 0 } });

  // Every plan epic is found by its property, and every page holds exactly one macro with its kickoff.
  const epics = [...site.standIn!.store.allIssues()].filter((i) => (i.properties[PLAYBOOK_PROPERTY_KEY] as { kind?: string } | undefined)?.kind === 'plan');
  expect(epics.map((e) => e.key).sort()).toEqual(seeded.map((s) => s.epicKey).sort());
  const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'local-site.json'), 'utf8')) as {
    pages: Record<string, { macros: { config: { kickoff: { biller: string } } }[] }>;
  };
  for (const page of SUPPORTED_INTEGRATION_PAGES) expect(stored.pages[page.id].macros.map((m) => m.config.kickoff.biller)).toEqual([page.biller]);

  const issuesBefore = [...site.standIn!.store.allIssues()].length;
  expect(await seedDemoPlans(site, site.hasMacro)).toEqual([]);
  expect([...site.standIn!.store.allIssues()].length).toBe(issuesBefore);
  // The newcomer's page stays empty, and the space lists every page.
  expect(site.hasMacro('1001')).toBe(false);
  const index = await (await fetch(`${site.url}/wiki`)).text();
  for (const page of SUPPORTED_INTEGRATION_PAGES) expect(index).toContain(page.title);
}, 180_000);
