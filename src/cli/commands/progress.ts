/** `playbook progress --plan EPIC-KEY`: a plan's progress by phase, from one Jira search (read only). */
import type { PlanProgressView } from '../../contract';
import { isIssueKey, isPlanId, safeExcerpt } from '../../core';
import { readPlanSnapshot, toPlanProgressView } from '../../usecases/plan-read';
import { defineCommand, EXIT } from '../command';
import { commandToday, TODAY_OPTION } from '../today';
import { textTable } from '../table';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connect, reportFailure } from './jira-connection';

function progressText(title: string, view: PlanProgressView): string {
  const rows = view.phases.map((p) => [
    p.phase,
    `${p.counts.done}/${p.counts.total}`,
    String(p.counts.inProgress),
    String(p.counts.overdue),
    `${p.percentDone}%`,
  ]);
  return [
    `${title} (${view.epicKey}, plan ${view.planId})`,
    `Status: ${view.status} · current phase: ${view.currentPhase ?? '—'} · ${view.overall.done}/${view.overall.total} steps done (${view.percentDone}%), ${view.overall.overdue} overdue`,
    '',
    textTable(['Phase', 'Done', 'In progress', 'Overdue', '%'], rows).trimEnd(),
    '',
    ...forecastText(view),
    `JQL: ${view.jql}`,
    '',
  ].join('\n');
}

function forecastText(view: PlanProgressView): string[] {
  const f = view.forecast;
  if (!f) return ['No baseline known for this plan: no forecast.', ''];
  const moved = f.steps.filter((s) => s.health !== 'done' && s.health !== 'on-track');
  return [
    `Forecast as of ${f.today}: go-live ${f.goLive} (baseline ${f.baselineGoLive}), slip ${f.slipBusinessDays} business day${f.slipBusinessDays === 1 ? '' : 's'} · ${f.health}`,
    ...(moved.length
      ? [
          '',
          textTable(
            ['Step', 'Due', 'Forecast end', 'Health'],
            moved.map((s) => [String(s.step), s.due ?? '—', s.forecastEnd, s.health]),
          ).trimEnd(),
        ]
      : []),
    '',
  ];
}

export const command = defineCommand({
  name: 'progress',
  summary: "Show a generated plan's progress by phase",
  help: `Usage: playbook progress --site URL --email E --token T --plan EPIC-KEY [--today YYYY-MM-DD] [--json]

Options:
${CONNECTION_HELP}
  --plan KEY       the plan epic's key (or the plan id)
  --today DATE     judge overdue, health and the forecast as of this day (default: today, UTC)
  --json           print the progress view the app's getPlanProgress returns (per-phase JQL included) as JSON
  -h, --help

Exit codes: 0 shown, 1 no such plan or Jira failed, 2 invalid arguments.`,
  options: { ...CONNECTION_OPTIONS, plan: { type: 'string' }, ...TODAY_OPTION, json: { type: 'boolean' } },
  async run(values, io, usage) {
    const day = commandToday(values.today, io.today);
    if (!day.ok) {
      io.stderr(`${day.message}
`);
      return EXIT.invalidInput;
    }
    // Neither an epic key nor a plan id (e.g. "out-1"): bad input, refused before anything is sent.
    if (values.plan !== undefined && !isIssueKey(values.plan) && !isPlanId(values.plan)) {
      io.stderr(`--plan must be the plan's epic key such as OUT-1, or its plan id such as op-out-1a2b3c4d5e6f7a8b; not "${safeExcerpt(values.plan)}"\n`);
      return EXIT.invalidInput;
    }
    const { today } = day;
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
      const input = isIssueKey(values.plan) ? { epicKey: values.plan } : { planId: values.plan };
      const snapshot = await readPlanSnapshot({ jira: connection.jira, today: () => today, now: io.now }, input);
      const view = toPlanProgressView(snapshot);
      io.stdout(values.json ? `${JSON.stringify(view, null, 2)}\n` : progressText(snapshot.epic.property.title, view));
      return EXIT.ok;
    } catch (error) {
      return reportFailure(error, io);
    }
  },
});
