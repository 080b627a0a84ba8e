/**
 * Adapts OpenAPI 3.0 schemas to JSON Schema for Ajv:
 * - `$ref: '#/components/...'` points into a named copy of the components (`<base>#/components/...`);
 * - `nullable: true` without `type` becomes `anyOf: [{type: 'null'}, ...]` (Ajv handles it with `type`);
 * - direction-specific `required`: readOnly properties are not required in requests, writeOnly ones
 *   not in responses;
 * - `oneOf` is read as `anyOf`: Atlassian's documents list overlapping, open alternatives (Confluence's
 *   page `body` is `oneOf` two schemas that both accept `{representation, value}`), which strict
 *   JSON Schema would reject for every payload;
 * - documentation-only keywords (examples) are dropped to keep the compiled set small.
 */
import { isRecord, type JsonSchema } from './openapi-types';

export type Direction = 'request' | 'response';

const DROPPED = new Set(['example', 'examples', 'externalDocs', 'xml', 'description', 'title']);

export function transformSchema(schema: unknown, direction: Direction, refBase: string): unknown {
  if (!isRecord(schema)) return schema;
  const recurse = (value: unknown) => transformSchema(value, direction, refBase);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    switch (key) {
      case '$ref':
        out.$ref = typeof value === 'string' && value.startsWith('#/') ? `${refBase}${value}` : value;
        break;
      case 'properties':
      case 'patternProperties':
        out[key] = isRecord(value) ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, recurse(sub)])) : value;
        break;
      case 'items':
        out[key] = Array.isArray(value) ? value.map(recurse) : recurse(value);
        break;
      case 'additionalProperties':
      case 'not':
        out[key] = recurse(value);
        break;
      case 'allOf':
      case 'anyOf':
        out[key] = Array.isArray(value) ? value.map(recurse) : value;
        break;
      case 'oneOf':
        break; // merged below as anyOf
      default:
        out[key] = value;
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const alternatives = { anyOf: schema.oneOf.map(recurse) };
    if (out.anyOf === undefined) out.anyOf = alternatives.anyOf;
    else out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), alternatives];
  }
  if (Array.isArray(out.required) && isRecord(out.properties)) {
    const properties = out.properties;
    const skip = direction === 'request' ? 'readOnly' : 'writeOnly';
    out.required = out.required.filter((name) => {
      const property = properties[String(name)];
      return !(isRecord(property) && property[skip] === true);
    });
  }
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  if (out.nullable === false) delete out.nullable;
  return out;
}

/** The components object, transformed, as one schema document Ajv can resolve `<base>#/components/...` in. */
export function componentsDocument(components: unknown, direction: Direction, refBase: string): JsonSchema {
  const schemas = isRecord(components) && isRecord(components.schemas) ? components.schemas : {};
  return {
    $id: refBase,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, transformSchema(schema, direction, refBase)])),
    },
  };
}
