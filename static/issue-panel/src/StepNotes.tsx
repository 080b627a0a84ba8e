/**
 * A step's notes and references in the issue panel. The playbook's guidance is "Notes"; a note its author left
 * on the page as a to-do (written in capitals, e.g. "NEED AN OUTBOUND VERSION") is shown apart as "Author's
 * note", so nobody reads it as an instruction. References with an address are links (opened by the host);
 * the others say where their address would come from.
 */
import { router } from '@forge/bridge';
import type { ReferenceView } from '../../../src/contract/types';

export function StepNotes({ notes, authorNotes }: { notes: string[]; authorNotes: string[] }) {
  if (notes.length === 0 && authorNotes.length === 0) return null;
  return (
    <>
      {notes.length > 0 && (
        <section aria-label="Notes">
          <h3>Notes</h3>
          {notes.map((n, i) => (
            <p key={i}>{n}</p>
          ))}
        </section>
      )}
      {authorNotes.length > 0 && (
        <aside aria-label="Author's note" className="card author-note">
          <strong>Author's note</strong> <span className="subtle">(left on the playbook page by its author; not a step instruction)</span>
          {authorNotes.map((n, i) => (
            <p key={i} className="subtle">
              {n}
            </p>
          ))}
        </aside>
      )}
    </>
  );
}

export function StepReferences({ references }: { references: ReferenceView[] }) {
  if (references.length === 0) return null;
  return (
    <section aria-label="References">
      <h3>References</h3>
      <ul style={{ margin: 0 }}>
        {references.map((r) => (
          <li key={r.name}>
            {r.url ? (
              <a
                href={r.url}
                target="_blank"
                rel="noreferrer"
                onClick={(e) => {
                  e.preventDefault();
                  void router.open(r.url as string);
                }}
              >
                {r.name}
              </a>
            ) : (
              <>
                {r.name} <span className="subtlest">(no address yet: the SA can add it to the kickoff's reference links)</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
