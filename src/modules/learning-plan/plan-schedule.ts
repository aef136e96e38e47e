import type { PlanWeek } from './plan-result';
import type { ResourceScore } from './resource-scoring';

/**
 * Lays the steps end to end at `hoursPerWeek`: each resource's hours fill the current week and run on
 * into the next, in plan order. Returns the weeks and, per step, the first and last week it occupies.
 */
export function scheduleSteps(
  steps: ReadonlyArray<{ resources: readonly ResourceScore[] }>,
  hoursPerWeek: number,
): { schedule: PlanWeek[]; weeksOf: Array<{ startWeek: number; endWeek: number }> } {
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
        const week = weekAt(Math.floor(elapsed / hoursPerWeek + 1e-9) + 1);
        const room = week.week * hoursPerWeek - elapsed;
        const portion = Math.min(left, room);
        const last = week.items[week.items.length - 1];
        if (last && last.position === index + 1 && last.resourceId === score.candidate.id) last.hours = round1(last.hours + portion);
        else week.items.push({ position: index + 1, resourceId: score.candidate.id, hours: round1(portion) });
        week.hours = round1(week.hours + portion);
        elapsed += portion;
        left -= portion;
      }
    }
    const endWeek = Math.max(startWeek, Math.ceil(elapsed / hoursPerWeek - 1e-9));
    return { startWeek, endWeek };
  });
  return { schedule: weeks, weeksOf };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
