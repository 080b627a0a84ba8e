/**
 * What a resolver reads from the Forge request: who is calling (`context.accountId`, which @forge/resolver
 * takes from the runtime principal) and where (`context.extension`: the issue, project, page, macro config).
 * The context is untyped on the wire, so it is parsed, never trusted as-is.
 */
import { z } from 'zod';
import type { PageRef } from '../contract';
import type { InvocationClock } from '../forge/clock';

const idLike = z.union([z.string(), z.number()]).transform(String);

const contextSchema = z.looseObject({
  accountId: z.string().min(1).optional(),
  localId: z.string().optional().nullable(),
  moduleKey: z.string().optional(),
  siteUrl: z.string().optional(),
  extension: z
    .looseObject({
      issue: z.looseObject({ key: z.string().optional(), id: idLike.optional() }).optional(),
      project: z.looseObject({ key: z.string().optional(), id: idLike.optional() }).optional(),
      content: z.looseObject({ id: idLike.optional() }).optional(),
      space: z.looseObject({ key: z.string().optional() }).optional(),
      config: z.unknown().optional(),
    })
    .optional(),
});

export interface InvocationContext {
  /** Null for an anonymous caller. */
  accountId: string | null;
  localId: string | null;
  moduleKey: string | null;
  issueKey: string | null;
  projectKey: string | null;
  /** The Confluence page hosting the macro, as generation links back to it, with the macro instance (`localId`). */
  hostPage: PageRef | null;
  /** The macro's saved configuration (untrusted). */
  macroConfig: unknown;
  /** The invocation's clock, read once when it started: the only "today" the handlers pass on. */
  clock: InvocationClock;
}

export function readInvocationContext(raw: unknown, clock: InvocationClock): InvocationContext {
  const parsed = contextSchema.safeParse(raw);
  const c = parsed.success ? parsed.data : {};
  const ext = 'extension' in c && c.extension ? c.extension : {};
  const contentId = ext.content?.id;
  const localId = ('localId' in c && c.localId) || null;
  const siteUrl = 'siteUrl' in c ? c.siteUrl : undefined;
  const space = ext.space?.key ? `spaces/${encodeURIComponent(ext.space.key)}/` : '';
  return {
    accountId: ('accountId' in c && c.accountId) || null,
    localId,
    moduleKey: ('moduleKey' in c && c.moduleKey) || null,
    issueKey: ext.issue?.key ?? null,
    projectKey: ext.project?.key ?? null,
    // The one place the page's address is derived (plan ids depend on it and on the macro's localId), and the only
    // source of the page a plan links back to: the payload cannot name one, and the UIs never build it.
    hostPage:
      contentId && siteUrl
        ? { id: contentId, url: `${siteUrl.replace(/\/+$/, '')}/wiki/${space}pages/${encodeURIComponent(contentId)}`, ...(localId ? { macroId: localId } : {}) }
        : null,
    macroConfig: ext.config,
    clock,
  };
}
