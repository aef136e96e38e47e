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
  /**
   * REQUIRED prerequisites: the skill builds directly on them and every use of it needs them (a framework
   * on its language, a superset on its base language, an orchestrator on containers, a relational
   * database on SQL). Together with `recommendedPrerequisites` the graph must stay acyclic.
   */
  prerequisites: string[];
  /**
   * RECOMMENDED prerequisites: one can start without them. Either the skill is a product one learns the
   * general idea through (AWS and cloud computing, Kafka and messaging, Terraform and IaC), or the other
   * is background that helps (Linux for Docker). Never also in `prerequisites`.
   */
  recommendedPrerequisites: string[];
  related: string[];
  /** True for every skill the article names, so a test can check none is missing. */
  fromArticle: boolean;
}

/** A skill a role asks for, with the level the role expects and its importance within the role (0–1). */
export interface RoleSkillSeed {
  skill: string;
  level: `${Level}`;
  weight: number;
  /** Key of the role's requirement group the skill is one option of; absent for a requirement of its own. */
  group?: string;
}

/** "At least `minimum` of the role's skills whose `group` is `key`": one requirement met by any of its options. */
export interface RequirementGroupSeed {
  key: string;
  label: string;
  minimum: number;
}

export interface RoleSeed {
  slug: string;
  title: string;
  description: string;
  /** The article's "Requirements". */
  requiredSkills: RoleSkillSeed[];
  /** The article's "Additional Skills". */
  additionalSkills: RoleSkillSeed[];
  /** Groups the entries of one list may join ("at least one programming language"); each has at least `minimum` options. */
  requirementGroups?: RequirementGroupSeed[];
}

/** A term that names a field rather than one skill: the ingestion vocabulary's rule (src/modules/skill-matching/broad-terms.ts). */
export type BroadTermSeed = BroadTerm;

export interface Taxonomy {
  categories: CategorySeed[];
  skills: SkillSeed[];
  roles: RoleSeed[];
  broadTerms: BroadTermSeed[];
}
