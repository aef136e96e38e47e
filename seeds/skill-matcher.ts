import { normaliseSkillTerm } from '../src/modules/skill/skill.model';
import { skillMatchKeys } from './taxonomy/validate-taxonomy';
import type { Taxonomy } from './taxonomy/taxonomy.types';

/** How a term was matched: by a skill's name or alias, by a broad term, by its parts, or not at all. */
export type SkillMatchMethod = 'name-or-alias' | 'broad-term' | 'parts' | 'none';

export interface SkillMatch {
  skillSlugs: string[];
  method: SkillMatchMethod;
}

export interface SkillMatcher {
  /** Skills a free-text term names ("Node.js", "Bash / Shell", "DevOps"); empty when it names none. */
  match(term: string): SkillMatch;
  /** Union of the skills of several terms, in first-seen order. Terms that match nothing go to `unmapped`. */
  matchAll(terms: readonly string[], unmapped?: TermTally): string[];
}

/** Splits "Verilog / VHDL", "HTML and CSS", "Java, Kotlin" into parts; "+" is kept so "C++" survives. */
const TERM_SEPARATORS = /\s*(?:\/|&|,|;|\||\band\b|\bor\b|\(|\))\s*/i;

/**
 * Builds the matcher the feeds use to turn technology, heading and topic names into skill slugs.
 * Every term is compared after `normaliseSkillTerm`, the same normalisation behind `Skill.matchKeys`,
 * so the API's name lookups and the seed agree. Order of attempts: a skill name or alias (one skill),
 * a broad term (several skills), then each part of a compound term.
 */
export function createSkillMatcher(taxonomy: Pick<Taxonomy, 'skills' | 'broadTerms'>): SkillMatcher {
  const slugByKey = new Map<string, string>();
  for (const skill of taxonomy.skills) for (const key of skillMatchKeys(skill)) slugByKey.set(key, skill.slug);
  const slugsByBroadKey = new Map(taxonomy.broadTerms.map((broadTerm) => [normaliseSkillTerm(broadTerm.term), broadTerm.skills]));

  const matchWhole = (term: string): SkillMatch => {
    const key = normaliseSkillTerm(term);
    const slug = slugByKey.get(key);
    if (slug) return { skillSlugs: [slug], method: 'name-or-alias' };
    const broadSlugs = slugsByBroadKey.get(key);
    if (broadSlugs) return { skillSlugs: [...broadSlugs], method: 'broad-term' };
    return { skillSlugs: [], method: 'none' };
  };

  const match = (term: string): SkillMatch => {
    const whole = matchWhole(term);
    if (whole.method !== 'none') return whole;
    const parts = term.split(TERM_SEPARATORS).filter((part) => part.trim().length > 0);
    if (parts.length < 2) return whole;
    const slugs = new Set<string>();
    for (const part of parts) for (const slug of matchWhole(part).skillSlugs) slugs.add(slug);
    return slugs.size > 0 ? { skillSlugs: [...slugs], method: 'parts' } : whole;
  };

  return {
    match,
    matchAll(terms, unmapped) {
      const slugs = new Set<string>();
      for (const term of terms) {
        const result = match(term);
        if (result.method === 'none') unmapped?.add(term);
        for (const slug of result.skillSlugs) slugs.add(slug);
      }
      return [...slugs];
    },
  };
}

export interface TermCount {
  term: string;
  count: number;
}

/** Counts how often each term occurred; terms are grouped by their normalised form and shown as first seen. */
export class TermTally {
  private readonly counts = new Map<string, TermCount>();

  add(term: string, times = 1): void {
    const key = normaliseSkillTerm(term) || term;
    const entry = this.counts.get(key);
    if (entry) entry.count += times;
    else this.counts.set(key, { term, count: times });
  }

  /** Most frequent first, then alphabetical. */
  entries(): TermCount[] {
    return [...this.counts.values()]
      .map((entry) => ({ ...entry }))
      .sort((left, right) => right.count - left.count || left.term.localeCompare(right.term));
  }
}
