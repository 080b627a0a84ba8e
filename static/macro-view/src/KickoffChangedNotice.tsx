/** After generation: what the saved kickoff changed since, so the SA knows the plan in Jira does not reflect it yet. */
export function KickoffChangedNotice({ changes }: { changes: string[] }) {
  if (changes.length === 0) return null;
  return (
    <section className="notice info" aria-label="Kickoff changed after generation">
      <strong>The kickoff changed after generation — the plan in Jira does not have these changes yet:</strong>
      <ul>
        {changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
      <p>The plan update below previews what applying them creates, updates and leaves alone.</p>
    </section>
  );
}
