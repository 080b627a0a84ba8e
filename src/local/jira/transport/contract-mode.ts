/** How strictly the transport checks traffic against the published Jira OpenAPI document. */
export type ContractMode = 'off' | 'warn' | 'strict';

/** `STANDIN_CONTRACT` wins; otherwise strict under jest, warn elsewhere (the interactive local site). */
export function contractModeFromEnv(env: NodeJS.ProcessEnv): ContractMode {
  const value = env.STANDIN_CONTRACT?.trim().toLowerCase();
  if (value === 'off' || value === 'warn' || value === 'strict') return value;
  if (value) throw new Error(`STANDIN_CONTRACT must be off, warn or strict (got '${env.STANDIN_CONTRACT}')`);
  return env.JEST_WORKER_ID !== undefined ? 'strict' : 'warn';
}
