import * as fs from 'node:fs';
import type * as SpecFiles from '../../../src/local/jira/contract/spec-files';
import * as path from 'node:path';
import { CONFLUENCE_SPEC_FILE, JIRA_SPEC_FILE, loadOpenApiContract } from '../../../src/local/jira/contract';

const jira = loadOpenApiContract(JIRA_SPEC_FILE);
const noQuery = new URLSearchParams();
const request = (method: string, p: string, body?: unknown, query = noQuery) => jira.validateRequest({ method, path: p, query, body });
const response = (method: string, p: string, status: number, body?: unknown) => jira.validateResponse({ method, path: p, status, body });
const messages = (violations: Array<{ message: string }>) => violations.map((v) => v.message);

const validCreate = {
  fields: {
    project: { key: 'OUT' },
    issuetype: { id: '10001' },
    summary: 'Design payment flow',
    parent: { key: 'OUT-1' },
    labels: ['outbound-playbook'],
    duedate: '2026-03-20',
    description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Step 3' }] }] },
  },
  properties: [{ key: 'outbound-playbook', value: { kind: 'step', step: 3, phase: 'Design' } }],
};

const searchIssue = {
  id: '10002',
  key: 'OUT-2',
  self: 'https://example.atlassian.net/rest/api/3/issue/10002',
  expand: '',
  fields: { summary: 'Design payment flow', created: '2026-03-02T10:00:00.000+0000', status: { name: 'In Progress' } },
  properties: { 'outbound-playbook': { step: 3 } },
};

describe('spec files', () => {
  it('point at shared/specs beside the repository (or OUTBOUND_PLAYBOOK_SPECS_DIR when CI sets it)', () => {
    const override = process.env.OUTBOUND_PLAYBOOK_SPECS_DIR;
    const specsDir = override ? path.resolve(override) : path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'specs');
    expect(JIRA_SPEC_FILE).toBe(path.join(specsDir, 'jira-platform-openapi.json'));
    expect(path.basename(CONFLUENCE_SPEC_FILE)).toBe('confluence-v2-openapi.json');
    expect(fs.existsSync(JIRA_SPEC_FILE) && fs.existsSync(CONFLUENCE_SPEC_FILE)).toBe(true);
  });

  it('honour OUTBOUND_PLAYBOOK_SPECS_DIR', () => {
    const previous = process.env.OUTBOUND_PLAYBOOK_SPECS_DIR;
    process.env.OUTBOUND_PLAYBOOK_SPECS_DIR = '/elsewhere/specs';
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const files = require('../../../src/local/jira/contract/spec-files') as typeof SpecFiles;
        expect(files.JIRA_SPEC_FILE).toBe('/elsewhere/specs/jira-platform-openapi.json');
      });
    } finally {
      if (previous === undefined) delete process.env.OUTBOUND_PLAYBOOK_SPECS_DIR;
      else process.env.OUTBOUND_PLAYBOOK_SPECS_DIR = previous;
    }
  });

  it('are loaded once per file', () => {
    expect(loadOpenApiContract(JIRA_SPEC_FILE)).toBe(jira);
  });
});

describe('Jira operation matching', () => {
  it('prefers literal segments over parameters', () => {
    expect(jira.matchOperation('POST', '/rest/api/3/issue/bulk')).toEqual({
      operationId: 'createIssues',
      pathTemplate: '/rest/api/3/issue/bulk',
      pathParams: {},
    });
    expect(jira.matchOperation('GET', '/rest/api/3/issue/OUT-1')).toEqual({
      operationId: 'getIssue',
      pathTemplate: '/rest/api/3/issue/{issueIdOrKey}',
      pathParams: { issueIdOrKey: 'OUT-1' },
    });
  });

  it('decodes path parameters', () => {
    expect(jira.matchOperation('PUT', '/rest/api/3/issue/OUT-1/properties/outbound%2Dplaybook')?.pathParams).toEqual({
      issueIdOrKey: 'OUT-1',
      propertyKey: 'outbound-playbook',
    });
  });

  it('knows nothing of undocumented paths or methods', () => {
    expect(jira.matchOperation('GET', '/rest/api/3/nope')).toBeUndefined();
    expect(jira.matchOperation('PATCH', '/rest/api/3/issue/bulk')).toBeUndefined();
  });
});

