/**
 * Issue 16, failures 1, 3, 4 and 5, through the real Forge entry (src/index.ts → guard → @forge/resolver) on
 * the stand-in: the browser chooses only the function key and the payload, and every payload is judged by
 * one policy with the domain's limits before anything reaches Jira.
 */
import type { GeneratePlanResult, PlanProgressView, Result } from '../../src/contract';
import { DEMO_SITE } from '../../src/local/jira/site';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, SITE_URL, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';
import { TEST_TODAY } from '../fixtures/clock';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

const issueCount = () => [...app.site.store.allIssues()].length;
const writes = () => app.transport.log.entries().filter((e) => e.method !== 'GET' && !(e.method === 'POST' && e.path.endsWith('/search/jql')));

async function generate(payload: unknown, extension: Record<string, unknown> = HOST_PAGE_EXTENSION): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', payload, extension));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

/** Every answer for a bad payload: the envelope, a specific code, a message without internals; nothing written. */
function expectRefused(result: Result<unknown>, code: 'INVALID_INPUT' | 'INVALID_KICKOFF', field: string | RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message).not.toMatch(/\bat \w+ \(|TypeError|ZodError|undefined/);
  expect(result.error.fields?.map((f) => f.field)).toEqual(expect.arrayContaining([field instanceof RegExp ? expect.stringMatching(field) : field]));
}

describe('failure 1: the resolver trusts a page chosen by the client', () => {
  it('a payload naming a page is refused; the plan links only to the page Forge supplies', async () => {
    const evil = { id: '9999', url: 'https://evil.example/phish' };
    expectRefused(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff(), page: evil }, HOST_PAGE_EXTENSION), 'INVALID_INPUT', 'page');
    expectRefused(await app.invoke('sa', 'generatePlan', { kickoff: { ...formKickoff(), page: evil } }, HOST_PAGE_EXTENSION), 'INVALID_INPUT', 'kickoff.page');
    expect(issueCount()).toBe(0);

    const plan = await generate({ kickoff: formKickoff() });
    const epic = app.site.store.issue(plan.epicKey!)!;
    const links = app.site.store.remoteLinks(epic.id);
    expect(links.map((l) => (l.object as { url: string }).url)).toEqual([`${SITE_URL}/wiki/spaces/IMP/pages/${HOST_PAGE_EXTENSION.content.id}`]);
    expect(JSON.stringify([...app.site.store.allIssues()])).not.toContain('evil.example');
  });

  it("the macro instance is the Forge context's localId: a payload naming one is refused", async () => {
    const page = { url: `${SITE_URL}/wiki/spaces/IMP/pages/${HOST_PAGE_EXTENSION.content.id}`, macroId: 'local-2' };
    expectRefused(await app.invoke('sa', 'generatePlan', { kickoff: { ...formKickoff(), page } }, HOST_PAGE_EXTENSION), 'INVALID_INPUT', 'kickoff.page');
    expectRefused(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff(), macroId: 'local-2' }, HOST_PAGE_EXTENSION), 'INVALID_INPUT', 'macroId');
    expect(issueCount()).toBe(0);
    const plan = await generate({ kickoff: formKickoff() });
    const record = app.site.store.issue(plan.epicKey!)!.properties['outbound-playbook-plan'] as { kickoff: { page: unknown } };
    expect(record.kickoff.page).toMatchObject({ id: HOST_PAGE_EXTENSION.content.id, macroId: 'local-1' });
  });

  it('role display names come from Jira, not from the kickoff', async () => {
    const roles = { ...formKickoff().roles, SA: { accountId: DEMO_SITE.accounts.sa.accountId, displayName: 'Definitely Not Sasha' } };
    const plan = await generate({ kickoff: formKickoff({ roles }) });
    const progress: PlanProgressView = data(await app.invoke('sa', 'getPlanProgress', { planId: plan.planId }));
    expect(progress.raci.roles.find((r) => r.code === 'SA')?.people).toEqual([expect.objectContaining({ displayName: DEMO_SITE.accounts.sa.displayName })]);
    expect(JSON.stringify([...app.site.store.allIssues()])).not.toContain('Definitely Not Sasha');
  });

  it('a person who cannot be assigned in the project is a kickoff error naming them, their role and the permission; nothing is created', async () => {
    const viewer = DEMO_SITE.accounts.viewer;
    const roles = { ...formKickoff().roles, OPM: { accountId: viewer.accountId, displayName: 'Someone' } };
    const result = await app.invoke('sa', 'generatePlan', { kickoff: formKickoff({ roles }) }, HOST_PAGE_EXTENSION);
    expectRefused(result, 'INVALID_KICKOFF', 'roles.OPM.accountId');
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.fields).toEqual([
      {
        field: 'roles.OPM.accountId',
        message: expect.stringMatching(
          new RegExp(
            `^${viewer.displayName} \\(Outbound Program Manager, OPM\\) cannot be assigned issues in project OUT: .*"Assignable User" permission \\(ASSIGNABLE_USER\\)`,
          ),
        ),
      },
    ]);
    expect(issueCount()).toBe(0);
  });

  it('an account Jira does not know is a kickoff error, and nothing is created', async () => {
    const roles = { ...formKickoff().roles, PM: { accountId: 'no-such-account', displayName: 'Ghost' } };
    expectRefused(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff({ roles }) }, HOST_PAGE_EXTENSION), 'INVALID_KICKOFF', 'roles.PM.accountId');
    expect(issueCount()).toBe(0);
  });
});

