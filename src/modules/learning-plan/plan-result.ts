import type { Level } from '../shared-enums';
import type { PlanMoney } from './plan-model';
import type { StepReason } from './plan-targets';
import type { ResourceScore } from './resource-scoring';
import type { SkillGapResult } from './skill-gap';

/** Why a skill the plan should teach has no step. */
export type UnplannedReason =
  /** The catalogue has no resource for the skill at all. */
  | 'NO_RESOURCE'
  /** Resources exist, but the named constraint(s) leave none (see `blockedBy`). */
  | 'CONSTRAINTS'
  /** Every resource left costs more than the budget has left, or is priced in another currency, or has an unknown price. */
  | 'BUDGET'
  /** Planned, then dropped so that the plan fits the deadline. */
  | 'DEADLINE';

/** A constraint a caller sets; what a `PlanConstraintError` names. */
export type PlanConstraintName = 'BUDGET' | 'FREE_ONLY' | 'LANGUAGES' | 'KINDS' | 'PROVIDERS' | 'LEVELS' | 'WEEKS' | 'COMBINED';

export interface PlanStep {
  position: number;
  skillId: string;
  fromLevel: Level | null;
  targetLevel: Level;
  reason: StepReason;
  requirementKey: string | null;
  requiredBy: string[];
  weight: number;
  /** Resources studied in this step: their hours and price count here. */
  resources: ResourceScore[];
  /** Resources that teach this skill too but are studied in another step (`studiedInStep`): no further hours or cost. */
  shared: Array<{ score: ResourceScore; studiedInStep: number }>;
  alternatives: ResourceScore[];
  hours: number;
  estimatedHours: number;
  startWeek: number;
  endWeek: number;
}

export interface UnplannedSkill {
  skillId: string;
  reason: UnplannedReason;
  /** For CONSTRAINTS: each constraint that alone leaves no resource; COMBINED when only together they do. */
  blockedBy: PlanConstraintName[];
  stepReason: StepReason;
  requirementKey: string | null;
}

export interface PlanWeekItem {
  position: number;
  resourceId: string;
  hours: number;
}

export interface PlanWeek {
  week: number;
  hours: number;
  items: PlanWeekItem[];
}

export interface PlanTotals {
  cost: PlanMoney[];
  /** Planned resources whose price is unknown (never chosen under a budget or free-only). */
  unknownPriceCount: number;
  hours: number;
  /** The part of `hours` that is an estimate (resources with no duration in their source). */
  estimatedHours: number;
  weeks: number;
  hoursPerWeek: number;
  skillsPlanned: number;
  skillsUnplanned: number;
}

export interface PlanConstraintError {
  constraint: PlanConstraintName;
  message: string;
  skillIds: string[];
  needed: number | null;
  given: number | null;
}

export interface LearningPlanResult {
  gap: SkillGapResult;
  steps: PlanStep[];
  schedule: PlanWeek[];
  totals: PlanTotals;
  unplanned: UnplannedSkill[];
  userErrors: PlanConstraintError[];
  /** Defaults the plan assumed ("10 h/week assumed: no hoursPerWeek given"). */
  assumptions: string[];
}
