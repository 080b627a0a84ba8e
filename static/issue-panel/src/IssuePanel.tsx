/**
 * The Jira issue panel. A plan step: its phase, category, RACI with people, notes, references, the steps
 * before and after it, and the plan's phase progress. A plan epic: the plan's progress. An epic without a
 * plan: how to start one (plans are generated from the kickoff macro on the Confluence discovery page,
 * where the kickoff is recorded). Anything else: one quiet line.
 */
import { useEffect, useState } from 'react';
import type { IssuePanelView, RolePeopleView, StepLinkView, StepPanelView } from '../../../src/contract/types';
import { api } from '../../shared/api';
import { loadContext } from '../../shared/context';
import { PhaseList, PlanSummary, StatusLozenge, issuePath, openIssue } from '../../shared/plan';
import { PlanUpdate } from '../../shared/PlanUpdate';
import { ForecastSection } from '../../shared/timeline';
import { RaciSection } from '../../shared/raci';
import { StepNotes, StepReferences } from './StepNotes';
import { Loading, Lozenge } from '../../shared/ui';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; view: IssuePanelView };

export function IssuePanel() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    (async () => {
      const context = await loadContext();
      if (!context.issueKey) throw new Error('The host did not say which issue this is.');
      const result = await api.getIssuePanel({ issueKey: context.issueKey });
      setState(result.ok ? { kind: 'ready', view: result.data } : { kind: 'failed', message: result.error.message });
    })().catch((e: unknown) => setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
  }, []);

  if (state.kind === 'loading') return <Loading label="Loading the playbook step…" />;
  if (state.kind === 'failed')
    return (
      <p role="alert" className="subtle">
        Outbound Playbook: {state.message}
      </p>
    );
  const { view } = state;
  switch (view.kind) {
    case 'none':
      return <p className="subtlest">Not part of an outbound playbook.</p>;
    case 'epic-without-plan':
      return (
        <div className="stack">
          <p>This epic has no Outbound Playbook plan.</p>
          <p className="subtle">
            To start one, add the <strong>Outbound Playbook</strong> macro to the biller's discovery page in Confluence, fill in the kickoff for project{' '}
            {view.projectKey} and select <em>Generate plan in Jira</em>. The plan gets its own epic.
          </p>
        </div>
      );
    case 'plan-epic':
      return (
        <div className="stack">
          <PlanSummary progress={view.progress} />
          <PlanUpdate onChanged={() => window.location.reload()} />
          {view.progress.forecast && <ForecastSection forecast={view.progress.forecast} rows={view.progress.raci.rows} />}
          <RaciSection progress={view.progress} viewer={view.viewer} />
        </div>
      );
    case 'step':
      return <StepView view={view} />;
  }
}

function People({ roles }: { roles: RolePeopleView[] }) {
  if (roles.length === 0) return <span className="subtlest">—</span>;
  return (
    <>
      {roles.map((r, i) => (
        <span key={r.code}>
          {i > 0 && ', '}
          <abbr title={r.name}>{r.code}</abbr> {r.people.length ? `(${r.people.map((p) => p.displayName).join(', ')})` : ''}
        </span>
      ))}
    </>
  );
}

function StepLink({ link, rel }: { link: StepLinkView | null; rel: 'Previous' | 'Next' }) {
  if (!link) return <span className="subtlest">{rel}: none</span>;
  const label = `${rel}: ${link.step}. ${link.title}`;
  return link.issueKey ? (
    <a
      href={issuePath(link.issueKey)}
      onClick={(e) => {
        e.preventDefault();
        openIssue(link.issueKey as string, true);
      }}
    >
      {label}
    </a>
  ) : (
    <span>{label}</span>
  );
}

const STATE_LABEL = { todo: 'To do', 'in-progress': 'In progress', done: 'Done', 'not-applicable': 'Not applicable' } as const;

function StepView({ view }: { view: StepPanelView }) {
  return (
    <div className="stack">
      <div className="row">
        <strong>Step {view.step} of the Outbound Payments playbook</strong>
        <Lozenge tone={view.state === 'done' ? 'success' : view.state === 'in-progress' ? 'inprogress' : undefined}>{STATE_LABEL[view.state]}</Lozenge>
        {view.dueDate && <span className={view.overdue ? 'due-overdue' : 'subtle'}>Due {view.dueDate}</span>}
        {view.overdue && (
          <Lozenge tone="danger">
            {view.overdue.businessDaysLate > 0
              ? `Overdue · ${view.overdue.businessDaysLate} business day${view.overdue.businessDaysLate === 1 ? '' : 's'} late`
              : 'Overdue'}
          </Lozenge>
        )}
      </div>
      <table aria-label="Step details">
        <tbody>
          <tr>
            <th scope="row">Phase</th>
            <td>{view.phase}</td>
          </tr>
          <tr>
            <th scope="row">Category</th>
            <td>{view.category}</td>
          </tr>
          <tr>
            <th scope="row">Responsible</th>
            <td>
              <People roles={view.raci.responsible} />
            </td>
          </tr>
          <tr>
            <th scope="row">Accountable</th>
            <td>
              <People roles={view.raci.accountable} />
            </td>
          </tr>
          <tr>
            <th scope="row">Consulted</th>
            <td>
              <People roles={view.raci.consulted} />
            </td>
          </tr>
          <tr>
            <th scope="row">Informed</th>
            <td>
              <People roles={view.raci.informed} />
            </td>
          </tr>
        </tbody>
      </table>
      <StepNotes notes={view.notes} authorNotes={view.authorNotes} />
      <StepReferences references={view.references} />
      <nav aria-label="Playbook steps" className="row" style={{ justifyContent: 'space-between' }}>
        <StepLink link={view.prev} rel="Previous" />
        <StepLink link={view.next} rel="Next" />
      </nav>
      <section aria-label="Plan progress" className="stack">
        <div className="row">
          <h3 style={{ margin: 0 }}>{view.progress.biller} plan</h3>
          <StatusLozenge status={view.progress.status} />
        </div>
        <PhaseList phases={view.progress.phases} currentPhase={view.progress.currentPhase} />
      </section>
      {view.progress.forecast && <ForecastSection forecast={view.progress.forecast} rows={view.progress.raci.rows} currentStep={view.step} />}
      <RaciSection progress={view.progress} viewer={view.viewer} currentStep={view.step} defaultExpanded={false} />
    </div>
  );
}
