/**
 * Every contract resolver through the real Forge entry (src/index.ts → @forge/resolver → @forge/api) on
 * the stand-in's Forge seam: happy paths, bad payloads, invalid kickoffs, permissions, and the roll-up trigger.
 */
import type { GeneratePlanResult, IssuePanelView, MacroStateResult, PlanProgressView } from '../../src/contract';
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { DEMO_SITE } from '../../src/local/jira/site';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, MODULES, SITE_URL, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

const hostPage = { id: HOST_PAGE_EXTENSION.content.id, url: `${SITE_URL}/wiki/spaces/IMP/pages/${HOST_PAGE_EXTENSION.content.id}` };

async function generate(kickoff = formKickoff()): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', { kickoff }, HOST_PAGE_EXTENSION));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

const issueCount = () => app.site.store.searchableIssues(app.clock.nowMs(), new Set()).length;

describe('template, directory, preview', () => {
  it('getTemplate answers the playbook, even before sign-in', async () => {
    const template = data(await app.invoke(null, 'getTemplate', {}));
    expect(template.steps).toHaveLength(25);
    expect(template.phases.map((p) => p.name)).toContain('Design');
  });

  it('other resolvers refuse an anonymous caller', async () => {
    const result = await app.invoke(null, 'listProjects', {});
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) });
  });

  it('listProjects lists the projects the user may create in', async () => {
    expect(data(await app.invoke('sa', 'listProjects', {})).projects.map((p) => p.key)).toEqual(['OUT']);
    expect(
      data(await app.invoke('pm', 'listProjects', {}))
        .projects.map((p) => p.key)
        .sort(),
    ).toEqual(['OUT', 'SAND']);
  });

  it('searchUsers finds assignable people in the project', async () => {
    const users = data(await app.invoke('sa', 'searchUsers', { projectKey: 'OUT', query: 'pri' })).users;
    expect(users).toEqual([expect.objectContaining({ accountId: DEMO_SITE.accounts.pm.accountId, displayName: 'Priya Manager' })]);
  });

  it('previewPlan lists steps and skipped steps, then reports an existing plan after generation', async () => {
    const before = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
    expect(before.steps.length + before.skipped.length).toBe(25);
    expect(before.skipped.every((s) => s.reason.startsWith('Skipped'))).toBe(true);
    expect(before.alreadyGenerated).toBeNull();
    const generated = await generate();
    const after = data(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
    expect(after.planId).toBe(generated.planId);
    expect(after.alreadyGenerated).toEqual({ epicKey: generated.epicKey, stepCount: before.steps.length });
  });
});

describe('bad input', () => {
  it('a payload off the contract → INVALID_INPUT with one error per field', async () => {
    const { biller: _b, ...noBiller } = formKickoff();
    const result = await app.invoke('sa', 'previewPlan', { kickoff: { ...noBiller, kickoffDate: '1 Dec' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.fields?.map((f) => f.field).sort()).toEqual(['kickoff.biller', 'kickoff.kickoffDate']);
    const portfolio = await app.invoke('sa', 'getPortfolio', { projectKey: 'out', filters: { status: 'Done' } });
    expect(!portfolio.ok && portfolio.error.fields?.map((f) => f.field).sort()).toEqual(['filters.status', 'projectKey']);
  });

  it('a kickoff breaking playbook rules → INVALID_KICKOFF with fields, and nothing is written', async () => {
    const result = await app.invoke('sa', 'generatePlan', { kickoff: formKickoff({ capabilities: [] }) }, HOST_PAGE_EXTENSION);
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'INVALID_KICKOFF', fields: [expect.objectContaining({ field: 'capabilities' })] }),
    });
    expect(issueCount()).toBe(0);
    const preview = await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ capabilities: [] }) });
    expect(!preview.ok && preview.error.code).toBe('INVALID_KICKOFF');
  });

  it('a browse-only user generating → PERMISSION_DENIED naming what is missing, and nothing is written', async () => {
    const result = await app.invoke('viewer', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('PERMISSION_DENIED');
    expect(result.error.message).toMatch(/CREATE_ISSUES/);
    expect(issueCount()).toBe(0);
    expect(app.transport.log.entries().filter((e) => e.method !== 'GET' && !(e.method === 'POST' && e.path.endsWith('/search/jql')))).toEqual([]);
  });

  it('an unknown issue → NOT_FOUND', async () => {
    const result = await app.invoke('sa', 'getIssuePanel', { issueKey: 'OUT-999' }, {}, MODULES.panel);
    expect(!result.ok && result.error.code).toBe('NOT_FOUND');
  });
});

