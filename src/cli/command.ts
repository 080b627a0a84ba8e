/** What a `playbook` sub-command is. Each lives in its own module under src/cli/commands/ exporting `command`. */

/** Process exit codes: 2 means the input (arguments, kickoff) was wrong, 1 that the work failed. */
export const EXIT = { ok: 0, failure: 1, invalidInput: 2 } as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative paths are resolved from. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}
