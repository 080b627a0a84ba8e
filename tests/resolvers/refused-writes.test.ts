/**
 * Issue 27, failure 2: a refused call writes nothing. Each write path, called by a browse-only viewer through
 * the real Forge entry, answers PERMISSION_DENIED and leaves the local Forge KVS and the stand-in's issues
 * (fields, properties, links) exactly as they were: permission is asked of Jira, as the user, before any write.
 */
import type { GeneratePlanResult, Result } from '../../src/contract';
import { BUILT_IN_TEMPLATE, templateToJson } from '../../src/core';
import { createKvsTemplateStore } from '../../src/storage/template-store';
import { v16 } from '../core/template-fixtures';
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

/** Everything a write could touch: Forge KVS (values and update times) and every issue as the stand-in holds it. */
const snapshot = (): string => JSON.stringify({ kvs: app.kvs.snapshot(), issues: [...app.site.store.allIssues()].sort((a, b) => Number(a.id) - Number(b.id)) });

function expectDenied(result: Result<unknown>): void {
  expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'PERMISSION_DENIED' }) });
}

describe('a refused call writes nothing (KVS and Jira unchanged)', () => {
  let plan: GeneratePlanResult;
  let stepKey: string;
  beforeEach(async () => {
    plan = await generate();
    stepKey = [...app.site.store.allIssues()].find((i) => i.key !== plan.epicKey)!.key;
  });

  it("applyPlanUpdate from a step's panel, as a browse-only viewer (the ledger record used to be rewritten)", async () => {
    const before = snapshot();
    expectDenied(await app.invoke('viewer', 'applyPlanUpdate', {}, { issue: { key: stepKey } }, MODULES.panel));
    expectDenied(await app.invoke('viewer', 'applyPlanUpdate', { kickoff: 'recorded' }, { issue: { key: plan.epicKey! } }, MODULES.panel));
    expect(snapshot()).toBe(before);
  });

  it('applyPlanUpdate to a newer published version, as a browse-only viewer', async () => {
    expect((await createKvsTemplateStore().publish({ draft: v16(), basedOn: '1.5' })).ok).toBe(true);
    const before = snapshot();
    expectDenied(await app.invoke('viewer', 'applyPlanUpdate', { version: '1.6' }, { issue: { key: plan.epicKey! } }, MODULES.panel));
    expect(snapshot()).toBe(before);
  });

  it('applyForecast, even with nothing to apply, is refused before anything is read for writing', async () => {
    const before = snapshot();
    expectDenied(await app.invoke('viewer', 'applyForecast', { epicKey: plan.epicKey, changes: [] }, {}, MODULES.page));
    expectDenied(await app.invoke('viewer', 'applyForecast', { planId: plan.planId, changes: [{ step: 1, to: '2027-01-04' }] }, {}, MODULES.page));
    expect(snapshot()).toBe(before);
  });

  it('rebaselinePlan', async () => {
    const before = snapshot();
    expectDenied(await app.invoke('viewer', 'rebaselinePlan', { epicKey: plan.epicKey, reason: 'Biller moved its SIT window' }, {}, MODULES.page));
    expect(snapshot()).toBe(before);
  });

  it('generatePlan (a second plan, and the same plan again)', async () => {
    const before = snapshot();
    expectDenied(await app.invoke('viewer', 'generatePlan', { kickoff: formKickoff({ biller: 'Another Biller' }) }, HOST_PAGE_EXTENSION));
    expectDenied(await app.invoke('viewer', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
    expect(snapshot()).toBe(before);
  });

  it('publishTemplate and checkTemplateDraft by someone who is not a Jira admin', async () => {
    const draft = structuredClone(BUILT_IN_TEMPLATE);
    draft.steps[4].title = 'Send the Biller the discovery questionnaire';
    const before = snapshot();
    for (const user of ['viewer', 'sa'] as const) {
      expectDenied(await app.invoke(user, 'publishTemplate', { json: templateToJson(draft), basedOn: '1.5', summary: 'A change' }, {}, MODULES.admin));
      expectDenied(await app.invoke(user, 'checkTemplateDraft', { json: templateToJson(draft) }, {}, MODULES.admin));
    }
    expect(snapshot()).toBe(before);
  });
});
