import type { SkillSeed } from './taxonomy.types';

type SkillFields = Omit<SkillSeed, 'fromArticle' | 'aliases' | 'prerequisites' | 'recommendedPrerequisites' | 'related'> &
  Partial<Pick<SkillSeed, 'aliases' | 'prerequisites' | 'recommendedPrerequisites' | 'related'>>;

function skill(fields: SkillFields, fromArticle: boolean): SkillSeed {
  return {
    slug: fields.slug,
    name: fields.name,
    description: fields.description,
    category: fields.category,
    aliases: fields.aliases ?? [],
    prerequisites: fields.prerequisites ?? [],
    recommendedPrerequisites: fields.recommendedPrerequisites ?? [],
    related: fields.related ?? [],
    fromArticle,
  };
}

/** A skill the article names; the completeness test checks every one of them is seeded. */
export function articleSkill(fields: SkillFields): SkillSeed {
  return skill(fields, true);
}

/** A skill the article does not name, added so course, project and event data map to skills well. */
export function extraSkill(fields: SkillFields): SkillSeed {
  return skill(fields, false);
}
