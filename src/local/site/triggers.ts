/**
 * The app's triggers on the local site: issue events from the stand-in delivered to the manifest's product
 * triggers (after each trigger's filter, one invocation at a time), and the scheduled triggers run on demand.
 */
import type { LoadedApp } from './app-loader';
import { issueEventInvocation, scheduledInvocation, type InvocationSite } from './invocation';
import type { LocalIssueEvent, LocalJira } from './jira-link';
import type { AppManifest } from './manifest';
import { compileTriggerFilter } from './trigger-filter';

export interface SiteTriggers {
  /** Settles when every event delivered so far has been handled. */
  idle(): Promise<void>;
  /** Runs every `scheduledTrigger` of the manifest once, one after the other, without a user, like Forge's scheduler. */
  runScheduled(): Promise<void>;
  /** Stops delivering issue events. */
  stop(): void;
}

export function startTriggers(parts: {
  manifest: AppManifest;
  jira: LocalJira;
  site: InvocationSite;
  currentApp(): LoadedApp;
  log: (line: string) => void;
}): SiteTriggers {
  const { manifest, jira, site, currentApp, log } = parts;
  let queue: Promise<void> = Promise.resolve();
  // Forge applies each trigger's filter before invoking anything: a filtered-out event costs no invocation.
  const triggers = manifest.triggers.map((trigger) => ({ ...trigger, accepts: compileTriggerFilter(trigger.filter, jira.appAccountId) }));
  const unsubscribe = jira.onIssueEvent((event: LocalIssueEvent) => {
    const eventType = event.eventType;
    for (const trigger of triggers.filter((t) => t.events.includes(eventType))) {
      const { event: filtered } = issueEventInvocation(site, {
        eventType,
        triggerKey: trigger.key,
        issue: event.issue,
        accountId: event.accountId,
        changelog: event.changelog,
      });
      const decision = trigger.accepts(filtered as Record<string, unknown>);
      if (decision.log) log(`trigger ${trigger.key} on ${event.issue.key}: ${decision.log}`);
      if (!decision.deliver) continue;
      queue = queue.then(async () => {
        const ref = manifest.functions.get(trigger.functionKey);
        const loaded = currentApp();
        const handler = ref && loaded.ok ? loaded.handler(ref.exportName) : null;
        if (!handler) return log(`trigger ${trigger.key}: no handler (${loaded.ok ? `export ${ref?.exportName}` : loaded.message})`);
        const { event: forgeEvent, runtime } = issueEventInvocation(site, {
          eventType,
          triggerKey: trigger.key,
          issue: event.issue,
          accountId: event.accountId,
          changelog: event.changelog,
        });
        try {
          await jira.runAsInvocation({ moduleKey: trigger.key, functionKey: trigger.functionKey }, () => handler(forgeEvent, runtime));
        } catch (error) {
          log(`trigger ${trigger.key} failed on ${event.issue.key}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    }
  });

  return {
    idle: () => queue,
    async runScheduled() {
      for (const trigger of manifest.scheduledTriggers) {
        const ref = manifest.functions.get(trigger.functionKey);
        const loaded = currentApp();
        const handler = ref && loaded.ok ? loaded.handler(ref.exportName) : null;
        if (!handler) {
          log(`scheduled trigger ${trigger.key}: no handler (${loaded.ok ? `export ${ref?.exportName}` : loaded.message})`);
          continue;
        }
        const { request, runtime } = scheduledInvocation(site, trigger.key);
        try {
          await jira.runAsInvocation({ moduleKey: trigger.key, functionKey: trigger.functionKey }, () => handler(request, runtime));
        } catch (error) {
          log(`scheduled trigger ${trigger.key} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    },
    stop: unsubscribe,
  };
}
