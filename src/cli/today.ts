/**
 * The CLI's clock: `--today YYYY-MM-DD`, else the day the command started (`CliIo.today`, read once by
 * ./main.ts from the machine's clock). Every command judges "today" by this one value, so a script (or a
 * test) that passes `--today` gets the same answer on any day.
 */
import { DATE_RANGE, isIsoDate, isPlausibleDate, safeExcerpt } from '../core';

export const TODAY_OPTION = { today: { type: 'string' } } as const;

export const TODAY_HELP = "  --today DATE     the day to judge for, YYYY-MM-DD (default: today, UTC, from the machine's clock)";

/** The day a command runs for, or the one-line reason `--today` is refused. */
export function commandToday(value: string | undefined, machineToday: string): { ok: true; today: string } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, today: machineToday };
  if (isPlausibleDate(value)) return { ok: true, today: value };
  return {
    ok: false,
    message: isIsoDate(value)
      ? `--today must be a date between ${DATE_RANGE.first} and ${DATE_RANGE.last}, not "${value}"`
      : `--today must be a calendar date YYYY-MM-DD, not "${safeExcerpt(value)}"`,
  };
}
