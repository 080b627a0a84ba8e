/**
 * A published template version (v1.6 in Forge KVS, as the admin page publishes it) reaches every read and
 * every new plan through the real resolvers: a plan upgraded to v1.6 reads v1.6's steps (macro, panel,
 * progress), and a plan generated after the publish is built from and recorded as v1.6.
 */
import type { GeneratePlanResult } from '../../src/contract';
import { BUILT_IN_TEMPLATE, PLAN_RECORD_PROPERTY_KEY, PLAYBOOK_PROPERTY_KEY, derivePlaybook } from '../../src/core';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { v16 } from '../core/template-fixtures';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, MODULES, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

const V16 = derivePlaybook(v16());
/** The step v1.6 drops. */
const BREAKOUT = BUILT_IN_TEMPLATE.steps.find((s) => s.id === 'architecture-breakout-sessions')!.title;

async function publishV16(): Promise<void> {
  const outcome = await createKvsTemplateStore().publish({ draft: v16(), basedOn: '1.5' });
  expect(outcome.ok).toBe(true);
}

async function generate(kickoff = formKickoff()): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', { kickoff }, HOST_PAGE_EXTENSION));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

async function epicProperties(epicKey: string): Promise<{ property: { templateVersion: string }; record: { templateVersion: string } }> {
  const property = await app.asUser('pm', `/rest/api/3/issue/${epicKey}/properties/${PLAYBOOK_PROPERTY_KEY}`);
  const record = await app.asUser('pm', `/rest/api/3/issue/${epicKey}/properties/${PLAN_RECORD_PROPERTY_KEY}`);
  return { property: (property.body as { value: { templateVersion: string } }).value, record: (record.body as { value: { templateVersion: string } }).value };
}

describe('a published template version', () => {
  it('a plan upgraded to v1.6 reads v1.6: step titles, rows and counts in the progress view, the panel and the macro', async () => {
    // No optional step: the breakout sessions v1.6 drops get no issue, so the update only adds the close-out.
    const generated = await generate(formKickoff({ optionalSteps: [] }));
    const epicKey = generated.epicKey!;
    const before = data(await app.invoke('pm', 'getPlanProgress', { epicKey }));
    expect(before.raci.rows.map((r) => r.title)).toContain(BREAKOUT);

    await publishV16();
    const panel = { issue: { key: epicKey } };
    let applied = data(await app.invoke('pm', 'applyPlanUpdate', {}, panel, MODULES.panel));
    for (let call = 0; applied.state === 'running' && call < 10; call += 1) applied = data(await app.invoke('pm', 'applyPlanUpdate', {}, panel, MODULES.panel));
    if (applied.state !== 'done') throw new Error('the plan update did not finish');
    expect(applied.update.to).toBe('1.6');
    expect(applied.created.length).toBeGreaterThan(0);

    const after = data(await app.invoke('pm', 'getPlanProgress', { epicKey }));
    // v1.6's steps, as v1.6 numbers them, each row with its issue (the new close-out step included).
    expect(after.raci.rows.map((r) => r.title)).toEqual(V16.steps.map((s) => s.title));
    expect(after.raci.rows.map((r) => r.title)).not.toContain(BREAKOUT);
    const closeOut = after.raci.rows.find((r) => r.title === 'Close the integration')!;
    expect(closeOut).toMatchObject({ step: V16.steps.length, phase: 'Integration Release', state: 'todo' });
    expect(applied.created).toContain(closeOut.issueKey);
    // Counts: one more step than before in v1.6's phases (the close-out), none lost to a step-number mismatch.
    expect(after.phases.map((p) => p.phase)).toEqual(V16.phases.map((p) => p.name));
    expect(after.overall.total).toBe(before.overall.total + 1);
    expect(after.phases.find((p) => p.phase === 'Integration Release')!.counts.total).toBe(
      before.phases.find((p) => p.phase === 'Integration Release')!.counts.total + 1,
    );

    const issuePanel = data(await app.invoke('pm', 'getIssuePanel', { issueKey: closeOut.issueKey! }, { issue: { key: closeOut.issueKey } }, MODULES.panel));
    expect(JSON.stringify(issuePanel)).toContain('Close the integration');
    expect(issuePanel).toMatchObject({ progress: { overall: { total: after.overall.total } } });
  });

  it('a plan generated after v1.6 is published is built from v1.6 and records it (kickoff form, preview, generation)', async () => {
    expect(data(await app.invoke(null, 'getTemplate', {})).version).toBe('1.5');
    await publishV16();
    const template = data(await app.invoke(null, 'getTemplate', {}));
    expect(template.version).toBe('1.6');
    expect(template.steps.map((s) => s.title)).toContain('Close the integration');

    // v1.5's optional step 2 (the breakout sessions) is gone from v1.6: this kickoff picks no optional step.
    const kickoff = formKickoff({ optionalSteps: [] });
    const preview = data(await app.invoke('sa', 'previewPlan', { kickoff }, HOST_PAGE_EXTENSION));
    expect(preview.steps.length + preview.skipped.length).toBe(V16.steps.length);
    expect(preview.steps.map((s) => s.title)).toContain('Close the integration');

    const generated = await generate(kickoff);
    const { property, record } = await epicProperties(generated.epicKey!);
    expect(property.templateVersion).toBe('1.6');
    expect(record.templateVersion).toBe('1.6');
    expect(generated.total).toBe(preview.steps.length);
    // The playbookVersion JQL alias finds it.
    const search = await app.asUser('pm', '/rest/api/3/search/jql', 'POST', { jql: 'playbookVersion = "1.6"', fields: ['summary'] });
    expect((search.body as { issues: { key: string }[] }).issues.map((i) => i.key)).toContain(generated.epicKey);

    const progress = data(await app.invoke('pm', 'getPlanProgress', { epicKey: generated.epicKey! }));
    expect(progress.raci.rows.map((r) => r.title)).toEqual(V16.steps.map((s) => s.title));
    expect(progress.overall.total).toBe(preview.steps.length);
  });
});
