/** Reading Jira's query parameters and JSON bodies. Pure. */
import { fail } from '../responses';

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A repeatable, comma-separated list parameter (`fields=a,b&fields=c`). */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function queryInt(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) return fail(400, [`The '${name}' parameter must be an integer.`]);
  return value;
}

export function queryBool(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  return raw === null ? fallback : raw.toLowerCase() === 'true';
}

/** The JSON body as an object, or Jira's 400 when it is something else. */
export function objectBody(body: unknown): Json {
  if (!isObject(body)) return fail(400, ['The request body must be a JSON object.']);
  return body;
}
