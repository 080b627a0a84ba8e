/** The parts of the Forge view context the apps read, picked out of the host's untyped answer. */
import { view } from '@forge/bridge';

export interface AppContext {
  accountId: string | null;
  siteUrl: string;
  moduleKey: string;
  localId: string | null;
  issueKey: string | null;
  projectKey: string | null;
  contentId: string | null;
  spaceKey: string | null;
  /** The macro's saved configuration (untrusted: the resolver re-validates it). */
  config: unknown;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null);

export function readContext(raw: unknown): AppContext {
  const context = record(raw);
  const extension = record(context.extension);
  return {
    accountId: text(context.accountId),
    siteUrl: text(context.siteUrl) ?? '',
    moduleKey: text(context.moduleKey) ?? '',
    localId: text(context.localId),
    issueKey: text(record(extension.issue).key),
    projectKey: text(record(extension.project).key),
    contentId: text(record(extension.content).id),
    spaceKey: text(record(extension.space).key),
    config: extension.config ?? null,
  };
}

export async function loadContext(): Promise<AppContext> {
  return readContext(await view.getContext());
}
