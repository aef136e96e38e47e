import type { ResourceKindValue } from '../resource/resource-kinds';
import { LEVEL_RANK, type PlanCandidate } from './plan-model';

/** How a resource's level sits against the levels a step must climb. */
export type LevelFit = 'NEXT_LEVEL' | 'WITHIN_GAP' | 'TOO_ADVANCED' | 'ALREADY_KNOWN' | 'UNKNOWN';

/** Study hours of a resource and how they were found. */
export interface StudyHours {
  hours: number;
  /** EXACT: the source gives a duration; RANGE: the middle of the source's range; ESTIMATE: the kind's typical length (ESTIMATED_HOURS_BY_KIND). */
  basis: 'EXACT' | 'RANGE' | 'ESTIMATE';
}

/** Typical study hours by kind, used only where the source gives no duration, and always marked as an estimate. */
export const ESTIMATED_HOURS_BY_KIND: Readonly<Record<ResourceKindValue, number>> = {
  COURSE: 20,
  BOOK: 25,
  OPEN_SOURCE_PROJECT: 15,
  EVENT: 8,
};

/** The weights of `ResourceScore.score`, as the schema describes them. */
export const SCORE_WEIGHTS = { coverage: 0.35, levelFit: 0.25, rating: 0.15, cost: 0.15, hours: 0.1 } as const;

const LEVEL_FIT_VALUE: Readonly<Record<LevelFit, number>> = {
  NEXT_LEVEL: 1,
  WITHIN_GAP: 0.8,
  UNKNOWN: 0.5,
  TOO_ADVANCED: 0.3,
  ALREADY_KNOWN: 0.1,
};

export interface ResourceScore {
  candidate: PlanCandidate;
  score: number;
  coverage: number;
  levelFit: LevelFit;
  /** Average rating ÷ 5 when rated; null when not (scored as 0.5). */
  rating: number | null;
  hours: StudyHours;
}

export function studyHoursOf(candidate: PlanCandidate): StudyHours {
  if (candidate.durationMinutes != null && candidate.durationMinutes > 0)
    return { hours: round1(candidate.durationMinutes / 60), basis: 'EXACT' };
  const range = candidate.durationRange;
  if (range && range.maxMinutes > 0) return { hours: round1((range.minMinutes + range.maxMinutes) / 120), basis: 'RANGE' };
  return { hours: ESTIMATED_HOURS_BY_KIND[candidate.kind], basis: 'ESTIMATE' };
}

export function levelFitOf(candidate: PlanCandidate, fromRank: number, targetRank: number): LevelFit {
  if (!candidate.level) return 'UNKNOWN';
  const rank = LEVEL_RANK[candidate.level];
  if (rank <= fromRank) return 'ALREADY_KNOWN';
  if (rank > targetRank) return 'TOO_ADVANCED';
  return rank === fromRank + 1 ? 'NEXT_LEVEL' : 'WITHIN_GAP';
}

/**
 * Scores a candidate for a step climbing from `fromRank` (0: not known) to `targetRank`: a weighted
 * sum (SCORE_WEIGHTS) of how sure its link to the skill is, how its level fits, its rating, its cost
 * (free 1, unknown 0.5, paid falling to 0 at 200 in any currency) and whether its hours are known.
 */
export function scoreCandidate(candidate: PlanCandidate, fromRank: number, targetRank: number): ResourceScore {
  const levelFit = levelFitOf(candidate, fromRank, targetRank);
  const rating = candidate.ratingAverage != null && (candidate.ratingCount ?? 1) > 0 ? Math.min(1, candidate.ratingAverage / 5) : null;
  const cost =
    candidate.pricing === 'FREE'
      ? 1
      : candidate.pricing === 'UNKNOWN' || !candidate.price
        ? 0.5
        : Math.max(0, 1 - candidate.price.amount / 200);
  const hours = studyHoursOf(candidate);
  const hoursValue = hours.basis === 'EXACT' ? 1 : hours.basis === 'RANGE' ? 0.8 : 0.5;
  const coverage = Math.max(0, Math.min(1, candidate.confidence));
  const score =
    SCORE_WEIGHTS.coverage * coverage +
    SCORE_WEIGHTS.levelFit * LEVEL_FIT_VALUE[levelFit] +
    SCORE_WEIGHTS.rating * (rating ?? 0.5) +
    SCORE_WEIGHTS.cost * cost +
    SCORE_WEIGHTS.hours * hoursValue;
  return { candidate, score: Math.round(score * 1e6) / 1e6, coverage, levelFit, rating, hours };
}

/** Best first; equal scores by id, so the order never depends on how the candidates were read. */
export function compareScores(left: ResourceScore, right: ResourceScore): number {
  return right.score - left.score || (left.candidate.id < right.candidate.id ? -1 : left.candidate.id > right.candidate.id ? 1 : 0);
}

/** Hours as plans show them: to one decimal. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
