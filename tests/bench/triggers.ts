/**
 * What the roll-up trigger costs on a busy site: 1,000 edits of issues that are not plan issues, then 100
 * status transitions of plan steps, made through the stand-in's REST handler (no latency: this counts, it
 * does not time). Every issue event the trigger subscribes to goes through the manifest's trigger filter
 * exactly as the local site delivers it (src/local/site/trigger-filter.ts); an event it lets through is an
 * invocation.
 */
import { join } from 'node:path';
import { eventIssue, STATUSES } from '../../src/local/jira/site';
import { issueEventInvocation } from '../../src/local/site/invocation';
import { loadAppManifest } from '../../src/local/site/manifest';
import { compileTriggerFilter } from '../../src/local/site/trigger-filter';
import { REPO_ROOT } from './bundles';
import { benchPlans } from './kickoff';
import type { TriggerCount, TriggersResult } from './report-types';
import { seedPlans, type RollupValueFn } from './seed';
import type { BenchStandIn } from './stand-in';

export const UNRELATED_UPDATES = 1000;
export const PLAN_STEP_TRANSITIONS = 100;

const settle = async () => {
  // The stand-in emits issue events on setImmediate after each response.
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

export async function countTriggerInvocations(
  standIn: BenchStandIn,
  rollupValue: RollupValueFn,
  sizes = { unrelated: UNRELATED_UPDATES, transitions: PLAN_STEP_TRANSITIONS },
): Promise<TriggersResult> {
  const site = standIn.site;
  const trigger = loadAppManifest(join(REPO_ROOT, 'manifest.yml')).triggers.find((t) => t.key === 'plan-roll-up');
  if (!trigger) throw new Error('manifest.yml declares no plan-roll-up trigger');
  const accepts = compileTriggerFilter(trigger.filter, site.appAccountId);
  const counted: TriggerCount = { events: 0, invocations: 0 };
  const unsubscribe = site.onIssueEvent((event) => {
    if (!trigger.events.includes(event.eventType)) return;
    const { event: forgeEvent } = issueEventInvocation(
      { cloudId: 'bench', siteUrl: standIn.baseUrl },
      {
        eventType: event.eventType,
        triggerKey: trigger.key,
        issue: eventIssue(site.store, event.issueId, event.issueKey),
        accountId: event.actorAccountId || null,
      },
    );
    counted.events += 1;
    if (accepts(forgeEvent as Record<string, unknown>).deliver) counted.invocations += 1;
  });
  const actor = { accountId: standIn.people.accountIds.SA };
  const call = async (method: string, path: string, body: unknown) => {
    const response = await site.handle({ method, path, query: new URLSearchParams(), headers: { host: 'bench' }, body, actor });
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status}`);
  };
  const take = async (): Promise<TriggerCount> => {
    await settle();
    const result = { ...counted };
    counted.events = 0;
    counted.invocations = 0;
    return result;
  };
  try {
    const others = site.store.insertIssuesDirect(
      Array.from({ length: sizes.unrelated }, (_, i) => ({ projectKey: standIn.projectKey, issueType: 'Task', summary: `Other work ${i}` })),
    );
    await take();
    for (const issue of others) await call('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: `${issue.summary} (edited)` } });
    const unrelatedUpdates = await take();

    const plans = benchPlans(standIn.people, standIn.projectKey, 1, Math.ceil(sizes.transitions / 25));
    await seedPlans(standIn, plans, 1, rollupValue);
    const planIds = new Set(plans.map((p) => p.planId));
    const steps = [...site.store.allIssues()].filter((issue) => {
      const value = issue.properties['outbound-playbook'] as { kind?: string; planId?: string } | undefined;
      return value?.kind === 'step' && value.planId !== undefined && planIds.has(value.planId);
    });
    await take();
    const done = STATUSES.find((s) => s.category === 'done')!;
    const inProgress = STATUSES.find((s) => s.category === 'indeterminate')!;
    // Each transition changes the step's status (a seeded step may already be done).
    for (const step of steps.slice(0, sizes.transitions)) {
      const to = step.statusId === done.id ? inProgress : done;
      await call('POST', `/rest/api/3/issue/${step.key}/transitions`, { transition: { id: to.transitionId } });
    }
    const planStepTransitions = await take();
    return {
      unrelatedUpdates,
      planStepTransitions,
      method:
        "events through the manifest trigger's filter as the local site applies it (src/local/site/trigger-filter.ts); an event let through = one invocation",
    };
  } finally {
    unsubscribe();
  }
}
