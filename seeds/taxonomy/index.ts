import { advancedSkills } from './advanced-skills';
import { broadTerms } from '../../src/modules/skill-matching/broad-terms';
import { categories } from './categories';
import { foundationSkills } from './foundation-skills';
import { githubTopicAliases } from './github-topic-aliases';
import { roles } from './roles';
import { softSkills } from './soft-skills';
import type { SkillSeed, Taxonomy } from './taxonomy.types';
import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';

/** A skill with the reviewed GitHub topic aliases (github-topic-aliases.ts) it does not have yet, in another spelling. */
function withTopicAliases(skill: SkillSeed): SkillSeed {
  const known = new Set([skill.name, ...skill.aliases].map(normaliseSkillTerm));
  const added = githubTopicAliases
    .filter((entry) => entry.skill === skill.slug)
    .flatMap((entry) => entry.aliases)
    .filter((alias) => {
      const key = normaliseSkillTerm(alias);
      if (known.has(key)) return false;
      known.add(key);
      return true;
    });
  return added.length > 0 ? { ...skill, aliases: [...skill.aliases, ...added] } : skill;
}

/** The whole taxonomy of the backend-developer-skills article (seeds/article), plus the extras that map feed data. */
export const taxonomy: Taxonomy = {
  categories,
  skills: [...foundationSkills, ...advancedSkills, ...softSkills].map(withTopicAliases),
  roles,
  broadTerms,
};

export type { Taxonomy, CategorySeed, SkillSeed, RoleSeed, RoleSkillSeed, BroadTermSeed } from './taxonomy.types';
export { validateTaxonomy } from './validate-taxonomy';
