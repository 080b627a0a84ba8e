/**
 * How the template marks notes that are not for plan readers. Two markers:
 * - `authoringNotes` (StepData): internal to-dos of template authors; never copied into plans, Jira or panels.
 * - a note in `notes` written in capitals only (e.g. v1.5 step 5's "NEED AN OUTBOUND VERSION"): the playbook
 *   page shows it to every reader, so the transcription keeps it in `notes`, but it is an author's to-do, not
 *   guidance; views show it apart, labelled "Author's note".
 */

/** A note with letters and no lower-case letter: an author's shouted to-do rather than a sentence for readers. */
export function isAuthorsNote(note: string): boolean {
  return /\p{Lu}/u.test(note) && !/\p{Ll}/u.test(note);
}

/** A step's notes split into what readers get as guidance and its author's notes (shown apart). */
export function splitStepNotes(notes: readonly string[]): { notes: string[]; authorNotes: string[] } {
  return { notes: notes.filter((n) => !isAuthorsNote(n)), authorNotes: notes.filter(isAuthorsNote) };
}
