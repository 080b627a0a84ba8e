/**
 * Jira's own fields of a plan epic follow the plan, checked in Jira (the stand-in's REST), not in the app:
 * status To Do → In Progress when the first step starts → Done when every step is done (a transition Jira
 * offers), due date = the forecast go-live, assignee = the PM. The trigger writes them as the app, only when
 * they differ; a person's change to one of them is left alone.
 */
import { PLAYBOOK_PROPERTY_KEY } from '../../src/core';
import type { GeneratePlanResult, MacroStateResult } from '../../src/contract';
import { formKickoff } from './helpers/kickoff';
import { HOST_PAGE_EXTENSION, type ForgeSite, useForgeSitePerTest, data } from './helpers/forge-site';

let app: ForgeSite;
useForgeSitePerTest((site) => (app = site));

async function generate(): Promise<GeneratePlanResult> {
  for (let call = 0; call < 5; call += 1) {
    const result = data(await app.invoke('sa', 'generatePlan', { kickoff: formKickoff() }, HOST_PAGE_EXTENSION));
    if (result.state === 'done') return result;
  }
  throw new Error('generation did not finish');
}

const macroState = async (): Promise<MacroStateResult> =>
  data(await app.invoke('pm', 'getMacroState', { pageId: HOST_PAGE_EXTENSION.content.id }, { ...HOST_PAGE_EXTENSION, config: { kickoff: formKickoff() } }));

interface EpicInJira {
  status: string;
  category: string;
  dueDate: string | null;
  assignee: string | null;
}

/** The epic's fields as Jira answers a user's GET. */
async function epicInJira(epicKey: string): Promise<EpicInJira> {
  const response = await app.asUser('sa', `/rest/api/3/issue/${epicKey}?fields=status,duedate,assignee`);
  expect(response.status).toBe(200);
  const fields = (response.body as { fields: Record<string, unknown> }).fields;
  const status = fields.status as { name: string; statusCategory: { key: string } };
  const assignee = fields.assignee as { accountId: string } | null;
  return {
    status: status.name,
    category: status.statusCategory.key,
    dueDate: (fields.duedate as string | null) ?? null,
    assignee: assignee?.accountId ?? null,
  };
}

/** The plan's forecast go-live as the app shows it (the epic's roll-up). */
function forecastGoLive(epicKey: string): string {
  const rollup = app.site.store.issue(epicKey)!.properties[PLAYBOOK_PROPERTY_KEY] as { forecastGoLive?: string };
  expect(rollup.forecastGoLive).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return rollup.forecastGoLive!;
}

async function planSteps(): Promise<{ epicKey: string; stepKeys: string[] }> {
  const plan = (await macroState()).plan!;
  const progress = data(await app.invoke('pm', 'getPlanProgress', { epicKey: plan.epicKey! }));
  return { epicKey: plan.epicKey!, stepKeys: progress.raci.rows.map((r) => r.issueKey!).filter(Boolean) };
}

async function move(issueKey: string, transitionId: string): Promise<void> {
  expect((await app.asUser('sa', `/rest/api/3/issue/${issueKey}/transitions`, 'POST', { transition: { id: transitionId } })).status).toBe(204);
}

/** Requests the app made as itself that changed the epic (edits, transitions, property writes). */
const appWritesTo = (epicKey: string) =>
  app.transport.log.entries().filter((e) => e.actor === app.site.appAccountId && e.method !== 'GET' && e.path.includes(`/issue/${epicKey}`) && e.status < 300);

it('after generation, after the first step starts and after every step is done, the epic in Jira agrees with the plan', async () => {
  await generate();
  await app.triggersSettled();
  const { epicKey, stepKeys } = await planSteps();
  expect(stepKeys.length).toBeGreaterThan(1);

  expect(await epicInJira(epicKey)).toEqual({ status: 'To Do', category: 'new', dueDate: forecastGoLive(epicKey), assignee: app.accountId('pm') });

  await move(stepKeys[0], '21');
  await app.triggersSettled();
  expect(await epicInJira(epicKey)).toMatchObject({
    status: 'In Progress',
    category: 'indeterminate',
    dueDate: forecastGoLive(epicKey),
    assignee: app.accountId('pm'),
  });

  for (const key of stepKeys) await move(key, '31');
  await app.triggersSettled();
  expect(await epicInJira(epicKey)).toMatchObject({ status: 'Done', category: 'done', dueDate: forecastGoLive(epicKey), assignee: app.accountId('pm') });
  // The transitions were looked up (GET …/transitions), as the app.
  const looked = app.transport.log
    .entries()
    .filter((e) => e.actor === app.site.appAccountId && e.method === 'GET' && e.path.includes(`/issue/${epicKey}/transitions`));
  expect(looked.length).toBe(2);
}, 60_000);

it('writes nothing when the epic is already right', async () => {
  await generate();
  await app.triggersSettled();
  const { epicKey, stepKeys } = await planSteps();
  const before = appWritesTo(epicKey).length;
  // A step moved within To Do: the trigger reads the plan again, and the epic is already right.
  await move(stepKeys[1], '11');
  await app.triggersSettled();
  expect(app.triggerOutcomes.at(-1)).toMatchObject({ action: 'unchanged', epicKey });
  expect(appWritesTo(epicKey).length).toBe(before);
}, 60_000);

it("a person's change to the epic's due date, assignee or status is left alone", async () => {
  await generate();
  await app.triggersSettled();
  const { epicKey, stepKeys } = await planSteps();
  // The PM moves the go-live on the epic and hands it to the IM, and marks it In Progress before any step starts.
  expect(
    (await app.asUser('pm', `/rest/api/3/issue/${epicKey}`, 'PUT', { fields: { duedate: '2027-12-31', assignee: { accountId: app.accountId('im') } } })).status,
  ).toBe(204);
  await move(epicKey, '21');
  await app.triggersSettled();
  // Steps move; the app refreshes the roll-up but leaves the person's values.
  await move(stepKeys[0], '21');
  await move(stepKeys[0], '11');
  await app.triggersSettled();
  expect(await epicInJira(epicKey)).toEqual({ status: 'In Progress', category: 'indeterminate', dueDate: '2027-12-31', assignee: app.accountId('im') });
  expect(app.site.store.issue(epicKey)!.properties[PLAYBOOK_PROPERTY_KEY]).toMatchObject({
    epicFields: { status: 'new', dueDate: forecastGoLive(epicKey), assignee: app.accountId('pm') },
  });
}, 60_000);
