import { Types } from 'mongoose';
import type { RoleRequirement } from '../../role/role-requirements';
import { Level } from '../../shared-enums';
import { buildPlan, type PlanInputs } from '../plan-builder';
import { unconstrainedPlan, type PlanCandidate, type PlanConstraints, type PlanSkill } from '../plan-model';

const hex = (n: number) => n.toString(16).padStart(24, '0');
const skill = (n: number, slug: string): PlanSkill => ({
  id: hex(n),
  slug,
  name: slug,
  matchKeys: [],
  requiredPrerequisiteIds: [],
  recommendedPrerequisiteIds: [],
});
const requirement = (n: number, weight: number): RoleRequirement => ({
  key: hex(n),
  label: null,
  kind: 'REQUIRED',
  minimum: 1,
  weight,
  options: [{ skillId: new Types.ObjectId(hex(n)), level: Level.BEGINNER, weight }],
});
const candidate = (id: string, extra: Partial<PlanCandidate> = {}): PlanCandidate => ({
  id,
  kind: 'COURSE',
  title: id,
  level: 'BEGINNER' as Level,
  pricing: 'PAID',
  price: { amount: 50, currency: 'USD' },
  language: 'en',
  ratingAverage: null,
  ratingCount: null,
  durationMinutes: 600,
  durationRange: null,
  confidence: 0.9,
  urlKey: null,
  prerequisiteUrlKeys: [],
  startDate: null,
  endDate: null,
  ...extra,
});
const constraints = (extra: Partial<PlanConstraints> = {}): PlanConstraints => unconstrainedPlan({ hoursPerWeekGiven: true, ...extra });

describe('a resource that teaches two planned skills', () => {
  // "both" teaches docker and kubernetes; it is kubernetes's only resource and docker's best.
  const both = candidate('both');
  const inputs = (extra: Partial<PlanConstraints> = {}): PlanInputs => ({
    role: { id: hex(99), slug: 'role', title: 'Role', requirements: [requirement(1, 0.9), requirement(2, 0.8)] },
    skills: new Map([skill(1, 'docker'), skill(2, 'kubernetes')].map((entry) => [entry.id, entry])),
    known: new Map(),
    constraints: constraints(extra),
    candidates: new Map([
      [hex(1), [both, candidate('docker-only', { confidence: 0.5, price: { amount: 10, currency: 'USD' } })]],
      [hex(2), [both]],
    ]),
    blockedBy: new Map(),
  });

  it('is studied once: its hours and price count in the first step, the other step shares it', () => {
    const plan = buildPlan(inputs());
    expect(
      plan.steps.map((step) => [
        step.skillId,
        step.resources.map((score) => score.candidate.id),
        step.shared.map((entry) => [entry.score.candidate.id, entry.studiedInStep]),
        step.hours,
      ]),
    ).toEqual([
      [hex(1), ['both'], [], 10],
      [hex(2), [], [['both', 1]], 0],
    ]);
    expect(plan.totals).toMatchObject({ hours: 10, cost: [{ amount: 50, currency: 'USD' }], skillsPlanned: 2, skillsUnplanned: 0 });
    expect(plan.schedule.flatMap((week) => week.items.map((item) => item.resourceId))).toEqual(['both']);
  });

  it('a budget that buys it once covers both skills', () => {
    const plan = buildPlan(inputs({ budget: { amount: 50, currency: 'USD' } }));
    expect(plan.unplanned).toEqual([]);
    expect(plan.userErrors).toEqual([]);
    expect(plan.totals.cost).toEqual([{ amount: 50, currency: 'USD' }]);
  });

  it('leaves both skills out, for the budget, when the one purchase is over it', () => {
    const plan = buildPlan({
      ...inputs({ budget: { amount: 40, currency: 'USD' } }),
      candidates: new Map([
        [hex(1), [both]],
        [hex(2), [both]],
      ]),
    });
    expect(plan.steps).toEqual([]);
    expect(plan.unplanned.map((entry) => entry.reason)).toEqual(['BUDGET', 'BUDGET']);
    expect(plan.totals.cost).toEqual([]);
  });
});

describe('fitting a deadline', () => {
  it('drops the least important steps until the plan fits, then takes back a smaller one that fits again', () => {
    // Importance a (0.9, 30 h) > b (0.8, 50 h) > c (0.7, 10 h); 4 weeks × 10 h = 40 h.
    // Dropping from the end: c (80 h left), then b (30 h: fits). c fits again: 40 h.
    const plan = buildPlan({
      role: { id: hex(99), slug: 'role', title: 'Role', requirements: [requirement(1, 0.9), requirement(2, 0.8), requirement(3, 0.7)] },
      skills: new Map([skill(1, 'a'), skill(2, 'b'), skill(3, 'c')].map((entry) => [entry.id, entry])),
      known: new Map(),
      constraints: constraints({ weeks: 4 }),
      candidates: new Map([
        [hex(1), [candidate('a-course', { durationMinutes: 30 * 60 })]],
        [hex(2), [candidate('b-course', { durationMinutes: 50 * 60 })]],
        [hex(3), [candidate('c-course', { durationMinutes: 10 * 60 })]],
      ]),
      blockedBy: new Map(),
    });
    expect(plan.steps.map((step) => step.skillId)).toEqual([hex(1), hex(3)]);
    expect(plan.totals.hours).toBe(40);
    expect(plan.unplanned).toEqual([
      { skillId: hex(2), reason: 'DEADLINE', blockedBy: ['WEEKS'], stepReason: 'REQUIREMENT', requirementKey: hex(2) },
    ]);
    expect(plan.userErrors.map((error) => error.message)).toEqual([
      'The plan needs 9 weeks at 10 h/week, 4 given; 1 skill left out to fit: b.',
    ]);
  });
});

describe('equal scores', () => {
  it('go by id, whatever order the catalogue read returns them in', () => {
    // Twins: the same fields under two ids, so the same score; the lower id is chosen, the other is the alternative.
    const twins = [candidate('b-twin', { pricing: 'FREE', price: null }), candidate('a-twin', { pricing: 'FREE', price: null })];
    const planWith = (order: PlanCandidate[]) =>
      buildPlan({
        role: { id: hex(99), slug: 'role', title: 'Role', requirements: [requirement(1, 0.9)] },
        skills: new Map([[hex(1), skill(1, 'a')]]),
        known: new Map(),
        constraints: constraints(),
        candidates: new Map([[hex(1), order]]),
        blockedBy: new Map(),
      });
    for (const order of [twins, [...twins].reverse()]) {
      const [step] = planWith(order).steps;
      expect(step.resources.map((score) => score.candidate.id)).toEqual(['a-twin']);
      expect(step.alternatives.map((score) => score.candidate.id)).toEqual(['b-twin']);
    }
  });
});

describe('a long plan', () => {
  it('lists the first 104 weeks of its schedule and counts every week in its totals', () => {
    const plan = buildPlan({
      role: { id: hex(99), slug: 'role', title: 'Role', requirements: [requirement(1, 0.9)] },
      skills: new Map([[hex(1), skill(1, 'a')]]),
      known: new Map(),
      constraints: constraints({ hoursPerWeek: 1 }),
      candidates: new Map([[hex(1), [candidate('long', { durationMinutes: 300 * 60 })]]]),
      blockedBy: new Map(),
    });
    expect(plan.schedule).toHaveLength(104);
    expect(plan.totals.weeks).toBe(300);
    expect(plan.steps[0]).toMatchObject({ startWeek: 1, endWeek: 300, hours: 300 });
  });
});
