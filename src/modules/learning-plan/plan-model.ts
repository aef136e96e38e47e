import type { ResourceKindValue } from '../resource/resource-kinds';
import type { RoleRequirement } from '../role/role-requirements';
import type { Level } from '../shared-enums';

/**
 * What the planner works on, as plain data with hex ids: read from the catalogue by plan-catalogue.ts,
 * or built by hand in tests. The planner itself (skill-gap.ts, plan-builder.ts) is pure: the same
 * data always gives the same plan.
 */

/** BEGINNER 1 … EXPERT 4; a skill not known at all is 0. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = { BEGINNER: 1, INTERMEDIATE: 2, ADVANCED: 3, EXPERT: 4 };
export const LEVEL_BY_RANK: readonly Level[] = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'EXPERT'] as Level[];

export interface PlanSkill {
  id: string;
  slug: string;
  name: string;
  /** Normalised name and aliases (`normaliseSkillTerm`): how a learner may name the skill ("K8s", "Node.js"). */
  matchKeys: readonly string[];
  /** Skills to learn first; a plan adds the ones the learner lacks. */
  requiredPrerequisiteIds: readonly string[];
  /** Skills better learnt first; a plan orders by them when it holds both, and adds none. */
  recommendedPrerequisiteIds: readonly string[];
}

export interface PlanMoney {
  amount: number;
  currency: string;
}

/** A resource that could teach one skill, with the fields a plan weighs. */
export interface PlanCandidate {
  id: string;
  kind: ResourceKindValue;
  title: string;
  level: Level | null;
  pricing: 'FREE' | 'PAID' | 'UNKNOWN';
  /** Known price of a PAID resource; null when free or unknown. */
  price: PlanMoney | null;
  language: string | null;
  ratingAverage: number | null;
  ratingCount: number | null;
  durationMinutes: number | null;
  durationRange: { minMinutes: number; maxMinutes: number } | null;
  /** How sure the catalogue is that the resource teaches the skill, 0–1. */
  confidence: number;
  urlKey: string | null;
  /** URL keys of courses to take first (a curriculum's own prerequisites, e.g. OSSU's). */
  prerequisiteUrlKeys: readonly string[];
  /** Events only: when it starts (ISO date-time), so a plan survives a JSON round trip through the cache unchanged. */
  startDate: string | null;
  endDate: string | null;
}

/** A role as the planner sees it. */
export interface PlanRole {
  id: string;
  slug: string;
  title: string;
  requirements: readonly RoleRequirement[];
}

export interface PlanConstraints {
  budget: PlanMoney | null;
  hoursPerWeek: number;
  /** True when the caller gave `hoursPerWeek` (otherwise the default is assumed and said so). */
  hoursPerWeekGiven: boolean;
  weeks: number | null;
  freeOnly: boolean;
  languages: readonly string[] | null;
  kinds: readonly ResourceKindValue[];
  providerIds: readonly string[] | null;
  levels: readonly Level[] | null;
  includeAdditionalSkills: boolean;
}

/** Weekly study time assumed when the caller gives none. */
export const DEFAULT_HOURS_PER_WEEK = 10;
/** Kinds a plan draws on unless told otherwise: events are not study material, and are planned only when asked for. */
export const DEFAULT_PLAN_KINDS: readonly ResourceKindValue[] = ['COURSE', 'BOOK', 'OPEN_SOURCE_PROJECT'];

/** No constraints: every default kind, any price, language, provider or level, the default weekly hours, no deadline. */
export function unconstrainedPlan(overrides: Partial<PlanConstraints> = {}): PlanConstraints {
  return {
    budget: null,
    hoursPerWeek: DEFAULT_HOURS_PER_WEEK,
    hoursPerWeekGiven: false,
    weeks: null,
    freeOnly: false,
    languages: null,
    kinds: DEFAULT_PLAN_KINDS,
    providerIds: null,
    levels: null,
    includeAdditionalSkills: false,
    ...overrides,
  };
}
