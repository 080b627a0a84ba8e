/** Reading a kickoff JSON file and printing kickoff errors: shared by every command that takes --kickoff. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KickoffFieldError } from '../core';

export function readJsonFile(path: string, cwd: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    return { ok: false, message: `Cannot read ${full}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `${full} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** "Invalid kickoff (2 problems):" then one "  field: message" line each. */
export function formatKickoffErrors(errors: readonly KickoffFieldError[]): string {
  const lines = errors.map((e) => `  ${e.field || '(kickoff)'}: ${e.message}`);
  return `Invalid kickoff (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n`;
}
