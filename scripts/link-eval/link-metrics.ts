/**
 * The arithmetic of the link evaluation, with no I/O. A judged resource has expected skills (it
 * clearly covers them) and acceptable ones (defensible, not required). Against what a matcher
 * predicted for it, each skill is one link outcome:
 *
 * - predicted and expected: a true positive;
 * - expected, not predicted: a false negative;
 * - predicted, acceptable: neither (counted apart, so a lenient judgement stays visible);
 * - predicted, neither expected nor acceptable: a false positive.
 *
 * Precision is TP / (TP + FP) and recall TP / (TP + FN), both micro-averaged: summed over every link
 * of a group of resources, so a resource with five expected skills weighs five times one with one.
 */

export type LinkOutcomeKind = 'TRUE_POSITIVE' | 'FALSE_NEGATIVE' | 'FALSE_POSITIVE' | 'ACCEPTABLE';

export interface LinkOutcome {
  slug: string;
  outcome: LinkOutcomeKind;
}

export interface LinkCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Predicted links the judgement found acceptable: in neither figure. */
  acceptable: number;
}

export const NO_LINKS: LinkCounts = Object.freeze({ truePositives: 0, falsePositives: 0, falseNegatives: 0, acceptable: 0 });

/** Every link of one resource: each expected skill, and each predicted one that is not expected. */
export function linkOutcomes(
  judgement: { expected: readonly string[]; acceptable: readonly string[] },
  predicted: readonly string[],
): LinkOutcome[] {
  const predictedSet = new Set(predicted);
  const expectedSet = new Set(judgement.expected);
  const acceptableSet = new Set(judgement.acceptable);
  const outcomes: LinkOutcome[] = [...expectedSet].map((slug) => ({
    slug,
    outcome: predictedSet.has(slug) ? 'TRUE_POSITIVE' : 'FALSE_NEGATIVE',
  }));
  for (const slug of predictedSet) {
    if (expectedSet.has(slug)) continue;
    outcomes.push({ slug, outcome: acceptableSet.has(slug) ? 'ACCEPTABLE' : 'FALSE_POSITIVE' });
  }
  return outcomes;
}

/** Adds outcomes to counts (a new object; `counts` is left alone). */
export function tally(outcomes: readonly LinkOutcome[], counts: LinkCounts = NO_LINKS): LinkCounts {
  const next = { ...counts };
  for (const { outcome } of outcomes) {
    if (outcome === 'TRUE_POSITIVE') next.truePositives += 1;
    else if (outcome === 'FALSE_POSITIVE') next.falsePositives += 1;
    else if (outcome === 'FALSE_NEGATIVE') next.falseNegatives += 1;
    else next.acceptable += 1;
  }
  return next;
}

/** TP / (TP + FP); null when nothing was predicted outside the acceptable skills (no evidence either way). */
export function precisionOf(counts: LinkCounts): number | null {
  const predicted = counts.truePositives + counts.falsePositives;
  return predicted === 0 ? null : counts.truePositives / predicted;
}

/** TP / (TP + FN); null when no skill was expected. */
export function recallOf(counts: LinkCounts): number | null {
  const expected = counts.truePositives + counts.falseNegatives;
  return expected === 0 ? null : counts.truePositives / expected;
}