describe('Jira requests', () => {
  it('accepts a valid create issue', () => {
    expect(request('POST', '/rest/api/3/issue', validCreate, new URLSearchParams('updateHistory=false'))).toEqual([]);
  });

  it('reports every problem of an invalid create issue, with the JSON pointer of each', () => {
    const body = { ...validCreate, properties: [{ key: 7, value: {} }], update: { labels: { add: 'x' } }, transition: 'Done' };
    expect(request('POST', '/rest/api/3/issue', body)).toEqual(
      [
        'POST /rest/api/3/issue request body: /properties/0/key must be string',
        'POST /rest/api/3/issue request body: /transition must be object',
        'POST /rest/api/3/issue request body: /update/labels must be array',
      ].map((message) => ({ where: 'request', operation: 'createIssue', message })),
    );
  });

  it('reports a malformed bulk create precisely', () => {
    expect(request('POST', '/rest/api/3/issue/bulk', { issueUpdates: [validCreate, { fields: 'x' }] })).toEqual([
      {
        where: 'request',
        operation: 'createIssues',
        message: 'POST /rest/api/3/issue/bulk request body: /issueUpdates/0/fields must be object'.replace('/0/', '/1/'),
      },
    ]);
  });

  it('reports a missing required body and a body where none is taken', () => {
    expect(messages(request('POST', '/rest/api/3/issue/bulk'))).toEqual(['POST /rest/api/3/issue/bulk request body is required']);
    expect(messages(request('GET', '/rest/api/3/issue/OUT-1', { x: 1 }))).toEqual(['GET /rest/api/3/issue/{issueIdOrKey} takes no request body']);
  });

  it('coerces and checks query parameters', () => {
    const ok = new URLSearchParams('jql=project%20%3D%20OUT&maxResults=100&fields=summary,status&fields=parent&fieldsByKeys=true&reconcileIssues=10001,10002');
    expect(request('GET', '/rest/api/3/search/jql', undefined, ok)).toEqual([]);
    const bad = new URLSearchParams('jql=x&maxResults=many&fieldsByKeys=yes&reconcileIssues=10001,abc&maxResult=5');
    expect(messages(request('GET', '/rest/api/3/search/jql', undefined, bad))).toEqual([
      "GET /rest/api/3/search/jql query parameter 'maxResults': must be integer",
      "GET /rest/api/3/search/jql query parameter 'fieldsByKeys': must be boolean",
      "GET /rest/api/3/search/jql query parameter 'reconcileIssues': /1 must be integer",
      "GET /rest/api/3/search/jql query parameter 'maxResult' is not declared",
    ]);
  });

  it('requires required query parameters', () => {
    expect(messages(request('GET', '/rest/api/3/bulk/issues/fields'))).toEqual([
      "GET /rest/api/3/bulk/issues/fields query parameter 'issueIdsOrKeys' is required",
    ]);
  });

  it('checks the Forge custom field value update', () => {
    const body = { updates: [{ customField: 'customfield_10100', issueIds: [10002, 10003], value: 'Design' }] };
    expect(request('POST', '/rest/api/3/app/field/value', body, new URLSearchParams('generateChangelog=false'))).toEqual([]);
    expect(messages(request('POST', '/rest/api/3/app/field/value', { updates: [{ customField: 'x', issueIds: ['OUT-2'], value: 'y', extra: 1 }] }))).toEqual([
      "POST /rest/api/3/app/field/value request body: /updates/0 must NOT have additional properties 'extra'",
      'POST /rest/api/3/app/field/value request body: /updates/0/issueIds/0 must be integer',
    ]);
  });

  it('reports an unknown operation as one violation', () => {
    expect(request('GET', '/rest/api/3/nope')).toEqual([
      { where: 'request', operation: 'GET /rest/api/3/nope', message: 'GET /rest/api/3/nope: no operation in the contract matches this path' },
    ]);
    expect(messages(request('PATCH', '/rest/api/3/issue/bulk'))).toEqual([
      'PATCH /rest/api/3/issue/bulk: the contract has no PATCH operation on /rest/api/3/issue/bulk',
    ]);
  });
});

