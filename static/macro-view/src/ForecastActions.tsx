/**
 * The PM's actions on the forecast: "Apply forecast" (preview the due-date changes, then apply them) and
 * "Re-baseline" (with a reason). Each calls a resolver; Jira decides who may (the user's own permissions).
 */
import { useId, useState } from 'react';
import type { ForecastChangesView, MacroStateResult, PlanProgressView } from '../../../src/contract/types';
import { api } from '../../shared/api';
import { useFlags } from '../../shared/ui';

type Open = { kind: 'none' } | { kind: 'preview'; preview: ForecastChangesView } | { kind: 'rebaseline' };

export function ForecastActions({
  progress,
  actions,
  onChanged,
}: {
  progress: PlanProgressView;
  /** What the viewer may do: a refused action is shown disabled with its reason beside it. */
  actions: Pick<MacroStateResult['actions'], 'applyForecast' | 'rebaseline'>;
  onChanged: () => void;
}) {
  const flags = useFlags();
  const id = useId();
  const reasons = [...new Set([actions.applyForecast.reason, actions.rebaseline.reason].filter((r): r is string => r !== null))];
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const plan = { epicKey: progress.epicKey };

  async function preview() {
    setBusy(true);
    const result = await api.previewForecastChanges(plan);
    setBusy(false);
    if (result.ok) setOpen({ kind: 'preview', preview: result.data });
    else flags.showError(result.error);
  }

  async function apply(changes: ForecastChangesView['changes']) {
    setBusy(true);
    const result = await api.applyForecast({ ...plan, changes: changes.map((c) => ({ step: c.step, to: c.to })) });
    setBusy(false);
    if (!result.ok) {
      flags.showError(result.error);
      if (result.error.code === 'CONFLICT') void preview();
      return;
    }
    setOpen({ kind: 'none' });
    flags.showSuccess(
      'Forecast applied',
      result.data.applied.length
        ? `${result.data.applied.length} due date${result.data.applied.length === 1 ? '' : 's'} moved.`
        : 'The due dates already matched the forecast.',
    );
    onChanged();
  }

  async function rebaseline() {
    setBusy(true);
    const result = await api.rebaselinePlan({ ...plan, reason });
    setBusy(false);
    if (!result.ok) {
      const field = result.error.fields?.find((f) => f.field === 'reason');
      if (field) setReasonError(field.message);
      else flags.showError(result.error);
      return;
    }
    setOpen({ kind: 'none' });
    setReason('');
    setReasonError(null);
    flags.showSuccess(
      result.data.rebaselined ? 'Plan re-baselined' : 'Nothing to re-baseline',
      result.data.rebaselined ? `Go-live ${result.data.progress.forecast?.baselineGoLive ?? ''} is the new baseline.` : 'The baseline already is the forecast.',
    );
    onChanged();
  }

  return (
    <div className="stack forecast-actions">
      <div className="row">
        <button
          type="button"
          onClick={() => void preview()}
          disabled={busy || !actions.applyForecast.allowed}
          aria-describedby={actions.applyForecast.reason ? `${id}-why` : undefined}
        >
          Apply forecast…
        </button>
        <button
          type="button"
          onClick={() => setOpen({ kind: 'rebaseline' })}
          disabled={busy || !actions.rebaseline.allowed}
          aria-describedby={actions.rebaseline.reason ? `${id}-why` : undefined}
        >
          Re-baseline…
        </button>
      </div>
      {reasons.length > 0 && (
        <p id={`${id}-why`} className="subtle action-reason">
          {reasons.join(' ')}
        </p>
      )}
      {open.kind === 'preview' && (
        <div className="card stack" role="region" aria-label="Forecast due-date changes">
          {open.preview.changes.length === 0 ? (
            <p>Every open step's due date already is its forecast end. Nothing to change.</p>
          ) : (
            <>
              <p>
                Move {open.preview.changes.length} due date{open.preview.changes.length === 1 ? '' : 's'} to the forecast (go-live {open.preview.goLive}). Done
                steps are never touched.
              </p>
              <table>
                <caption className="visually-hidden">Due dates the forecast moves</caption>
                <thead>
                  <tr>
                    <th scope="col">Step</th>
                    <th scope="col">Due now</th>
                    <th scope="col">New due date</th>
                  </tr>
                </thead>
                <tbody>
                  {open.preview.changes.map((c) => (
                    <tr key={c.step}>
                      <th scope="row" className="plain">
                        {c.step}. {c.title} ({c.issueKey})
                      </th>
                      <td>{c.from ?? '—'}</td>
                      <td>{c.to}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <div className="row">
            {open.preview.changes.length > 0 && (
              <button type="button" className="primary" onClick={() => void apply(open.preview.changes)} disabled={busy}>
                {busy ? 'Applying…' : `Apply ${open.preview.changes.length} change${open.preview.changes.length === 1 ? '' : 's'}`}
              </button>
            )}
            <button type="button" onClick={() => setOpen({ kind: 'none' })} disabled={busy}>
              {open.preview.changes.length ? 'Cancel' : 'Close'}
            </button>
          </div>
        </div>
      )}
      {open.kind === 'rebaseline' && (
        <form
          className="card stack"
          aria-label="Re-baseline the plan"
          onSubmit={(e) => {
            e.preventDefault();
            void rebaseline();
          }}
        >
          <p>The current forecast becomes the baseline (go-live {progress.forecast?.goLive}). Your name, the time and the reason are recorded on the plan.</p>
          <div className="field">
            <label htmlFor="rebaseline-reason">Reason</label>
            <textarea
              id="rebaseline-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? 'rebaseline-reason-error' : undefined}
            />
            {reasonError && (
              <div className="field-error" id="rebaseline-reason-error">
                {reasonError}
              </div>
            )}
          </div>
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Re-baselining…' : 'Re-baseline'}
            </button>
            <button type="button" onClick={() => setOpen({ kind: 'none' })} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
