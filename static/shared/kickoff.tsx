/** Kickoff displays: the summary of a saved kickoff and the preview of the steps it generates. */
import type { Kickoff, PreviewPlanResult, RoleCode } from '../../src/contract/types';
import { capabilityLabels, previewCounts } from './kickoff-text';
import './kickoff.css';

/** Every date the kickoff shows is ISO (2026-12-01): one format in the form, the preview and the macro; it never wraps. */
export function DateText({ date }: { date: string | null | undefined }) {
  return date ? (
    <time className="date" dateTime={date}>
      {date}
    </time>
  ) : (
    <span>—</span>
  );
}

/** `people`: names by role as Jira has them (the preview's), over the names the form saved. */
export function KickoffSummary({
  kickoff,
  capabilityNames,
  people: names = {},
}: {
  kickoff: Kickoff;
  capabilityNames: Record<string, string>;
  people?: PreviewPlanResult['people'];
}) {
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
          <dd style={{ margin: 0 }}>
            <DateText date={kickoff.kickoffDate} />
          </dd>
        </div>
        <div>
          <dt className="subtlest">Capabilities</dt>
          <dd style={{ margin: 0 }}>{capabilityLabels(kickoff.capabilities, capabilityNames).join(', ') || '—'}</dd>
        </div>
      </dl>
      <p className="subtle" style={{ marginTop: 8 }}>
        {people.map(([code, person]) => `${code}: ${names[code as RoleCode] ?? person?.displayName}`).join(' · ')}
      </p>
    </section>
  );
}

/** A step's people by name; a role nobody holds stays as its code. */
const names = (codes: readonly RoleCode[], people: PreviewPlanResult['people']) => codes.map((code) => people[code] ?? code).join(', ');

export function PreviewWarnings({ warnings }: { warnings: PreviewPlanResult['warnings'] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="notice" aria-label="Warnings">
      <strong>Before you generate</strong>
      <ul>
        {warnings.map((w) => (
          <li key={w.kind}>{w.message}</li>
        ))}
      </ul>
    </section>
  );
}

export function PreviewTable({ preview }: { preview: PreviewPlanResult }) {
  return (
    <section aria-label="Plan preview" className="stack">
      <h3>
        {previewCounts(preview)}
        {preview.alreadyGenerated ? ` (epic ${preview.alreadyGenerated.epicKey} exists; existing steps are reused)` : ''}
      </h3>
      <PreviewWarnings warnings={preview.warnings} />
      <div className="scroll-x" tabIndex={0} role="group" aria-label="Planned steps (scrolls sideways on a narrow page)">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Step</th>
              <th scope="col">Phase</th>
              <th scope="col">Responsible</th>
              <th scope="col">Accountable</th>
              <th scope="col">Start</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {preview.steps.map((s) => (
              <tr key={s.step}>
                <td>{s.step}</td>
                <td>{s.title}</td>
                <td>{s.phase}</td>
                <td>{names(s.raci.responsible, preview.people)}</td>
                <td>{names([s.raci.accountable], preview.people)}</td>
                <td>
                  <DateText date={s.startDate} />
                </td>
                <td>
                  <DateText date={s.dueDate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.skipped.length > 0 && (
        <>
          <h3>{preview.skipped.length} steps are skipped</h3>
          <ul className="subtle" style={{ margin: 0 }} aria-label="Skipped steps">
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
