/** Argument parsing shared by the commands: node:util parseArgs, with usage errors as values instead of throws. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The values parseArgs gives for a command's declared options. */
export type OptionValues<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

export type ParsedArgs<O extends Options> = { ok: true; values: OptionValues<O> } | { ok: false; message: string };

export function parseCommandArgs<O extends Options>(args: string[], options: O): ParsedArgs<O> {
  try {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    return { ok: true, values };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
