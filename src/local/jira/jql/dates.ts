/**
 * JQL date values, all in UTC: absolute literals ("2026-12-01", "2026/12/01 14:30"), relative periods
 * ("-1d", "2w", "-4w 2d", "3h", "15m", relative to `now`) and the date functions with an optional
 * increment (`startOfDay(-1d)`, `startOfMonth(+1M)`). Weeks start on Sunday, as in Jira's default
 * (en-US) locale.
 */
import { jqlErrors } from './errors';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const PERIOD_UNITS: Record<string, number> = { w: WEEK, d: DAY, h: HOUR, m: MINUTE };

const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const PERIOD = /^([-+]?)\s*((?:\d+\s*[wdhm]\s*)+)$/;

/** Parses a date literal to epoch milliseconds; undefined when it is not a valid JQL date. */
export function parseDateLiteral(text: string, now: Date): number | undefined {
  const trimmed = text.trim();
  const absolute = ABSOLUTE.exec(trimmed);
  if (absolute) {
    const [, y, mo, d, h = '0', mi = '0'] = absolute;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    const check = new Date(ms);
    // Reject dates that Date.UTC silently rolls over (2026-02-30).
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
    return ms;
  }
  const period = PERIOD.exec(trimmed);
  if (period) {
    const sign = period[1] === '-' ? -1 : 1;
    let offset = 0;
    for (const [, amount, unit] of period[2].matchAll(/(\d+)\s*([wdhm])/g)) offset += Number(amount) * PERIOD_UNITS[unit];
    return now.getTime() + sign * offset;
  }
  return undefined;
}

type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';

function addUnits(ms: number, amount: number, unit: Unit): number {
  const date = new Date(ms);
  switch (unit) {
    case 'y':
      date.setUTCFullYear(date.getUTCFullYear() + amount);
      return date.getTime();
    case 'M':
      date.setUTCMonth(date.getUTCMonth() + amount);
      return date.getTime();
    default:
      return ms + amount * PERIOD_UNITS[unit];
  }
}

function startOf(unit: 'd' | 'w' | 'M' | 'y', now: Date): number {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (unit) {
    case 'd':
      return Date.UTC(y, m, d);
    case 'w':
      return Date.UTC(y, m, d - now.getUTCDay());
    case 'M':
      return Date.UTC(y, m, 1);
    case 'y':
      return Date.UTC(y, 0, 1);
  }
}

interface DateFunction {
  /** Unit of a bare increment such as `startOfWeek(1)`. */
  defaultUnit: Unit;
  base(now: Date): number;
}

const period = (unit: 'd' | 'w' | 'M' | 'y', edge: 'start' | 'end'): DateFunction => ({
  defaultUnit: unit,
  base: (now) => (edge === 'start' ? startOf(unit, now) : addUnits(startOf(unit, now), 1, unit) - 1),
});

/** Date functions by lower-cased name. */
const DATE_FUNCTIONS: Record<string, DateFunction> = {
  now: { defaultUnit: 'm', base: (now) => now.getTime() },
  startofday: period('d', 'start'),
  endofday: period('d', 'end'),
  startofweek: period('w', 'start'),
  endofweek: period('w', 'end'),
  startofmonth: period('M', 'start'),
  endofmonth: period('M', 'end'),
  startofyear: period('y', 'start'),
  endofyear: period('y', 'end'),
};

export function isDateFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(DATE_FUNCTIONS, name.toLowerCase());
}

/** Evaluates a date function (name checked with isDateFunction) to epoch milliseconds. */
export function evaluateDateFunction(name: string, args: readonly string[], now: Date): number {
  const fn = DATE_FUNCTIONS[name.toLowerCase()];
  const lower = name.toLowerCase();
  const maxArgs = lower === 'now' ? 0 : 1;
  if (args.length > maxArgs) throw jqlErrors.functionArgumentCount(name, 0, maxArgs, args.length);
  const base = fn.base(now);
  if (args.length === 0) return base;
  const increment = /^([-+]?)(\d+)([yMwdhm]?)$/.exec(args[0].trim());
  if (!increment) throw jqlErrors.invalidFunctionArgument(name, args[0]);
  const amount = Number(increment[2]) * (increment[1] === '-' ? -1 : 1);
  return addUnits(base, amount, (increment[3] || fn.defaultUnit) as Unit);
}

/** The UTC calendar day of an instant, as `YYYY-MM-DD` (how date-only fields compare). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
