import * as path from 'node:path';

/** The repository root (this file lives in src/local/jira/contract). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * The folder holding the published OpenAPI documents: `shared/specs` beside the repository clone,
 * or OUTBOUND_PLAYBOOK_SPECS_DIR when CI clones elsewhere.
 */
const SPECS_DIR = process.env.OUTBOUND_PLAYBOOK_SPECS_DIR
  ? path.resolve(process.env.OUTBOUND_PLAYBOOK_SPECS_DIR)
  : path.resolve(REPO_ROOT, '..', 'shared', 'specs');

export const JIRA_SPEC_FILE: string = path.join(SPECS_DIR, 'jira-platform-openapi.json');
export const CONFLUENCE_SPEC_FILE: string = path.join(SPECS_DIR, 'confluence-v2-openapi.json');
