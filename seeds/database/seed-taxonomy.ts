import { CategoryModel } from '../../src/modules/category/category.model';
import { RoleModel } from '../../src/modules/role/role.model';
import { SkillModel } from '../../src/modules/skill/skill.model';
import type { SeedCounts } from '../seed-report';
import type { CategorySeed, RoleSeed, RoleSkillSeed, SkillSeed } from '../taxonomy/taxonomy.types';
import { skillMatchKeys } from '../taxonomy/validate-taxonomy';
import { combineOutcomes, existingBySlug, idsBySlug, requireId, seedCountsOf, type IdBySlug } from './seed-counts';
import { upsertDocuments, type DocumentOutcome } from './upsert-documents';

/** How far below a top-level category each category sits (0 for top level). */
function categoryDepths(categories: readonly CategorySeed[]): Map<string, number> {
  const bySlug = new Map(categories.map((category) => [category.slug, category]));
  const depths = new Map<string, number>();
  const depthOf = (category: CategorySeed): number => {
    let depth = 0;
    for (let parent = category.parent; parent !== null; parent = bySlug.get(parent)?.parent ?? null) depth += 1;
    return depth;
  };
  for (const category of categories) depths.set(category.slug, depthOf(category));
  return depths;
}

/**
 * Upserts categories one tree level at a time, so each level's `parentId` can be read back from
 * the level above before it is written.
 */
export async function seedCategories(categories: readonly CategorySeed[]): Promise<{ counts: SeedCounts; ids: IdBySlug }> {
  const depths = categoryDepths(categories);
  const maxDepth = Math.max(0, ...depths.values());
  const ids: IdBySlug = new Map();
  const outcomes = new Map<string, DocumentOutcome>();
  const failures = new Map<string, string>();

  for (let depth = 0; depth <= maxDepth; depth += 1) {
    const level = categories.filter((category) => depths.get(category.slug) === depth);
    const slugs = level.map((category) => category.slug);
    const existing = await existingBySlug(CategoryModel, slugs);
    const result = await upsertDocuments(
      CategoryModel,
      level.map((category) => ({
        key: category.slug,
        filter: { slug: category.slug },
        fields: {
          slug: category.slug,
          name: category.name,
          description: category.description,
          tier: category.tier,
          parentId: category.parent === null ? null : requireId(ids, category.parent, `category "${category.slug}"`),
          position: category.position,
        },
      })),
      existing,
    );
    for (const [slug, outcome] of result.outcomes) outcomes.set(slug, outcome);
    for (const [slug, failure] of result.failures) failures.set(slug, failure);
    for (const [slug, id] of await idsBySlug(CategoryModel, slugs)) ids.set(slug, id);
  }
  return { counts: seedCountsOf(categories.length, { outcomes, failures }), ids };
}

/**
 * Upserts skills in two passes: first their own fields (the category is known), then, once every
 * skill has an id, their prerequisite edges (required and recommended) and related edges.
 */
export async function seedSkills(skills: readonly SkillSeed[], categoryIds: IdBySlug): Promise<{ counts: SeedCounts; ids: IdBySlug }> {
  const slugs = skills.map((skill) => skill.slug);
  const fieldsPass = await upsertDocuments(
    SkillModel,
    skills.map((skill) => ({
      key: skill.slug,
      filter: { slug: skill.slug },
      fields: {
        slug: skill.slug,
        name: skill.name,
        nameKey: skill.name.toLowerCase(),
        description: skill.description,
        categoryId: requireId(categoryIds, skill.category, `skill "${skill.slug}"`),
        aliases: skill.aliases,
        matchKeys: skillMatchKeys(skill),
        fromArticle: skill.fromArticle,
      },
    })),
    await existingBySlug(SkillModel, slugs),
  );

  const ids = await idsBySlug(SkillModel, slugs);
  const seededSkills = skills.filter((skill) => ids.has(skill.slug));
  const edgesPass = await upsertDocuments(
    SkillModel,
    seededSkills.map((skill) => ({
      key: skill.slug,
      filter: { slug: skill.slug },
      fields: {
        prerequisiteIds: skill.prerequisites.map((slug) => requireId(ids, slug, `skill "${skill.slug}" (prerequisite)`)),
        recommendedPrerequisiteIds: skill.recommendedPrerequisites.map((slug) =>
          requireId(ids, slug, `skill "${skill.slug}" (recommended prerequisite)`),
        ),
        relatedIds: skill.related.map((slug) => requireId(ids, slug, `skill "${skill.slug}" (related)`)),
      },
    })),
    await existingBySlug(
      SkillModel,
      seededSkills.map((skill) => skill.slug),
    ),
  );

  const outcomes = combineOutcomes(fieldsPass.outcomes, edgesPass.outcomes);
  const failures = new Map([...fieldsPass.failures, ...edgesPass.failures]);
  return { counts: seedCountsOf(skills.length, { outcomes, failures }), ids };
}

function roleSkills(
  entries: readonly RoleSkillSeed[],
  skillIds: IdBySlug,
  role: string,
): { skillId: unknown; level: string; weight: number; group?: string }[] {
  return entries.map((entry) => ({
    skillId: requireId(skillIds, entry.skill, `role "${role}"`),
    level: entry.level,
    weight: entry.weight,
    // An ungrouped entry is stored without the key, as RoleService stores it.
    ...(entry.group !== undefined ? { group: entry.group } : {}),
  }));
}

export async function seedRoles(roles: readonly RoleSeed[], skillIds: IdBySlug): Promise<SeedCounts> {
  const result = await upsertDocuments(
    RoleModel,
    roles.map((role) => ({
      key: role.slug,
      filter: { slug: role.slug },
      fields: {
        slug: role.slug,
        title: role.title,
        titleKey: role.title.toLowerCase(),
        description: role.description,
        requiredSkills: roleSkills(role.requiredSkills, skillIds, role.slug),
        additionalSkills: roleSkills(role.additionalSkills, skillIds, role.slug),
        requirementGroups: (role.requirementGroups ?? []).map(({ key, label, minimum }) => ({ key, label, minimum })),
      },
    })),
    await existingBySlug(
      RoleModel,
      roles.map((role) => role.slug),
    ),
  );
  return seedCountsOf(roles.length, result);
}