describe('failure 3: dates', () => {
  it.each([
    ['a two-digit year', '0050-01-05'],
    ['1900-01-01', '1900-01-01'],
    ['2200-01-01', '2200-01-01'],
    ['more than two years ahead', `${Number(TEST_TODAY.slice(0, 4)) + 3}-01-05`],
  ])('%s as kickoff date is refused before anything is sent', async (_name, kickoffDate) => {
    app.transport.log.reset();
    expectRefused(
      await app.invoke('sa', 'generatePlan', { kickoff: formKickoff({ kickoffDate, holidays: [] }) }, HOST_PAGE_EXTENSION),
      'INVALID_KICKOFF',
      'kickoffDate',
    );
    expectRefused(
      await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ kickoffDate, holidays: [] }) }, HOST_PAGE_EXTENSION),
      'INVALID_KICKOFF',
      'kickoffDate',
    );
    expect(issueCount()).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('holidays outside the plan span, impossible dates and too many holidays are refused', async () => {
    expectRefused(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ holidays: ['1999-12-25'] }) }), 'INVALID_KICKOFF', 'holidays.0');
    expectRefused(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ holidays: ['2026-02-30'] }) }), 'INVALID_INPUT', 'kickoff.holidays.0');
    const many = Array.from({ length: 301 }, () => '2026-12-25');
    expectRefused(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ holidays: many }) }), 'INVALID_INPUT', 'kickoff.holidays');
    expect(issueCount()).toBe(0);
  });
});

describe('failure 4: text', () => {
  it.each([
    ['a NUL byte in the biller', { biller: 'Texas\u0000Mutual' }, 'kickoff.biller'],
    ['a line break in the core system', { coreSystem: 'Guide\nwire' }, 'kickoff.coreSystem'],
    ['a 50 MB biller', { biller: 'x'.repeat(50 * 1024 * 1024) }, 'kickoff.biller'],
    ['a biller longer than the epic summary allows', { biller: 'x'.repeat(101) }, 'kickoff.biller'],
  ])('%s is refused as bad input (never sent to Jira)', async (_name, change, field) => {
    app.transport.log.reset();
    expectRefused(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff(change) }, HOST_PAGE_EXTENSION), 'INVALID_INPUT', field);
    expect(app.transport.log.entries()).toEqual([]);
    expect(issueCount()).toBe(0);
  });

  it('a control character in a person’s name is refused too', async () => {
    const roles = { ...formKickoff().roles, B: { displayName: 'Bea\u0007' } };
    expectRefused(await app.invoke('sa', 'previewPlan', { kickoff: formKickoff({ roles }) }), 'INVALID_INPUT', 'kickoff.roles.B.displayName');
  });
});

describe('failure 5: one input policy — unknown fields are rejected by every resolver', () => {
  it('generatePlan and previewPlan reject kickoff.zzz and a roles.__proto__ key, as getTemplate and listProjects do', async () => {
    const withExtra = { ...formKickoff(), zzz: 1 };
    const protoRoles = JSON.parse(
      `{"kickoff": ${JSON.stringify({ ...formKickoff(), roles: { ...formKickoff().roles } }).replace('"roles":{', '"roles":{"__proto__":{"displayName":"x"},')}}`,
    ) as unknown;
    for (const name of ['generatePlan', 'previewPlan'] as const) {
      expectRefused(await app.invoke('sa', name, { kickoff: withExtra }, HOST_PAGE_EXTENSION), 'INVALID_INPUT', 'kickoff.zzz');
      expectRefused(await app.invoke('sa', name, protoRoles, HOST_PAGE_EXTENSION), 'INVALID_INPUT', 'kickoff.roles.__proto__');
    }
    expectRefused(await app.invoke('sa', 'getTemplate', { zzz: 1 }), 'INVALID_INPUT', 'zzz');
    expectRefused(await app.invoke('sa', 'listProjects', { zzz: 1 }), 'INVALID_INPUT', 'zzz');
    expectRefused(await app.invoke('sa', 'getIssuePanel', { issueKey: 'OUT-1', zzz: 1 }), 'INVALID_INPUT', 'zzz');
    expectRefused(await app.invoke('sa', 'getPortfolio', { projectKey: 'OUT', filters: { zzz: 1 } }), 'INVALID_INPUT', 'filters.zzz');
    expect(issueCount()).toBe(0);
  });
});
