/**
 * Forge entry (manifest.yml `function` handlers). Each handler imports its own module graph on its first call:
 * webpack splits those graphs into chunks beside index.cjs, so a cold start parses and runs only the handler
 * Forge invoked (the trigger never loads the resolvers' contract schemas) and requiring the bundle stays cheap.
 */
/** What Forge calls: the guarded definitions (only the contract's own function keys reach a handler). */
type ResolverHandler = (request: unknown, context: unknown) => Promise<unknown>;

let definitions: Promise<ResolverHandler> | undefined;

function resolverDefinitions(): Promise<ResolverHandler> {
  definitions ??= import('./resolvers').then(
    (resolvers) => resolvers.createResolverDefinitions(),
    (error: unknown) => {
      definitions = undefined; // let the next invocation try again
      throw error;
    },
  );
  return definitions;
}

export const resolver: ResolverHandler = async (request, context) => (await resolverDefinitions())(request, context);

export const onIssueChange = async (event: unknown): Promise<unknown> => (await import('./resolvers/trigger')).onIssueChange(event);

export const nightlyRollup = async (): Promise<unknown> => (await import('./resolvers/scheduled')).nightlyRollup();

export const dailyReminders = async (): Promise<unknown> => (await import('./resolvers/scheduled')).dailyReminders();
