/**
 * SA flow: a plan was generated from the kickoff; the SA adds Claims to the kickoff and saves it; the macro
 * offers "Update plan" with the same preview as a template upgrade ("1 step to create (8. Claim
 * Processing)"), the SA applies it and the macro shows 21 steps. A re-run changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_SITE } from '../../src/local/jira/testing';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import type { LocalSite } from '../../src/local/site/server';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { v16 } from '../core/template-fixtures';
import { app, demoKickoff, eventually, invokeAs, startE2E, submitConfig, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E('sa-update');
}, 120_000);
afterAll(async () => {
  await e2e?.close();
}, 120_000);

/** A macro on the discovery page with a kickoff without Claims, and its plan generated (no browser). */
async function seedPlanWithoutClaims(site: LocalSite): Promise<{ localId: string; kickoff: Record<string, unknown> }> {
  const cookie = `op_user=${encodeURIComponent(DEMO_SITE.accounts.sa.accountId)}`;
  const inserted = await fetch(`${site.url}/wiki/spaces/IMP/pages/1001/macros`, { method: 'POST', redirect: 'manual', headers: { cookie } });
  const localId = new URL(inserted.headers.get('location') ?? '', site.url).searchParams.get('configure')!;
  const kickoff = demoKickoff({ capabilities: ['agent-commissions', 'premium-refunds'] });
  const saved = await submitConfig(site, 'sa', localId, { config: { kickoff } });
  expect(saved.ok).toBe(true);
  for (let round = 0; round < 20; round++) {
    const result = await invokeAs(site, 'sa', 'generatePlan', { kickoff }, localId);
    expect(result.ok).toBe(true);
    if (result.data?.state === 'done') break;
  }
  return { localId, kickoff };
}

const stepIssues = (site: LocalSite) =>
  [...site.standIn!.store.allIssues()].filter((i) => (i.properties[PLAYBOOK_PROPERTY_KEY] as { kind?: string } | undefined)?.kind === 'step');

test('the SA adds Claims to a generated kickoff, previews and applies the update; a re-run changes nothing', async () => {
  const { page, site } = e2e;
  const { localId, kickoff } = await seedPlanWithoutClaims(site);
  expect(kickoff.capabilities).toEqual(['agent-commissions', 'premium-refunds']);
  expect(stepIssues(site)).toHaveLength(20);

  await e2e.actAs('sa');
  await page.goto(`${site.url}/wiki/spaces/IMP/pages/1001`);
  const macro = app(page, 'macro-');
  await macro.getByRole('progressbar', { name: 'Overall progress' }).waitFor();
  expect(await macro.getByRole('region', { name: 'Plan update' }).count()).toBe(0);

  // The SA edits the macro: Claims is now in scope.
  await page.getByRole('link', { name: 'Edit macro' }).click();
  await page.waitForURL(/configure=/);
  const form = app(page, 'config-');
  await form.getByLabel('Claims', { exact: false }).first().check();
  await form.getByRole('button', { name: 'Save kickoff' }).click();
  await page.waitForURL((url) => !url.search.includes('configure'));

  const banner = macro.getByRole('region', { name: 'Plan update' });
  await banner.getByText('The kickoff changed since the plan was generated.').waitFor();
  await banner.getByRole('button', { name: 'Update plan…' }).click();
  const preview = banner.getByRole('region', { name: 'Plan update preview' });
  await preview.getByText('1 step to create (8. Claim Processing)').waitFor();
  await preview.getByText('0 steps to update').waitFor();
  await e2e.shot('1-update-preview');

  await preview.getByRole('button', { name: 'Apply update' }).click();
  await macro.getByText('Plan updated', { exact: true }).waitFor();
  await eventually(async () => {
    expect(await macro.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuemax', { timeout: 1000 })).toBe('21');
  });
  await eventually(async () => expect(await banner.count()).toBe(0));
  await e2e.shot('2-updated');
  expect(stepIssues(site)).toHaveLength(21);

  // Again (a second click, a resend): nothing to do, nothing created.
  // The config exactly as the form saved it (the host hands it to every frame of the macro).
  const stored = JSON.parse(fs.readFileSync(path.join(site.dataDir, 'local-site.json'), 'utf8')) as {
    pages: Record<string, { macros: { localId: string; config: { kickoff: { capabilities: string[] } } }[] }>;
  };
  const saved = stored.pages['1001'].macros.find((m) => m.localId === localId)!.config;
  expect(saved.kickoff.capabilities).toContain('claims');
  expect(kickoff.capabilities).not.toContain('claims');
  const before = site.jiraLog!.entries().length;
  const again = await invokeAs(site, 'sa', 'applyPlanUpdate', {}, localId);
  const writes = site
    .jiraLog!.entries()
    .slice(before)
    .filter((e) => e.method !== 'GET' && e.operationId !== 'searchAndReconsileIssuesUsingJqlPost');
  expect(writes).toEqual([]);
  expect(again).toMatchObject({ ok: true, data: { state: 'done', created: [], updated: [], update: { upToDate: true } } });
  expect(stepIssues(site)).toHaveLength(21);
  expect(e2e.log).toEqual([]);
}, 180_000);

test('a PM previews and applies the v1.6 upgrade from the macro', async () => {
  const { page, site } = e2e;
  // The PMO publishes v1.6 through the template store (the site's Forge KVS), as the admin page does.
  const published = await createKvsTemplateStore().publish({ draft: v16(), basedOn: '1.5' });
  expect(published.ok).toBe(true);

  await e2e.actAs('pm');
  await page.goto(`${site.url}/wiki/spaces/IMP/pages/1001`);
  const macro = app(page, 'macro-');
  const banner = macro.getByRole('region', { name: 'Plan update' });
  await banner.getByText('Playbook v1.6 is available (this plan is on v1.5).').waitFor();
  await banner.getByRole('button', { name: 'Preview the upgrade…' }).click();
  const preview = banner.getByRole('region', { name: 'Plan update preview' });
  await preview.getByText('1 step to create (25. Close the integration)').waitFor();
  await preview.getByRole('table', { name: 'Steps left alone' }).getByText('removed from the playbook (flagged, not deleted)').waitFor();
  await e2e.shot('3-upgrade-preview');
  await preview.getByRole('button', { name: 'Apply update' }).click();
  await macro.getByText('Plan updated', { exact: true }).waitFor();
  await eventually(async () => expect(await banner.count()).toBe(0));
  const versions = stepIssues(site).map((i) => (i.properties[PLAYBOOK_PROPERTY_KEY] as { templateVersion: string }).templateVersion);
  expect(new Set(versions)).toEqual(new Set(['1.6']));
  expect(e2e.log).toEqual([]);
}, 180_000);
