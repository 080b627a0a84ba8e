/**
 * What the roll-up trigger costs: Forge applies the manifest's filter before invoking anything, so a busy
 * site's edits to other issues invoke the app 0 times, and each plan step change invokes it once.
 */
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import { type ForgeSite, useForgeSitePerTest } from './helpers/forge-site';
import { seedPlans } from './helpers/seed-plans';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

it('1,000 updates of issues that are not plan issues invoke the app 0 times', async () => {
  const issues = app.site.store.insertIssuesDirect(
    Array.from({ length: 1000 }, (_, i) => ({ projectKey: 'OUT', issueType: 'Task', summary: `Other work ${i}`, labels: i % 2 ? ['outbound'] : [] })),
  );
  for (const issue of issues) {
    const edited = await app.asUser('pm', `/rest/api/3/issue/${issue.key}`, 'PUT', { fields: { summary: `${issue.summary} (edited)` } });
    expect(edited.status).toBe(204);
  }
  await app.triggersSettled();
  expect(app.triggerOutcomes).toHaveLength(0);
  expect(app.filteredEvents()).toBe(1000);
  console.log(`trigger: 1000 unrelated updates → ${app.triggerOutcomes.length} invocations (${app.filteredEvents()} events filtered out)`);
});

it('100 plan-step transitions invoke it 100 times and keep the roll-ups current', async () => {
  const plans = seedPlans(
    app.site.store,
    'OUT',
    ['Acme', 'Birch', 'Cedar', 'Dune'].map((biller) => ({ biller, coreSystem: 'IMT', done: 0, withSteps: true })),
    // Steps carry their Phase/RACI values, as generation leaves them: the trigger has nothing to fill.
    { appFields: true },
  );
  const steps = [...app.site.store.allIssues()].filter(
    (issue) => issue.issueTypeId !== app.site.store.issue(plans[0].epicKey)!.issueTypeId && issue.labels.includes('outbound-playbook'),
  );
  expect(steps).toHaveLength(100);
  for (const step of steps) {
    const moved = await app.asUser('sa', `/rest/api/3/issue/${step.key}/transitions`, 'POST', { transition: { id: '31' } });
    expect(moved.status).toBe(204);
  }
  await app.triggersSettled();
  expect(app.triggerOutcomes).toHaveLength(100);
  // The only events dropped are the app's own: moving each plan epic to the status its steps call for
  // (`ignoreSelf`: the app's writes never invoke it again).
  const appEpicMoves = app.transport.log
    .entries()
    .filter((e) => e.actor === app.site.appAccountId && e.method === 'POST' && e.path.endsWith('/transitions') && e.status === 204);
  expect(appEpicMoves.length).toBeGreaterThanOrEqual(plans.length);
  expect(app.filteredEvents()).toBe(appEpicMoves.length);
  for (const plan of plans)
    expect(app.site.store.issue(plan.epicKey)!.properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({ status: 'Released', percentDone: 100 });
  for (const plan of plans) expect(app.site.store.issue(plan.epicKey)!.statusId).toBe('10002');
  console.log(`trigger: 100 plan-step transitions → ${app.triggerOutcomes.length} invocations`);
}, 60_000);
