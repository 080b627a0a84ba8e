/** Forge entry (manifest.yml `function` handlers): re-exports only. */
import { createResolverDefinitions } from './resolvers';

export const resolver = createResolverDefinitions();
export { onIssueChange } from './resolvers';
