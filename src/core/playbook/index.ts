/** Versioned playbook templates. Plans record the version they were built from, so old versions stay loadable. */
import { derivePlaybook } from './schema';
import type { Playbook, PlaybookData } from './types';
import { PLAYBOOK_V1_5 } from './v1_5';

/** Every version the app ships, as data (tests check each against the schema with `loadPlaybook`). */
export const BUILT_IN_PLAYBOOKS: readonly PlaybookData[] = [PLAYBOOK_V1_5];

const PLAYBOOKS: ReadonlyMap<string, Playbook> = new Map(BUILT_IN_PLAYBOOKS.map((data) => [data.version, derivePlaybook(data)]));

export const CURRENT_PLAYBOOK_VERSION = '1.5';
export const CURRENT_PLAYBOOK: Playbook = PLAYBOOKS.get(CURRENT_PLAYBOOK_VERSION)!;
/** The built-in first version (v1.5, the seed page); later versions are published by the app and stored. */
export const BUILT_IN_TEMPLATE: PlaybookData = PLAYBOOK_V1_5;

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

export { derivePlaybook, loadPlaybook, playbookDataSchema, compareVersions, TEMPLATE_LIMITS } from './schema';
export {
  validateTemplate,
  parseTemplateJson,
  templateToJson,
  toPlaybookData,
  releaseEntry,
  prepareRelease,
  releaseErrors,
  withSteps,
  formatTemplateError,
  TemplateInvalidError,
  type TemplateFieldError,
  type TemplateValidation,
} from './template';
export { PLAYBOOK_V1_5 } from './v1_5';
export {
  diffTemplates,
  diffStep,
  sameData,
  DIFFED_STEP_FIELDS,
  type TemplateDiff,
  type StepDiff,
  type FieldChange,
  type StepFieldChange,
  type DiffedStepField,
} from './diff';
export * from './types';
