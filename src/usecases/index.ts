/** Use cases: core + Jira adapter + ledger. Resolvers and the CLI call these; see ./forge for Forge wiring. */
export { UseCaseError, type UseCaseErrorCode } from './errors';
export type { UseCaseDeps } from './deps';
export * from './generate';
export * from './plan-read';
