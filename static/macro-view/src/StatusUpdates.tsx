/**
 * Status updates for the plan's external parties (Biller, Core System, Transcard): plain text built by the
 * backend from the read model (core's `partyStatusUpdate`), ready to paste into an e-mail. Copy puts it on the
 * clipboard (or, where the frame may not write to it, selects it for Ctrl+C); the mailto link opens a draft.
 */
import { useId, useRef, useState } from 'react';
import type { PartyStatusUpdateView } from '../../../src/contract/types';
import { Lozenge } from '../../shared/ui';

export function StatusUpdates({ updates }: { updates: PartyStatusUpdateView[] }) {
  const [party, setParty] = useState(updates[0]?.party);
  const id = useId();
  const selected = updates.find((u) => u.party === party) ?? updates[0];
  if (!selected) return null;
  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} style={{ margin: 0 }}>
        Status updates for external parties
      </h3>
      <div className="row" role="group" aria-label="Party">
        {updates.map((u) => (
          <button key={u.party} type="button" aria-pressed={u.party === selected.party} onClick={() => setParty(u.party)}>
            {u.partyName}
            {u.late.length > 0 ? ` (${u.late.length} late)` : ''}
          </button>
        ))}
      </div>
      <PartyUpdate key={selected.party} update={selected} />
    </section>
  );
}

function PartyUpdate({ update }: { update: PartyStatusUpdateView }) {
  const text = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'clipboard' | 'selected' | null>(null);
  const id = useId();
  const who = update.contact?.displayName ?? `the ${update.partyName}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(update.text);
      setCopied('clipboard');
    } catch {
      // The host may not let the frame write to the clipboard: select the text so Ctrl+C / ⌘C copies it.
      text.current?.focus();
      text.current?.select();
      setCopied('selected');
    }
  }

  return (
    <div className="stack">
      <div className="row">
        <Lozenge tone={update.late.length ? 'danger' : 'success'}>{update.late.length ? `${update.late.length} late` : 'Nothing late'}</Lozenge>
        <span className="subtle">
          {update.dueSoon.length} due by {update.horizon} · {update.involved.length} steps Responsible or Consulted
        </span>
      </div>
      <label htmlFor={`${id}-text`}>
        Status update for {update.partyName}
        {update.contact ? ` (${update.contact.displayName})` : ''}, as of {update.today}
      </label>
      <textarea id={`${id}-text`} ref={text} readOnly rows={12} value={update.text} className="status-update-text" />
      <div className="row">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy text
        </button>
        <a href={update.mailto} target="_blank" rel="noreferrer">
          E-mail {who}
        </a>
        <span role="status" className="subtle">
          {copied === 'clipboard' ? 'Copied to the clipboard.' : copied === 'selected' ? 'Text selected: press Ctrl+C (⌘C) to copy.' : ''}
        </span>
      </div>
      {!update.contact?.email && <p className="subtle">The kickoff has no e-mail for the {update.partyName}: add the recipient in your mail app.</p>}
      {update.mailtoBody !== 'full' && (
        <p className="subtle">
          {update.mailtoBody === 'short'
            ? 'The e-mail link carries the late and upcoming steps only (long links are cut by mail apps); paste the copied text for the full list.'
            : 'The e-mail link carries the subject only (long links are cut by mail apps); paste the copied text.'}
        </p>
      )}
    </div>
  );
}
