/**
 * The SA's macro before and after generating, through the real Forge entry on the stand-in: the preview's
 * names, honest counts and warnings; whether the viewer may generate (and why not); what a kickoff edited
 * after generation leaves out of date. One resolver call, one Jira round trip before generation.
 */
import type { GeneratePlanResult, MacroStateResult, PreviewPlanResult } from '../../src/contract';
import { CURRENT_PLAYBOOK } from '../../src/core';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';
import { TEST_TODAY } from '../fixtures/clock';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

const today = () => TEST_TODAY;
const daysFrom = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function generate(kickoff = formKickoff()): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', { kickoff }, HOST_PAGE_EXTENSION));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

const macroState = async (user: 'sa' | 'viewer', kickoff = formKickoff()): Promise<MacroStateResult> =>
  data(await app.invoke(user, 'getMacroState', { pageId: HOST_PAGE_EXTENSION.content.id }, { ...HOST_PAGE_EXTENSION, config: { kickoff } }));

describe('getMacroState before generation', () => {
  it('gives the preview with names from Jira and what is to create, and lets the SA generate, in one round trip', async () => {
    app.transport.log.reset();
    const state = await macroState('sa');
    const summary = app.transport.log.summary();
    expect(summary.roundTrips).toBe(1);
    expect(app.transport.log.entries().every((e) => e.method === 'GET' || e.path.endsWith('/search/jql'))).toBe(true);
    expect(state.plan).toBeNull();
    expect(state.generate).toEqual({ allowed: true, reason: null });
    const preview = state.preview!;
    expect(preview.people).toMatchObject({ SA: 'Sasha Architect', PM: 'Priya Manager', B: 'Texas Mutual Insurance IT' });
    expect(preview.existingSteps).toEqual([]);
    expect(preview.steps.length).toBeGreaterThan(0);
    expect(state.capabilityNames['agent-commissions']).toBe(CURRENT_PLAYBOOK.capabilities.find((c) => c.code === 'agent-commissions')!.name);
    expect(state.capabilityNames['agent-commissions']).not.toBe('agent-commissions');
  });

  it('names come from Jira, not from what the form sent', async () => {
    const kickoff = formKickoff();
    const state = await macroState('sa', { ...kickoff, roles: { ...kickoff.roles, SA: { ...kickoff.roles.SA, displayName: 'Typed By Hand' } } });
    expect(state.preview?.people.SA).toBe('Sasha Architect');
  });

  it('a browse-only viewer sees Generate refused, with the missing permissions named, and nothing is written', async () => {
    const state = await macroState('viewer');
    expect(state.generate.allowed).toBe(false);
    expect(state.generate.reason).toMatch(/CREATE_ISSUES/);
    expect(state.generate.reason).toMatch(/project OUT/);
    expect(app.transport.log.entries().filter((e) => e.method !== 'GET' && !e.path.endsWith('/search/jql'))).toEqual([]);
  });
});

describe('previewPlan warnings and counts', () => {
  it('a kickoff in the past: N steps overdue at birth, N from the schedule', async () => {
    const kickoffDate = daysFrom(today(), -120);
    const preview: PreviewPlanResult = data(
      await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ kickoffDate, holidays: [] }) }, HOST_PAGE_EXTENSION),
    );
    const overdue = preview.steps.filter((s) => s.dueDate < today()).length;
    expect(overdue).toBeGreaterThan(0);
    const warning = preview.warnings.find((w) => w.kind === 'overdue-at-birth');
    expect(warning?.message).toContain(`${overdue} step${overdue === 1 ? '' : 's'} will be overdue at birth`);
    const future = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ kickoffDate: daysFrom(today(), 30), holidays: [] }) }));
    expect(future.warnings.filter((w) => w.kind === 'overdue-at-birth')).toEqual([]);
  });

  it('a core system the playbook does not list: a warning naming the known ones', async () => {
    const preview = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ coreSystem: 'Majesco' }) }));
    const warning = preview.warnings.find((w) => w.kind === 'unknown-core-system');
    expect(warning?.message).toMatch(/^Majesco is not in the playbook's Supported Integrations/);
    for (const known of new Set(CURRENT_PLAYBOOK.supportedIntegrations.map((i) => i.coreSystem))) expect(warning?.message).toContain(known);
    const listed = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }));
    expect(listed.warnings.filter((w) => w.kind === 'unknown-core-system')).toEqual([]);
  });

  it('after generation every planned step exists: 0 to create', async () => {
    await generate();
    const preview = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
    expect(preview.existingSteps).toEqual(preview.steps.map((s) => s.step));
  });
});

describe('getMacroState after generation', () => {
  it('says what a kickoff edited since generation leaves out of date, and nothing when it is unchanged', async () => {
    await generate();
    const same = await macroState('sa');
    expect(same.plan?.generated).toBe(true);
    expect(same.kickoffChanged).toBeNull();
    expect(same.preview).toBeNull();
    const edited = await macroState('sa', formKickoff({ capabilities: ['agent-commissions', 'premium-refunds', 'claims'] }));
    const claims = CURRENT_PLAYBOOK.capabilities.find((c) => c.code === 'claims')!.name;
    expect(edited.kickoffChanged?.changes[0]).toBe(`1 capability added: ${claims}`);
    expect(edited.kickoffChanged?.changes.some((c) => /steps? now appl(y|ies) that the plan does not have/.test(c))).toBe(true);
  });
});
