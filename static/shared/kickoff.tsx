/** Kickoff displays: the summary of a saved kickoff and the preview of the steps it generates. */
import type { Kickoff, PreviewPlanResult } from '../../src/contract/types';

export function KickoffSummary({ kickoff }: { kickoff: Kickoff }) {
  const people = Object.entries(kickoff.roles).filter(([, person]) => person !== undefined);
  return (
    <section className="card" aria-label="Kickoff">
      <h2>
        {kickoff.biller} · {kickoff.coreSystem}
      </h2>
      <dl className="row" style={{ margin: 0, columnGap: 24 }}>
        <div>
          <dt className="subtlest">Project</dt>
          <dd style={{ margin: 0 }}>{kickoff.projectKey}</dd>
        </div>
        <div>
          <dt className="subtlest">Integration</dt>
          <dd style={{ margin: 0 }}>{kickoff.integrationType === 'partner' ? 'Partner' : 'Custom'}</dd>
        </div>
        <div>
          <dt className="subtlest">Kickoff</dt>
          <dd style={{ margin: 0 }}>{kickoff.kickoffDate}</dd>
        </div>
        <div>
          <dt className="subtlest">Capabilities</dt>
          <dd style={{ margin: 0 }}>{kickoff.capabilities.join(', ') || '—'}</dd>
        </div>
      </dl>
      <p className="subtle" style={{ marginTop: 8 }}>
        {people.map(([code, person]) => `${code}: ${person?.displayName}`).join(' · ')}
      </p>
    </section>
  );
}

export function PreviewTable({ preview }: { preview: PreviewPlanResult }) {
  return (
    <section aria-label="Plan preview" className="stack">
      <h3>
        {preview.steps.length} steps will be created
        {preview.alreadyGenerated ? ` (epic ${preview.alreadyGenerated.epicKey} exists; existing steps are reused)` : ''}
      </h3>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Step</th>
            <th scope="col">Phase</th>
            <th scope="col">R / A</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {preview.steps.map((s) => (
            <tr key={s.step}>
              <td>{s.step}</td>
              <td>{s.title}</td>
              <td>{s.phase}</td>
              <td>
                {s.raci.responsible.join(', ')} / {s.raci.accountable}
              </td>
              <td>{s.dueDate}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.skipped.length > 0 && (
        <>
          <h3>{preview.skipped.length} steps are skipped</h3>
          <ul className="subtle" style={{ margin: 0 }}>
            {preview.skipped.map((s) => (
              <li key={s.step}>
                {s.step}. {s.title} — {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
