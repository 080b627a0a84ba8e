/**
 * The local site's clock. People and tests move "today" on the local site to watch a plan slip; the stand-in
 * (issue timestamps, status-category change dates), the local KVS and the app all read time through `Date`,
 * so the clock shifts `Date` for the whole process by an offset (the wall clock keeps ticking). The app never
 * imports this: on Forge, time is the platform's; here it is the site's. Persisted in the data directory.
 */
import fs from 'fs';
import path from 'path';

const RealDate = Date;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

let offsetMs = 0;
let installed = false;

/** Replaces the global `Date` with one that adds the clock's offset to "now" (explicit dates are untouched). */
function install(): void {
  if (installed) return;
  installed = true;
  class SiteDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offsetMs);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offsetMs;
    }
    // Dates made before the shift (or by code holding the original) are still dates.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = SiteDate as DateConstructor;
}

const isoDay = (ms: number) => new RealDate(ms).toISOString().slice(0, 10);
const parseDay = (day: string): number => {
  if (!ISO_DAY.test(day)) throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  const ms = RealDate.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || isoDay(ms) !== day) throw new Error(`Not a calendar date: ${day}`);
  return ms;
};

export interface SiteClock {
  /** Today on the site (UTC), YYYY-MM-DD. */
  today(): string;
  /** Whole days the site is ahead of (or behind) the machine's clock. */
  offsetDays(): number;
  /** Moves the site to `day` (the time of day stays the machine's). */
  setToday(day: string): string;
  /** Moves to the next Monday–Friday after today (plan holidays are each plan's own business). */
  nextBusinessDay(): string;
  /** Back to the machine's clock. */
  reset(): string;
}

/** The site's clock, persisted as `clock.json` in `dataDir`; installs the process-wide `Date` shift. */
export function openSiteClock(dataDir: string): SiteClock {
  install();
  const file = path.join(dataDir, 'clock.json');
  const save = () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ offsetDays: Math.round(offsetMs / DAY_MS) }));
  };
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetDays?: unknown };
    offsetMs = typeof saved.offsetDays === 'number' && Number.isInteger(saved.offsetDays) ? saved.offsetDays * DAY_MS : 0;
  } else offsetMs = 0;
  const clock: SiteClock = {
    today: () => isoDay(RealDate.now() + offsetMs),
    offsetDays: () => Math.round(offsetMs / DAY_MS),
    setToday(day) {
      const realToday = parseDay(isoDay(RealDate.now()));
      offsetMs = parseDay(day) - realToday;
      save();
      return clock.today();
    },
    nextBusinessDay() {
      let ms = parseDay(clock.today()) + DAY_MS;
      while ([0, 6].includes(new RealDate(ms).getUTCDay())) ms += DAY_MS;
      return clock.setToday(isoDay(ms));
    },
    reset() {
      offsetMs = 0;
      save();
      return clock.today();
    },
  };
  return clock;
}
