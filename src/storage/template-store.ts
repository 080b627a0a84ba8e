/**
 * Published playbook template versions in Forge KVS. The built-in v1.5 is the first version; each later
 * version is stored under the key of the version it was based on (`…:template:after:<base>`), written once
 * with `FAIL_IF_EXISTS`. That one atomic write both publishes and is the optimistic-concurrency check: of two
 * admins publishing from the same base, exactly one wins, the other gets a conflict, and nothing stored is
 * ever overwritten (published versions are immutable). The history is the chain from the built-in version;
 * reading it costs one get per published version (a few a year).
 */
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import { BUILT_IN_TEMPLATE, TemplateInvalidError, releaseErrors, sameData, validateTemplate, type PlaybookData, type TemplateFieldError } from '../core';

export type PublishOutcome =
  /** `alreadyPublished`: this exact draft was published before (a retried publish), nothing was written. */
  | { ok: true; template: PlaybookData; alreadyPublished: boolean }
  /** The current version is no longer the draft's base; the caller still holds the draft. */
  | { ok: false; reason: 'conflict'; current: string; message: string }
  | { ok: false; reason: 'invalid'; errors: TemplateFieldError[]; message: string }
  | { ok: false; reason: 'unknown-base'; message: string };

export interface PublishRequest {
  /** The complete next version: its `version` and its change log ending with the new entry (see `prepareRelease`). */
  draft: PlaybookData;
  /** The version the draft was edited from; publishing fails with a conflict unless it is still the current one. */
  basedOn: string;
}

export interface TemplateStore {
  /** The latest published version, else the built-in one. */
  current(): Promise<PlaybookData>;
  /** Every version, oldest (the built-in) first. */
  history(): Promise<PlaybookData[]>;
  /** One version by number, or null when there is no such version. */
  get(version: string): Promise<PlaybookData | null>;
  publish(request: PublishRequest): Promise<PublishOutcome>;
}

export interface KvsTemplateStoreOptions {
  /** Key prefix, e.g. to keep environments apart in tests. */
  prefix?: string;
  /** The first version (default: the built-in v1.5). */
  builtIn?: PlaybookData;
}

interface StoredVersion {
  basedOn: string;
  template: PlaybookData;
}

function isConflict(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails.status === 409 || error.code === 'KEY_CONFLICT');
}

export function createKvsTemplateStore(options: KvsTemplateStoreOptions = {}): TemplateStore {
  const prefix = options.prefix ?? 'playbook';
  const builtIn = options.builtIn ?? BUILT_IN_TEMPLATE;
  const successorKey = (version: string) => `${prefix}:template:after:${version}`;

  async function successorOf(version: string): Promise<StoredVersion | null> {
    const raw = await kvs.get<StoredVersion>(successorKey(version));
    if (raw === undefined || raw === null) return null;
    const checked = validateTemplate(raw.template);
    // Only this module writes these keys, and only valid templates: anything else is a corrupted store.
    if (!checked.ok || raw.basedOn !== version)
      throw new TemplateInvalidError(checked.ok ? [{ path: 'basedOn', message: `stored after ${version} but based on ${raw.basedOn}` }] : checked.errors);
    return { basedOn: raw.basedOn, template: checked.template };
  }

  async function history(): Promise<PlaybookData[]> {
    const versions = [builtIn];
    for (let next = await successorOf(builtIn.version); next; next = await successorOf(next.template.version)) versions.push(next.template);
    return versions;
  }

  function conflict(basedOn: string, current: string): PublishOutcome {
    return {
      ok: false,
      reason: 'conflict',
      current,
      message: `Version ${current} was published after ${basedOn}, the version this draft was edited from. The draft is kept: compare it with ${current} and publish it as the next version.`,
    };
  }

  return {
    history,

    async current() {
      const versions = await history();
      return versions[versions.length - 1];
    },

    async get(version) {
      return (await history()).find((t) => t.version === version) ?? null;
    },

    async publish({ draft, basedOn }) {
      const checked = validateTemplate(draft);
      if (!checked.ok)
        return {
          ok: false,
          reason: 'invalid',
          errors: checked.errors,
          message: `The draft is not a valid template (${checked.errors.length} problem${checked.errors.length === 1 ? '' : 's'}).`,
        };
      const versions = await history();
      const baseIndex = versions.findIndex((t) => t.version === basedOn);
      if (baseIndex < 0) return { ok: false, reason: 'unknown-base', message: `There is no published version ${basedOn} to base a draft on.` };
      const successor = versions[baseIndex + 1];
      // A retried publish (the first attempt's answer was lost) finds its own version already there.
      if (successor && sameData(successor, checked.template)) return { ok: true, template: successor, alreadyPublished: true };
      if (successor) return conflict(basedOn, versions[versions.length - 1].version);
      const errors = releaseErrors(versions[baseIndex], checked.template);
      if (errors.length > 0)
        return { ok: false, reason: 'invalid', errors, message: `The draft cannot follow ${basedOn}: ${errors.map((e) => e.message).join('; ')}.` };
      const record: StoredVersion = { basedOn, template: checked.template };
      try {
        await kvs.set(successorKey(basedOn), record, { keyPolicy: 'FAIL_IF_EXISTS' });
      } catch (error) {
        if (!isConflict(error)) throw error;
        // Another publish from the same base won the race between our read and our write.
        const winner = await successorOf(basedOn);
        if (winner && sameData(winner.template, checked.template)) return { ok: true, template: winner.template, alreadyPublished: true };
        const latest = await history();
        return conflict(basedOn, latest[latest.length - 1].version);
      }
      return { ok: true, template: checked.template, alreadyPublished: false };
    },
  };
}
