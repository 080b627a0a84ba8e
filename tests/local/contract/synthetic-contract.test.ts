import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadOpenApiContract, type OpenApiContract } from '../../../src/local/jira/contract';

/** A small OpenAPI 3.0 document exercising each rule the checker applies. */
const SPEC = {
  openapi: '3.0.1',
  servers: [{ url: 'https://{site}/base/v1' }],
  paths: {
    '/things/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: { operationId: 'getThing', responses: { '2XX': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } },
      put: {
        operationId: 'putThing',
        requestBody: { $ref: '#/components/requestBodies/ThingBody' },
        responses: { default: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
      },
    },
    '/things/search': { get: { operationId: 'searchThings', responses: { '200': { description: 'no content schema' } } } },
    '/things/{id}/parts/{part}': { get: { operationId: 'getPart', responses: { '200': {} } } },
    '/things/{id}/parts/main': { get: { operationId: 'getMainPart', responses: { '200': {} } } },
  },
  components: {
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } },
    requestBodies: { ThingBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'secret'],
        properties: {
          id: { type: 'integer', readOnly: true },
          name: { type: 'string' },
          secret: { type: 'string', writeOnly: true },
          note: { nullable: true, allOf: [{ $ref: '#/components/schemas/Note' }] },
          size: { type: 'integer', nullable: true },
          when: { type: 'string', format: 'date-time' },
        },
      },
      Note: { type: 'object', properties: { text: { type: 'string' } } },
      Error: { type: 'object', required: ['errorMessages'], properties: { errorMessages: { type: 'array', items: { type: 'string' } } } },
    },
  },
};

let contract: OpenApiContract;
beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
  const file = path.join(dir, 'spec.json');
  fs.writeFileSync(file, JSON.stringify(SPEC));
  contract = loadOpenApiContract(file);
});

const put = (body: unknown, id = '7') =>
  contract.validateRequest({ method: 'PUT', path: `/things/${id}`, query: new URLSearchParams(), body }).map((v) => v.message);
const got = (body: unknown, status = 200) => contract.validateResponse({ method: 'GET', path: '/base/v1/things/7', status, body }).map((v) => v.message);

describe('OpenAPI 3.0 rules', () => {
  it('does not require readOnly properties in requests, nor writeOnly ones in responses', () => {
    expect(put({ name: 'a', secret: 's' })).toEqual([]);
    expect(put({ name: 'a' })).toEqual(["PUT /things/{id} request body: must have required property 'secret'"]);
    expect(got({ id: 1, name: 'a' })).toEqual([]);
    expect(got({ name: 'a' })).toEqual(["GET /things/{id} response 200 body: must have required property 'id'"]);
  });

  it('accepts null where a schema is nullable, with or without a type', () => {
    expect(put({ name: 'a', secret: 's', note: null, size: null })).toEqual([]);
    expect(put({ name: 'a', secret: 's', note: { text: 'x' }, size: 3 })).toEqual([]);
    expect(put({ name: 'a', secret: 's', note: 5 })).toContain('PUT /things/{id} request body: /note must be object');
  });

  it('applies additionalProperties as declared and accepts Jira and RFC 3339 timestamps', () => {
    expect(put({ name: 'a', secret: 's', color: 'red' })).toEqual(["PUT /things/{id} request body: must NOT have additional properties 'color'"]);
    expect(put({ name: 'a', secret: 's', when: '2026-03-10T15:30:00.000+0000' })).toEqual([]);
    expect(put({ name: 'a', secret: 's', when: '2026-03-10T15:30:00Z' })).toEqual([]);
    expect(put({ name: 'a', secret: 's', when: '10/03/2026' })).toEqual(['PUT /things/{id} request body: /when must match format "date-time"']);
  });

  it('resolves referenced parameters and checks path parameter types', () => {
    expect(put({ name: 'a', secret: 's' }, 'abc')).toEqual(["PUT /things/{id} path parameter 'id': must be integer"]);
  });

  it('uses NXX and default response entries', () => {
    expect(contract.validateResponse({ method: 'GET', path: '/things/7', status: 203, body: { id: 1, name: 'a' } })).toEqual([]);
    expect(contract.validateResponse({ method: 'PUT', path: '/things/7', status: 500, body: { errorMessages: ['boom'] } })).toEqual([]);
    expect(contract.validateResponse({ method: 'PUT', path: '/things/7', status: 500, body: {} }).map((v) => v.message)).toEqual([
      "PUT /things/{id} response 500 body: must have required property 'errorMessages'",
    ]);
    expect(contract.validateResponse({ method: 'GET', path: '/things/search', status: 200, body: { anything: true } })).toEqual([]);
    expect(contract.validateResponse({ method: 'GET', path: '/things/search', status: 404, body: {} })).toHaveLength(1);
  });

  it('prefers the template whose first differing segment is literal', () => {
    expect(contract.matchOperation('GET', '/things/search')?.operationId).toBe('searchThings');
    expect(contract.matchOperation('GET', '/things/7')?.operationId).toBe('getThing');
    expect(contract.matchOperation('GET', '/things/7/parts/main')?.operationId).toBe('getMainPart');
    expect(contract.matchOperation('GET', '/base/v1/things/7/parts/side')).toEqual({
      operationId: 'getPart',
      pathTemplate: '/things/{id}/parts/{part}',
      pathParams: { id: '7', part: 'side' },
    });
  });
});
