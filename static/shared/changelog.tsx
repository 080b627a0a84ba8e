/** A playbook's change log as the playbook page's own table shows it, newest first (admin page, Playbook macro). */
export interface ChangeLogEntryView {
  version: string;
  date: string;
  author: string;
  summary: string;
}

export function ChangeLogTable({ entries, caption }: { entries: readonly ChangeLogEntryView[]; caption?: string }) {
  return (
    <table>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Date</th>
          <th scope="col">Author</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {[...entries].reverse().map((entry) => (
          <tr key={entry.version}>
            <td>{entry.version}</td>
            <td>{entry.date}</td>
            <td>{entry.author}</td>
            <td>{entry.summary}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
