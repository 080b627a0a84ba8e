/** Re-runs, changed kickoffs, a new template version, concurrent clicks, and every bad input. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAYBOOK_V1_5, buildPlan, loadPlaybook, type PlaybookData } from '../../src/core';
import { DEMO_SITE } from '../../src/local/jira/testing';
import { createFileLedger } from '../../src/storage';
import { UseCaseError } from '../../src/usecases/errors';
import { driveToCompletion, generatePlan, type GenerateDeps, type GenerateInput } from '../../src/usecases/generate';
import { requiredLinks } from '../../src/usecases/generate/reconcile';
import { adapterAs, demoKickoff, planInStore, startGenerationStandIn, type DemoUser, type GenerationStandIn } from './stand-in';

let standIn: GenerationStandIn;
let ledgerDir: string;

beforeAll(async () => {
  standIn = await startGenerationStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-ledger-'));
});
afterEach(() => {
  fs.rmSync(ledgerDir, { recursive: true, force: true });
});

const FAST = { retryAfterMs: 25, leaseMs: 2_000, budgetMs: 1_500, requestTimeoutMs: 200, maxIndexLagMs: 50 };

function deps(user: DemoUser = 'sa', options: GenerateDeps['options'] = {}): GenerateDeps {
  return { jira: adapterAs(standIn, user), ledger: createFileLedger({ directory: ledgerDir }), options: { ...FAST, ...options } };
}

/** A biller per test keeps each test's plan apart on the shared stand-in. */
let serial = 0;
function kickoff(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return demoKickoff({ biller: `Biller ${serial}`, page: { id: `page-${serial}`, url: `https://example.atlassian.net/wiki/pages/${serial}` }, ...overrides });
}

const run = (d: GenerateDeps, input: GenerateInput) => driveToCompletion(() => generatePlan(d, input), { maxCalls: 200 });

describe('re-running generation', () => {
  it('creates nothing the second time and reports every issue as existing', async () => {
    const input = { kickoff: kickoff() };
    const first = await run(deps(), input);
    const requestsBefore = standIn.transport.log.entries().length;
    const second = await run(deps(), input);
    // Nothing changed, so nothing is written: reads only (the search is a POST that writes nothing).
    const writes = standIn.transport.log
      .entries()
      .slice(requestsBefore)
      .filter((e) => e.method !== 'GET' && e.operationId !== 'searchAndReconsileIssuesUsingJqlPost');
    expect(writes).toEqual([]);
    expect(second.created).toEqual([]);
    expect(second.existing.sort()).toEqual(first.created.sort());
    expect(second.epicKey).toBe(first.epicKey);
    const stored = planInStore(standIn.site, first.planId);
    expect(stored.epics).toHaveLength(1);
    expect([...stored.steps.values()].every((issues) => issues.length === 1)).toBe(true);
  });

  it('after the kickoff gains a capability creates only the new step and its links; a dropped one is reported, not deleted', async () => {
    const base = kickoff({ capabilities: ['checks', 'agent-commissions'] });
    const first = await run(deps(), { kickoff: base });
    expect(first.total).toBe(20);

    const widened = { ...base, capabilities: ['claims', 'agent-commissions'] };
    const second = await run(deps(), { kickoff: widened });
    const plan = buildPlan(widened);
    expect(second.planId).toBe(first.planId);
    expect(second.created).toHaveLength(1);
    const stored = planInStore(standIn.site, plan.planId);
    expect(stored.steps.get(8)!.map((i) => i.key)).toEqual(second.created);
    expect(second.notApplicable).toEqual([{ step: 9, key: stored.steps.get(9)![0].key }]);
    expect(stored.steps.get(9)).toHaveLength(1); // still there
    expect(stored.links).toEqual(expect.arrayContaining(requiredLinks({ steps: plan.steps })));
    expect(stored.links).toContain('8>15');
    expect(new Set(stored.links).size).toBe(stored.links.length);
  });

  it('after a new template version creates only the new step, under the same epic, linked after its predecessor', async () => {
    const input = { kickoff: kickoff() };
    const first = await run(deps(), input);
    const data: PlaybookData = structuredClone(PLAYBOOK_V1_5);
    data.version = '1.6';
    data.changeLog.push({ version: '1.6', date: '2026-11-30', author: 'PMO', summary: 'Added step 26' });
    data.steps.push({ ...structuredClone(data.steps[24]), id: 'close-integration', number: 26, title: 'Close the integration', conditions: [] });
    const v16 = loadPlaybook(data);

    const second = await run(deps(), { ...input, playbook: v16 });
    expect(second.created).toHaveLength(1);
    expect(second.epicKey).toBe(first.epicKey);
    const stored = planInStore(standIn.site, first.planId);
    expect(stored.steps.get(26)!.map((i) => i.key)).toEqual(second.created);
    expect(stored.steps.get(26)![0].parentId).toBe(stored.epics[0].id);
    expect(stored.links).toContain('25>26');
    const property = standIn.site.store.issue(second.created[0])!.properties['outbound-playbook'] as { templateVersion: string };
    expect(property.templateVersion).toBe('1.6');
  });

  it('turns two concurrent Generate clicks into one plan', async () => {
    const input = { kickoff: kickoff() };
    const reasons: string[] = [];
    const click = (user: DemoUser) =>
      driveToCompletion(() => generatePlan(deps(user), input), { maxCalls: 200, onProgress: (r) => reasons.push(r.state === 'running' ? r.reason : r.state) });
    const [a, b] = await Promise.all([click('sa'), click('pm')]);
    expect(reasons).toContain('locked'); // they really overlapped
    const stored = planInStore(standIn.site, a.planId);
    expect(stored.epics).toHaveLength(1);
    expect([...stored.steps.values()].map((issues) => issues.length)).toEqual(Array(25).fill(1));
    expect([...a.created, ...b.created].sort()).toEqual([stored.epics[0].key, ...[...stored.steps.values()].map((i) => i[0].key)].sort());
    expect(a.epicKey).toBe(b.epicKey);
  });
});

