/** Building a plan from a kickoff: which steps apply and why, who does them, and when. Pure. */
import { baselineOf, type PlanBaseline } from './baseline';
import { stepApplicability, type PlanScope } from './conditions';
import { stableHash } from './hash';
import { parseKickoff, type Kickoff, type Person } from './kickoff';
import { CURRENT_PLAYBOOK } from './playbook';
import type { CapabilityCode, IntegrationType, Playbook, PlaybookStep, Raci, Reference, RoleCode } from './playbook/types';
import { formatRaci } from './raci';
import { dependencies, scheduleSpan, scheduleSteps } from './schedule';

/** A person in a role on this plan. */
export interface PlanPerson extends Person {
  role: RoleCode;
}

/** A person who is a Jira user, so can be an assignee. */
export interface PlanAssignee {
  role: RoleCode;
  accountId: string;
  displayName: string;
}

/** The people behind a step's RACI; roles nobody fills (e.g. no Transcard contact) are left out. */
export interface StepPeople {
  responsible: PlanPerson[];
  accountable: PlanPerson;
  consulted: PlanPerson[];
  informed: PlanPerson[];
}

export interface PlanStepBase {
  number: number;
  phase: string;
  category: string;
  title: string;
  description: string;
  notes: string[];
  /** With the URL resolved for this site when known. */
  references: Reference[];
  raci: Raci & { raw: string };
  /** "R: SA · A: SA · C: B, CS, PM · I: IM" */
  raciText: string;
  people: StepPeople;
  /** The first Responsible person who is a Jira user, else the SA. */
  assignee: PlanAssignee;
  durationDays: number;
  /** Why the step is in the plan or not, e.g. "Skipped: Claims is not in scope." */
  reason: string;
  /** Applicable steps this one waits for (empty when not applicable). */
  dependsOn: number[];
}

export type PlanStep = PlanStepBase & ({ applicable: true; start: string; due: string } | { applicable: false; start: null; due: null });
export type ApplicablePlanStep = Extract<PlanStep, { applicable: true }>;

