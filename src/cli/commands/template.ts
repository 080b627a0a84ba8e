/** `playbook template`: the current playbook, as a table or as JSON; `playbook template diff`: two versions compared. */
import {
  CURRENT_PLAYBOOK,
  diffTemplates,
  formatTemplateError,
  getPlaybook,
  playbookVersions,
  templateToJson,
  toPlaybookData,
  validateTemplate,
  type FieldChange,
  type PlaybookData,
  type StepCondition,
  type TemplateDiff,
} from '../../core';
import { defineCommand, EXIT, type CliIo } from '../command';
import { readJsonFile } from '../kickoff-file';
import { textTable } from '../table';

const DIFF_HELP = `Usage: playbook template diff --from FILE|VERSION --to FILE|VERSION [--json]

Compares two playbook template versions step by step (steps matched by their stable id) and field by
field: steps added, removed, changed (which fields, before → after) and renumbered, then template-level
changes (phases, roles, references, supported integrations, change log).

FILE is a template exported with \`playbook template --json\` (and possibly edited); VERSION is a built-in
version (${playbookVersions().join(', ')}).

Options:
  --from FILE|VERSION   the older version
  --to FILE|VERSION     the newer version
  --json                print the diff as JSON
  -h, --help`;

const VALIDATE_HELP = `Usage: playbook template validate --file FILE

Checks a template file (the \`playbook template --json\` format) against the playbook schema and lists
every problem with its field path, e.g. in CI for a playbook kept in version control. Exit 2 when invalid.

Options:
  --file FILE   the template JSON
  -h, --help`;

const MAX_LISTED_ERRORS = 3;

/** A built-in version ("1.5") or a template file; a one-line message when it is neither. */
export function loadTemplateArg(option: string, value: string, io: CliIo): { ok: true; template: PlaybookData } | { ok: false; message: string } {
  if (/^\d+\.\d+$/.test(value)) {
    if (!playbookVersions().includes(value)) {
      return {
        ok: false,
        message: `${option} ${value}: no built-in playbook version ${value} (built in: ${playbookVersions().join(', ')}); pass a FILE exported with \`playbook template --json\``,
      };
    }
    return { ok: true, template: toPlaybookData(getPlaybook(value)) };
  }
  const read = readJsonFile(value, io.cwd);
  if (!read.ok) return { ok: false, message: `${option}: ${read.message.split('\n')[0]}` };
  const checked = validateTemplate(read.value);
  if (checked.ok) return checked;
  const shown = checked.errors.slice(0, MAX_LISTED_ERRORS).map(formatTemplateError).join('; ');
  const more = checked.errors.length > MAX_LISTED_ERRORS ? ` (and ${checked.errors.length - MAX_LISTED_ERRORS} more)` : '';
  return { ok: false, message: `${option} ${value}: invalid playbook template: ${shown}${more}` };
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value) && value.length === 0) return '(none)';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && /^[A-Z]+$/.test(v))) return value.join(', ');
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function formatTemplateChange(change: FieldChange): string {
  if (change.before === undefined) return `  + ${change.field}: ${formatValue(change.after)}`;
  if (change.after === undefined) return `  - ${change.field}: ${formatValue(change.before)}`;
  return `  ~ ${change.field}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}

/** The diff as lines a person reads: "+ added", "- removed", "~ changed" with its fields, "# renumbered". */
export function formatTemplateDiff(diff: TemplateDiff): string {
  const { added, removed, changed, renumbered } = diff.counts;
  const lines = [
    `Playbook ${diff.from} → ${diff.to}: ${added} step${added === 1 ? '' : 's'} added, ${removed} removed, ${changed} changed, ${renumbered} renumbered`,
  ];
  for (const step of diff.steps) {
    const was = 'previousNumber' in step && step.previousNumber !== step.number ? ` (was ${step.previousNumber})` : '';
    switch (step.kind) {
      case 'added':
        lines.push(`+ ${step.number}. ${step.title} [${step.id}] added in ${step.phase}`);
        break;
      case 'removed':
        lines.push(`- ${step.number}. ${step.title} [${step.id}] removed`);
        break;
      case 'renumbered':
        lines.push(`# ${step.number}. ${step.title} [${step.id}] renumbered${was}`);
        break;
      case 'changed':
        lines.push(`~ ${step.number}. ${step.title} [${step.id}] changed${was}`);
        for (const field of step.fields) lines.push(`    ${field.field}: ${formatValue(field.before)} → ${formatValue(field.after)}`);
        break;
    }
  }
  if (diff.template.length > 0) lines.push('Template:', ...diff.template.map(formatTemplateChange));
  return `${lines.join('\n')}\n`;
}

