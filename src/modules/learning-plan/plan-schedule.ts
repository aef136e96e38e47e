import type { PlanWeek } from './plan-result';
import type { ResourceScore } from './resource-scoring';

/** Weeks the schedule lists at most (two years); a longer plan keeps its totals and step weeks, and lists these. */
export const MAX_SCHEDULE_WEEKS = 104;

/**
 * Lays the steps end to end at `hoursPerWeek`: each resource's hours fill the current week and run on
 * into the next, in plan order. Returns the weeks (the first MAX_SCHEDULE_WEEKS) and, per step, the first
 * and last week it occupies.
 *
 * Each share is rounded as the difference of the rounded running totals (to 0.01 h), not on its own:
 * at a weekly effort off the 0.1 h grid (2.25 h) every full week's share rounded the same way (2.3), so
 * the weeks exceeded `hoursPerWeek` and added up to more than the plan (20.4 h for 20). This way the
 * weeks add up to the plan's hours and each stays within `hoursPerWeek` + 0.01.
 */
export function scheduleSteps(
  steps: ReadonlyArray<{ resources: readonly ResourceScore[] }>,
  hoursPerWeek: number,
): { schedule: PlanWeek[]; weeksOf: Array<{ startWeek: number; endWeek: number }>; totalWeeks: number } {
  const weeks: PlanWeek[] = [];
  const weekAt = (number: number): PlanWeek => {
    while (weeks.length < number) weeks.push({ week: weeks.length + 1, hours: 0, items: [] });
    return weeks[number - 1];
  };
  let elapsed = 0;
  const weeksOf = steps.map((step, index) => {
    const startWeek = Math.floor(elapsed / hoursPerWeek + 1e-9) + 1;
    for (const score of step.resources) {
      let left = score.hours.hours;
      while (left > 1e-9) {
        const number = Math.floor(elapsed / hoursPerWeek + 1e-9) + 1;
        if (number > MAX_SCHEDULE_WEEKS) {
          // Past the listed weeks: only the clock moves on, so the step's weeks and the totals stay right.
          elapsed += left;
          break;
        }
        const week = weekAt(number);
        const room = week.week * hoursPerWeek - elapsed;
        const portion = Math.min(left, room);
        const hours = round2(round2(elapsed + portion) - round2(elapsed));
        const last = week.items[week.items.length - 1];
        if (last && last.position === index + 1 && last.resourceId === score.candidate.id) last.hours = round2(last.hours + hours);
        else week.items.push({ position: index + 1, resourceId: score.candidate.id, hours });
        week.hours = round2(week.hours + hours);
        elapsed += portion;
        left -= portion;
      }
    }
    const endWeek = Math.max(startWeek, Math.ceil(elapsed / hoursPerWeek - 1e-9));
    return { startWeek, endWeek };
  });
  return { schedule: weeks, weeksOf, totalWeeks: Math.max(0, Math.ceil(elapsed / hoursPerWeek - 1e-9)) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
