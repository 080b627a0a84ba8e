/** `playbook template`: the current playbook, as a table or as JSON. */
import { CURRENT_PLAYBOOK, templateToJson, toPlaybookData, type StepCondition } from '../../core';
import { parseCommandArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { textTable } from '../table';

function describeCondition(condition: StepCondition): string {
  switch (condition.kind) {
    case 'capability':
      return `capability ${condition.capability}`;
    case 'integrationType':
      return `${condition.equals} only`;
    case 'optional':
      return condition.defaultOn ? 'optional (on)' : 'optional (off)';
  }
}

export const command: CliCommand = {
  name: 'template',
  summary: 'Show the playbook template (phases, steps, RACI, rules)',
  help: `Usage: playbook template [--json]

Shows the current Outbound Payments playbook: every step with its phase, category, RACI,
default duration (business days) and when it applies.

Options:
  --json    print the template as JSON: the import/export format (phases, roles, references,
            steps with their stable ids, change log), checked by the playbook schema
  -h, --help`,
  run(args, io) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
    if (!parsed.ok) {
      io.stderr(`${parsed.message}\n\n${command.help}\n`);
      return EXIT.invalidInput;
    }
    if (parsed.values.help) {
      io.stdout(`${command.help}\n`);
      return EXIT.ok;
    }
    const playbook = CURRENT_PLAYBOOK;
    if (parsed.values.json) {
      io.stdout(templateToJson(toPlaybookData(playbook)));
      return EXIT.ok;
    }
    io.stdout(`${playbook.title} v${playbook.version}: ${playbook.steps.length} steps in ${playbook.phases.length} phases\n\n`);
    io.stdout(
      textTable(
        ['#', 'Phase', 'Category', 'Step', 'RACI', 'Days', 'Applies'],
        playbook.steps.map((s) => [
          String(s.number),
          s.phase,
          s.category,
          s.title,
          s.raci.raw,
          String(s.durationDays),
          s.conditions.map(describeCondition).join(', ') || 'always',
        ]),
        48,
      ),
    );
    io.stdout(`\nRoles: ${playbook.roles.map((r) => `${r.code} ${r.name} (${r.team})`).join('; ')}\n`);
    return EXIT.ok;
  },
};
