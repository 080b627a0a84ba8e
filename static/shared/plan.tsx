/** Plan displays shared by the macro, the issue panel and the project page. */
import { router } from '@forge/bridge';
import type { PhaseProgressView, PlanProgressView, PlanStatus, StateCounts } from '../../src/contract/types';
import { Lozenge } from './ui';

/** Jira paths are site-relative, so they work from Confluence and Jira alike. */
export const issueNavigatorPath = (jql: string) => `/issues/?jql=${encodeURIComponent(jql)}`;
export const issuePath = (key: string) => `/browse/${encodeURIComponent(key)}`;

export function openJql(jql: string): void {
  void router.open(issueNavigatorPath(jql));
}

export function openIssue(key: string, sameTab = false): void {
  void (sameTab ? router.navigate(issuePath(key)) : router.open(issuePath(key)));
}

export function StatusLozenge({ status }: { status: PlanStatus }) {
  return <Lozenge tone={status === 'Released' ? 'success' : status === 'In Progress' ? 'inprogress' : undefined}>{status}</Lozenge>;
}

const pct = (part: number, total: number) => (total === 0 ? 0 : (100 * part) / total);

export function ProgressBar({ counts, label }: { counts: StateCounts; label: string }) {
  const done = pct(counts.done, counts.total);
  const late = pct(Math.min(counts.overdue, counts.total - counts.done), counts.total);
  const doing = Math.max(0, pct(counts.inProgress, counts.total) - late);
  return (
    <div
      className="bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={counts.total}
      aria-valuenow={counts.done}
      aria-valuetext={`${counts.done} of ${counts.total} done, ${counts.inProgress} in progress, ${counts.overdue} overdue`}
    >
      <span className="done" style={{ width: `${done}%` }} />
      <span className="overdue" style={{ width: `${late}%` }} />
      <span className="inprogress" style={{ width: `${doing}%` }} />
    </div>
  );
}

function countsText(c: StateCounts): string {
  const parts = [`${c.done}/${c.total} done`];
  if (c.inProgress) parts.push(`${c.inProgress} in progress`);
  if (c.toDo) parts.push(`${c.toDo} to do`);
  if (c.overdue) parts.push(`${c.overdue} overdue`);
  return parts.join(' · ');
}

export function PhaseList({ phases, currentPhase }: { phases: PhaseProgressView[]; currentPhase: string | null }) {
  return (
    <table>
      <caption className="visually-hidden">Progress by phase</caption>
      <thead>
        <tr>
          <th scope="col">Phase</th>
          <th scope="col">Progress</th>
          <th scope="col">Steps</th>
        </tr>
      </thead>
      <tbody>
        {phases.map((p) => (
          <tr key={p.phase} aria-current={p.phase === currentPhase ? 'step' : undefined}>
            <td>
              <a
                href={issueNavigatorPath(p.jql)}
                onClick={(e) => {
                  e.preventDefault();
                  openJql(p.jql);
                }}
                title={`Open ${p.phase} steps in Jira`}
              >
                {p.phase}
              </a>{' '}
              {p.phase === currentPhase && <Lozenge tone="inprogress">current</Lozenge>}
            </td>
            <td style={{ width: '40%' }}>
              <ProgressBar counts={p.counts} label={`${p.phase} progress`} />
            </td>
            <td className="subtle">{countsText(p.counts)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PlanSummary({ progress }: { progress: PlanProgressView }) {
  return (
    <div className="stack">
      <div className="row">
        <h2 style={{ margin: 0 }}>
          {progress.biller} · {progress.coreSystem}
        </h2>
        <StatusLozenge status={progress.status} />
        {progress.currentPhase && <span className="subtle">Current phase: {progress.currentPhase}</span>}
      </div>
      <ProgressBar counts={progress.overall} label="Overall progress" />
      <div className="row subtle">
        {countsText(progress.overall)} ·{' '}
        <a
          href={issuePath(progress.epicKey)}
          onClick={(e) => {
            e.preventDefault();
            openIssue(progress.epicKey);
          }}
        >
          {progress.epicKey}
        </a>{' '}
        ·{' '}
        <a
          href={issueNavigatorPath(progress.jql)}
          onClick={(e) => {
            e.preventDefault();
            openJql(progress.jql);
          }}
        >
          all steps in Jira
        </a>
      </div>
      <PhaseList phases={progress.phases} currentPhase={progress.currentPhase} />
    </div>
  );
}
