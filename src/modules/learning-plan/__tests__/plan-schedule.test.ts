import { scheduleSteps } from '../plan-schedule';
import type { ResourceScore } from '../resource-scoring';

/** A step of resources with the given hours (only the id and hours matter to the schedule). */
function step(...hours: number[]): { resources: ResourceScore[] } {
  return {
    resources: hours.map(
      (value, index) => ({ candidate: { id: `r${index}-${value}` }, hours: { hours: value, basis: 'EXACT' } }) as unknown as ResourceScore,
    ),
  };
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('scheduleSteps', () => {
  it('fills whole weeks at a weekly effort that is a multiple of 0.1 h', () => {
    const { schedule, weeksOf } = scheduleSteps([step(33.3)], 10);
    expect(schedule.map((week) => week.hours)).toEqual([10, 10, 10, 3.3]);
    expect(weeksOf).toEqual([{ startWeek: 1, endWeek: 4 }]);
  });

  it('adds up to the plan hours, and keeps each week within hoursPerWeek, at a fractional weekly effort', () => {
    // 20 h at 2.25 h/week: eight weeks of 2.25 and 2 h in the ninth. Rounding each week's share to 0.1 h
    // showed 2.3 every week (over the 2.25 given) and 20.4 h in all.
    const { schedule } = scheduleSteps([step(20)], 2.25);
    expect(schedule.map((week) => week.hours)).toEqual([2.25, 2.25, 2.25, 2.25, 2.25, 2.25, 2.25, 2.25, 2]);
    // 43.3 h at 1.35 h/week and 40 h at 3.33 h/week: no drift however many weeks.
    for (const [hoursPerWeek, hours] of [
      [1.35, 43.3],
      [3.33, 40],
      [1.31, 20],
    ]) {
      const weeks = scheduleSteps([step(hours)], hoursPerWeek).schedule;
      expect(sum(weeks.map((week) => week.hours))).toBeCloseTo(hours, 6);
      for (const week of weeks) expect(week.hours).toBeLessThanOrEqual(hoursPerWeek + 0.01);
    }
  });

  it("gives each step's items its hours, and each week the sum of its items", () => {
    const { schedule } = scheduleSteps([step(1.7, 2.2), step(0.9), step(5.1)], 1.35);
    const items = schedule.flatMap((week) => week.items);
    for (const [position, hours] of [
      [1, 3.9],
      [2, 0.9],
      [3, 5.1],
    ])
      expect(sum(items.filter((item) => item.position === position).map((item) => item.hours))).toBeCloseTo(hours, 6);
    for (const week of schedule) expect(week.hours).toBeCloseTo(sum(week.items.map((item) => item.hours)), 6);
  });
});
