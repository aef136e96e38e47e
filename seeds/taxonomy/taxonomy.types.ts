import type { CategoryTierValue } from '../../src/modules/category/category.model';
import type { Level } from '../../src/modules/shared-enums';
import type { BroadTerm } from '../../src/modules/skill-matching/broad-terms';

/** A category as seeded: references other categories by slug; the seeder resolves slugs to ids. */
export interface CategorySeed {
  slug: string;
  name: string;
  description: string;
  tier: CategoryTierValue;
  /** Slug of the parent category; null for a top-level category. */
  parent: string | null;
  /** Order among siblings, as the article lists them. */
  position: number;
  /** True when the article names this category; false for groupings we added to place extra skills. */
  fromArticle: boolean;
}

/** A skill as seeded: category, prerequisites and related skills are slugs. */
export interface SkillSeed {
  slug: string;
  name: string;
  description: string;
  category: string;
  /** Other names for the skill; feeds are mapped to skills through the name and these aliases. */
  aliases: string[];
  /** Skills to learn first. The prerequisite graph must stay acyclic. */
  prerequisites: string[];
  related: string[];
  /** True for every skill the article names, so a test can check none is missing. */
  fromArticle: boolean;
}

/** A skill a role asks for, with the level the role expects and its importance within the role (0–1). */
export interface RoleSkillSeed {
  skill: string;
  level: `${Level}`;
  weight: number;
}

export interface RoleSeed {
  slug: string;
  title: string;
  description: string;
  /** The article's "Requirements". */
  requiredSkills: RoleSkillSeed[];
  /** The article's "Additional Skills". */
  additionalSkills: RoleSkillSeed[];
}

/** A term that names a field rather than one skill: the ingestion vocabulary's rule (src/modules/skill-matching/broad-terms.ts). */
export type BroadTermSeed = BroadTerm;

export interface Taxonomy {
  categories: CategorySeed[];
  skills: SkillSeed[];
  roles: RoleSeed[];
  broadTerms: BroadTermSeed[];
}
