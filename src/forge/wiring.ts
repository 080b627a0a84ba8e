/**
 * The one wiring of the use cases inside the Forge runtime. Everything acts AS THE USER (Jira enforces their
 * permissions); the app identity only where no user exists or Jira requires it: generation's app-field
 * values, and the roll-up trigger. Only the entry points (src/resolvers) import this; each passes the clock it
 * read when its invocation started (./clock.ts), so every use case judges "today" by that one reading.
 */
import { createJiraAdapter as createAdapter, type JiraAdapterOptions, type JiraRequestFn } from '../jira';
import { invocationRemainingMs, requestJiraAsApp, requestJiraAsUser } from '../jira/forge';
import { createKvsCursor } from '../storage/kvs-cursor';
import { createKvsLedger } from '../storage/kvs-ledger';
import { createKvsNotificationLedger } from '../storage/kvs-notification-ledger';
import type { NightlyCursorStore } from '../storage';
import { createKvsTemplateStore } from '../storage/template-store';
import type { Playbook } from '../core';
import type { InvocationClock } from './clock';
import { currentPlaybook, playbookVersionsOf } from '../usecases/published-playbooks';
import type { TemplateAdminDeps } from '../usecases/template-admin';
import type { UseCaseDeps } from '../usecases/deps';
import type { GenerateDeps } from '../usecases/generate';
import type { PlanUpdateDeps } from '../usecases/reconcile';
import type { RemindDeps } from '../usecases/remind';

/** Every adapter inside Forge waits no longer than the invocation has left (the runtime's remaining time). */
const createJiraAdapter = (request: JiraRequestFn, options: JiraAdapterOptions = {}) =>
  createAdapter(request, { remainingTimeMs: invocationRemainingMs, ...options });

/** One per invocation: a fresh request count; a plan on a published template version reads it from Forge KVS. */
export function forgeUserDeps(clock: InvocationClock): UseCaseDeps {
  return { jira: createJiraAdapter(requestJiraAsUser), ...timeOf(clock), playbookVersions: playbookVersionsOf(createKvsTemplateStore()) };
}

/** The use cases' view of the invocation's clock. */
function timeOf(clock: InvocationClock): Pick<UseCaseDeps, 'today' | 'now'> {
  return { today: () => clock.today, now: clock.now };
}

/** The template a NEW plan is built from: the latest published version (Forge KVS), else the built-in one. */
export function forgeCurrentPlaybook(): Promise<Playbook> {
  return currentPlaybook(createKvsTemplateStore());
}

/** The user's deps for what builds a new plan (kickoff form, preview, macro): planned from the latest published version. */
export async function forgeNewPlanDeps(clock: InvocationClock): Promise<UseCaseDeps> {
  return { ...forgeUserDeps(clock), playbook: await forgeCurrentPlaybook() };
}

/** Generation as the user, with the app identity for the app-field values only, and the Forge KVS ledger. */
export function forgeGenerateDeps(clock: InvocationClock, options: GenerateDeps['options'] = {}): GenerateDeps {
  return {
    jira: createJiraAdapter(requestJiraAsUser, { appRequest: requestJiraAsApp }),
    ledger: createKvsLedger({ now: clock.nowMs }),
    now: clock.nowMs,
    options,
  };
}

/**
 * For the trigger only: a product event runs without a user, so the app identity reads the plan and writes
 * its derived roll-up (status, current phase, counts) to the epic's property, and the Phase/RACI values a
 * plan step generated outside the app lacks. Nothing else is written.
 */
export function forgeTriggerDeps(clock: InvocationClock): UseCaseDeps {
  return {
    jira: createJiraAdapter(requestJiraAsApp, { appRequest: requestJiraAsApp }),
    ...timeOf(clock),
    playbookVersions: playbookVersionsOf(createKvsTemplateStore()),
  };
}

/**
 * For the nightly scheduled trigger: no user exists, so the app reads active plans and writes their derived
 * roll-up (as the issue trigger does); the cursor lives in Forge KVS.
 */
export function forgeNightlyDeps(clock: InvocationClock): { deps: UseCaseDeps; cursor: NightlyCursorStore } {
  return {
    deps: { jira: createJiraAdapter(requestJiraAsApp), ...timeOf(clock), playbookVersions: playbookVersionsOf(createKvsTemplateStore()) },
    cursor: createKvsCursor(),
  };
}

/** The template admin page and the playbook page's macros: as the user, with the Forge KVS template store. */
export function forgeTemplateDeps(clock: InvocationClock): TemplateAdminDeps {
  return { jira: createJiraAdapter(requestJiraAsUser), ...timeOf(clock), templates: createKvsTemplateStore() };
}

/** A plan update as the user: generation's deps plus the published template versions (Forge KVS). */
export function forgePlanUpdateDeps(clock: InvocationClock): PlanUpdateDeps {
  const { jira, ledger, options } = forgeGenerateDeps(clock);
  const templates = createKvsTemplateStore();
  return { jira, ledger, options, ...timeOf(clock), clock: clock.nowMs, templates, playbookVersions: playbookVersionsOf(templates) };
}

/**
 * For the daily reminders scheduled trigger: no user exists, so the app reads every plan it can see and sends
 * Jira's notification e-mails; the notification ledger (each occurrence once) lives in Forge KVS.
 */
export function forgeRemindDeps(clock: InvocationClock): RemindDeps {
  return {
    jira: createJiraAdapter(requestJiraAsApp),
    ledger: createKvsNotificationLedger({ now: clock.nowMs }),
    now: clock.nowMs,
    playbookVersions: playbookVersionsOf(createKvsTemplateStore()),
  };
}
