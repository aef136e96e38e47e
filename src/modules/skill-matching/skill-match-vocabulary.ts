import { normaliseSkillTerm } from '../skill/skill-term';
import { broadTerms as defaultBroadTerms, type BroadTerm } from './broad-terms';

/** What the matcher resolves words against: skills by every name and alias, and the broad terms. */
export interface SkillMatchVocabulary {
  /** Skill slug by normalised name, alias or slug (the skills' `matchKeys`). */
  readonly skillByKey: ReadonlyMap<string, string>;
  /** Every key of each skill, to check whether a resource's own words support it. */
  readonly keysBySkill: ReadonlyMap<string, readonly string[]>;
  /** Broad terms by normalised term, restricted to skills the vocabulary has. */
  readonly broadByKey: ReadonlyMap<string, BroadTerm>;
  /** The most words any key has: the longest run of words worth looking up. */
  readonly maxKeyWords: number;
}

/** A skill as the vocabulary needs it: its slug and its normalised names (`matchKeys`). */
export interface VocabularySkill {
  slug: string;
  matchKeys: readonly string[];
}

/**
 * Builds the vocabulary. Every skill's match keys, then its slug as a key where nothing else has it;
 * the first skill given wins a key two skills share (the taxonomy test forbids that for seeded skills).
 * A broad term that is also a skill's name is ignored: the name wins.
 */
export function buildSkillMatchVocabulary(
  skills: readonly VocabularySkill[],
  broadTerms: readonly BroadTerm[] = defaultBroadTerms,
): SkillMatchVocabulary {
  const skillByKey = new Map<string, string>();
  const keysBySkill = new Map<string, string[]>();
  const add = (key: string, slug: string) => {
    if (!key || skillByKey.has(key)) return;
    skillByKey.set(key, slug);
    keysBySkill.set(slug, [...(keysBySkill.get(slug) ?? []), key]);
  };
  for (const skill of skills) for (const key of skill.matchKeys) add(key, skill.slug);
  for (const skill of skills) add(normaliseSkillTerm(skill.slug), skill.slug);
  const known = new Set(skills.map((skill) => skill.slug));
  const broadByKey = new Map<string, BroadTerm>();
  for (const broadTerm of broadTerms) {
    const key = normaliseSkillTerm(broadTerm.term);
    const candidates = broadTerm.skills.filter((slug) => known.has(slug));
    // A term whose skills this vocabulary lacks is dropped; a name of no skill is kept to hide the names inside it.
    const unknownSkillsOnly = candidates.length === 0 && !broadTerm.notASkill;
    if (!key || skillByKey.has(key) || broadByKey.has(key) || unknownSkillsOnly) continue;
    broadByKey.set(key, { ...broadTerm, skills: candidates });
  }
  const maxKeyWords = Math.max(1, ...[...skillByKey.keys(), ...broadByKey.keys()].map((key) => key.split(' ').length));
  return { skillByKey, keysBySkill, broadByKey, maxKeyWords };
}
