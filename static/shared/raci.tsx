/**
 * The plan's RACI matrix, one component for the macro and the issue panel: a legend, the people of each role,
 * steps grouped under phase headers with a status column (words, not colour alone), steps that do not apply
 * to this kickoff greyed and without letters, the viewer's own role columns marked "You", an Export CSV button,
 * and a scroll area that says so when the matrix is wider than the frame (a 390-px macro).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { PlanProgressView, RaciRowView, RoleCode, StepState, ViewerView } from '../../src/contract/types';
import { issuePath, openIssue } from './plan';
import { RACI_LEGEND, STEP_STATE_LABEL, cellLetters, cellText, groupByPhase, isOverdue, raciCsvFileName, raciMatrixCsv } from './raci-model';
import { Lozenge } from './ui';
import './raci.css';

/** Saves text as a file: a Blob and an object URL (no data: or inline script, so Forge's CSP allows it). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // The byte-order mark makes spreadsheet apps read the file as UTF-8 (names, "×").
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const STATE_TONE: Record<StepState, 'success' | 'inprogress' | undefined> = {
  done: 'success',
  'in-progress': 'inprogress',
  todo: undefined,
  'not-applicable': undefined,
};

function Legend() {
  return (
    <dl className="raci-legend" aria-label="RACI legend">
      {RACI_LEGEND.map((l) => (
        <div key={l.letter}>
          <dt>{l.letter}</dt>
          <dd>
            <strong>{l.word}</strong>: {l.meaning}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** True while the element's content is wider than the element (so the user must scroll sideways). */
function useOverflowsX(ref: React.RefObject<HTMLElement | null>, active: boolean): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || !active) return;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref, active]);
  return overflows;
}

function StepCell({ row, current }: { row: RaciRowView; current: boolean }) {
  const label = `${row.step}. ${row.title}`;
  return (
    <th scope="row" className="raci-step" aria-current={current ? 'step' : undefined}>
      {row.issueKey && !current ? (
        <a
          href={issuePath(row.issueKey)}
          onClick={(e) => {
            e.preventDefault();
            openIssue(row.issueKey as string);
          }}
        >
          {label}
        </a>
      ) : (
        label
      )}
      {current && <span className="subtlest"> (this step)</span>}
    </th>
  );
}

export function RaciSection({
  progress,
  viewer,
  currentStep,
  defaultExpanded = true,
}: {
  progress: PlanProgressView;
  viewer: ViewerView;
  /** The issue panel's own step, marked in the matrix. */
  currentStep?: number;
  defaultExpanded?: boolean;
}) {
  const [expanded, setExpanded] = useState(defaultExpanded);
  const scroller = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsX(scroller, expanded);
  const id = useId();
  const { raci } = progress;
  const mine = new Set<RoleCode>(viewer.roles);
  const myRoles = raci.roles.filter((r) => mine.has(r.code));
  const groups = groupByPhase(raci.rows);
  const columns = 2 + raci.roles.length;

  return (
    <section className="stack raci-section" aria-labelledby={`${id}-title`}>
      <div className="row raci-toolbar">
        <h3 id={`${id}-title`} className="raci-title">
          RACI matrix
        </h3>
        <button type="button" aria-expanded={expanded} aria-controls={`${id}-body`} onClick={() => setExpanded((e) => !e)}>
          {expanded ? 'Hide matrix' : 'Show matrix'}
        </button>
        <button type="button" onClick={() => downloadText(raciCsvFileName(progress), raciMatrixCsv(progress))}>
          Export CSV
        </button>
      </div>
      <div id={`${id}-body`} hidden={!expanded} className="stack">
        <Legend />
        <p className="subtle raci-you" data-testid="raci-your-roles">
          {myRoles.length
            ? `Your role${myRoles.length > 1 ? 's' : ''} in this plan: ${myRoles.map((r) => `${r.name} (${r.code})`).join(', ')}, marked “You”.`
            : 'You hold no role in this plan.'}
        </p>
        {overflows && (
          <p className="raci-hint" id={`${id}-hint`}>
            <span aria-hidden="true">↔</span> Scroll sideways to see every role.
          </p>
        )}
        <div
          ref={scroller}
          className="raci-scroll"
          role="region"
          aria-label="RACI matrix, scrollable"
          aria-describedby={overflows ? `${id}-hint` : undefined}
          // Focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
          tabIndex={0}
        >
          <table className="raci-matrix">
            <caption className="visually-hidden">RACI matrix: steps by phase and role, with each step's status</caption>
            <thead>
              <tr>
                <th scope="col" className="raci-step">
                  Step
                </th>
                <th scope="col">Status</th>
                {raci.roles.map((r) => (
                  <th scope="col" key={r.code} className={mine.has(r.code) ? 'mine' : undefined}>
                    <abbr title={r.name}>{r.code}</abbr>
                    <span className="visually-hidden"> {r.name}</span>
                    <div className="raci-people">{r.people.map((p) => p.displayName).join(', ') || '—'}</div>
                    {mine.has(r.code) && <span className="raci-you-badge">You</span>}
                  </th>
                ))}
              </tr>
            </thead>
            {groups.map((g) => (
              <tbody key={g.phase}>
                <tr className="raci-phase">
                  <th scope="colgroup" colSpan={columns}>
                    {g.phase} <span className="subtle">· {g.applicable ? `${g.done} of ${g.applicable} done` : 'no step applies'}</span>
                  </th>
                </tr>
                {g.rows.map((row) => {
                  const na = row.state === 'not-applicable';
                  return (
                    <tr key={row.step} className={[na ? 'na' : '', row.step === currentStep ? 'current' : ''].join(' ').trim() || undefined}>
                      <StepCell row={row} current={row.step === currentStep} />
                      <td className="raci-status">
                        <Lozenge tone={STATE_TONE[row.state]}>{STEP_STATE_LABEL[row.state]}</Lozenge>
                        {isOverdue(row, progress.forecast) && (
                          <>
                            <span className="visually-hidden">, </span>
                            <Lozenge tone="danger">overdue</Lozenge>
                          </>
                        )}
                      </td>
                      {raci.roles.map((r) => {
                        const text = cellText(cellLetters(row, r.code));
                        return (
                          <td key={r.code} className={mine.has(r.code) ? 'mine' : undefined}>
                            {text.short && (
                              <>
                                <span aria-hidden="true">{text.short}</span>
                                <span className="visually-hidden">{text.words}</span>
                              </>
                            )}
                            {!text.short && na && <span className="visually-hidden">not applicable</span>}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </div>
      </div>
    </section>
  );
}
