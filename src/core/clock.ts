/**
 * The wall clock every time-dependent read consults ("is this event still upcoming?", "which UTC day
 * does this cached response belong to?"). One place, so a test can move the day forward and watch
 * the API and its caches follow, without fake timers that would also stop MongoDB's and Redis's.
 */
let currentTime: () => Date = () => new Date();

/** Now, by the clock. */
export function now(): Date {
  return currentTime();
}

/** Replaces the clock (tests only); `resetClock` brings back the wall clock. */
export function setClock(clock: () => Date): void {
  currentTime = clock;
}

export function resetClock(): void {
  currentTime = () => new Date();
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC at the start of the day of `date`. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The last day `utcDayOf` formatted, and its bounds: every response-cache hit asks, and the answer changes once a day. */
let lastDay = { startMs: 0, endMs: 0, day: '' };

/** The UTC day of `date`, "YYYY-MM-DD". */
export function utcDayOf(date: Date): string {
  const time = date.getTime();
  if (time >= lastDay.startMs && time < lastDay.endMs) return lastDay.day;
  const start = startOfUtcDay(date);
  const day = start.toISOString().slice(0, 10);
  lastDay = { startMs: start.getTime(), endMs: start.getTime() + DAY_MS, day };
  return day;
}

/** Whole seconds from `date` to the next UTC midnight, at least 0 (rounded down, so a lifetime never reaches it). */
export function secondsUntilNextUtcDay(date: Date): number {
  utcDayOf(date); // brings `lastDay` to date's day, whose end is the next midnight
  return Math.max(0, Math.floor((lastDay.endMs - date.getTime()) / 1000));
}
