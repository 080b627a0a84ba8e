/**
 * Published template versions (the template store, Forge KVS) as the engine's Playbook: the one conversion
 * every use case shares, so a plan on a published version reads, previews and generates from that version.
 */
import { BUILT_IN_PLAYBOOKS, derivePlaybook, type Playbook, type PlaybookData } from '../core';

/** What the read and planning paths need of the template store. */
export interface PublishedTemplates {
  get(version: string): Promise<PlaybookData | null>;
  current(): Promise<PlaybookData>;
}

/** The latest published version (the built-in one when none is). */
export async function currentPlaybook(templates: Pick<PublishedTemplates, 'current'>): Promise<Playbook> {
  return derivePlaybook(await templates.current());
}

/** One version by number, read from the store; null when no such version was published. */
export function playbookVersionsOf(templates: Pick<PublishedTemplates, 'get'>): (version: string) => Promise<Playbook | null> {
  return async (version) => {
    const data = await templates.get(version);
    return data ? derivePlaybook(data) : null;
  };
}

/** Whether the app ships this version (no store read needed). */
export function isBuiltInVersion(version: string): boolean {
  return BUILT_IN_PLAYBOOKS.some((t) => t.version === version);
}
