import { Types } from 'mongoose';
import { Level } from '../../shared-enums';
import { buildPlan, type PlanInputs } from '../plan-builder';
import type { PlanCandidate, PlanSkill } from '../plan-model';

/**
 * A resource linked to two skills (the catalogue read lists it under each) is bought once: choosing it
 * for the second skill costs nothing more, and the totals count its price once.
 */

const C_LANGUAGE = '0000000000000000000000c1';
const ALGORITHMS = '0000000000000000000000a1';

function skill(id: string, slug: string): PlanSkill {
  return { id, slug, name: slug, requiredPrerequisiteIds: [], recommendedPrerequisiteIds: [] };
}

/** CS50-like: one paid course that teaches both skills. */
const sharedCourse: PlanCandidate = {
  id: '0000000000000000000000f1',
  kind: 'COURSE',
  title: 'Introduction to computer science',
  level: null,
  pricing: 'PAID',
  price: { amount: 60, currency: 'USD' },
  language: 'en',
  ratingAverage: 4.5,
  ratingCount: 100,
  durationMinutes: 600,
  durationRange: null,
  confidence: 0.9,
  urlKey: 'intro-cs',
  prerequisiteUrlKeys: [],
  startDate: null,
  endDate: null,
};

function inputs(budget: number | null): PlanInputs {
  const requirement = (skillId: string) => ({
    key: skillId,
    label: null,
    kind: 'REQUIRED' as const,
    minimum: 1,
    weight: 1,
    options: [{ skillId: new Types.ObjectId(skillId), level: Level.BEGINNER, weight: 1 }],
  });
  return {
    role: {
      id: '0000000000000000000000e1',
      slug: 'systems',
      title: 'Systems',
      requirements: [requirement(C_LANGUAGE), requirement(ALGORITHMS)],
    },
    skills: new Map([
      [C_LANGUAGE, skill(C_LANGUAGE, 'c-language')],
      [ALGORITHMS, skill(ALGORITHMS, 'algorithms')],
    ]),
    known: new Map(),
    constraints: {
      budget: budget === null ? null : { amount: budget, currency: 'USD' },
      hoursPerWeek: 10,
      hoursPerWeekGiven: true,
      weeks: null,
      freeOnly: false,
      languages: null,
      kinds: ['COURSE'],
      providerIds: null,
      levels: null,
      includeAdditionalSkills: false,
    },
    candidates: new Map([
      [C_LANGUAGE, [sharedCourse]],
      [ALGORITHMS, [sharedCourse]],
    ]),
    blockedBy: new Map(),
  };
}

describe('buildPlan with a resource that teaches two skills', () => {
  it('plans both skills within a budget that pays for it once', () => {
    // 60 USD of 100: charging it again for the second skill left that skill out "for 20 USD more".
    const plan = buildPlan(inputs(100));
    expect(plan.steps.map((step) => step.resources.map((score) => score.candidate.id))).toEqual([[sharedCourse.id], [sharedCourse.id]]);
    expect(plan.unplanned).toEqual([]);
    expect(plan.userErrors).toEqual([]);
    expect(plan.totals.cost).toEqual([{ amount: 60, currency: 'USD' }]);
  });

  it('counts its price once in the totals without a budget', () => {
    expect(buildPlan(inputs(null)).totals.cost).toEqual([{ amount: 60, currency: 'USD' }]);
  });

  it('still leaves a skill out when the one purchase is over budget', () => {
    const plan = buildPlan(inputs(50));
    expect(plan.steps).toEqual([]);
    expect(plan.unplanned.map((skill) => skill.reason)).toEqual(['BUDGET', 'BUDGET']);
    expect(plan.totals.cost).toEqual([]);
  });
});
