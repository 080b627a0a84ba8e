/** Types of the playbook template (data) and of the loaded playbook (data + derived RACI). */

export const ROLE_CODES = ['PM', 'IM', 'SA', 'OPM', 'B', 'CS', 'TC'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export const CAPABILITY_CODES = [
  'claims',
  'checks',
  'agent-commissions',
  'premium-refunds',
  'vendor-onboarding',
  'agent-onboarding',
  'vendor-management',
] as const;
export type CapabilityCode = (typeof CAPABILITY_CODES)[number];

export const INTEGRATION_TYPES = ['partner', 'custom'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** A plan's status: the same words the playbook's Supported Integrations table uses. */
export const PLAN_STATUSES = ['Initiated', 'In Progress', 'Released'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface Role {
  code: RoleCode;
  name: string;
  team: string;
  /** Internal roles are IC staff and must be Jira users; external ones may be plain contacts. */
  internal: boolean;
}

export interface Capability {
  code: CapabilityCode;
  name: string;
  /** Other spellings used on the page (e.g. the Supported Integrations table says "Agent Commission"). */
  aliases: string[];
}

/** A named document the page links to. `url` absent: resolved per site from the kickoff's `referenceUrls`. */
export interface Reference {
  id: string;
  name: string;
  url?: string;
}

/** When a step applies to a plan. A step with no conditions always applies. */
export type StepCondition =
  { kind: 'integrationType'; equals: IntegrationType } | { kind: 'capability'; capability: CapabilityCode } | { kind: 'optional'; defaultOn: boolean };

/**
 * How the steps of a phase are ordered. `sequential`: in step order. `staged`: in step order, except that
 * each `parallel` group starts together after the step before it, and the step after it waits for all.
 */
export type PhaseOrdering = { kind: 'sequential' } | { kind: 'staged'; parallel: number[][] };

export interface Phase {
  name: string;
  ordering: PhaseOrdering;
}

/** One step as written in the playbook data (RACI kept as the raw cell text). */
export interface StepData {
  /**
   * Stable across template versions (lowercase words joined by "-"): diffs and upgrades match steps by id,
   * because a step's number changes whenever a step is inserted or removed before it.
   */
  id: string;
  number: number;
  phase: string;
  category: string;
  title: string;
  /** Every sentence of the page's description cell, paragraphs joined by "\n", exactly as written. */
  description: string;
  notes: string[];
  /**
   * Internal notes for template authors (to-dos, open questions). Shown only where the template is edited or
   * diffed; never copied into plans, Jira issues or the rendered playbook. `notes` is what readers see.
   */
  authoringNotes?: string[];
  /** Reference ids (see `PlaybookData.references`). */
  references: string[];
  raci: { raw: string };
  conditions: StepCondition[];
  /** Default duration in business days. */
  durationDays: number;
}

export type IntegrationStatus = 'Released' | 'In Progress' | 'Initiated';

export interface SupportedIntegration {
  coreSystem: string;
  status: IntegrationStatus;
  details?: string;
  /** Billers live or in flight on this integration. */
  billers: string[];
  capabilities: CapabilityCode[];
}

/** One row of the playbook page's change log. */
export interface ChangeLogEntry {
  /** "major.minor", e.g. "1.5". */
  version: string;
  /** ISO date (YYYY-MM-DD) the version was published. */
  date: string;
  author: string;
  /** The page's "Description" column: what changed. */
  summary: string;
}

export interface PlaybookData {
  version: string;
  title: string;
  /** Every version up to and including this one, oldest first; the last entry describes this version. */
  changeLog: ChangeLogEntry[];
  phases: Phase[];
  roles: Role[];
  capabilities: Capability[];
  references: Reference[];
  steps: StepData[];
  supportedIntegrations: SupportedIntegration[];
}

/** Responsible / Accountable / Consulted / Informed role codes. */
export interface Raci {
  responsible: RoleCode[];
  accountable: RoleCode;
  consulted: RoleCode[];
  informed: RoleCode[];
}

export interface PlaybookStep extends Omit<StepData, 'raci' | 'references'> {
  raci: Raci & { raw: string };
  references: Reference[];
}

/** The loaded, validated playbook: data plus parsed RACI and reference objects. */
export interface Playbook extends Omit<PlaybookData, 'steps'> {
  steps: PlaybookStep[];
}
