import { textOfUnknown } from '../../core/text';
import type { MinutesRange, WeeksRange } from './ingestion.types';

/**
 * A curriculum's schedule in the catalogue's units: how many weeks a course runs ("10-12 weeks") and
 * how long it takes each week ("6-8 hours/week"), each range keeping both ends, and the total study
 * time they make. Unknown parts are null, never 0; text that is neither a schedule nor a mark of
 * "unknown" ("-", "", "n/a") is refused, so a typo in the source is reported rather than guessed at.
 */
export interface StudyPlan {
  weeks: WeeksRange | null;
  weeklyEffort: MinutesRange | null;
  /** Weeks × weekly effort, lower ends together and upper ends together; null unless both are known. */
  durationRange: MinutesRange | null;
  /** The total study time when the source gives it exactly (no range anywhere); otherwise null. */
  durationMinutes: number | null;
}

export class StudyPlanError extends Error {}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const RANGE = String.raw`${NUMBER}(?:\s*(?:-|–|—|to)\s*${NUMBER})?`;
const WEEKS = new RegExp(String.raw`^${RANGE}\s*(weeks?|wks?|months?)$`);
/** A calendar month in weeks (52 / 12): "6 months" is 26 weeks. */
const WEEKS_PER_MONTH = 52 / 12;
const HOURS_PER_WEEK = new RegExp(String.raw`^${RANGE}\s*(?:hours?|hrs?|h)\s*(?:\/|per|a|each)\s*(?:week|wk)$`);
const UNKNOWN = /^(?:|-|–|—|n\/?a|unknown|\?)$/;
/** A year of full-time study: anything longer is a typo, not a course. */
const MAX_WEEKS = 52 * 4;
const MAX_HOURS_PER_WEEK = 7 * 24;

function readRange(raw: unknown, pattern: RegExp, what: string, max: number): [number, number] | null {
  if (raw == null) return null;
  const text = textOfUnknown(raw).trim().toLowerCase().replace(/\s+/g, ' ');
  if (UNKNOWN.test(text)) return null;
  const match = pattern.exec(text);
  if (!match) throw new StudyPlanError(`"${text.slice(0, 50)}" is not ${what}`);
  const scale = match[3]?.startsWith('month') ? WEEKS_PER_MONTH : 1;
  const low = Math.round(Number(match[1]) * scale * 10) / 10;
  const high = match[2] === undefined ? low : Math.round(Number(match[2]) * scale * 10) / 10;
  if (low <= 0 || high < low || high > max) throw new StudyPlanError(`"${text.slice(0, 50)}" is not ${what} between 0 and ${max}`);
  return [low, high];
}

/** Reads "8 weeks" / "10-12 weeks" / "6 months" (26 weeks) and "5 hours/week" / "6–8 hours per week"; either may be unknown ("-"). */
export function parseStudyPlan(length: unknown, weeklyEffort: unknown): StudyPlan {
  const weeks = readRange(length, WEEKS, 'a length in weeks ("8 weeks", "10-12 weeks")', MAX_WEEKS);
  const hours = readRange(weeklyEffort, HOURS_PER_WEEK, 'a weekly effort ("5 hours/week", "6-8 hours/week")', MAX_HOURS_PER_WEEK);
  const effort = hours ? { minMinutes: Math.round(hours[0] * 60), maxMinutes: Math.round(hours[1] * 60) } : null;
  const durationRange =
    weeks && effort ? { minMinutes: Math.round(weeks[0] * effort.minMinutes), maxMinutes: Math.round(weeks[1] * effort.maxMinutes) } : null;
  return {
    weeks: weeks ? { minWeeks: weeks[0], maxWeeks: weeks[1] } : null,
    weeklyEffort: effort,
    durationRange,
    durationMinutes: durationRange && durationRange.minMinutes === durationRange.maxMinutes ? durationRange.minMinutes : null,
  };
}
