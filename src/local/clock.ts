/**
 * The local site's clock. People and tests move "today" on the local site to watch a plan slip. The clock is
 * the machine's wall clock plus an offset (time keeps ticking; a moved day starts at noon UTC, so a test run
 * never crosses midnight by accident), and it is handed to whatever
 * reads time on the site: the app through its host-clock seam (src/forge/clock.ts), the Jira stand-in (issue
 * timestamps, status-category change dates) and the local KVS (TTLs). Nothing patches the global `Date`.
 * Persisted in the data directory.
 */
import fs from 'fs';
import path from 'path';

const DAY_MS = 86_400_000;
const NOON_MS = DAY_MS / 2;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parseDay = (day: string): number => {
  if (!ISO_DAY.test(day)) throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms) || isoDay(ms) !== day) throw new Error(`Not a calendar date: ${day}`);
  return ms;
};

export interface SiteClock {
  /** Today on the site (UTC), YYYY-MM-DD. */
  today(): string;
  /** Now on the site, epoch ms. */
  nowMs(): number;
  /** Whole days the site is ahead of (or behind) the machine's clock. */
  offsetDays(): number;
  /** Moves the site to noon UTC of `day`; time ticks on from there. */
  setToday(day: string): string;
  /** Moves to the next Monday–Friday after today (plan holidays are each plan's own business). */
  nextBusinessDay(): string;
  /** Back to the machine's clock. */
  reset(): string;
}

export interface SiteClockOptions {
  /** Start on this day (YYYY-MM-DD) whatever was saved: tests pin the site so they pass on any calendar day. */
  today?: string;
}

/** The site's clock, persisted as `clock.json` in `dataDir` (null: in memory only). */
export function openSiteClock(dataDir: string | null, options: SiteClockOptions = {}): SiteClock {
  const file = dataDir === null ? null : path.join(dataDir, 'clock.json');
  let offsetMs = 0;
  const save = () => {
    if (!file || !dataDir) return;
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ offsetMs }));
  };
  if (file && fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    offsetMs = typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs) ? saved.offsetMs : 0;
  }
  const clock: SiteClock = {
    today: () => isoDay(clock.nowMs()),
    nowMs: () => Date.now() + offsetMs,
    offsetDays: () => Math.round((parseDay(clock.today()) - parseDay(isoDay(Date.now()))) / DAY_MS),
    setToday(day) {
      offsetMs = parseDay(day) + NOON_MS - Date.now();
      save();
      return clock.today();
    },
    nextBusinessDay() {
      let ms = parseDay(clock.today()) + DAY_MS;
      while ([0, 6].includes(new Date(ms).getUTCDay())) ms += DAY_MS;
      return clock.setToday(isoDay(ms));
    },
    reset() {
      offsetMs = 0;
      save();
      return clock.today();
    },
  };
  if (options.today !== undefined) clock.setToday(options.today);
  return clock;
}
