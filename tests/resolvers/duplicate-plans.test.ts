/**
 * No silent duplicates through the real Forge entry: a second macro (another plan id) with the same biller ×
 * core system is warned in its preview, linked to the existing plan's epic, and generation refuses it unless the
 * kickoff carries `allowDuplicate: true`, which the plan record keeps.
 */
import { PLAN_RECORD_PROPERTY_KEY } from '../../src/core';
import type { GeneratePlanResult, Kickoff } from '../../src/contract';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, MODULES, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

async function generate(kickoff: Kickoff, localId: string): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', { kickoff }, HOST_PAGE_EXTENSION, MODULES.macro, localId));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

it('the second macro for the same biller × core system: warned in preview, refused, then created by an explicit choice', async () => {
  const first = await generate(formKickoff(), 'macro-a');

  const preview = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION, MODULES.macro, 'macro-b'));
  expect(preview.alreadyGenerated).toBeNull();
  expect(preview.activePlans).toEqual([expect.objectContaining({ epicKey: first.epicKey, planId: first.planId })]);
  expect(preview.warnings.find((w) => w.kind === 'duplicate-plan')?.message).toContain(first.epicKey);

  // The first macro's own preview is no duplicate of itself.
  const own = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION, MODULES.macro, 'macro-a'));
  expect(own.activePlans).toEqual([]);
  expect(own.warnings.some((w) => w.kind === 'duplicate-plan')).toBe(false);

  const issuesBefore = [...app.site.store.allIssues()].length;
  const refused = await app.invoke('sa', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION, MODULES.macro, 'macro-b');
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe('CONFLICT');
  expect(refused.error.message).toContain(first.epicKey);
  expect([...app.site.store.allIssues()].length).toBe(issuesBefore);

  const second = await generate(formKickoff({ allowDuplicate: true }), 'macro-b');
  expect(second.epicKey).not.toBe(first.epicKey);
  expect(second.warnings.join(' ')).toContain(first.epicKey);
  expect(app.site.store.issue(second.epicKey!)!.properties[PLAN_RECORD_PROPERTY_KEY]).toMatchObject({ kickoff: { allowDuplicate: true } });
}, 60_000);

it('a released plan is no duplicate', async () => {
  const first = await generate(formKickoff(), 'macro-a');
  await app.triggersSettled();
  const progress = data(await app.invoke('pm', 'getPlanProgress', { epicKey: first.epicKey! }));
  for (const row of progress.raci.rows) await app.asUser('sa', `/rest/api/3/issue/${row.issueKey}/transitions`, 'POST', { transition: { id: '31' } });
  await app.triggersSettled();
  const preview = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION, MODULES.macro, 'macro-b'));
  expect(preview.activePlans).toEqual([]);
  expect((await generate(formKickoff(), 'macro-b')).state).toBe('done');
}, 60_000);
