/**
 * "Playbook v1.6 is available" / "The kickoff changed": a banner on a plan the newest template version or
 * the saved kickoff would change, a preview of exactly what the update creates, updates and leaves alone
 * (and why), and Apply. One resolver pair for both (previewPlanUpdate → applyPlanUpdate); the plan is the
 * one the Forge context names, the payload only the target.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { PlanUpdateView } from '../../src/contract/types';
import { api } from './api';
import { useFlags } from './ui';

const REASONS: Record<PlanUpdateView['leave'][number]['reason'], string> = {
  done: 'done',
  'in-progress': 'in progress',
  edited: 'edited by someone since the app wrote it',
  'removed-from-template': 'removed from the playbook (flagged, not deleted)',
  'out-of-scope': 'no longer in the kickoff’s scope (flagged, not deleted)',
  unchanged: 'unchanged',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why the plan would change, in one line. */
function headline(update: PlanUpdateView): string {
  const parts = [
    update.to !== update.from ? `Playbook v${update.to} is available (this plan is on v${update.from}).` : null,
    update.kickoffChanged ? 'The kickoff changed since the plan was generated.' : null,
  ];
  return parts.filter(Boolean).join(' ');
}

export function PlanUpdate({
  onChanged,
  permission,
}: {
  onChanged: () => void;
  /** Whether the viewer may update the plan (when known): refused, the button is disabled with the reason beside it. */
  permission?: { allowed: boolean; reason: string | null };
}) {
  const reasonId = useId();
  const flags = useFlags();
  const [update, setUpdate] = useState<PlanUpdateView | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const check = useCallback(async () => {
    const result = await api.previewPlanUpdate({});
    // No update to offer (or none can be computed here): the banner stays away; errors show on Apply.
    setUpdate(result.ok && !result.data.upToDate ? result.data : null);
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  async function apply() {
    setBusy(true);
    try {
      for (let call = 0; call < 60; call += 1) {
        const result = await api.applyPlanUpdate({});
        if (!result.ok) {
          flags.showError(result.error);
          return;
        }
        if (result.data.state === 'done') {
          const { created, updated, flagged } = result.data;
          flags.showSuccess('Plan updated', `${plural(created.length, 'step')} created, ${updated.length} updated, ${flagged.length} flagged.`);
          setOpen(false);
          setUpdate(null);
          onChanged();
          return;
        }
        await sleep(result.data.retryAfterMs);
      }
      flags.showError('The update did not finish; apply it again to resume.');
    } finally {
      setBusy(false);
    }
  }

  if (!update) return null;
  const left = update.leave.filter((l) => l.reason !== 'unchanged');
  return (
    <section className="card stack" aria-label="Plan update">
      <p>
        <strong>{headline(update)}</strong>
      </p>
      {!open && (
        <div className="row">
          <button
            type="button"
            onClick={() => setOpen(true)}
            disabled={permission ? !permission.allowed : false}
            aria-describedby={permission?.reason ? reasonId : undefined}
          >
            {update.to !== update.from ? 'Preview the upgrade…' : 'Update plan…'}
          </button>
          {permission?.reason && (
            <span id={reasonId} className="subtle">
              {permission.reason}
            </span>
          )}
        </div>
      )}
      {open && (
        <div className="stack" role="region" aria-label="Plan update preview">
          <ul>
            <li>
              {plural(update.create.length, 'step')} to create
              {update.create.length > 0 && ` (${update.create.map((c) => `${c.number}. ${c.title}`).join(', ')})`}
            </li>
            <li>
              {plural(update.update.length, 'step')} to update
              {update.update.length > 0 && ` (${update.update.map((u) => `${u.number}. ${u.title}`).join(', ')})`}
            </li>
            <li>{plural(left.length, 'step')} left alone</li>
          </ul>
          {update.create.length > 0 && (
            <table>
              <caption>Steps to create</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Phase</th>
                  <th scope="col">Start</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {update.create.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="plain">
                      {c.number}. {c.title}
                    </th>
                    <td>{c.phase}</td>
                    <td>{c.start}</td>
                    <td>{c.due}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {update.update.length > 0 && (
            <table>
              <caption>Steps to update (not started, not edited)</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Issue</th>
                  <th scope="col">What changes</th>
                </tr>
              </thead>
              <tbody>
                {update.update.map((u) => (
                  <tr key={u.id}>
                    <th scope="row" className="plain">
                      {u.number}. {u.title}
                    </th>
                    <td>{u.issueKey}</td>
                    <td>{u.fields.join(', ') || 'text'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {left.length > 0 && (
            <table>
              <caption>Steps left alone</caption>
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Issue</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {left.map((l) => (
                  <tr key={l.id}>
                    <th scope="row" className="plain">
                      {l.number}. {l.title}
                    </th>
                    <td>{l.issueKey}</td>
                    <td>{REASONS[l.reason]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="subtle">Nothing is deleted. The plan then has {plural(update.applicableSteps, 'step')}.</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void apply()} disabled={busy}>
              {busy ? 'Applying…' : 'Apply update'}
            </button>
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
