/** A diff between two versions, step by step and field by field (what `diffTemplates` reports). */
import type { FieldChange, StepDiff, TemplateDiff } from '../../../src/contract/template-admin';
import { Lozenge } from '../../shared/ui';

const show = (value: unknown): string => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

const KIND_TONE: Record<StepDiff['kind'], 'success' | 'danger' | 'inprogress' | undefined> = {
  added: 'success',
  removed: 'danger',
  changed: 'inprogress',
  renumbered: undefined,
};

function Changes({ changes, caption }: { changes: readonly FieldChange[]; caption: string }) {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row" style={{ fontWeight: 400 }}>
              {change.field}
            </th>
            <td>{show(change.before)}</td>
            <td>{show(change.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function stepLabel(step: StepDiff): string {
  const renumbered = (step.kind === 'changed' || step.kind === 'renumbered') && step.previousNumber !== step.number ? ` (was ${step.previousNumber})` : '';
  return `${step.number}. ${step.title}${renumbered}`;
}

export function DiffView({ diff }: { diff: TemplateDiff }) {
  const { counts } = diff;
  const nothing = diff.steps.length === 0 && diff.template.length === 0;
  return (
    <section className="stack" aria-label={`Changes from ${diff.from} to ${diff.to}`}>
      <p>
        From {diff.from} to {diff.to}: {counts.added} added, {counts.removed} removed, {counts.changed} changed, {counts.renumbered} renumbered
        {diff.template.length > 0 ? `; ${diff.template.length} other change${diff.template.length === 1 ? '' : 's'}` : ''}.
      </p>
      {nothing && <p className="subtle">The two versions are the same.</p>}
      <ul className="stack" aria-label="Changed steps">
        {diff.steps.map((step) => (
          <li key={`${step.kind}-${step.id}`}>
            <Lozenge tone={KIND_TONE[step.kind]}>{step.kind}</Lozenge> {stepLabel(step)} <span className="subtlest">{step.phase}</span>
            {step.kind === 'changed' && <Changes changes={step.fields} caption={`What changed in step ${step.number}`} />}
          </li>
        ))}
      </ul>
      {diff.template.length > 0 && (
        <details>
          <summary>Other changes (phases, roles, references, integrations, change log)</summary>
          <Changes changes={diff.template} caption="Other changes" />
        </details>
      )}
    </section>
  );
}
