import type { LinkJudgement } from './judgement-file';
import { STRATA, type Stratum } from './strata';

/** The strata a judged resource counts in: those of its expected skills, or `no-skill-expected`. */
export function judgedStrataOf(judgement: Pick<LinkJudgement, 'expected'>, stratumOf: (slug: string) => Stratum): Stratum[] {
  const strata = new Set(judgement.expected.map(stratumOf));
  return strata.size > 0 ? STRATA.filter((stratum) => strata.has(stratum)) : ['no-skill-expected'];
}

export interface JudgementCounts {
  total: number;
  /** "source kind" → resources. */
  bySourceAndKind: Map<string, number>;
  /** Resources drawn for each stratum (by their words, before judging). */
  drawnFor: Map<Stratum, number>;
  /** Resources judged to cover each stratum (one resource may count in several). */
  judged: Map<Stratum, number>;
}

/** The counts the README's tables state, so a test can hold them to the file. */
export function countJudgements(judgements: readonly LinkJudgement[], stratumOf: (slug: string) => Stratum): JudgementCounts {
  const increment = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  const counts: JudgementCounts = { total: judgements.length, bySourceAndKind: new Map(), drawnFor: new Map(), judged: new Map() };
  for (const judgement of judgements) {
    increment(counts.bySourceAndKind, `${judgement.source} ${judgement.kind}`);
    increment(counts.drawnFor, judgement.drawnFor);
    for (const stratum of judgedStrataOf(judgement, stratumOf)) increment(counts.judged, stratum);
  }
  return counts;
}
