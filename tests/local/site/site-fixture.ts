/**
 * A stand-in site for tests: in memory, the app's real manifest declarations, a clock the test moves, and
 * calls made straight to `site.handle` as a demo user. Every answer is checked against the Jira OpenAPI
 * document (statuses the document does not list, such as 429 or 410, are Jira behaviour it leaves out).
 */
import { join } from 'node:path';
import type { StandInResponse } from '../../../src/local/jira/http-types';
import { JIRA_SPEC_FILE, loadOpenApiContract, type ContractViolation } from '../../../src/local/jira/contract';
import { createJiraSite, DEMO_SITE, loadForgeDeclarations, type JiraSite, type JiraSiteOptions } from '../../../src/local/jira/site';

export const MANIFEST_FILE = join(__dirname, '..', '..', '..', 'manifest.yml');
export const START = Date.parse('2025-03-03T09:00:00.000Z');

export type DemoUser = keyof typeof DEMO_SITE.accounts;

export interface CallOptions {
  query?: Record<string, string | string[]>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Caller {
  accountId: string;
  call(method: string, path: string, options?: CallOptions): Promise<StandInResponse>;
  get(path: string, query?: Record<string, string | string[]>): Promise<StandInResponse>;
  post(path: string, body: unknown, query?: Record<string, string | string[]>): Promise<StandInResponse>;
  put(path: string, body: unknown, query?: Record<string, string | string[]>): Promise<StandInResponse>;
}

export interface SiteFixture {
  site: JiraSite;
  clock: { now: number; advance(ms: number): void };
  as(user: DemoUser): Caller;
  /** Contract problems in any answer so far (undocumented statuses excepted). */
  violations: ContractViolation[];
  close(): void;
}

const contract = loadOpenApiContract(JIRA_SPEC_FILE);

function toQuery(query: Record<string, string | string[]> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params;
}

/**
 * Where the published document and Jira Cloud disagree and the stand-in follows Jira: GET remotelink without
 * `globalId` answers an array of RemoteIssueLink (the document types it as one object).
 */
function isSpecErratum(violation: ContractViolation, body: unknown): boolean {
  return violation.operation === 'getRemoteIssueLinks' && Array.isArray(body) && violation.message.endsWith('must be object');
}

/** What the transport hands over: the body as JSON would carry it (undefined members dropped). */
const asJson = (body: unknown): unknown => (body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown));

export function createFixture(options: Partial<JiraSiteOptions> = {}): SiteFixture {
  const clock = {
    now: START,
    advance(ms: number) {
      clock.now += ms;
    },
  };
  const site = createJiraSite({
    dataDir: null,
    declarations: loadForgeDeclarations(MANIFEST_FILE),
    clock: () => new Date(clock.now),
    logger: () => undefined,
    ...options,
  });
  const violations: ContractViolation[] = [];
  const as = (user: DemoUser): Caller => {
    const accountId = DEMO_SITE.accounts[user].accountId;
    const call = async (method: string, path: string, o: CallOptions = {}) => {
      const response = await site.handle({
        method,
        path,
        query: toQuery(o.query),
        headers: { host: 'jira.test', ...o.headers },
        body: asJson(o.body),
        actor: { accountId },
      });
      const noContent = response.body === undefined && (response.status === 204 || response.status === 201 || response.status === 200);
      if (!noContent)
        violations.push(
          ...contract
            .validateResponse({ method, path, status: response.status, body: response.body })
            .filter((v) => !v.message.includes('is not documented') && !isSpecErratum(v, response.body)),
        );
      return response;
    };
    return {
      accountId,
      call,
      get: (path, query) => call('GET', path, { query }),
      post: (path, body, query) => call('POST', path, { body, query }),
      put: (path, body, query) => call('PUT', path, { body, query }),
    };
  };
  return { site, clock, as, violations, close: () => site.close() };
}

export const API = '/rest/api/3';

/** A minimal valid ADF document. */
export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export interface Created {
  id: string;
  key: string;
}

/** Creates an issue and fails the test with Jira's answer when it is not 201. */
export async function createIssue(caller: Caller, fields: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Created> {
  const response = await caller.post(`${API}/issue`, {
    fields: { project: { key: 'OUT' }, issuetype: { name: 'Task' }, summary: 'A task', ...fields },
    ...extra,
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Created;
}

export const bodyOf = (response: StandInResponse) => response.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Adds a project only PM may see (to test that Jira hides what a user may not browse). */
export function addHiddenProject(site: JiraSite): void {
  site.store.putProject({
    id: '10009',
    key: 'HIDE',
    name: 'Hidden',
    description: 'Only PM can browse this.',
    leadAccountId: DEMO_SITE.accounts.pm.accountId,
    grants: {
      [DEMO_SITE.accounts.pm.accountId]: [
        'BROWSE_PROJECTS',
        'CREATE_ISSUES',
        'EDIT_ISSUES',
        'ASSIGNABLE_USER',
        'ASSIGN_ISSUES',
        'LINK_ISSUES',
        'TRANSITION_ISSUES',
      ],
    },
  });
}
