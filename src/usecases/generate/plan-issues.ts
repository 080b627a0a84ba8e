/**
 * From the engine's plan to Jira: create bodies, the plan record, app-field values, and what a search hit
 * says about an issue. Pure. The only module of the generation use case that knows the engine's plan shape.
 */
import {
  CURRENT_PLAYBOOK,
  PLAN_RECORD_PROPERTY_KEY,
  PLAYBOOK_LABEL,
  PLAYBOOK_PROPERTY_KEY,
  buildPlan,
  planPropertyValue,
  stepPropertyValue,
  stepFingerprint,
  stepSummary,
  validateKickoff,
  KICKOFF_LIMITS,
  type KickoffFieldError,
  type KickoffValidationOptions,
  type Plan,
  type PlanPerson,
  type PlanStep,
  type Playbook,
  type RoleCode,
} from '../../core';
import type { PageRef } from '../../contract';
import type { AppFieldValueUpdate, IssueInput, JiraIssue } from '../../jira';
import type { IssueRef } from '../../storage';
import { UseCaseError } from '../errors';
import { stepDescription, type AdfDoc, type StepDescriptionInput } from './description';
import type { FoundIssue, PlanShape } from './reconcile';

/** The engine's plan plus the lookups generation needs. */
export interface GenerationPlan extends PlanShape {
  plan: Plan;
  playbook: Playbook;
  stepsByNumber: Map<number, PlanStep>;
}

/**
 * Validates the kickoff (every problem listed in one `kickoff-invalid` error; nothing is written) and builds
 * the plan. `projectKey` and `page`, when given, take precedence over the kickoff's own.
 */
export function buildGenerationPlan(
  kickoff: unknown,
  overrides: { projectKey?: string; page?: PageRef } = {},
  playbook: Playbook = CURRENT_PLAYBOOK,
  options: KickoffValidationOptions = {},
): GenerationPlan {
  const merged =
    typeof kickoff === 'object' && kickoff !== null && !Array.isArray(kickoff)
      ? {
          ...kickoff,
          ...(overrides.projectKey !== undefined ? { projectKey: overrides.projectKey } : {}),
          ...(overrides.page !== undefined ? { page: overrides.page } : {}),
        }
      : kickoff;
  const validation = validateKickoff(merged, playbook, options);
  if (!validation.ok) throw kickoffInvalid(validation.errors);
  const plan = buildPlan(validation.kickoff, playbook);
  // Jira refuses a property value over 32 KB; say so before anything is sent (the kickoff's limits keep a
  // real plan far below it, so this guards the limits themselves).
  const recordBytes = Buffer.byteLength(
    JSON.stringify(planRecordValue({ plan, playbook, steps: [], stepsByNumber: new Map() }, { state: 'done', completedAt: 0 })),
  );
  if (recordBytes > KICKOFF_LIMITS.propertyBytes) {
    throw kickoffInvalid([
      {
        field: '',
        message: `the plan record would be ${recordBytes} bytes; Jira stores at most ${KICKOFF_LIMITS.propertyBytes} (shorten names, holidays or reference URLs)`,
      },
    ]);
  }
  return {
    plan,
    playbook,
    steps: plan.steps.map((s) => ({ number: s.number, applicable: s.applicable, dependsOn: [...s.dependsOn] })),
    stepsByNumber: new Map(plan.steps.map((s) => [s.number, s])),
  };
}

export function kickoffInvalid(errors: KickoffFieldError[]): UseCaseError {
  const list = errors.map((e) => `${e.field || 'kickoff'}: ${e.message}`).join('; ');
  return new UseCaseError('kickoff-invalid', `The kickoff is not valid: ${list}`, { errors });
}

/** The plan record kept on the epic (`outbound-playbook-plan`): what the plan was built from, and its state. */
export interface PlanRecordValue {
  planId: string;
  templateVersion: string;
  title: string;
  kickoff: Plan['kickoff'];
  roles: Plan['roles'];
  /** The schedule as generated; only a PM's re-baseline replaces it (usecases/plan-forecast). */
  baseline: Plan['baseline'];
  generation: {
    state: 'running' | 'done';
    completedAt: number | null;
    /** Step number → issue key, for the steps that have issues. */
    steps: Record<string, string>;
    /** Issues of steps the current kickoff makes not applicable. */
    notApplicable: { step: number; key: string }[];
  };
}

export function planRecordValue(
  generation: GenerationPlan,
  state: { state: 'running' | 'done'; completedAt?: number; stepKeys?: ReadonlyMap<number, string>; notApplicable?: { step: number; key: string }[] },
): PlanRecordValue {
  const { plan } = generation;
  return {
    planId: plan.planId,
    templateVersion: plan.templateVersion,
    title: plan.title,
    kickoff: plan.kickoff,
    roles: plan.roles,
    baseline: plan.baseline,
    generation: {
      state: state.state,
      completedAt: state.completedAt ?? null,
      steps: Object.fromEntries([...(state.stepKeys ?? new Map<number, string>())].sort((a, b) => a[0] - b[0]).map(([n, key]) => [String(n), key])),
      notApplicable: state.notApplicable ?? [],
    },
  };
}

function epicDescription(generation: GenerationPlan): AdfDoc {
  const { plan } = generation;
  const page = plan.kickoff.page;
  const applicable = plan.steps.filter((s) => s.applicable).length;
  return stepDescription({
    paragraphs: [
      `Outbound Payments integration of ${plan.biller} with ${plan.coreSystem} (${plan.integrationType} integration).`,
      `${applicable} of ${plan.steps.length} playbook steps apply, from ${plan.start} to ${plan.due}.`,
      ...plan.warnings,
    ],
    raci: [],
    notes: [],
    references: page ? [{ title: page.title ?? 'Kickoff page', url: page.url }] : [],
    provenance: `Generated by Outbound Playbook from playbook v${plan.templateVersion} (plan ${plan.planId}).`,
  });
}

