/**
 * The PM's view through the real Forge entry: the viewer's roles come from the invocation context (never the
 * payload), the macro carries a status update per external party, and the step panel keeps the page author's
 * to-do apart from the playbook's notes.
 */
import type { GeneratePlanResult, IssuePanelView, MacroStateResult } from '../../src/contract';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, MODULES, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

async function generate(): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

const macroState = async (user: 'pm' | 'sa' | 'viewer'): Promise<MacroStateResult> =>
  data(await app.invoke(user, 'getMacroState', { pageId: HOST_PAGE_EXTENSION.content.id }, { ...HOST_PAGE_EXTENSION, config: { kickoff: formKickoff() } }));

it("the viewer's roles come from the Forge context; a payload cannot name a viewer", async () => {
  await generate();
  expect((await macroState('pm')).plan?.viewer).toMatchObject({ roles: ['PM'] });
  expect((await macroState('sa')).plan?.viewer).toMatchObject({ roles: ['SA'] });
  expect((await macroState('viewer')).plan?.viewer.roles).toEqual([]);
  const forged = await app.invoke('viewer', 'getMacroState', { pageId: '1001', viewerAccountId: 'someone-else' } as never, HOST_PAGE_EXTENSION);
  expect(!forged.ok && forged.error.code).toBe('INVALID_INPUT');
});

it('the macro offers a status update for the Biller, the Core System and Transcard, as of the read model’s day', async () => {
  await generate();
  const plan = (await macroState('pm')).plan!;
  expect(plan.statusUpdates.map((u) => [u.party, u.partyName, u.contact?.email])).toEqual([
    ['B', 'Biller', 'it@texasmutual.example'],
    ['CS', 'Core System', 'accelerator@guidewire.example'],
    ['TC', 'Transcard', 'integrations@transcard.example'],
  ]);
  const biller = plan.statusUpdates[0];
  expect(biller.today).toBe(plan.progress?.forecast?.today);
  // Step 1 (experience walkthrough) consults the Biller; step 24 (knowledge transfer) does not involve them.
  expect(biller.involved.find((i) => i.step === 1)).toMatchObject({ as: 'Consulted', issueKey: plan.progress?.raci.rows[0].issueKey });
  expect(biller.involved.some((i) => i.step === 24)).toBe(false);
  expect(biller.text.startsWith('Hello Texas Mutual Insurance IT,')).toBe(true);
  expect(biller.mailto.startsWith('mailto:it@texasmutual.example?subject=')).toBe(true);
});

it("the step panel: the viewer's roles, the playbook's notes, and the page author's to-do apart", async () => {
  await generate();
  const progress = data(await app.invoke('pm', 'getPlanProgress', { epicKey: (await macroState('pm')).plan!.epicKey! }));
  const step5 = progress.raci.rows.find((r) => r.step === 5)!;
  const panel = data(
    await app.invoke('pm', 'getIssuePanel', { issueKey: step5.issueKey! }, { issue: { key: step5.issueKey } }, MODULES.panel),
  ) as IssuePanelView;
  if (panel.kind !== 'step') throw new Error(`expected a step panel, got ${panel.kind}`);
  expect(panel.viewer.roles).toEqual(['PM']);
  expect(panel.authorNotes).toEqual(['NEED AN OUTBOUND VERSION']);
  expect(panel.notes.join('\n')).not.toContain('NEED AN OUTBOUND VERSION');
  expect(panel.notes.join('\n')).toContain('SA initiates design document');
});
