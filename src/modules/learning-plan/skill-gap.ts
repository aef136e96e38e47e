import type { RequirementOption, RoleRequirement } from '../role/role-requirements';
import type { Level } from '../shared-enums';
import { LEVEL_RANK } from './plan-model';

export type GapStatus = 'MET' | 'UNDER_LEVEL' | 'MISSING';

/** One option of one requirement, against what the learner knows. */
export interface OptionGap {
  option: RequirementOption;
  skillId: string;
  status: GapStatus;
  knownLevel: Level | null;
  /** Levels still to climb: required rank − known rank (0 when met; a missing skill counts from 0). */
  levelDistance: number;
  /** Share of the required level reached: known rank ÷ required rank, at most 1. */
  progress: number;
}

export interface RequirementGap {
  requirement: RoleRequirement;
  options: OptionGap[];
  /** Options met at or above their level. */
  metCount: number;
  satisfied: boolean;
  /** Mean progress of the `minimum` furthest-along options: 1 when satisfied. */
  progress: number;
}

export interface SkillGapResult {
  requirements: RequirementGap[];
  /** See READINESS_FORMULA. */
  readiness: number;
}

/** How `readiness` is computed, word for word as the schema describes it. */
export const READINESS_FORMULA =
  "readiness = Σ(weight × progress) ÷ Σ weight over the REQUIRED requirements (1 when the role has none), where a requirement's progress is the mean, over its `minimum` furthest-along options, of min(1, known level ÷ required level) with levels counted BEGINNER 1, INTERMEDIATE 2, ADVANCED 3, EXPERT 4 and an unknown skill 0. Additional skills never lower it. Rounded to 3 decimals.";

/** The learner's levels against every requirement of a role (pure). */
export function skillGap(requirements: readonly RoleRequirement[], known: ReadonlyMap<string, Level>): SkillGapResult {
  const gaps = requirements.map((requirement) => requirementGap(requirement, known));
  const required = gaps.filter((gap) => gap.requirement.kind === 'REQUIRED');
  const totalWeight = required.reduce((sum, gap) => sum + gap.requirement.weight, 0);
  const readiness = totalWeight === 0 ? 1 : required.reduce((sum, gap) => sum + gap.requirement.weight * gap.progress, 0) / totalWeight;
  return { requirements: gaps, readiness: Math.round(readiness * 1000) / 1000 };
}

function requirementGap(requirement: RoleRequirement, known: ReadonlyMap<string, Level>): RequirementGap {
  const options = requirement.options.map((option) => optionGap(option, known));
  const metCount = options.filter((option) => option.status === 'MET').length;
  const furthest = options
    .map((option) => option.progress)
    .sort((left, right) => right - left)
    .slice(0, requirement.minimum);
  const progress = furthest.length === 0 ? 1 : furthest.reduce((sum, value) => sum + value, 0) / furthest.length;
  return { requirement, options, metCount, satisfied: metCount >= requirement.minimum, progress };
}

function optionGap(option: RequirementOption, known: ReadonlyMap<string, Level>): OptionGap {
  const skillId = String(option.skillId);
  const knownLevel = known.get(skillId) ?? null;
  const knownRank = knownLevel ? LEVEL_RANK[knownLevel] : 0;
  const requiredRank = LEVEL_RANK[option.level];
  const status: GapStatus = knownRank >= requiredRank ? 'MET' : knownRank > 0 ? 'UNDER_LEVEL' : 'MISSING';
  return {
    option,
    skillId,
    status,
    knownLevel,
    levelDistance: Math.max(0, requiredRank - knownRank),
    progress: Math.min(1, knownRank / requiredRank),
  };
}