describe('after generating a plan', () => {
  let plan: GeneratePlanResult;
  beforeEach(async () => {
    plan = await generate();
    await app.triggersSettled();
  });

  it('getMacroState: the saved kickoff, and the generated plan with progress', async () => {
    const unconfigured = data(await app.invoke('sa', 'getMacroState', { pageId: hostPage.id }, HOST_PAGE_EXTENSION));
    expect(unconfigured).toMatchObject({ config: null, configErrors: [], plan: null, preview: null, kickoffChanged: null });
    const state: MacroStateResult = data(
      await app.invoke('sa', 'getMacroState', { pageId: hostPage.id }, { ...HOST_PAGE_EXTENSION, config: { kickoff: formKickoff() } }),
    );
    expect(state.configErrors).toEqual([]);
    expect(state.plan).toMatchObject({ planId: plan.planId, epicKey: plan.epicKey, generated: true });
    expect(state.plan?.progress).toMatchObject({
      status: 'Initiated',
      overall: { total: plan.total, done: 0 },
      integrationType: 'partner',
      biller: 'Texas Mutual Insurance',
    });
    expect(state.plan?.progress?.raci.roles.find((r) => r.code === 'SA')?.people).toEqual([
      { displayName: 'Sasha Architect', accountId: DEMO_SITE.accounts.sa.accountId, email: null },
    ]);
    // Another page with the same kickoff has no plan yet.
    const elsewhere = data(await app.invoke('sa', 'getMacroState', { pageId: '1' }, { content: { id: '1' }, config: { kickoff: formKickoff() } }));
    expect(elsewhere.plan).toBeNull();
  });

  it('a second macro on the same page (its own localId in the Forge context) makes and shows its own plan', async () => {
    const second = { kickoff: formKickoff({ biller: 'California Mutual Insurance' }) };
    const before = data(await app.invoke('sa', 'getMacroState', { pageId: hostPage.id }, { ...HOST_PAGE_EXTENSION, config: second }, MODULES.macro, 'local-2'));
    expect(before.plan).toBeNull();
    let other: GeneratePlanResult | null = null;
    for (let call = 0; call < 5 && other?.state !== 'done'; call += 1) {
      other = data(await app.invoke('sa', 'generatePlan', second, HOST_PAGE_EXTENSION, MODULES.macro, 'local-2'));
    }
    expect(other).toMatchObject({ state: 'done', existing: [] });
    expect(other!.planId).not.toBe(plan.planId);
    expect(other!.epicKey).not.toBe(plan.epicKey);
    expect(other!.created).toHaveLength(other!.total + 1);
    // Each macro shows its own plan; the first macro's is untouched.
    const mine = data(await app.invoke('sa', 'getMacroState', { pageId: hostPage.id }, { ...HOST_PAGE_EXTENSION, config: second }, MODULES.macro, 'local-2'));
    expect(mine.plan).toMatchObject({ planId: other!.planId, epicKey: other!.epicKey });
    const first = data(await app.invoke('sa', 'getMacroState', { pageId: hostPage.id }, { ...HOST_PAGE_EXTENSION, config: { kickoff: formKickoff() } }));
    expect(first.plan).toMatchObject({ planId: plan.planId, epicKey: plan.epicKey });
  });

  it('getPlanProgress by plan id and by epic key', async () => {
    const byId: PlanProgressView = data(await app.invoke('pm', 'getPlanProgress', { planId: plan.planId }));
    const byEpic = data(await app.invoke('pm', 'getPlanProgress', { epicKey: plan.epicKey }));
    expect(byEpic).toEqual(byId);
    expect(byId.phases.map((p) => p.phase)).toEqual(['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release']);
    expect(byId.raci.rows.filter((r) => r.state === 'not-applicable').map((r) => r.issueKey)).toEqual(
      byId.raci.rows.filter((r) => r.state === 'not-applicable').map(() => null),
    );
    const missing = await app.invoke('pm', 'getPlanProgress', { planId: 'op-out-nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('getIssuePanel: a step with its RACI people, notes, neighbours and plan progress, in two round trips', async () => {
    const progress = data(await app.invoke('sa', 'getPlanProgress', { planId: plan.planId }));
    const step3 = progress.raci.rows.find((r) => r.step === 3)!;
    app.transport.log.reset();
    const panel = data(
      await app.invoke('sa', 'getIssuePanel', { issueKey: step3.issueKey }, { issue: { key: step3.issueKey } }, MODULES.panel),
    ) as IssuePanelView;
    expect(app.transport.log.summary()).toMatchObject({ requests: 2, roundTrips: 2 });
    expect(panel.kind).toBe('step');
    if (panel.kind !== 'step') return;
    expect(panel).toMatchObject({ step: 3, phase: 'Discovery', title: 'Treasury', epicKey: plan.epicKey, state: 'todo' });
    expect(panel.prev).toMatchObject({ step: 2, issueKey: progress.raci.rows.find((r) => r.step === 2)!.issueKey });
    expect(panel.next).toMatchObject({ step: 4 });
    expect(panel.raci.accountable[0]).toMatchObject({ code: 'SA', people: [{ displayName: 'Sasha Architect' }] });
    expect(panel.notes.join(' ')).toMatch(/Treasury discovery/);
    expect(panel.references.map((r) => r.name).length).toBeGreaterThan(0);
    expect(panel.progress.planId).toBe(plan.planId);
  });

  it('getIssuePanel: the plan epic, an epic without a plan, and any other issue', async () => {
    const epic = data(await app.invoke('pm', 'getIssuePanel', { issueKey: plan.epicKey }, {}, MODULES.panel));
    expect(epic).toMatchObject({ kind: 'plan-epic', issueKey: plan.epicKey, progress: { planId: plan.planId } });
    const [bare, task] = app.site.store.insertIssuesDirect([
      { projectKey: 'OUT', issueType: 'Epic', summary: 'Some other epic' },
      { projectKey: 'OUT', issueType: 'Task', summary: 'Some task' },
    ]);
    expect(data(await app.invoke('pm', 'getIssuePanel', { issueKey: bare.key }, {}, MODULES.panel))).toEqual({
      kind: 'epic-without-plan',
      issueKey: bare.key,
      projectKey: 'OUT',
      summary: 'Some other epic',
    });
    expect(data(await app.invoke('pm', 'getIssuePanel', { issueKey: task.key }, {}, MODULES.panel))).toEqual({ kind: 'none', issueKey: task.key });
  });

  it('the trigger keeps the epic roll-up fresh: written as the app after generation and after a transition', async () => {
    const epicProperty = () => app.site.store.issue(plan.epicKey!)!.properties[PLAYBOOK_PROPERTY_KEY] as Record<string, unknown>;
    expect(epicProperty()).toMatchObject({ status: 'Initiated', currentPhase: 'Discovery', overdue: 0, integrationType: 'partner', percentDone: 0 });
    const step1 = data(await app.invoke('sa', 'getPlanProgress', { planId: plan.planId })).raci.rows.find((r) => r.step === 1)!.issueKey!;
    app.transport.log.reset();
    const moved = await app.asUser('sa', `/rest/api/3/issue/${step1}/transitions`, 'POST', { transition: { id: '21' } });
    expect(moved.status).toBe(204);
    await app.triggersSettled();
    expect(epicProperty()).toMatchObject({ status: 'In Progress', currentPhase: 'Discovery' });
    expect((epicProperty().phases as { phase: string; inProgress: number }[])[0]).toMatchObject({ phase: 'Discovery', inProgress: 1 });
    const writes = app.transport.log.entries().filter((e) => e.method === 'PUT' && e.path.includes(`/properties/${PLAYBOOK_PROPERTY_KEY}`));
    expect(writes).toHaveLength(1);
    expect(writes[0].actor).toBe(app.site.appAccountId);
    // An edit that cannot move progress costs no Jira request at all.
    app.transport.log.reset();
    await app.asUser('sa', `/rest/api/3/issue/${step1}`, 'PUT', { fields: { summary: '1. Renamed' } });
    await app.triggersSettled();
    expect(app.transport.log.entries().filter((e) => e.actor === app.site.appAccountId)).toEqual([]);
  });

  it('a reader who sees a stale roll-up refreshes it as themselves, once', async () => {
    const epic = app.site.store.issue(plan.epicKey!)!;
    const stale = { ...(epic.properties[PLAYBOOK_PROPERTY_KEY] as object), status: 'Released' };
    app.site.store.updateIssue({ ...epic, properties: { ...epic.properties, [PLAYBOOK_PROPERTY_KEY]: stale } });
    app.transport.log.reset();
    await app.invoke('pm', 'getPlanProgress', { epicKey: plan.epicKey });
    const writes = app.transport.log.entries().filter((e) => e.method === 'PUT');
    expect(writes.map((w) => w.actor)).toEqual([DEMO_SITE.accounts.pm.accountId]);
    expect((app.site.store.issue(plan.epicKey!)!.properties[PLAYBOOK_PROPERTY_KEY] as { status: string }).status).toBe('Initiated');
    app.transport.log.reset();
    await app.invoke('viewer', 'getPlanProgress', { epicKey: plan.epicKey });
    expect(app.transport.log.entries().filter((e) => e.method === 'PUT')).toEqual([]);
  });

  it('a browse-only reader gets progress even when the roll-up is stale and they cannot fix it', async () => {
    const epic = app.site.store.issue(plan.epicKey!)!;
    app.site.store.updateIssue({
      ...epic,
      properties: { ...epic.properties, [PLAYBOOK_PROPERTY_KEY]: { ...(epic.properties[PLAYBOOK_PROPERTY_KEY] as object), overdue: 7 } },
    });
    const result = await app.invoke('viewer', 'getPlanProgress', { epicKey: plan.epicKey });
    expect(data(result).overall.overdue).toBe(0);
  });
});
