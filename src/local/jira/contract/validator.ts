/**
 * Checks requests and responses against a published OpenAPI 3.0 document (Ajv 8, strict off).
 * Schemas compile lazily, once per operation/status, so loading the 2.4 MB Jira document is cheap.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  asOpenApiDocument,
  HTTP_METHODS,
  isRecord,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiMediaTypes,
  type OpenApiOperation,
  type OpenApiParameter,
} from './openapi-types';
import { compileTemplate, matchPath, type PathTemplate } from './path-matcher';
import { componentsDocument, type Direction, transformSchema } from './schema-transform';

export interface ContractViolation {
  where: 'request' | 'response';
  operation: string;
  message: string;
}

export interface OperationMatch {
  operationId: string;
  pathTemplate: string;
  pathParams: Record<string, string>;
}

export interface OpenApiContract {
  matchOperation(method: string, path: string): OperationMatch | undefined;
  /** An unknown operation yields exactly one violation. */
  validateRequest(r: { method: string; path: string; query: URLSearchParams; body: unknown }): ContractViolation[];
  /** A status with no response entry (and no `default` or `NXX`) yields a violation. */
  validateResponse(r: { method: string; path: string; status: number; body: unknown }): ContractViolation[];
}

const REF_BASE: Record<Direction, string> = {
  request: 'https://contract.local/request.json',
  response: 'https://contract.local/response.json',
};

/** Jira writes offsets without a colon ("2019-07-05T11:05:00.000+0000"); RFC 3339 wants one. Accept both. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

function createAjv(doc: OpenApiDocument): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addFormat('date-time', DATE_TIME);
  for (const direction of ['request', 'response'] as const) {
    ajv.addSchema(componentsDocument(doc.components, direction, REF_BASE[direction]));
  }
  return ajv;
}

function formatError(error: ErrorObject): string {
  const at = error.instancePath ? `${error.instancePath} ` : '';
  let detail = '';
  if (error.keyword === 'additionalProperties') detail = ` '${String(error.params.additionalProperty)}'`;
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) detail = `: ${error.params.allowedValues.map(String).join(', ')}`;
  return `${at}${error.message ?? error.keyword}${detail}`;
}

function jsonSchemaOf(media: OpenApiMediaTypes | undefined): JsonSchema | undefined {
  const content = media?.content;
  if (!content) return undefined;
  const json = content['application/json'] ?? content['application/json;charset=UTF-8'] ?? content['*/*'];
  return json?.schema;
}

