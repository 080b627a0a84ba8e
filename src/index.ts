/**
 * Forge entry (manifest.yml `function` handlers). Each handler imports its own module graph on its first call:
 * webpack splits those graphs into chunks beside index.cjs, so a cold start parses and runs only the handler
 * Forge invoked (the trigger never loads the resolvers' contract schemas) and requiring the bundle stays cheap.
 */
import type Resolver from '@forge/resolver';

type ResolverHandler = ReturnType<Resolver['getDefinitions']>;

let definitions: Promise<ResolverHandler> | undefined;

function resolverDefinitions(): Promise<ResolverHandler> {
  definitions ??= import('./resolvers').then(
    (resolvers) => resolvers.createResolver().getDefinitions(),
    (error: unknown) => {
      definitions = undefined; // let the next invocation try again
      throw error;
    },
  );
  return definitions;
}

export const resolver: ResolverHandler = async (request, context) => (await resolverDefinitions())(request, context);

export const onIssueChange = async (event: unknown): Promise<unknown> => (await import('./resolvers/trigger')).onIssueChange(event);
