/**
 * The coverage target of issue 11: every skill has at least `MIN_NON_EVENT_RESOURCES` resources that
 * are not events (courses, books, projects: something a learner can start today), at least one of
 * them known to be free. `skillCoverage` reports every skill that falls short, and why.
 */
export const MIN_NON_EVENT_RESOURCES = 3;

/** Why a skill falls short of the coverage target. */
export enum CoverageShortfall {
  /** No resource teaches the skill, and no listed resource names it (its name or an alias) in its title: no source has it. */
  NO_SOURCE = 'NO_SOURCE',
  /** No resource teaches the skill, though some listed resource has one of its names in its title: a linking gap, or a homonym. */
  NO_RESOURCES = 'NO_RESOURCES',
  /** Only events teach the skill. */
  ONLY_EVENTS = 'ONLY_EVENTS',
  /** One or two resources that are not events teach it. */
  FEWER_THAN_THREE = 'FEWER_THAN_THREE',
  /** Resources that are not events teach it, but none of them is known to be free. */
  NO_FREE_RESOURCE = 'NO_FREE_RESOURCE',
}

/** The counts of one skill that the target is judged on. */
export interface SkillCoverageCounts {
  resources: number;
  nonEventResources: number;
  freeNonEventResources: number;
  /** Whether some listed resource names the skill (its name or an alias) in its title; only asked when no resource teaches it. */
  mentioned: boolean;
}

/**
 * Why the skill falls short of the target; empty when it meets it. A skill with no resource that is
 * not an event gets exactly one reason (NO_SOURCE, NO_RESOURCES or ONLY_EVENTS: the others follow from
 * it); otherwise FEWER_THAN_THREE and NO_FREE_RESOURCE, each when it applies.
 */
export function coverageShortfalls(counts: SkillCoverageCounts): CoverageShortfall[] {
  if (counts.resources === 0) return [counts.mentioned ? CoverageShortfall.NO_RESOURCES : CoverageShortfall.NO_SOURCE];
  if (counts.nonEventResources === 0) return [CoverageShortfall.ONLY_EVENTS];
  const shortfalls: CoverageShortfall[] = [];
  if (counts.nonEventResources < MIN_NON_EVENT_RESOURCES) shortfalls.push(CoverageShortfall.FEWER_THAN_THREE);
  if (counts.freeNonEventResources === 0) shortfalls.push(CoverageShortfall.NO_FREE_RESOURCE);
  return shortfalls;
}
