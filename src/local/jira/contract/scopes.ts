/**
 * The OAuth scopes Jira requires per operation, as the published OpenAPI document states them: each
 * operation's `x-atlassian-oauth2-scopes` lists one entry per scheme and state; the `Current` entry holds the
 * classic scopes (read:jira-work, …) that a Forge manifest declares. Every listed scope is required.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface OperationScopes {
  operationId: string;
  method: string;
  path: string;
  /** Classic scopes of the `Current` state; empty when the document lists none. */
  scopes: string[];
}

interface ScopeEntry {
  scheme?: string;
  state?: string;
  scopes?: string[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const cache = new Map<string, ReadonlyMap<string, OperationScopes>>();

/** operationId → its method, path template and Current scopes, for every operation of the document. */
export function loadOperationScopes(specFile: string): ReadonlyMap<string, OperationScopes> {
  const file = path.resolve(specFile);
  const cached = cache.get(file);
  if (cached) return cached;
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    paths?: Record<string, Record<string, { operationId?: string; 'x-atlassian-oauth2-scopes'?: ScopeEntry[] }>>;
  };
  const byOperation = new Map<string, OperationScopes>();
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const current = (operation['x-atlassian-oauth2-scopes'] ?? []).filter((entry) => entry.state === 'Current');
      byOperation.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: template,
        scopes: [...new Set(current.flatMap((entry) => entry.scopes ?? []))].sort(),
      });
    }
  }
  cache.set(file, byOperation);
  return byOperation;
}
