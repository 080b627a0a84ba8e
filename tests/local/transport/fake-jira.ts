/**
 * A deliberately tiny Jira for transport tests only: a few endpoints with Jira-shaped bodies and an in-memory
 * issue map, so faults, limits and checks can be observed without the real site.
 */
import type { StandInHandler, StandInRequest } from '../../../src/local/jira/http-types';

export const ANN = { email: 'ann@example.com', token: 'ann-token', accountId: 'acc-ann', displayName: 'Ann Architect' };
export const BOB = { email: 'bob@example.com', token: 'bob-token', accountId: 'acc-bob', displayName: 'Bob Biller' };
export const APP = { accountId: 'acc-app', displayName: 'Outbound Playbook (app)' };
const PEOPLE = [ANN, BOB, APP];

export interface FakeJira {
  handler: StandInHandler;
  authenticate(email: string, token: string): { accountId: string } | null;
  isKnownAccount(accountId: string): boolean;
  /** Every request the handler actually ran (faults answered before it never reach it). */
  calls: StandInRequest[];
  issueCount(): number;
  /** Lets a test make the handler misbehave (e.g. answer a body that breaks the contract). */
  overrideMyself?: (req: StandInRequest) => unknown;
}

export function createFakeJira(): FakeJira {
  const issues = new Map<string, { id: string; key: string; summary: string }>();
  const calls: StandInRequest[] = [];
  const fake: FakeJira = {
    calls,
    issueCount: () => issues.size,
    authenticate: (email, token) => {
      const person = [ANN, BOB].find((p) => p.email === email && p.token === token);
      return person ? { accountId: person.accountId } : null;
    },
    isKnownAccount: (accountId) => PEOPLE.some((p) => p.accountId === accountId),
    handler: async (req) => {
      calls.push(req);
      const self = 'https://stand-in.local';
      if (req.method === 'GET' && req.path === '/rest/api/3/myself') {
        if (fake.overrideMyself) return { status: 200, body: fake.overrideMyself(req) };
        const person = PEOPLE.find((p) => p.accountId === req.actor?.accountId);
        return {
          status: 200,
          body: {
            accountId: person?.accountId,
            displayName: person?.displayName,
            active: true,
            self: `${self}/rest/api/3/user?accountId=${person?.accountId}`,
          },
        };
      }
      if (req.method === 'POST' && req.path === '/rest/api/3/issue') {
        const fields = (req.body as { fields: { summary: string } }).fields;
        const id = String(10000 + issues.size + 1);
        const key = `OUT-${issues.size + 1}`;
        issues.set(key, { id, key, summary: fields.summary });
        return { status: 201, body: { id, key, self: `${self}/rest/api/3/issue/${id}` } };
      }
      const issueMatch = req.path.match(/^\/rest\/api\/3\/issue\/([^/]+)$/);
      if (req.method === 'GET' && issueMatch) {
        const issue = issues.get(issueMatch[1]);
        if (!issue) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
        return { status: 200, body: { id: issue.id, key: issue.key, self: `${self}/rest/api/3/issue/${issue.id}`, fields: { summary: issue.summary } } };
      }
      if (req.method === 'PUT' && issueMatch) {
        const issue = issues.get(issueMatch[1]);
        if (!issue) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
        issue.summary = (req.body as { fields: { summary: string } }).fields.summary;
        return { status: 204 };
      }
      if (req.method === 'GET' && req.path === '/plain') return { status: 200, body: { anonymous: req.actor === null } };
      if (req.path === '/rest/api/3/serverInfo') throw new Error('the fake broke');
      return { status: 404, body: { errorMessages: ['Not found in the fake'], errors: {} } };
    },
  };
  return fake;
}

export const createBody = (summary: string): string => JSON.stringify({ fields: { summary, project: { key: 'OUT' }, issuetype: { name: 'Task' } } });
