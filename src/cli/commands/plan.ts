/** `playbook plan --kickoff FILE`: a dry run of plan building; nothing is written anywhere. */
import { buildPlan, CURRENT_PLAYBOOK, KickoffInvalidError, parseKickoff, type Plan } from '../../core';
import { defineCommand, EXIT } from '../command';
import { commandToday, TODAY_HELP, TODAY_OPTION } from '../today';
import { formatKickoffErrors, readJsonFile } from '../kickoff-file';
import { textTable } from '../table';

function planText(plan: Plan): string {
  const header = [
    `${plan.title}`,
    `Plan ${plan.planId} · project ${plan.projectKey} · playbook v${plan.templateVersion} · ${plan.integrationType} integration`,
    `From ${plan.start} to ${plan.due}`,
    ...plan.warnings.map((w) => `Warning: ${w}`),
    '',
  ].join('\n');
  const rows = plan.steps.map((s) =>
    s.applicable
      ? [String(s.number), s.phase, s.title, s.start, s.due, `${s.assignee.displayName} (${s.assignee.role})`, s.dependsOn.join(',') || '-']
      : [String(s.number), s.phase, s.title, '-', '-', s.reason, '-'],
  );
  return `${header}\n${textTable(['#', 'Phase', 'Step', 'Start', 'Due', 'Assignee', 'After'], rows, 48)}`;
}

/** The plan as JSON; a step's length is named for its unit, as the forecast names it. */
function planJson(plan: Plan): unknown {
  return {
    ...plan,
    steps: plan.steps.map(({ durationDays, ...step }) => ({ ...step, durationBusinessDays: durationDays })),
  };
}

export const command = defineCommand({
  name: 'plan',
  summary: 'Dry run: show the plan a kickoff file would generate',
  help: `Usage: playbook plan --kickoff FILE [--today YYYY-MM-DD] [--json]

Validates the kickoff and shows the plan it produces: applicable steps and why, assignees,
dependencies and business-day dates. --json adds each step's dependsOn (step numbers) and
durationBusinessDays, and the baseline (every applicable step's start and end, and the go-live)
that generation stores with the plan. Nothing is written to Jira.

Options:
  --kickoff FILE   kickoff JSON (see examples/kickoff.json)
${TODAY_HELP}
  --json           print the plan as JSON
  -h, --help

Exit codes: 0 plan shown, 2 invalid arguments or kickoff (every problem is listed on stderr).`,
  options: { kickoff: { type: 'string' }, ...TODAY_OPTION, json: { type: 'boolean' } },
  run(values, io, usage) {
    if (!values.kickoff) return usage('Missing --kickoff FILE');
    const day = commandToday(values.today, io.today);
    if (!day.ok) return usage(day.message);
    const file = readJsonFile(values.kickoff, io.cwd);
    if (!file.ok) {
      io.stderr(`${file.message}\n`);
      return EXIT.invalidInput;
    }
    let plan: Plan;
    try {
      plan = buildPlan(parseKickoff(file.value, CURRENT_PLAYBOOK, { today: day.today }));
    } catch (error) {
      if (!(error instanceof KickoffInvalidError)) throw error;
      io.stderr(formatKickoffErrors(error.errors));
      return EXIT.invalidInput;
    }
    io.stdout(values.json ? `${JSON.stringify(planJson(plan), null, 2)}\n` : planText(plan));
    return EXIT.ok;
  },
});
