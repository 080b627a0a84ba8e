/**
 * The one gate in front of every resolver. @forge/resolver finds a handler with `functionKey in functions`,
 * so inherited names (`constructor`, `toString`, `__proto__`, `valueOf`, `hasOwnProperty`) reach it and
 * answer with the caller's invocation context or a raw TypeError. On Forge the browser chooses the function
 * key, so only the contract's own, declared names pass; everything else — and anything that throws past a
 * handler — answers the contract's error envelope, never a message or stack from inside.
 */
import { fail, isResolverName, type Result } from '../contract';

export type ForgeDefinitions = (request: unknown, runtime: unknown) => Promise<unknown>;

/** A key shown back to the caller only when it is short and plain; anything else is not echoed. */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function functionKeyOf(request: unknown): unknown {
  if (typeof request !== 'object' || request === null) return undefined;
  const call = Object.prototype.hasOwnProperty.call(request, 'call') ? (request as { call?: unknown }).call : undefined;
  if (typeof call !== 'object' || call === null || !Object.prototype.hasOwnProperty.call(call, 'functionKey')) return undefined;
  return (call as { functionKey?: unknown }).functionKey;
}

export function guardDefinitions(definitions: ForgeDefinitions): (request: unknown, runtime: unknown) => Promise<unknown> {
  return async (request, runtime) => {
    const functionKey = functionKeyOf(request);
    if (!isResolverName(functionKey)) {
      const named = typeof functionKey === 'string' && PLAIN_KEY.test(functionKey) ? ` "${functionKey}"` : '';
      return fail('INVALID_INPUT', `Outbound Playbook has no function${named}.`) satisfies Result<never>;
    }
    try {
      return await definitions(request, runtime);
    } catch (error) {
      console.error(`Outbound Playbook: ${functionKey} failed outside its handler`, error);
      return fail('INTERNAL', `Something went wrong in Outbound Playbook (${functionKey}). Try again; if it keeps happening, tell your Jira admin.`);
    }
  };
}
