/**
 * Contract checks for the local stand-in: validates what the app sends and what the stand-in answers
 * against Atlassian's published OpenAPI documents (read-only, in shared/specs).
 */
export { loadOpenApiContract } from './validator';
export type { ContractViolation, OpenApiContract, OperationMatch } from './validator';
export { JIRA_SPEC_FILE, CONFLUENCE_SPEC_FILE } from './spec-files';
export { loadOperationScopes, type OperationScopes } from './scopes';