describe('Jira responses', () => {
  it('accepts a search/jql page with Jira-style timestamps', () => {
    expect(response('GET', '/rest/api/3/search/jql', 200, { issues: [searchIssue], isLast: false, nextPageToken: 'abc' })).toEqual([]);
  });

  it('rejects fields the search/jql result does not declare', () => {
    expect(messages(response('GET', '/rest/api/3/search/jql', 200, { issues: [searchIssue], total: 1 }))).toEqual([
      "GET /rest/api/3/search/jql response 200 body: must NOT have additional properties 'total'",
    ]);
    expect(messages(response('GET', '/rest/api/3/search/jql', 200, { issues: [{ ...searchIssue, id: 10002 }] }))).toEqual([
      'GET /rest/api/3/search/jql response 200 body: /issues/0/id must be string',
    ]);
  });

  it('accepts a bulk create 201 with partial errors', () => {
    const body = {
      issues: [{ id: '10002', key: 'OUT-2', self: 'https://example.atlassian.net/rest/api/3/issue/10002' }],
      errors: [{ status: 400, failedElementNumber: 1, elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } } }],
    };
    expect(response('POST', '/rest/api/3/issue/bulk', 201, body)).toEqual([]);
    expect(messages(response('POST', '/rest/api/3/issue/bulk', 201, { ...body, errors: [{ status: '400' }] }))).toEqual([
      'POST /rest/api/3/issue/bulk response 201 body: /errors/0/status must be integer',
    ]);
  });

  it('reports undocumented statuses and missing bodies', () => {
    expect(response('POST', '/rest/api/3/issue/bulk', 429, {})).toEqual([
      {
        where: 'response',
        operation: 'createIssues',
        message: 'POST /rest/api/3/issue/bulk response status 429 is not documented (documented: 201, 400, 401)',
      },
    ]);
    expect(messages(response('POST', '/rest/api/3/issue', 201))).toEqual(['POST /rest/api/3/issue response 201 body is missing']);
    expect(response('POST', '/rest/api/3/app/field/value', 204)).toEqual([]);
  });

  it('checks error bodies where the contract gives them a schema', () => {
    expect(response('POST', '/rest/api/3/issue', 400, { errorMessages: [], errors: { summary: 'required' } })).toEqual([]);
    expect(messages(response('POST', '/rest/api/3/issue', 400, { errorMessages: 'bad' }))).toEqual([
      'POST /rest/api/3/issue response 400 body: /errorMessages must be array',
    ]);
  });
});

describe('Confluence contract', () => {
  const confluence = loadOpenApiContract(CONFLUENCE_SPEC_FILE);

  it('matches paths with or without the /wiki/api/v2 base path', () => {
    expect(confluence.matchOperation('GET', '/wiki/api/v2/pages/123')).toMatchObject({ pathTemplate: '/pages/{id}', pathParams: { id: '123' } });
    expect(confluence.matchOperation('GET', '/pages/123')).toMatchObject({ pathTemplate: '/pages/{id}' });
  });

  it('validates page creation', () => {
    const body = { spaceId: '65538', status: 'current', title: 'Outbound plan', body: { representation: 'storage', value: '<p>x</p>' } };
    expect(confluence.validateRequest({ method: 'POST', path: '/wiki/api/v2/pages', query: new URLSearchParams(), body })).toEqual([]);
    expect(
      confluence.validateRequest({ method: 'POST', path: '/wiki/api/v2/pages', query: new URLSearchParams(), body: { ...body, status: 'published' } }).length,
    ).toBeGreaterThan(0);
  });
});
