/** Forge entry (manifest.yml `function` handlers): re-exports only. */
import { createResolver } from './resolvers';

export const resolver = createResolver().getDefinitions();
export { onIssueChange, nightlyRollup } from './resolvers';
