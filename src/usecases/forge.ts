/**
 * The use cases' dependencies inside the Forge runtime: Jira as the invoking user (the app identity only for
 * the app-field values) and the Forge KVS plan ledger. Only resolvers import this.
 */
import { createJiraAdapter, type JiraAdapter } from '../jira';
import { requestJiraAsApp, requestJiraAsUser } from '../jira/forge';
import { createKvsLedger } from '../storage/kvs-ledger';
import type { GenerateDeps } from './generate';
import type { ProgressDeps } from './progress';

function forgeJira(): JiraAdapter {
  return createJiraAdapter(requestJiraAsUser, { appRequest: requestJiraAsApp });
}

/** One per invocation: a fresh request count and lease owner. */
export function forgeGenerateDeps(options: GenerateDeps['options'] = {}): GenerateDeps {
  return { jira: forgeJira(), ledger: createKvsLedger(), options };
}

export function forgeProgressDeps(): ProgressDeps {
  return { jira: forgeJira() };
}
