/**
 * Calendar dates as plain "YYYY-MM-DD" strings and business-day arithmetic on them.
 *
 * Why local-midnight Dates: date-fns does calendar math on local dates; building a Date from the string's
 * components (never `new Date("2026-12-01")`, which is UTC) and formatting it back with the same local
 * fields keeps every result independent of the machine's time zone, DST included.
 */
// Per-function entry points, and lightFormat (no locale data) rather than format: the Forge bundle carries only these.
import { addDays } from 'date-fns/addDays';
import { isWeekend } from 'date-fns/isWeekend';
import { lightFormat } from 'date-fns/lightFormat';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The dates a plan can touch: every date the core computes with lies in this range (plausible years, and a
 * bound on every loop over business days). Outside it the core refuses with `DateOutOfRangeError`.
 */
export const DATE_RANGE = { first: '2000-01-01', last: '2100-12-31' } as const;

/** Business days one computation may span (the template's plan limit of 5 years, with room for holidays). */
export const MAX_SPAN_BUSINESS_DAYS = 2_000;

/** A date or a span the core does not compute with: a caller's input error, never a crash. */
export class DateOutOfRangeError extends RangeError {
  readonly code = 'date-out-of-range';
  constructor(message: string) {
    super(message);
    this.name = 'DateOutOfRangeError';
  }
}

/** True for a real calendar date within `DATE_RANGE`. */
export function isPlausibleDate(value: string): boolean {
  return isIsoDate(value) && value >= DATE_RANGE.first && value <= DATE_RANGE.last;
}

/** True for a real calendar date written YYYY-MM-DD ("2026-02-30" is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not, so "0050-02-29" is judged in year 50.
  const lastOfMonth = new Date(0);
  lastOfMonth.setUTCFullYear(year, month, 0);
  return day <= lastOfMonth.getUTCDate();
}

function toDate(value: string): Date {
  if (!isIsoDate(value)) throw new DateOutOfRangeError(`Not a calendar date (YYYY-MM-DD): "${value.slice(0, 40)}"`);
  if (value < DATE_RANGE.first || value > DATE_RANGE.last)
    throw new DateOutOfRangeError(`${value} is outside the dates a plan can use (${DATE_RANGE.first} to ${DATE_RANGE.last})`);
  const [year, month, day] = value.split('-').map(Number);
  // Not `new Date(year, …)`: it reads years 0–99 as 1900–1999 ("0050-01-05" would schedule from 1950).
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month - 1, day);
  return date;
}

function toIso(date: Date): string {
  return lightFormat(date, 'yyyy-MM-dd');
}

/** Weekends and listed holidays are not business days. */
export interface BusinessCalendar {
  holidays: ReadonlySet<string>;
}

export function businessCalendar(holidays: Iterable<string> = []): BusinessCalendar {
  return { holidays: new Set(holidays) };
}

export function isBusinessDay(day: string, calendar: BusinessCalendar): boolean {
  return !isWeekend(toDate(day)) && !calendar.holidays.has(day);
}

/** The day itself when it is a business day, else the next one. */
export function onOrAfterBusinessDay(day: string, calendar: BusinessCalendar): string {
  let date = toDate(day);
  while (!isBusinessDay(toIso(date), calendar)) date = addDays(date, 1);
  return toIso(date);
}

/** The first business day strictly after `day`. */
export function nextBusinessDay(day: string, calendar: BusinessCalendar): string {
  return onOrAfterBusinessDay(toIso(addDays(toDate(day), 1)), calendar);
}

/** The last day of a task of `days` business days starting on `start` (a business day). */
export function lastBusinessDay(start: string, days: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(days) || days < 1) throw new DateOutOfRangeError(`A task lasts at least one business day; got ${days}`);
  if (days > MAX_SPAN_BUSINESS_DAYS) throw new DateOutOfRangeError(`A task lasts at most ${MAX_SPAN_BUSINESS_DAYS} business days; got ${days}`);
  let day = onOrAfterBusinessDay(start, calendar);
  for (let i = 1; i < days; i++) day = nextBusinessDay(day, calendar);
  return day;
}

/** The later of two YYYY-MM-DD dates (string order is date order). */
export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The earlier of two YYYY-MM-DD dates. */
export function earlierDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** How many business days fall after `from`, up to and including `to` (0 when `to` is not later). */
export function businessDaysBetween(from: string, to: string, calendar: BusinessCalendar): number {
  toDate(to);
  let count = 0;
  for (let day = nextBusinessDay(from, calendar); day <= to; day = nextBusinessDay(day, calendar)) count++;
  return count;
}
