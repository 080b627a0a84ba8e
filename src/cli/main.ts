/**
 * The `playbook` command. Sub-commands are discovered: every module in ./commands exporting `command`
 * (a CliCommand) is one, so a new command is a new file and nothing here changes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, type CliCommand, type CliIo } from './command';

const COMMANDS_DIR = join(__dirname, 'commands');
/** Listed first in the help, in this order; any other command follows alphabetically. */
const HELP_ORDER = ['template', 'plan', 'generate', 'progress'];

function isCliCommand(value: unknown): value is CliCommand {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.name === 'string' && typeof c.summary === 'string' && typeof c.help === 'string' && typeof c.run === 'function';
}

export function loadCommands(dir: string = COMMANDS_DIR): CliCommand[] {
  const files = readdirSync(dir).filter((f) => /\.(ts|js|cjs)$/.test(f) && !f.endsWith('.d.ts') && !f.startsWith('_'));
  const commands = files.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- discovery needs a runtime require
    const loaded = require(join(dir, file)) as { command?: unknown };
    if (!isCliCommand(loaded.command)) throw new Error(`${join(dir, file)} must export \`command\` (a CliCommand)`);
    return [loaded.command];
  });
  const rank = (name: string) => (HELP_ORDER.includes(name) ? HELP_ORDER.indexOf(name) : HELP_ORDER.length);
  return commands.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function topLevelHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: playbook <command> [options]',
    '',
    'Outbound Payments playbook: template, plans, generation into Jira, progress.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `playbook <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

/**
 * Every failure is one line on stderr: exit 2 for bad input (commands decide), 1 for a failure. A stack
 * trace is printed only with `--debug` (accepted anywhere on the command line).
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await dispatch(argv.filter((a) => a !== '--debug'), io);
  } catch (error) {
    io.stderr(`playbook: ${failureLine(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.failure;
  }
}

function failureLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const flat = text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
  return `${flat.length > 300 ? `${flat.slice(0, 300)}…` : flat} (run with --debug for details)`;
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const commands = loadCommands();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(topLevelHelp(commands));
    return name === undefined ? EXIT.invalidInput : EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${topLevelHelp(commands)}`);
    return EXIT.invalidInput;
  }
  return command.run(rest, io);
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};
