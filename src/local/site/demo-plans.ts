/**
 * The demo a newcomer sees on first `npm start`: the playbook's Supported Integrations as real plans, each on
 * its own discovery page. Everything goes through the site as people use it: insert the macro, save the
 * kickoff, Generate as the Solution Architect (the real resolver, until it answers done), then the Project
 * Manager moves steps with the issue view's transition form. Nothing is written into the store directly.
 */
import { SUPPORTED_INTEGRATION_PAGES, type DemoIntegrationPage } from './site-store';
import { renderFrame, type RenderedFrame } from './frame-client';
import type { LocalUser } from './jira-link';
import type { PlanProgressView } from '../../contract';

/** Jira's simplified workflow: one global transition per status (see the stand-in's model). */
const TRANSITION = { inProgress: '21', done: '31' } as const;
const MAX_GENERATE_CALLS = 40;

export interface DemoSeedResult {
  pageId: string;
  epicKey: string;
  done: number;
  inProgress: number;
}

interface SiteHandle {
  url: string;
  users: LocalUser[];
  clock: { today(): string };
}

/** `days` business days (Mon–Fri) before `today`. */
export function businessDaysBefore(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  for (let left = days; left > 0;) {
    date.setUTCDate(date.getUTCDate() - 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

function userByRole(site: SiteHandle, role: string): LocalUser {
  const user = site.users.find((u) => u.roleHint === role);
  if (!user) throw new Error(`The demo site has no ${role} user`);
  return user;
}

async function call(site: SiteHandle, user: LocalUser, path: string, init: { method: 'POST'; body: string; type: string }): Promise<Response> {
  const response = await fetch(`${site.url}${path}`, {
    method: init.method,
    redirect: 'manual',
    headers: { 'content-type': init.type, cookie: `op_user=${encodeURIComponent(user.accountId)}` },
    body: init.body,
  });
  if (response.status >= 400) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

function kickoffFor(site: SiteHandle, page: DemoIntegrationPage): Record<string, unknown> {
  const person = (role: string) => {
    const user = userByRole(site, role);
    return { accountId: user.accountId, displayName: user.displayName };
  };
  return {
    projectKey: 'OUT',
    biller: page.biller,
    coreSystem: page.coreSystem,
    integrationType: 'partner',
    capabilities: page.capabilities,
    kickoffDate: businessDaysBefore(site.clock.today(), page.startedBusinessDaysAgo),
    holidays: [],
    roles: {
      SA: person('SA'),
      PM: person('PM'),
      IM: person('IM'),
      OPM: person('OPM'),
      B: { displayName: `${page.biller} IT`, email: page.billerEmail },
      CS: { displayName: `${page.coreSystem} team` },
    },
  };
}

async function seedOne(site: SiteHandle, page: DemoIntegrationPage): Promise<DemoSeedResult> {
  const sa = userByRole(site, 'SA');
  const pm = userByRole(site, 'PM');
  const inserted = await call(site, sa, `/wiki/spaces/${page.spaceKey}/pages/${page.id}/macros`, { method: 'POST', body: '', type: 'text/plain' });
  const localId = new URL(inserted.headers.get('location') ?? '', site.url).searchParams.get('configure');
  if (!localId) throw new Error(`Inserting the macro on page ${page.id} gave no localId`);
  const kickoff = kickoffFor(site, page);
  const pagePath = `/wiki/spaces/${page.spaceKey}/pages/${page.id}`;
  const ofMacro = (kind: string) => (f: RenderedFrame) => f.id.startsWith(`${kind}-`) && f.context.localId === localId;
  // The kickoff form's view.submit, from the config frame the host rendered for the SA.
  const config = await renderFrame(site.url, sa.accountId, `${pagePath}?configure=${localId}`, ofMacro('config'));
  await call(site, sa, '/__forge/submit', {
    method: 'POST',
    body: JSON.stringify({ frame: config.id, payload: { config: { kickoff } } }),
    type: 'application/json',
  });
  // Then the macro's view on the page: its frame (as the SA, then as the PM) is what invokes the resolver.
  const frame = (await renderFrame(site.url, sa.accountId, pagePath, ofMacro('macro'))).id;
  let epicKey: string | null = null;
  for (let round = 0; round < MAX_GENERATE_CALLS && !epicKey; round++) {
    const answer = (await (
      await call(site, sa, '/__forge/invoke', {
        method: 'POST',
        body: JSON.stringify({ functionKey: 'generatePlan', payload: { kickoff }, frame }),
        type: 'application/json',
      })
    ).json()) as {
      body: { ok: boolean; data?: { state: string; epicKey: string | null; retryAfterMs?: number | null }; error?: { message: string } };
    };
    if (!answer.body.ok) throw new Error(`Generating the ${page.biller} plan: ${answer.body.error?.message ?? 'failed'}`);
    if (answer.body.data?.state === 'done') epicKey = answer.body.data.epicKey;
    else await new Promise((resolve) => setTimeout(resolve, Math.min(answer.body.data?.retryAfterMs ?? 200, 1000)));
  }
  if (!epicKey) throw new Error(`Generating the ${page.biller} plan did not finish`);

  const pmFrame = (await renderFrame(site.url, pm.accountId, pagePath, ofMacro('macro'))).id;
  const progress = (await (
    await call(site, pm, '/__forge/invoke', {
      method: 'POST',
      body: JSON.stringify({ functionKey: 'getPlanProgress', payload: { epicKey }, frame: pmFrame }),
      type: 'application/json',
    })
  ).json()) as {
    body: { ok: boolean; data?: Pick<PlanProgressView, 'raci'> };
  };
  const stepKeys = new Map((progress.body.data?.raci.rows ?? []).flatMap((row) => (row.issueKey ? [[row.step, row.issueKey] as const] : [])));
  const move = async (step: number, transitionId: string) => {
    const key = stepKeys.get(step);
    if (key)
      await call(site, pm, `/jira/browse/${key}/transition`, {
        method: 'POST',
        body: new URLSearchParams({ transitionId }).toString(),
        type: 'application/x-www-form-urlencoded',
      });
  };
  for (const step of page.doneSteps) {
    await move(step, TRANSITION.inProgress);
    await move(step, TRANSITION.done);
  }
  for (const step of page.inProgressSteps) await move(step, TRANSITION.inProgress);
  return {
    pageId: page.id,
    epicKey,
    done: page.doneSteps.filter((s) => stepKeys.has(s)).length,
    inProgress: page.inProgressSteps.filter((s) => stepKeys.has(s)).length,
  };
}

/** Seeds every Supported Integrations page that has no macro yet (so a re-run after a partial seed completes it). */
export async function seedDemoPlans(
  site: SiteHandle,
  hasMacro: (pageId: string) => boolean,
  log: (line: string) => void = () => undefined,
): Promise<DemoSeedResult[]> {
  const results: DemoSeedResult[] = [];
  for (const page of SUPPORTED_INTEGRATION_PAGES) {
    if (hasMacro(page.id)) continue;
    const result = await seedOne(site, page);
    log(`  demo: ${page.biller} × ${page.coreSystem} → ${result.epicKey} (${result.done} done, ${result.inProgress} in progress)`);
    results.push(result);
  }
  return results;
}