export function epicIssueInput(generation: GenerationPlan, epicTypeId: string): IssueInput {
  const { plan } = generation;
  return {
    fields: {
      project: { key: plan.projectKey },
      issuetype: { id: epicTypeId },
      summary: plan.title,
      labels: [PLAYBOOK_LABEL],
      description: epicDescription(generation),
    },
    properties: [
      { key: PLAYBOOK_PROPERTY_KEY, value: planPropertyValue(plan) },
      { key: PLAN_RECORD_PROPERTY_KEY, value: planRecordValue(generation, { state: 'running' }) },
    ],
  };
}

const RACI_MEANINGS = [
  ['R', 'Responsible', 'responsible'],
  ['A', 'Accountable', 'accountable'],
  ['C', 'Consulted', 'consulted'],
  ['I', 'Informed', 'informed'],
] as const;

function personText(person: PlanPerson): string {
  return person.email && !person.accountId ? `${person.displayName} <${person.email}>` : person.displayName;
}

/** RACI rows: each letter's roles (by name) and the people the kickoff names for them. */
export function raciRows(step: PlanStep, playbook: Playbook): StepDescriptionInput['raci'] {
  const roleName = (code: RoleCode) => `${playbook.roles.find((r) => r.code === code)?.name ?? code} (${code})`;
  return RACI_MEANINGS.map(([letter, meaning, key]) => {
    const codes = key === 'accountable' ? [step.raci.accountable] : step.raci[key];
    const people = key === 'accountable' ? [step.people.accountable] : step.people[key];
    return { letter, meaning, roles: codes.map(roleName), people: people.filter((p): p is PlanPerson => !!p).map(personText) };
  });
}

export function stepIssueInput(generation: GenerationPlan, step: PlanStep, taskTypeId: string, epicKey: string): IssueInput {
  const { plan } = generation;
  const content = stepIssueContent(generation, step);
  return {
    fields: { project: { key: plan.projectKey }, issuetype: { id: taskTypeId }, parent: { key: epicKey }, ...content.fields },
    properties: [{ key: PLAYBOOK_PROPERTY_KEY, value: content.property }],
  };
}

/**
 * What the app writes into a step issue (its fields beyond project, type and parent) and its
 * `outbound-playbook` property, which carries the fingerprint of those fields: a create and a reconcile's
 * update write both in one request, so Jira never holds the one without the other.
 */
export function stepIssueContent(generation: GenerationPlan, step: PlanStep): { fields: Record<string, unknown>; property: Record<string, unknown> } {
  const { plan, playbook } = generation;
  const fields = {
    summary: stepSummary(step, plan.biller),
    assignee: { accountId: step.assignee.accountId },
    ...(step.due ? { duedate: step.due } : {}),
    labels: [PLAYBOOK_LABEL],
    description: stepDescription({
      paragraphs: step.description.split(/\n+/),
      raci: raciRows(step, playbook),
      notes: step.notes,
      references: step.references.map((r) => ({ title: r.name, url: r.url })),
      schedule: { start: step.start ?? undefined, due: step.due ?? undefined },
      provenance: `Outbound Payments playbook v${plan.templateVersion}, step ${step.number} of ${plan.steps.length} (${step.phase} · ${step.category}).`,
    }),
  };
  const fingerprint = stepFingerprint({
    summary: fields.summary,
    description: fields.description,
    assignee: step.assignee.accountId,
    due: step.due ?? null,
    raci: step.raciText,
  });
  return { fields, property: { ...stepPropertyValue(plan, step), fingerprint } };
}

/**
 * Phase and RACI values for the given step issues, grouped by (field, value) so the whole plan takes one
 * `POST /rest/api/3/app/field/value`. Issues that are not step issues (the epic) get none.
 */
export function fieldValueUpdates(
  generation: GenerationPlan,
  stepIssues: ReadonlyMap<number, IssueRef>,
  issueIds: readonly string[],
  fields: { phase: string; raci: string },
): AppFieldValueUpdate[] {
  const wanted = new Set(issueIds);
  const groups = new Map<string, AppFieldValueUpdate>();
  for (const [number, ref] of [...stepIssues].sort((a, b) => a[0] - b[0])) {
    const step = generation.stepsByNumber.get(number);
    if (!step || !wanted.has(ref.id)) continue;
    for (const [field, value] of [
      [fields.phase, step.phase],
      [fields.raci, step.raciText],
    ] as const) {
      const key = `${field}\u0000${value}`;
      const group = groups.get(key) ?? { customField: field, issueIds: [], value };
      group.issueIds.push(Number(ref.id));
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

/** What a search hit says about itself, from its `outbound-playbook` property and its Blocks links. */
export function toFoundIssue(issue: JiraIssue): FoundIssue {
  const raw = issue.properties?.[PLAYBOOK_PROPERTY_KEY];
  const property = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown; step?: unknown }) : {};
  const links = Array.isArray(issue.fields?.issuelinks) ? (issue.fields.issuelinks as unknown[]) : [];
  const blocks = links.flatMap((link) => {
    const l = (typeof link === 'object' && link !== null ? link : {}) as { type?: { name?: unknown }; outwardIssue?: { key?: unknown } };
    return l.type?.name === 'Blocks' && typeof l.outwardIssue?.key === 'string' ? [l.outwardIssue.key] : [];
  });
  return {
    id: issue.id,
    key: issue.key,
    kind: property.kind === 'plan' ? 'plan' : property.kind === 'step' ? 'step' : 'unknown',
    step: typeof property.step === 'number' ? property.step : null,
    blocks,
  };
}
