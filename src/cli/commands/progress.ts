/** `playbook progress --plan EPIC-KEY`: a plan's progress by phase, from one Jira search (read only). */
import type { PlanProgressView } from '../../contract';
import { readPlanSnapshot, toPlanProgressView } from '../../usecases/plan-read';
import { defineCommand, EXIT } from '../command';
import { textTable } from '../table';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connect, reportFailure } from './jira-connection';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

function progressText(title: string, view: PlanProgressView): string {
  const rows = view.phases.map((p) => [p.phase, `${p.counts.done}/${p.counts.total}`, String(p.counts.inProgress), String(p.counts.overdue), `${p.percentDone}%`]);
  return [
    `${title} (${view.epicKey}, plan ${view.planId})`,
    `Status: ${view.status} · current phase: ${view.currentPhase ?? '—'} · ${view.overall.done}/${view.overall.total} steps done (${view.percentDone}%), ${view.overall.overdue} overdue`,
    '',
    textTable(['Phase', 'Done', 'In progress', 'Overdue', '%'], rows).trimEnd(),
    '',
    `JQL: ${view.jql}`,
    '',
  ].join('\n');
}

export const command = defineCommand({
  name: 'progress',
  summary: "Show a generated plan's progress by phase",
  help: `Usage: playbook progress --site URL --email E --token T --plan EPIC-KEY [--json]

Options:
${CONNECTION_HELP}
  --plan KEY       the plan epic's key (or the plan id)
  --json           print the progress view the app's getPlanProgress returns (per-phase JQL included) as JSON
  -h, --help

Exit codes: 0 shown, 1 no such plan or Jira failed, 2 invalid arguments.`,
  options: { ...CONNECTION_OPTIONS, plan: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io, usage) {
    const connection = connect(values, io);
    if (!connection.ok || !values.plan) {
      return usage([connection.ok ? null : connection.message, values.plan ? null : 'Missing --plan EPIC-KEY'].filter(Boolean).join('\n'));
    }
    const reachable = await connection.probe();
    if (!reachable.ok) {
      io.stderr(`${reachable.message}\n`);
      return EXIT.failure;
    }
    try {
      const input = ISSUE_KEY.test(values.plan) ? { epicKey: values.plan } : { planId: values.plan };
      const snapshot = await readPlanSnapshot({ jira: connection.jira }, input);
      const view = toPlanProgressView(snapshot);
      io.stdout(values.json ? `${JSON.stringify(view, null, 2)}\n` : progressText(snapshot.epic.property.title, view));
      return EXIT.ok;
    } catch (error) {
      return reportFailure(error, io);
    }
  },
});
