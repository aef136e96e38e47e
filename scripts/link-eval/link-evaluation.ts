import { judgementKeyOf, type LinkJudgement } from './judgement-file';
import { linkOutcomes, NO_LINKS, tally, type LinkCounts, type LinkOutcome } from './link-metrics';
import type { PredictedLinks } from './predicted-links';
import type { Stratum } from './strata';

/** A skill's wrong links (false positives, or false negatives) with a few resources that show them. */
export interface SkillErrors {
  slug: string;
  count: number;
  examples: string[];
}

/** A group's resources and link counts. */
export interface GroupFigures {
  resources: number;
  counts: LinkCounts;
}

export interface LinkEvaluation {
  /** Judged resources found in the parsed feeds, and their links. */
  overall: GroupFigures;
  /** By the judged resource's source ("free-programming-books", "confs-tech"…). */
  bySource: Map<string, GroupFigures>;
  /** By source and kind ("free-programming-books BOOK"). */
  bySourceAndKind: Map<string, GroupFigures>;
  /** Link level, by the stratum of each link's skill (`resources` counts those with a link in it). */
  byStratum: Map<Stratum, GroupFigures>;
  /** Resources judged to teach no skill of the taxonomy: how many got a false positive, and how many false positives. */
  noSkillExpected: { resources: number; withFalsePositive: number; falsePositives: number };
  /** Judged resources no parsed feed lists: data the current parsers do not read yet, or a changed URL. */
  notFound: LinkJudgement[];
  worstFalsePositives: SkillErrors[];
  worstFalseNegatives: SkillErrors[];
}

function addTo<K>(groups: Map<K, GroupFigures>, key: K, outcomes: readonly LinkOutcome[]): void {
  const group = groups.get(key) ?? { resources: 0, counts: NO_LINKS };
  groups.set(key, { resources: group.resources + 1, counts: tally(outcomes, group.counts) });
}

function worst(errors: Map<string, string[]>, limit: number, examples: number): SkillErrors[] {
  return [...errors]
    .map(([slug, titles]) => ({ slug, count: titles.length, examples: titles.slice(0, examples) }))
    .sort((left, right) => right.count - left.count || left.slug.localeCompare(right.slug))
    .slice(0, limit);
}

/**
 * Scores every judged resource the predictions cover against its judgement (link-metrics.ts for the
 * arithmetic). `stratumOf` places each skill's links in a stratum.
 */
export function evaluateLinks(
  judgements: readonly LinkJudgement[],
  predictions: ReadonlyMap<string, PredictedLinks>,
  stratumOf: (slug: string) => Stratum,
  options: { worstLimit?: number; examples?: number } = {},
): LinkEvaluation {
  const evaluation: LinkEvaluation = {
    overall: { resources: 0, counts: NO_LINKS },
    bySource: new Map(),
    bySourceAndKind: new Map(),
    byStratum: new Map(),
    noSkillExpected: { resources: 0, withFalsePositive: 0, falsePositives: 0 },
    notFound: [],
    worstFalsePositives: [],
    worstFalseNegatives: [],
  };
  const falsePositives = new Map<string, string[]>();
  const falseNegatives = new Map<string, string[]>();
  for (const judgement of judgements) {
    const predicted = predictions.get(judgementKeyOf(judgement));
    if (!predicted) {
      evaluation.notFound.push(judgement);
      continue;
    }
    const outcomes = linkOutcomes(judgement, predicted.skills);
    evaluation.overall = { resources: evaluation.overall.resources + 1, counts: tally(outcomes, evaluation.overall.counts) };
    addTo(evaluation.bySource, judgement.source, outcomes);
    addTo(evaluation.bySourceAndKind, `${judgement.source} ${judgement.kind}`, outcomes);
    const byStratum = new Map<Stratum, LinkOutcome[]>();
    for (const outcome of outcomes) {
      const stratum = stratumOf(outcome.slug);
      byStratum.set(stratum, [...(byStratum.get(stratum) ?? []), outcome]);
      const wrong = outcome.outcome === 'FALSE_POSITIVE' ? falsePositives : outcome.outcome === 'FALSE_NEGATIVE' ? falseNegatives : null;
      if (wrong) wrong.set(outcome.slug, [...(wrong.get(outcome.slug) ?? []), judgement.title]);
    }
    for (const [stratum, stratumOutcomes] of byStratum) addTo(evaluation.byStratum, stratum, stratumOutcomes);
    if (judgement.expected.length === 0) {
      const wrongLinks = outcomes.filter((outcome) => outcome.outcome === 'FALSE_POSITIVE').length;
      evaluation.noSkillExpected.resources += 1;
      evaluation.noSkillExpected.falsePositives += wrongLinks;
      if (wrongLinks > 0) evaluation.noSkillExpected.withFalsePositive += 1;
    }
  }
  evaluation.worstFalsePositives = worst(falsePositives, options.worstLimit ?? 10, options.examples ?? 3);
  evaluation.worstFalseNegatives = worst(falseNegatives, options.worstLimit ?? 10, options.examples ?? 3);
  return evaluation;
}
