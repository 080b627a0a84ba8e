/**
 * What a `playbook` sub-command is, and the one place that parses its options: a command declares its
 * options and help; `defineCommand` handles `--help`, unknown or malformed options and usage errors the
 * same way for every command. The commands are listed in ./commands (the table).
 */
import { parseCommandArgs, type OptionValues, type Options } from './args';

/** Process exit codes: 2 means the input (arguments, kickoff) was wrong, 1 that the work failed. */
export const EXIT = { ok: 0, failure: 1, invalidInput: 2 } as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative paths are resolved from. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The day the command started (YYYY-MM-DD, UTC): what `--today` defaults to (./today.ts). */
  today: string;
  /** Now as an ISO timestamp (when a person's decision is recorded). */
  now(): string;
}

export interface CliCommand {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

export interface CommandSpec<O extends Options> {
  name: string;
  summary: string;
  help: string;
  /** The command's options (parseArgs' format); `-h/--help` is added to every command. */
  options: O;
  /** Sub-commands chosen by the first argument (`playbook template diff`), each a command of its own. */
  subcommands?: readonly CliCommand[];
  /**
   * Runs with the parsed options. `usage(message)` reports a usage error: the message, then the help, on
   * stderr; exit 2.
   */
  run(values: OptionValues<O>, io: CliIo, usage: (message: string) => number): Promise<number> | number;
}

export function defineCommand<O extends Options>(spec: CommandSpec<O>): CliCommand {
  const usage = (io: CliIo) => (message: string) => {
    io.stderr(`${message}\n\n${spec.help}\n`);
    return EXIT.invalidInput;
  };
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    run(args, io) {
      const sub = spec.subcommands?.find((c) => c.name === args[0]);
      if (sub) return sub.run(args.slice(1), io);
      const parsed = parseCommandArgs(args, { ...spec.options, ...HELP_OPTION });
      if (!parsed.ok) return usage(io)(parsed.message);
      if ((parsed.values as { help?: boolean }).help) {
        io.stdout(`${spec.help}\n`);
        return EXIT.ok;
      }
      return spec.run(parsed.values as OptionValues<O>, io, usage(io));
    },
  };
}
