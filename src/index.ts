/**
 * Forge entry (manifest.yml `function` handlers). Each handler loads its own module graph on its first call,
 * so a cold start pays only for the handler Forge invoked (the trigger never loads the resolver's contract
 * schemas) and requiring the bundle itself stays cheap. webpack keeps these require()s in the one bundle file.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deliberate lazy loading, see above */
import type Resolver from '@forge/resolver';

type ResolverHandler = ReturnType<Resolver['getDefinitions']>;
type TriggerHandler = (event: unknown, context: unknown) => Promise<unknown>;

let resolverDefinitions: ResolverHandler | undefined;

export const resolver: ResolverHandler = (request, context) => {
  resolverDefinitions ??= (require('./resolvers') as typeof import('./resolvers')).createResolver().getDefinitions();
  return resolverDefinitions(request, context);
};

export const onIssueChange: TriggerHandler = (event) => (require('./resolvers/trigger') as typeof import('./resolvers/trigger')).onIssueChange(event);