export interface Plan {
  /** Stable across re-planning: from the project and the page (or biller + core system), never the dates. */
  planId: string;
  templateVersion: string;
  /** Title of the plan epic. */
  title: string;
  projectKey: string;
  biller: string;
  coreSystem: string;
  integrationType: IntegrationType;
  capabilities: CapabilityCode[];
  kickoff: Kickoff;
  /** Role → person, for the roles the kickoff fills. */
  roles: Partial<Record<RoleCode, PlanPerson>>;
  /** Every step of the playbook, applicable or not, in order. */
  steps: PlanStep[];
  /** First start and last due date of the applicable steps. */
  start: string;
  due: string;
  /**
   * The schedule as generated, to store with the plan record: forecasts measure slip against it. It changes
   * only when a PM re-baselines (`rebaseline`), never when the plan is re-scheduled (`replan`).
   */
  baseline: PlanBaseline;
  /** Things the SA should know, e.g. a capability the core system's integration does not list yet. */
  warnings: string[];
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A macro's plan is keyed by its page and its instance (`page.macroId`): a second macro on the page makes a
 * second plan, and a copied page (same macro id, new page id) a new one. A page without a macro id (the CLI's
 * `--page`) keys by the page alone; no page at all, by biller and core system.
 */
export function planIdFor(kickoff: Pick<Kickoff, 'projectKey' | 'biller' | 'coreSystem' | 'page'>): string {
  const page = kickoff.page;
  const source = page?.id
    ? `${kickoff.projectKey}|page|${page.id}${page.macroId ? `|macro|${page.macroId}` : ''}`
    : `${kickoff.projectKey}|${normalise(kickoff.biller)}|${normalise(kickoff.coreSystem)}`;
  return `op-${kickoff.projectKey.toLowerCase()}-${stableHash(source)}`;
}

export function planTitle(kickoff: Pick<Kickoff, 'biller' | 'coreSystem'>): string {
  return `Outbound Payments: ${kickoff.biller} × ${kickoff.coreSystem}`;
}

/** Jira's longest issue summary. */
const SUMMARY_LIMIT = 255;

/**
 * A step issue's summary names its plan by the biller ("15. Biller/Partner Design Review — Texas Mutual"), so
 * search results from several plans tell apart. Within Jira's 255 characters: a long title is shortened, never
 * the step number or the biller.
 */
export function stepSummary(step: Pick<PlanStep, 'number' | 'title'>, biller: string): string {
  const suffix = ` — ${biller}`;
  const head = `${step.number}. `;
  const room = SUMMARY_LIMIT - head.length - suffix.length;
  const title = step.title.length <= room ? step.title : `${step.title.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  return `${head}${title}${suffix}`;
}

function resolveReference(reference: Reference, kickoff: Kickoff): Reference {
  const url = kickoff.referenceUrls[reference.id] ?? reference.url ?? (reference.id === 'discovery-page' ? kickoff.page?.url : undefined);
  return url === undefined ? { id: reference.id, name: reference.name } : { id: reference.id, name: reference.name, url };
}

function warningsFor(kickoff: Kickoff, playbook: Playbook): string[] {
  const integration = playbook.supportedIntegrations.find((i) => normalise(i.coreSystem) === normalise(kickoff.coreSystem));
  if (!integration) return [`${kickoff.coreSystem} is not among the playbook's supported integrations; this is a new core system integration.`];
  if (integration.capabilities.length === 0) return [];
  const names = (codes: readonly CapabilityCode[]) => codes.map((c) => playbook.capabilities.find((k) => k.code === c)?.name ?? c).join(', ');
  const unsupported = kickoff.capabilities.filter((c) => !integration.capabilities.includes(c));
  return unsupported.length === 0
    ? []
    : [`${integration.coreSystem} (${integration.status}) supports ${names(integration.capabilities)}; ${names(unsupported)} would be new for it.`];
}

function stepPeople(step: PlaybookStep, roles: Partial<Record<RoleCode, PlanPerson>>): StepPeople {
  const filled = (codes: readonly RoleCode[]) => codes.flatMap((code) => (roles[code] ? [roles[code]!] : []));
  return {
    responsible: filled(step.raci.responsible),
    accountable: roles[step.raci.accountable]!,
    consulted: filled(step.raci.consulted),
    informed: filled(step.raci.informed),
  };
}

function assigneeFor(people: StepPeople, sa: PlanPerson): PlanAssignee {
  const jiraUser = [...people.responsible, sa].find((p) => p.accountId !== undefined)!;
  return { role: jiraUser.role, accountId: jiraUser.accountId!, displayName: jiraUser.displayName };
}

/** The plan for a kickoff; throws `KickoffInvalidError` listing every problem when the kickoff is invalid. */
export function buildPlan(input: unknown, playbook: Playbook = CURRENT_PLAYBOOK): Plan {
  const kickoff = parseKickoff(input, playbook);
  const roles: Partial<Record<RoleCode, PlanPerson>> = {};
  for (const role of playbook.roles) {
    const person = kickoff.roles[role.code];
    if (person) roles[role.code] = { role: role.code, ...person };
  }
  const scope: PlanScope = { integrationType: kickoff.integrationType, capabilities: kickoff.capabilities, optionalSteps: kickoff.optionalSteps };
  const applicability = new Map(playbook.steps.map((s) => [s.number, stepApplicability(s, scope, playbook)]));
  const applicable = new Set(playbook.steps.filter((s) => applicability.get(s.number)!.applicable).map((s) => s.number));
  const dependsOn = dependencies(playbook, applicable);
  const schedulable = playbook.steps
    .filter((s) => applicable.has(s.number))
    .map((s) => ({ number: s.number, durationDays: s.durationDays, dependsOn: dependsOn.get(s.number)! }));
  const dates = scheduleSteps(schedulable, kickoff.kickoffDate, kickoff.holidays);

  const steps = playbook.steps.map((step): PlanStep => {
    const people = stepPeople(step, roles);
    const base: PlanStepBase = {
      number: step.number,
      phase: step.phase,
      category: step.category,
      title: step.title,
      description: step.description,
      notes: [...step.notes],
      references: step.references.map((r) => resolveReference(r, kickoff)),
      raci: { ...step.raci },
      raciText: formatRaci(step.raci),
      people,
      assignee: assigneeFor(people, roles.SA!),
      durationDays: step.durationDays,
      reason: applicability.get(step.number)!.reason,
      dependsOn: dependsOn.get(step.number) ?? [],
    };
    const when = dates.get(step.number);
    return when ? { ...base, applicable: true, start: when.start, due: when.due } : { ...base, applicable: false, start: null, due: null };
  });
  return {
    planId: planIdFor(kickoff),
    templateVersion: playbook.version,
    title: planTitle(kickoff),
    projectKey: kickoff.projectKey,
    biller: kickoff.biller,
    coreSystem: kickoff.coreSystem,
    integrationType: kickoff.integrationType,
    capabilities: kickoff.capabilities,
    kickoff,
    roles,
    steps,
    ...scheduleSpan(dates.values()),
    baseline: baselineOf(
      steps.flatMap((s) =>
        s.applicable ? [{ step: s.number, start: s.start, end: s.due, durationBusinessDays: s.durationDays, dependsOn: s.dependsOn }] : [],
      ),
    ),
    warnings: warningsFor(kickoff, playbook),
  };
}

export function applicableSteps(plan: Plan): ApplicablePlanStep[] {
  return plan.steps.filter((s): s is ApplicablePlanStep => s.applicable);
}