const validate = defineCommand({
  name: 'validate',
  summary: 'Check a template file against the playbook schema',
  help: VALIDATE_HELP,
  options: { file: { type: 'string' } },
  run: (values, io) => runValidate(values.file, io),
});

function runValidate(file: string | undefined, io: CliIo): number {
  if (file === undefined) {
    io.stderr('playbook template validate needs --file FILE\n');
    return EXIT.invalidInput;
  }
  const read = readJsonFile(file, io.cwd);
  if (!read.ok) {
    io.stderr(`${read.message.split('\n')[0]}\n`);
    return EXIT.invalidInput;
  }
  const checked = validateTemplate(read.value);
  if (!checked.ok) {
    const n = checked.errors.length;
    io.stderr(
      `${file}: invalid playbook template (${n} problem${n === 1 ? '' : 's'}):\n${checked.errors.map((e) => `  ${e.path || '(template)'}: ${e.message}`).join('\n')}\n`,
    );
    return EXIT.invalidInput;
  }
  const t = checked.template;
  io.stdout(
    `${file}: valid playbook template ${t.version} (${t.steps.length} steps in ${t.phases.length} phases; change log ${t.changeLog[0].version}–${t.version})\n`,
  );
  return EXIT.ok;
}

const diff = defineCommand({
  name: 'diff',
  summary: 'Compare two playbook template versions',
  help: DIFF_HELP,
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  run: (values, io) => runDiff(values, io),
});

function runDiff(values: { from?: string; to?: string; json?: boolean }, io: CliIo): number {
  const { from, to } = values;
  if (from === undefined || to === undefined) {
    io.stderr(`playbook template diff needs --from and --to (a FILE or a built-in VERSION such as 1.5)\n`);
    return EXIT.invalidInput;
  }
  const before = loadTemplateArg('--from', from, io);
  const after = loadTemplateArg('--to', to, io);
  for (const loaded of [before, after]) {
    if (!loaded.ok) {
      io.stderr(`${loaded.message}\n`);
      return EXIT.invalidInput;
    }
  }
  if (!before.ok || !after.ok) return EXIT.invalidInput;
  const changes = diffTemplates(before.template, after.template);
  io.stdout(values.json ? `${JSON.stringify(changes, null, 2)}\n` : formatTemplateDiff(changes));
  return EXIT.ok;
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

export const command = defineCommand({
  name: 'template',
  summary: 'Show the playbook template (phases, steps, RACI, rules)',
  help: `Usage: playbook template [--json]
       playbook template diff --from FILE|VERSION --to FILE|VERSION [--json]
       playbook template validate --file FILE

Shows the current Outbound Payments playbook: every step with its phase, category, RACI,
default duration (business days) and when it applies. \`diff\` compares two versions
(\`playbook template diff --help\`); \`validate\` checks a template file.

Options:
  --json    print the template as JSON: the import/export format (phases, roles, references,
            steps with their stable ids, change log), checked by the playbook schema
  -h, --help`,
  options: { json: { type: 'boolean' } },
  subcommands: [diff, validate],
  run(values, io) {
    const playbook = CURRENT_PLAYBOOK;
    if (values.json) {
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
});