/** Converts query/path strings to the declared type so "50" validates as an integer. */
function coerce(raw: string[], schema: JsonSchema | undefined): unknown {
  const type = schema?.type;
  if (type === 'array') {
    const items = isRecord(schema?.items) ? (schema.items as JsonSchema) : undefined;
    return raw.flatMap((value) => value.split(',')).map((value) => coerce([value], items));
  }
  const value = raw[raw.length - 1];
  if (type === 'integer' || type === 'number') return value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

interface OperationEntry {
  method: string;
  template: string;
  operationId: string;
  operation: OpenApiOperation;
  parameters: OpenApiParameter[];
}

class Contract implements OpenApiContract {
  private readonly ajv: Ajv;
  private readonly templates: PathTemplate[];
  private readonly basePath: string;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    this.ajv = createAjv(doc);
    this.templates = Object.keys(doc.paths).map(compileTemplate);
    const server = doc.servers?.[0]?.url ?? '';
    this.basePath = server.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\/$/, '');
  }

  /** Accepts paths with or without the server's base path (Confluence's `/wiki/api/v2`). */
  private findEntry(method: string, requestPath: string): { entry?: OperationEntry; template?: string; pathParams: Record<string, string> } {
    let match = matchPath(this.templates, requestPath);
    if (!match && this.basePath && requestPath.startsWith(this.basePath)) match = matchPath(this.templates, requestPath.slice(this.basePath.length));
    if (!match) return { pathParams: {} };
    const pathItem = this.doc.paths[match.template];
    const lower = method.toLowerCase();
    const operation = (HTTP_METHODS as readonly string[]).includes(lower) && isRecord(pathItem[lower]) ? (pathItem[lower] as OpenApiOperation) : undefined;
    if (!operation) return { template: match.template, pathParams: match.pathParams };
    const resolve = (list: unknown): OpenApiParameter[] =>
      Array.isArray(list) ? list.map((p) => this.deref(p as OpenApiParameter)).filter((p): p is OpenApiParameter => p !== undefined) : [];
    const shared = resolve(pathItem.parameters);
    const own = resolve(operation.parameters);
    const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
    return {
      entry: {
        method: method.toUpperCase(),
        template: match.template,
        operationId: operation.operationId ?? `${method.toUpperCase()} ${match.template}`,
        operation,
        parameters,
      },
      template: match.template,
      pathParams: match.pathParams,
    };
  }

  /** Follows an OpenAPI-level `$ref` (request bodies, responses, parameters in #/components/...). */
  private deref<T>(value: T | undefined): T | undefined {
    let current: unknown = value;
    for (let hops = 0; hops < 10 && isRecord(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); hops += 1) {
      let target: unknown = this.doc;
      for (const part of current.$ref.slice(2).split('/')) {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        target = isRecord(target) ? target[key] : undefined;
      }
      current = target;
    }
    return current as T | undefined;
  }

  matchOperation(method: string, requestPath: string): OperationMatch | undefined {
    const { entry, pathParams } = this.findEntry(method, requestPath);
    return entry && { operationId: entry.operationId, pathTemplate: entry.template, pathParams };
  }

  private validator(cacheKey: string, schema: JsonSchema, direction: Direction): ValidateFunction {
    let validate = this.validators.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(transformSchema(schema, direction, REF_BASE[direction]) as JsonSchema);
      this.validators.set(cacheKey, validate);
    }
    return validate;
  }

  private check(cacheKey: string, schema: JsonSchema, direction: Direction, value: unknown, prefix: string, entry: OperationEntry): ContractViolation[] {
    const validate = this.validator(cacheKey, schema, direction);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({ where: direction, operation: entry.operationId, message: `${prefix}: ${formatError(error)}` }));
  }

  private unknown(where: Direction, method: string, requestPath: string, template: string | undefined): ContractViolation[] {
    const operation = `${method.toUpperCase()} ${requestPath}`;
    const message = template
      ? `${operation}: the contract has no ${method.toUpperCase()} operation on ${template}`
      : `${operation}: no operation in the contract matches this path`;
    return [{ where, operation, message }];
  }

  validateRequest(r: { method: string; path: string; query: URLSearchParams; body: unknown }): ContractViolation[] {
    const { entry, template, pathParams } = this.findEntry(r.method, r.path);
    if (!entry) return this.unknown('request', r.method, r.path, template);
    const label = `${entry.method} ${entry.template}`;
    const violations: ContractViolation[] = [];
    const violation = (message: string) => violations.push({ where: 'request', operation: entry.operationId, message: `${label} ${message}` });

    for (const param of entry.parameters) {
      if (param.in !== 'path' && param.in !== 'query') continue;
      const raw = param.in === 'path' ? (pathParams[param.name] === undefined ? [] : [pathParams[param.name]]) : r.query.getAll(param.name);
      if (raw.length === 0) {
        if (param.required) violation(`${param.in} parameter '${param.name}' is required`);
        continue;
      }
      if (param.schema) {
        const key = `${entry.method} ${entry.template} param ${param.in} ${param.name}`;
        violations.push(...this.check(key, param.schema, 'request', coerce(raw, param.schema), `${label} ${param.in} parameter '${param.name}'`, entry));
      }
    }
    const declared = new Set(entry.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(r.query.keys())) {
      if (!declared.has(name)) violation(`query parameter '${name}' is not declared`);
    }

    const requestBody = this.deref(entry.operation.requestBody);
    if (r.body === undefined) {
      if (requestBody?.required) violation('request body is required');
    } else if (!requestBody) {
      violation('takes no request body');
    } else {
      const schema = jsonSchemaOf(requestBody);
      if (schema) violations.push(...this.check(`${label} request`, schema, 'request', r.body, `${label} request body`, entry));
    }
    return violations;
  }

  validateResponse(r: { method: string; path: string; status: number; body: unknown }): ContractViolation[] {
    const { entry, template } = this.findEntry(r.method, r.path);
    if (!entry) return this.unknown('response', r.method, r.path, template);
    const label = `${entry.method} ${entry.template}`;
    const responses = entry.operation.responses ?? {};
    const statusKey = [String(r.status), `${Math.floor(r.status / 100)}XX`, 'default'].find((key) => responses[key] !== undefined);
    if (statusKey === undefined) {
      return [
        {
          where: 'response',
          operation: entry.operationId,
          message: `${label} response status ${r.status} is not documented (documented: ${Object.keys(responses).join(', ')})`,
        },
      ];
    }
    const schema = jsonSchemaOf(this.deref(responses[statusKey]));
    // No schema, or the empty schema `{}` Jira gives some 204s: any body, or none, is fine.
    if (!schema || Object.keys(schema).length === 0) return [];
    if (r.body === undefined) return [{ where: 'response', operation: entry.operationId, message: `${label} response ${r.status} body is missing` }];
    return this.check(`${label} response ${statusKey}`, schema, 'response', r.body, `${label} response ${r.status} body`, entry);
  }
}

const contracts = new Map<string, OpenApiContract>();

/** Loads (once per file) the contract of an OpenAPI 3.0 JSON document. */
export function loadOpenApiContract(specFile: string): OpenApiContract {
  const file = path.resolve(specFile);
  let contract = contracts.get(file);
  if (!contract) {
    contract = new Contract(asOpenApiDocument(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file));
    contracts.set(file, contract);
  }
  return contract;
}
