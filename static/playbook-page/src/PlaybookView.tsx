/** The Playbook macro: the current version's phases and steps, its RACI matrix, roles and change log. */
import type { TemplateView } from '../../../src/contract/types';
import { ChangeLogTable } from '../../shared/changelog';

type Step = TemplateView['steps'][number];

const conditionText = (step: Step, playbook: TemplateView): string | null => {
  const parts = step.conditions.map((c) => {
    switch (c.kind) {
      case 'capability':
        return `only with ${playbook.capabilities.find((k) => k.code === c.capability)?.name ?? c.capability}`;
      case 'integrationType':
        return `only for ${c.equals} integrations`;
      case 'optional':
        return c.defaultOn ? 'optional (on by default)' : 'optional';
    }
  });
  return parts.length ? parts.join('; ') : null;
};

function letters(step: Step, code: string): string {
  const out: string[] = [];
  if (step.raci.responsible.includes(code as never)) out.push('R');
  if (step.raci.accountable === code) out.push('A');
  if (step.raci.consulted.includes(code as never)) out.push('C');
  if (step.raci.informed.includes(code as never)) out.push('I');
  return out.join('/');
}

export function PlaybookView({ playbook }: { playbook: TemplateView }) {
  const latest = playbook.changeLog[playbook.changeLog.length - 1];
  return (
    <article className="stack" aria-label={`Playbook v${playbook.version}`}>
      <h2>
        {playbook.title} <span className="subtle">v{playbook.version}</span>
      </h2>
      {latest && (
        <p className="subtle">
          Version {latest.version}, {latest.date}, {latest.author}: {latest.summary}
        </p>
      )}
      <section className="stack" aria-label="Process steps">
        <h3>Process steps</h3>
        {playbook.phases.map((phase) => (
          <table key={phase.name}>
            <caption>
              <strong>{phase.name}</strong>
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Step</th>
                <th scope="col">Category</th>
                <th scope="col">
                  <abbr title="Responsible / Consulted / Informed (the Solution Architect is accountable for every step)">R / C / I</abbr>
                </th>
                <th scope="col">Days</th>
              </tr>
            </thead>
            <tbody>
              {playbook.steps
                .filter((s) => s.phase === phase.name)
                .map((step) => (
                  <tr key={step.id}>
                    <td>{step.number}</td>
                    <th scope="row" style={{ fontWeight: 400 }}>
                      <strong>{step.title}</strong>
                      <div className="subtle">{step.description}</div>
                      {step.notes.map((note) => (
                        <div className="subtlest" key={note}>
                          Note: {note}
                        </div>
                      ))}
                      {conditionText(step, playbook) && <div className="subtlest">{conditionText(step, playbook)}</div>}
                      {step.references.length > 0 && <div className="subtlest">References: {step.references.map((r) => r.name).join(', ')}</div>}
                    </th>
                    <td>{step.category}</td>
                    <td>{step.raci.raw}</td>
                    <td>{step.durationDays}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
      </section>
      <details>
        <summary>RACI matrix</summary>
        <div style={{ overflowX: 'auto' }} role="region" aria-label="RACI matrix (scrolls sideways)" tabIndex={0}>
          <table className="matrix">
            <caption className="visually-hidden">RACI matrix: steps by roles</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                {playbook.roles.map((r) => (
                  <th scope="col" key={r.code} title={r.name}>
                    {r.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {playbook.steps.map((step) => (
                <tr key={step.id}>
                  <th scope="row" style={{ fontWeight: 400 }}>
                    {step.number}. {step.title}
                  </th>
                  {playbook.roles.map((r) => (
                    <td key={r.code}>{letters(step, r.code)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <section aria-label="Roles">
        <h3>Roles</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Role</th>
              <th scope="col">Team</th>
            </tr>
          </thead>
          <tbody>
            {playbook.roles.map((r) => (
              <tr key={r.code}>
                <td>{r.code}</td>
                <td>{r.name}</td>
                <td>{r.team}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-label="Change log">
        <h3>Change log</h3>
        <ChangeLogTable entries={playbook.changeLog} />
      </section>
    </article>
  );
}
