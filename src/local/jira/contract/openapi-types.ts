/** The parts of an OpenAPI 3.0 document the contract checker reads (everything else is ignored). */

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiMediaTypes {
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: OpenApiMediaTypes & { required?: boolean };
  responses?: Record<string, OpenApiMediaTypes>;
}

export interface OpenApiDocument {
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A light structural check: the documents are trusted, read-only data, but a wrong file should fail clearly. */
export function asOpenApiDocument(value: unknown, file: string): OpenApiDocument {
  if (!isRecord(value) || typeof value.openapi !== 'string' || !isRecord(value.paths)) {
    throw new Error(`${file} is not an OpenAPI 3 document (no "openapi" version or "paths")`);
  }
  return value as unknown as OpenApiDocument;
}