describe('bad input: a specific error and nothing written', () => {
  async function expectRefused(d: GenerateDeps, input: GenerateInput, code: string, message: RegExp, details: Record<string, unknown> = {}) {
    const issuesBefore = standIn.site.store.issueCount();
    const requestsBefore = standIn.transport.log.entries().length;
    const error = await generatePlan(d, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UseCaseError);
    expect(error).toMatchObject({ code, details: expect.objectContaining(details) });
    expect((error as Error).message).toMatch(message);
    expect(standIn.site.store.issueCount()).toBe(issuesBefore);
    const writes = standIn.transport.log
      .entries()
      .slice(requestsBefore)
      .filter((e) => e.method !== 'GET' && e.operationId !== 'searchAndReconsileIssuesUsingJqlPost');
    expect(writes).toEqual([]);
    expect(fs.readdirSync(ledgerDir).filter((f) => f.endsWith('.json'))).toEqual([]);
  }

  it('an unknown project', async () => {
    await expectRefused(deps(), { kickoff: kickoff({ projectKey: 'NOPE' }) }, 'project-not-found', /Project NOPE does not exist/);
  });

  it('a project without the Epic issue type the plan needs', async () => {
    await expectRefused(
      deps('sa', { issueTypes: { epic: 'Initiative', task: 'Task' } }),
      { kickoff: kickoff() },
      'issue-type-missing',
      /no "Initiative" issue type/,
      { missing: ['Initiative'] },
    );
  });

  it('a project where the user may browse but not create (SA in SAND)', async () => {
    await expectRefused(deps('sa'), { kickoff: kickoff({ projectKey: 'SAND' }) }, 'permission-missing', /CREATE_ISSUES/, {
      missing: ['CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'ASSIGN_ISSUES', 'SCHEDULE_ISSUES', 'MANAGE_WATCHERS'],
    });
  });

  it('a user who may only browse (viewer in OUT)', async () => {
    await expectRefused(deps('viewer'), { kickoff: kickoff() }, 'permission-missing', /You lack permissions in project OUT/, {
      missing: ['CREATE_ISSUES', 'EDIT_ISSUES', 'LINK_ISSUES', 'ASSIGN_ISSUES', 'SCHEDULE_ISSUES', 'MANAGE_WATCHERS'],
    });
  });

  it('a person who cannot be assigned issues in the project: named with their role and the missing permission', async () => {
    const viewer = DEMO_SITE.accounts.viewer;
    const roles = { ...(kickoff().roles as Record<string, unknown>), PM: { accountId: viewer.accountId, displayName: 'Whatever the form said' } };
    const requestsBefore = standIn.transport.log.entries().length;
    await expectRefused(
      deps(),
      { kickoff: kickoff({ roles }) },
      'kickoff-invalid',
      new RegExp(
        `roles\\.PM\\.accountId: ${viewer.displayName} \\(Project Manager, PM\\) cannot be assigned issues in project OUT: they lack the "Assignable User" permission \\(ASSIGNABLE_USER\\)`,
      ),
      { errors: [expect.objectContaining({ field: 'roles.PM.accountId' })] },
    );
    // One request per person (in the first round trip, beside the rest of the preflight).
    const checks = standIn.transport.log
      .entries()
      .slice(requestsBefore)
      .filter((e) => e.operationId === 'findAssignableUsers');
    expect(checks).toHaveLength(4);
  });

  it('an invalid kickoff, with every problem named', async () => {
    const requestsBefore = standIn.transport.log.entries().length;
    await expectRefused(deps(), { kickoff: kickoff({ kickoffDate: '2026-13-01', capabilities: [] }) }, 'kickoff-invalid', /kickoffDate/);
    expect(standIn.transport.log.entries().length).toBe(requestsBefore);
  });
});
