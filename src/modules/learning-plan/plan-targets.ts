import type { Level } from '../shared-enums';
import { LEVEL_RANK, type PlanSkill } from './plan-model';
import type { SkillGapResult } from './skill-gap';

export type StepReason = 'REQUIREMENT' | 'ADDITIONAL_SKILL' | 'PREREQUISITE';

/** A skill the plan must teach: from the learner's level to the level wanted. */
export interface PlanTarget {
  skillId: string;
  fromRank: number;
  targetRank: number;
  reason: StepReason;
  /** The requirement the skill meets (its key); null for a prerequisite. */
  requirementKey: string | null;
  /** For a prerequisite: the planned skills that need it. */
  requiredBy: string[];
  /** Importance: the requirement's weight, or for a prerequisite the heaviest of the skills needing it. */
  weight: number;
  /** 0 for what the role requires (and its prerequisites), 1 for additional skills: the lower comes first when something must give. */
  tier: number;
}

/** Level a plan brings an added prerequisite to: enough to start the skill that needs it. */
export const PREREQUISITE_TARGET_LEVEL: Level = 'BEGINNER' as Level;

/**
 * The skills a plan could teach for a role: every option of every unmet requirement (the role's
 * REQUIRED ones, and ADDITIONAL ones when asked), and the REQUIRED prerequisites of those the learner
 * does not know at any level, recursively. The catalogue is read for these before options are chosen.
 */
export function skillsToConsider(
  gap: SkillGapResult,
  skills: ReadonlyMap<string, PlanSkill>,
  known: ReadonlyMap<string, Level>,
  includeAdditionalSkills: boolean,
): string[] {
  const wanted = new Set<string>();
  for (const requirement of gap.requirements) {
    if (requirement.satisfied || (requirement.requirement.kind === 'ADDITIONAL' && !includeAdditionalSkills)) continue;
    for (const option of requirement.options) if (option.status !== 'MET') wanted.add(option.skillId);
  }
  for (const skillId of [...wanted]) addMissingPrerequisites(skillId, skills, known, wanted);
  return [...wanted].sort();
}

function addMissingPrerequisites(
  skillId: string,
  skills: ReadonlyMap<string, PlanSkill>,
  known: ReadonlyMap<string, Level>,
  into: Set<string>,
): void {
  // A skill known at some level is taken to have its prerequisites behind it.
  if (known.has(skillId)) return;
  for (const prerequisiteId of skills.get(skillId)?.requiredPrerequisiteIds ?? []) {
    if (known.has(prerequisiteId) || into.has(prerequisiteId) || !skills.has(prerequisiteId)) continue;
    into.add(prerequisiteId);
    addMissingPrerequisites(prerequisiteId, skills, known, into);
  }
}

/**
 * Chooses what to learn: for each unmet requirement, the options still needed to reach its minimum,
 * preferring options the catalogue can teach under the constraints, then the nearest (fewest levels to
 * climb), then the heaviest, then the one with the best resource, then by slug; then the missing
 * REQUIRED prerequisites of every chosen skill, recursively.
 */
export function chooseTargets(
  gap: SkillGapResult,
  skills: ReadonlyMap<string, PlanSkill>,
  known: ReadonlyMap<string, Level>,
  includeAdditionalSkills: boolean,
  bestScoreOf: (skillId: string) => number | null,
): PlanTarget[] {
  const targets = new Map<string, PlanTarget>();
  for (const requirement of gap.requirements) {
    const { kind, minimum, key, weight } = requirement.requirement;
    if (requirement.satisfied || (kind === 'ADDITIONAL' && !includeAdditionalSkills)) continue;
    const candidates = requirement.options
      .filter((option) => option.status !== 'MET' && !targets.has(option.skillId))
      .map((option) => ({ option, best: bestScoreOf(option.skillId), slug: skills.get(option.skillId)?.slug ?? option.skillId }))
      .sort(
        (left, right) =>
          Number(right.best !== null) - Number(left.best !== null) ||
          left.option.levelDistance - right.option.levelDistance ||
          right.option.option.weight - left.option.option.weight ||
          (right.best ?? 0) - (left.best ?? 0) ||
          (left.slug < right.slug ? -1 : left.slug > right.slug ? 1 : 0),
      );
    for (const { option } of candidates.slice(0, Math.max(0, minimum - requirement.metCount))) {
      targets.set(option.skillId, {
        skillId: option.skillId,
        fromRank: option.knownLevel ? LEVEL_RANK[option.knownLevel] : 0,
        targetRank: LEVEL_RANK[option.option.level],
        reason: kind === 'REQUIRED' ? 'REQUIREMENT' : 'ADDITIONAL_SKILL',
        requirementKey: key,
        requiredBy: [],
        weight: kind === 'REQUIRED' ? weight : option.option.weight,
        tier: kind === 'REQUIRED' ? 0 : 1,
      });
    }
  }
  for (const target of [...targets.values()]) addPrerequisiteTargets(target, skills, known, targets);
  return [...targets.values()];
}

function addPrerequisiteTargets(
  dependent: PlanTarget,
  skills: ReadonlyMap<string, PlanSkill>,
  known: ReadonlyMap<string, Level>,
  targets: Map<string, PlanTarget>,
): void {
  if (known.has(dependent.skillId)) return;
  for (const prerequisiteId of skills.get(dependent.skillId)?.requiredPrerequisiteIds ?? []) {
    if (known.has(prerequisiteId) || !skills.has(prerequisiteId)) continue;
    const existing = targets.get(prerequisiteId);
    if (existing) {
      // Already planned (as a requirement or for another skill): it now also serves this one, and ranks as high as it.
      if (existing.reason === 'PREREQUISITE' && !existing.requiredBy.includes(dependent.skillId))
        existing.requiredBy.push(dependent.skillId);
      const raised = existing.tier > dependent.tier || (existing.tier === dependent.tier && existing.weight < dependent.weight);
      if (raised) Object.assign(existing, { tier: dependent.tier, weight: Math.max(existing.weight, dependent.weight) });
      if (raised) addPrerequisiteTargets(existing, skills, known, targets);
      continue;
    }
    const target: PlanTarget = {
      skillId: prerequisiteId,
      fromRank: 0,
      targetRank: LEVEL_RANK[PREREQUISITE_TARGET_LEVEL],
      reason: 'PREREQUISITE',
      requirementKey: null,
      requiredBy: [dependent.skillId],
      weight: dependent.weight,
      tier: dependent.tier,
    };
    targets.set(prerequisiteId, target);
    addPrerequisiteTargets(target, skills, known, targets);
  }
}
