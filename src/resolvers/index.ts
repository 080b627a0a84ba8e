/**
 * The app's one resolver function (`index.resolver` in manifest.yml): every contract resolver validated
 * with the contract's schema (INVALID_INPUT with field errors), run as the signed-in user, and answered
 * in the `Result<T>` envelope — never a thrown error.
 */
import Resolver, { type Request } from '@forge/resolver';
import { RESOLVER_NAMES, fail, ok, parsePayload, type ResolverName, type Result, type ResultOf } from '../contract';
import { invocationClock } from '../forge/clock';
import { readInvocationContext } from './context';
import { toResult } from './errors';
import { guardDefinitions, type ForgeDefinitions } from './guard';
import { HANDLERS } from './handlers';

/** Resolvers that touch no Jira data and so need no signed-in user. */
const ANONYMOUS_OK: ReadonlySet<ResolverName> = new Set(['getTemplate']);

export async function invokeResolver<N extends ResolverName>(name: N, request: Request): Promise<Result<ResultOf<N>>> {
  const payload = parsePayload(name, request.payload);
  if (!payload.ok) return payload;
  const context = readInvocationContext(request.context, invocationClock());
  if (context.accountId === null && !ANONYMOUS_OK.has(name)) return fail('PERMISSION_DENIED', 'Sign in to Atlassian to use Outbound Playbook.');
  try {
    return ok(await HANDLERS[name](payload.data, context));
  } catch (error) {
    return toResult(error, name);
  }
}

export function createResolver(): Resolver {
  const resolver = new Resolver();
  for (const name of RESOLVER_NAMES) resolver.define(name, (request: Request) => invokeResolver(name, request));
  return resolver;
}

/** What Forge calls (`index.resolver`): the resolver's definitions behind the function-key guard. */
export function createResolverDefinitions(): (request: unknown, runtime: unknown) => Promise<unknown> {
  return guardDefinitions(createResolver().getDefinitions() as ForgeDefinitions);
}

export { onIssueChange } from './trigger';
export { nightlyRollup } from './scheduled';
