/**
 * The macro on the page. Before generation: the kickoff summary, the preview and a Generate button that
 * calls generatePlan until it reports `done` (each call is one resumable chunk). After: the plan's phases,
 * status and RACI matrix.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { GeneratePlanResult, MacroStateResult } from '../../../src/contract/types';
import { api } from '../../shared/api';
import { loadContext } from '../../shared/context';
import { PlanSummary } from '../../shared/plan';
import { RaciSection } from '../../shared/raci';
import { Empty, Loading, useFlags } from '../../shared/ui';
import { KickoffSummary, PreviewTable } from '../../shared/kickoff';
import { ForecastSection } from '../../shared/timeline';
import { ForecastActions } from './ForecastActions';
import { StatusUpdates } from './StatusUpdates';
import { KickoffChangedNotice } from './KickoffChangedNotice';
import { PlanUpdate } from '../../shared/PlanUpdate';

type Phase = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; state: MacroStateResult };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function MacroView() {
  const flags = useFlags();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  /** The finished generation, kept on screen above the plan so the user sees what was created. */
  const [finished, setFinished] = useState<GeneratePlanResult | null>(null);

  const load = useCallback(async () => {
    const context = await loadContext();
    const result = await api.getMacroState({ pageId: context.contentId ?? context.localId ?? 'unknown', config: context.config ?? undefined });
    if (result.ok) setPhase({ kind: 'ready', state: result.data });
    else setPhase({ kind: 'failed', message: result.error.message });
  }, []);

  useEffect(() => {
    load().catch((e: unknown) => setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }));
  }, [load]);

  if (phase.kind === 'loading') return <Loading label="Loading the playbook…" />;
  if (phase.kind === 'failed')
    return (
      <div className="card" role="alert">
        <p>The Outbound Playbook could not load: {phase.message}</p>
        <button
          type="button"
          onClick={() => {
            setPhase({ kind: 'loading' });
            void load();
          }}
        >
          Try again
        </button>
      </div>
    );

  const { state } = phase;
  if (!state.config)
    return (
      <Empty>
        <h2>Outbound Playbook</h2>
        <p>Edit this macro to fill in the kickoff: the Jira project, biller, core system, capabilities, dates and people.</p>
      </Empty>
    );
  if (state.plan?.generated && state.plan.progress)
    return (
      <div className="stack">
        {finished && <GenerationProgress progress={finished} />}
        {state.kickoffChanged && <KickoffChangedNotice changes={state.kickoffChanged.changes} />}
        <PlanSummary progress={state.plan.progress} />
        <PlanUpdate onChanged={() => void load()} permission={state.actions.planUpdate} />
        {state.plan.progress.forecast && (
          <>
            <ForecastSection forecast={state.plan.progress.forecast} rows={state.plan.progress.raci.rows} />
            <ForecastActions progress={state.plan.progress} actions={state.actions} onChanged={() => void load()} />
          </>
        )}
        <RaciSection progress={state.plan.progress} viewer={state.plan.viewer} />
        <StatusUpdates updates={state.plan.statusUpdates} />
      </div>
    );
  return (
    <BeforeGeneration
      state={state}
      onGenerated={(result) => {
        setFinished(result);
        void load();
        flags.showSuccess('Plan generated', `${result.total} steps are in Jira${result.epicKey ? ` under ${result.epicKey}` : ''}.`);
      }}
    />
  );
}

function BeforeGeneration({ state, onGenerated }: { state: MacroStateResult; onGenerated: (result: GeneratePlanResult) => void }) {
  const flags = useFlags();
  const kickoff = state.config!.kickoff;
  const { preview, generate: permission } = state;
  const [progress, setProgress] = useState<GeneratePlanResult | null>(null);
  const [running, setRunning] = useState(false);
  const cancelled = useRef(false);
  const reasonId = useId();

  useEffect(() => {
    cancelled.current = false;
    return () => {
      cancelled.current = true;
    };
  }, []);

  async function generate() {
    setRunning(true);
    try {
      for (;;) {
        // No page: the backend takes the kickoff's own, else the page hosting the macro, from the Forge context.
        const result = await api.generatePlan({ kickoff });
        if (cancelled.current) return;
        if (!result.ok) {
          flags.showError(result.error);
          return;
        }
        setProgress(result.data);
        if (result.data.state === 'done') {
          for (const warning of result.data.warnings) flags.showWarning('Generated, with a note', warning);
          onGenerated(result.data);
          return;
        }
        await sleep(Math.max(250, result.data.retryAfterMs ?? 1000));
      }
    } finally {
      if (!cancelled.current) setRunning(false);
    }
  }

  return (
    <div className="stack">
      <KickoffSummary kickoff={kickoff} capabilityNames={state.capabilityNames} people={preview?.people} />
      {state.configErrors.length > 0 && (
        <div className="card" role="alert">
          <strong>The saved kickoff needs changes before generating:</strong>
          <ul>
            {state.configErrors.map((e) => (
              <li key={e.field}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && <PreviewTable preview={preview} />}
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => void generate()}
          disabled={running || state.configErrors.length > 0 || !permission.allowed}
          aria-describedby={permission.reason ? reasonId : undefined}
        >
          {running ? 'Generating…' : state.plan ? 'Resume generation' : 'Generate plan in Jira'}
        </button>
        {permission.reason && (
          <p id={reasonId} className="notice danger" style={{ margin: 0, flex: '1 1 240px' }}>
            {permission.reason}
          </p>
        )}
        {progress && (
          <div style={{ flex: 1 }}>
            <GenerationProgress progress={progress} />
          </div>
        )}
      </div>
    </div>
  );
}

function GenerationProgress({ progress }: { progress: GeneratePlanResult }) {
  return (
    <div>
      <div
        className="bar"
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.completed}
      >
        <span
          className={progress.state === 'done' ? 'done' : 'inprogress'}
          style={{ width: `${progress.total ? (100 * progress.completed) / progress.total : 0}%` }}
        />
      </div>
      <div className="subtlest">
        {progress.state === 'done' ? 'Generated ' : ''}
        {progress.completed} of {progress.total} issues{progress.epicKey ? ` · epic ${progress.epicKey}` : ''}
      </div>
    </div>
  );
}
