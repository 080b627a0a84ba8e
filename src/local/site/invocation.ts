/**
 * The shapes the Forge runtime hands to a function: `handler(request, runtime)`. @forge/resolver reads
 * `request.call.{functionKey,payload,jobId}` and `request.context`, and takes the caller from
 * `runtime.principal.accountId`; a product trigger receives the event and `{ installContext }`.
 */

export interface InvocationSite {
  cloudId: string;
  siteUrl: string;
}

export interface ResolverCall {
  functionKey: string;
  payload: unknown;
  accountId: string;
  moduleKey: string;
  localId: string | null;
  extension: Record<string, unknown>;
}

export const installContextOf = (site: InvocationSite) => `ari:cloud:jira::site/${site.cloudId}`;

export function resolverInvocation(site: InvocationSite, call: ResolverCall): { request: unknown; runtime: unknown } {
  return {
    request: {
      call: { functionKey: call.functionKey, payload: call.payload ?? {} },
      context: {
        accountId: call.accountId,
        accountType: 'licensed',
        cloudId: site.cloudId,
        siteUrl: site.siteUrl,
        moduleKey: call.moduleKey,
        localId: call.localId,
        extension: call.extension,
        environmentType: 'DEVELOPMENT',
        environmentId: 'local',
        locale: 'en-US',
        timezone: 'UTC',
      },
    },
    runtime: {
      principal: { accountId: call.accountId },
      installContext: installContextOf(site),
      installation: { id: 'local-installation' },
      license: { isActive: true },
    },
  };
}

export interface IssueEventInput {
  eventType: string;
  triggerKey: string;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  accountId: string | null;
  changelog?: { id?: string; items: Record<string, unknown>[] };
}

/** A Jira issue product event (`avi:jira:created:issue` / `avi:jira:updated:issue`) as triggers receive it. */
export function issueEventInvocation(site: InvocationSite, input: IssueEventInput): { event: unknown; runtime: unknown } {
  return {
    event: {
      eventType: input.eventType,
      issue: input.issue,
      ...(input.accountId
        ? { atlassianId: input.accountId, user: { accountId: input.accountId }, associatedUsers: [{ accountId: input.accountId }] }
        : { associatedUsers: [] }),
      ...(input.changelog ? { changelog: input.changelog } : {}),
      context: { cloudId: site.cloudId, moduleKey: input.triggerKey },
    },
    runtime: { installContext: installContextOf(site) },
  };
}

/** A scheduled trigger's invocation: `{ context: { cloudId, moduleKey }, contextToken }` and no user. */
export function scheduledInvocation(site: InvocationSite, triggerKey: string): { request: unknown; runtime: unknown } {
  return {
    request: { context: { cloudId: site.cloudId, moduleKey: triggerKey }, contextToken: `local-${triggerKey}` },
    runtime: { installContext: installContextOf(site) },
  };
}
