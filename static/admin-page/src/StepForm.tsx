/** One step of the draft as a form; every field shows the validator's messages for its path. */
import { useId } from 'react';
import type { CapabilityCode, PlaybookData, StepCondition, StepData, TemplateFieldErrorView } from '../../../src/contract/template-admin';

/** Messages for `path` and anything below it (e.g. `steps.4.raci` for the RACI inputs). */
export function messagesAt(errors: readonly TemplateFieldErrorView[], path: string): string[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`)).map((e) => e.message);
}

/** The page's RACI cell ("R / C / I") as its three parts; a cell that does not split keeps its text in R. */
export function splitRaci(raw: string): [string, string, string] {
  const parts = raw.split('/');
  if (parts.length < 3) return [raw, '', ''];
  return [parts[0].trim(), parts[1].trim(), parts.slice(2).join('/').trim()];
}

const joinRaci = (r: string, c: string, i: string) => `${r.trim()} / ${c.trim()} / ${i.trim()}`;

type ConditionChoice = 'always' | `capability:${string}` | 'integrationType:partner' | 'integrationType:custom';

function conditionChoice(step: StepData): ConditionChoice {
  const main = step.conditions.find((c) => c.kind !== 'optional');
  if (!main) return 'always';
  return main.kind === 'capability' ? `capability:${main.capability}` : main.kind === 'integrationType' ? `integrationType:${main.equals}` : 'always';
}

function withCondition(step: StepData, choice: ConditionChoice, optional: StepCondition | null): StepCondition[] {
  const main: StepCondition[] =
    choice === 'always'
      ? []
      : choice.startsWith('capability:')
        ? [{ kind: 'capability', capability: choice.slice('capability:'.length) as CapabilityCode }]
        : [{ kind: 'integrationType', equals: choice.endsWith('partner') ? 'partner' : 'custom' }];
  // Further conditions (only expressible in the JSON view) are kept as they are.
  const rest = step.conditions.filter((c) => c.kind !== 'optional').slice(1);
  return [...main, ...rest, ...(optional ? [optional] : [])];
}

interface Props {
  template: PlaybookData;
  index: number;
  errors: readonly TemplateFieldErrorView[];
  onChange(step: StepData): void;
}

function Field({ id, label, messages, help, children }: { id: string; label: string; messages: string[]; help?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help && (
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      )}
      {messages.map((m) => (
        <div className="field-error" id={`${id}-error`} key={m}>
          {m}
        </div>
      ))}
    </div>
  );
}

export function StepForm({ template, index, errors, onChange }: Props) {
  const base = useId();
  const step = template.steps[index];
  const path = `steps.${index}`;
  const at = (field: string) => messagesAt(errors, `${path}.${field}`);
  const invalid = (field: string) => (at(field).length > 0 ? { 'aria-invalid': true, 'aria-describedby': `${base}-${field}-error` } : {});
  const set = (patch: Partial<StepData>) => onChange({ ...step, ...patch });
  const [r, c, i] = splitRaci(step.raci.raw);
  const optional = step.conditions.find((x): x is Extract<StepCondition, { kind: 'optional' }> => x.kind === 'optional') ?? null;
  const phase = template.phases.find((p) => p.name === step.phase);
  const parallel = phase?.ordering.kind === 'staged' ? phase.ordering.parallel.find((g) => g.includes(step.number)) : undefined;
  const dependsOn =
    parallel !== undefined
      ? `Runs in parallel with steps ${parallel.filter((n) => n !== step.number).join(', ')}.`
      : step.number > 1
        ? `Starts after step ${step.number - 1}${phase?.ordering.kind === 'staged' ? ' (or the parallel group before it)' : ''}.`
        : 'The first step.';

  return (
    <form className="stack card" aria-label={`Step ${step.number}: ${step.title}`} onSubmit={(e) => e.preventDefault()}>
      <h3>
        Step {step.number} <span className="subtle">({step.id})</span>
      </h3>
      <Field id={`${base}-title`} label="Title" messages={at('title')}>
        <input id={`${base}-title`} style={{ width: '100%' }} value={step.title} onChange={(e) => set({ title: e.target.value })} {...invalid('title')} />
      </Field>
      <div className="row">
        <Field id={`${base}-phase`} label="Phase" messages={at('phase')}>
          <select id={`${base}-phase`} value={step.phase} onChange={(e) => set({ phase: e.target.value })} {...invalid('phase')}>
            {template.phases.map((p) => (
              <option key={p.name}>{p.name}</option>
            ))}
          </select>
        </Field>
        <Field id={`${base}-category`} label="Category" messages={at('category')}>
          <input id={`${base}-category`} value={step.category} onChange={(e) => set({ category: e.target.value })} {...invalid('category')} />
        </Field>
        <Field id={`${base}-durationDays`} label="Duration (business days)" messages={at('durationDays')}>
          <input
            id={`${base}-durationDays`}
            type="number"
            min={1}
            value={step.durationDays}
            onChange={(e) => set({ durationDays: e.target.value === '' ? 0 : Number(e.target.value) })}
            {...invalid('durationDays')}
          />
        </Field>
      </div>
      <Field id={`${base}-description`} label="Description" messages={at('description')}>
        <textarea
          id={`${base}-description`}
          rows={4}
          value={step.description}
          onChange={(e) => set({ description: e.target.value })}
          {...invalid('description')}
        />
      </Field>
      <Field id={`${base}-notes`} label="Notes" messages={at('notes')} help="One note per line.">
        <textarea
          id={`${base}-notes`}
          rows={2}
          value={step.notes.join('\n')}
          onChange={(e) => set({ notes: e.target.value.split('\n').filter((n) => n.length > 0) })}
          {...invalid('notes')}
        />
      </Field>
      <fieldset>
        <legend>RACI (role codes, comma-separated; the Solution Architect is accountable for every step)</legend>
        <div className="row">
          <Field id={`${base}-raci-r`} label="Responsible" messages={at('raci')}>
            <input id={`${base}-raci-r`} value={r} onChange={(e) => set({ raci: { raw: joinRaci(e.target.value, c, i) } })} {...invalid('raci')} />
          </Field>
          <Field id={`${base}-raci-c`} label="Consulted" messages={[]}>
            <input id={`${base}-raci-c`} value={c} onChange={(e) => set({ raci: { raw: joinRaci(r, e.target.value, i) } })} />
          </Field>
          <Field id={`${base}-raci-i`} label="Informed" messages={[]}>
            <input id={`${base}-raci-i`} value={i} onChange={(e) => set({ raci: { raw: joinRaci(r, c, e.target.value) } })} />
          </Field>
        </div>
        <div className="field-help">Roles: {template.roles.map((role) => `${role.code} ${role.name}`).join(' · ')}</div>
      </fieldset>
      <fieldset>
        <legend>References</legend>
        {template.references.map((ref) => (
          <label className="choice" key={ref.id}>
            <input
              type="checkbox"
              checked={step.references.includes(ref.id)}
              onChange={(e) =>
                set({
                  references: e.target.checked
                    ? template.references.map((x) => x.id).filter((id) => id === ref.id || step.references.includes(id))
                    : step.references.filter((id) => id !== ref.id),
                })
              }
            />{' '}
            {ref.name}
          </label>
        ))}
        {messagesAt(errors, `${path}.references`).map((m) => (
          <div className="field-error" key={m}>
            {m}
          </div>
        ))}
      </fieldset>
      <div className="row">
        <Field id={`${base}-condition`} label="Applies" messages={at('conditions')}>
          <select
            id={`${base}-condition`}
            value={conditionChoice(step)}
            onChange={(e) => set({ conditions: withCondition(step, e.target.value as ConditionChoice, optional) })}
          >
            <option value="always">to every plan</option>
            <option value="integrationType:partner">to partner integrations only</option>
            <option value="integrationType:custom">to custom integrations only</option>
            {template.capabilities.map((cap) => (
              <option key={cap.code} value={`capability:${cap.code}`}>
                only with {cap.name}
              </option>
            ))}
          </select>
        </Field>
        <label className="choice">
          <input
            type="checkbox"
            checked={optional !== null}
            onChange={(e) => set({ conditions: withCondition(step, conditionChoice(step), e.target.checked ? { kind: 'optional', defaultOn: true } : null) })}
          />{' '}
          Optional
        </label>
        {optional && (
          <label className="choice">
            <input
              type="checkbox"
              checked={optional.defaultOn}
              onChange={(e) => set({ conditions: withCondition(step, conditionChoice(step), { kind: 'optional', defaultOn: e.target.checked }) })}
            />{' '}
            On by default
          </label>
        )}
      </div>
      <p className="subtle">
        Dependencies: {dependsOn} (Phase order and parallel groups are edited in the JSON view, under <code>phases</code>.)
      </p>
    </form>
  );
}
