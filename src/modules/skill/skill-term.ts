import { foldText } from '../../core/text';

/**
 * Lower-cases, strips accents and collapses punctuation/space, so "Node.js", "node js" and "NodeJS"
 * compare as close as possible: the skills' `matchKeys`, feed terms, title fingerprints and search
 * all compare through it. Pure, so a parser can use it without registering the Skill model.
 */
export function normaliseSkillTerm(term: string): string {
  return foldText(term)
    .replace(/[^a-z0-9#+]+/g, ' ')
    .trim();
}
