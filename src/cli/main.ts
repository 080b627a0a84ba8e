/** The `playbook` command: dispatches to the commands of the table in ./commands; one-line failures. */
import { EXIT, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';

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
    "Run `playbook <command> --help` for a command's options.",
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
    return await dispatch(
      argv.filter((a) => a !== '--debug'),
      io,
    );
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
  const commands = COMMANDS;
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
  // The CLI's one clock reading: the edge of every command (./today.ts).
  today: new Date().toISOString().slice(0, 10),
  now: () => new Date().toISOString(),
};
