import { advancedSkills } from './advanced-skills';
import { broadTerms } from '../../src/modules/ingestion/broad-terms';
import { categories } from './categories';
import { foundationSkills } from './foundation-skills';
import { roles } from './roles';
import { softSkills } from './soft-skills';
import type { Taxonomy } from './taxonomy.types';

/** The whole taxonomy of the backend-developer-skills article (seeds/article), plus the extras that map feed data. */
export const taxonomy: Taxonomy = {
  categories,
  skills: [...foundationSkills, ...advancedSkills, ...softSkills],
  roles,
  broadTerms,
};

export type { Taxonomy, CategorySeed, SkillSeed, RoleSeed, RoleSkillSeed, BroadTermSeed } from './taxonomy.types';
export { validateTaxonomy } from './validate-taxonomy';
