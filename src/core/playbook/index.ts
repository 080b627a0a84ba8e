/** Versioned playbook templates. Plans record the version they were built from, so old versions stay loadable. */
import { derivePlaybook } from './schema';
import type { Playbook, PlaybookData } from './types';
import { PLAYBOOK_V1_5 } from './v1_5';

/** Every version the app ships, as data (tests check each against the schema with `loadPlaybook`). */
export const BUILT_IN_PLAYBOOKS: readonly PlaybookData[] = [PLAYBOOK_V1_5];

const PLAYBOOKS: ReadonlyMap<string, Playbook> = new Map(BUILT_IN_PLAYBOOKS.map((data) => [data.version, derivePlaybook(data)]));

export const CURRENT_PLAYBOOK_VERSION = '1.5';
export const CURRENT_PLAYBOOK: Playbook = PLAYBOOKS.get(CURRENT_PLAYBOOK_VERSION)!;

export class UnknownPlaybookVersionError extends Error {
  constructor(readonly version: string) {
    super(`No playbook version ${version} (known: ${[...PLAYBOOKS.keys()].join(', ')})`);
    this.name = 'UnknownPlaybookVersionError';
  }
}

export function getPlaybook(version: string): Playbook {
  const playbook = PLAYBOOKS.get(version);
  if (!playbook) throw new UnknownPlaybookVersionError(version);
  return playbook;
}

export function playbookVersions(): string[] {
  return [...PLAYBOOKS.keys()];
}

export { derivePlaybook, loadPlaybook, playbookDataSchema } from './schema';
export { PLAYBOOK_V1_5 } from './v1_5';
export * from './types';
