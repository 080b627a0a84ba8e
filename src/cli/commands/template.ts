/** `playbook template`: the current playbook, as a table or as JSON. */
import { CURRENT_PLAYBOOK, type Playbook, type StepCondition } from '../../core';
import { parseCommandArgs } from '../args';
import { EXIT, type CliCommand } from '../command';
import { textTable } from '../table';

/** The JSON form: plain data other tools can read. */
export function templateJson(playbook: Playbook) {
  return {
    version: playbook.version,
    title: playbook.title,
    phases: playbook.phases.map((p) => p.name),
    roles: playbook.roles.map(({ code, name, team, internal }) => ({ code, name, team, internal })),
    capabilities: playbook.capabilities,
    steps: playbook.steps.map((s) => ({
      number: s.number,
      phase: s.phase,
      category: s.category,
      title: s.title,
      description: s.description,
      notes: s.notes,
      references: s.references,
      raci: { raw: s.raci.raw, responsible: s.raci.responsible, accountable: s.raci.accountable, consulted: s.raci.consulted, informed: s.raci.informed },
      conditions: s.conditions,
      durationDays: s.durationDays,
    })),
    supportedIntegrations: playbook.supportedIntegrations,
  };
}

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
  --json    print the template as JSON
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
      io.stdout(`${JSON.stringify(templateJson(playbook), null, 2)}\n`);
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
