import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';
import { LEVELS } from '../../src/modules/shared-enums';
import { isSlug } from '../../src/core/slug';
import type { RoleSeed, SkillSeed, Taxonomy } from './taxonomy.types';

function findDuplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) duplicates.add(value);
    seen.add(value);
  }
  return [...duplicates];
}

/** Every normalised term a skill answers to: its name and aliases, deduplicated. */
export function skillMatchKeys(skill: Pick<SkillSeed, 'name' | 'aliases'>): string[] {
  return [...new Set([skill.name, ...skill.aliases].map(normaliseSkillTerm).filter((key) => key.length > 0))];
}

/**
 * Returns one skill slug per cycle found in the prerequisite graph (depth-first search, three colours).
 * Required and recommended edges count alike: a plan orders skills by both, and a cycle leaves no order.
 */
function findPrerequisiteCycles(skills: SkillSeed[]): string[][] {
  const prerequisitesBySlug = new Map(skills.map((skill) => [skill.slug, [...skill.prerequisites, ...skill.recommendedPrerequisites]]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const visit = (slug: string, path: string[]): void => {
    if (state.get(slug) === 'done') return;
    if (state.get(slug) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(slug)), slug]);
      return;
    }
    state.set(slug, 'visiting');
    for (const prerequisite of prerequisitesBySlug.get(slug) ?? []) visit(prerequisite, [...path, slug]);
    state.set(slug, 'done');
  };
  for (const skill of skills) visit(skill.slug, []);
  return cycles;
}

/**
 * Checks the taxonomy's internal consistency and returns one message per problem (empty when valid):
 * unique slugs, known references, an acyclic prerequisite graph (both kinds of edge), no prerequisite
 * both required and recommended, match keys that name one skill only, valid role levels and weights,
 * and consistent requirement groups. The seeder refuses to run on a taxonomy with problems.
 */
export function validateTaxonomy(taxonomy: Taxonomy): string[] {
  const problems: string[] = [];
  const categorySlugs = new Set(taxonomy.categories.map((category) => category.slug));
  const skillSlugs = new Set(taxonomy.skills.map((skill) => skill.slug));

  for (const slug of findDuplicates(taxonomy.categories.map((category) => category.slug)))
    problems.push(`duplicate category slug "${slug}"`);
  for (const slug of findDuplicates(taxonomy.skills.map((skill) => skill.slug))) problems.push(`duplicate skill slug "${slug}"`);
  for (const slug of findDuplicates(taxonomy.roles.map((role) => role.slug))) problems.push(`duplicate role slug "${slug}"`);

  const categoryBySlug = new Map(taxonomy.categories.map((category) => [category.slug, category]));
  for (const category of taxonomy.categories) {
    if (category.parent === null) continue;
    const parent = categoryBySlug.get(category.parent);
    if (!parent) problems.push(`category "${category.slug}" has unknown parent "${category.parent}"`);
    else if (parent.tier !== category.tier) problems.push(`category "${category.slug}" is not in the tier of its parent "${parent.slug}"`);
    const ancestors = new Set<string>([category.slug]);
    for (let ancestor = parent; ancestor; ancestor = ancestor.parent === null ? undefined : categoryBySlug.get(ancestor.parent)) {
      if (ancestors.has(ancestor.slug)) {
        problems.push(`category "${category.slug}" is its own ancestor`);
        break;
      }
      ancestors.add(ancestor.slug);
    }
  }

  const skillByMatchKey = new Map<string, string>();
  for (const skill of taxonomy.skills) {
    if (!categorySlugs.has(skill.category)) problems.push(`skill "${skill.slug}" has unknown category "${skill.category}"`);
    const recommended = skill.recommendedPrerequisites;
    for (const reference of [...skill.prerequisites, ...recommended, ...skill.related]) {
      if (!skillSlugs.has(reference)) problems.push(`skill "${skill.slug}" refers to unknown skill "${reference}"`);
      if (reference === skill.slug) problems.push(`skill "${skill.slug}" refers to itself`);
    }
    for (const slug of recommended.filter((reference) => skill.prerequisites.includes(reference)))
      problems.push(`skill "${skill.slug}" has "${slug}" as both a required and a recommended prerequisite`);
    for (const key of skillMatchKeys(skill)) {
      const owner = skillByMatchKey.get(key);
      if (owner && owner !== skill.slug) problems.push(`match key "${key}" belongs to both "${owner}" and "${skill.slug}"`);
      skillByMatchKey.set(key, skill.slug);
    }
  }
  for (const cycle of findPrerequisiteCycles(taxonomy.skills)) problems.push(`prerequisite cycle ${cycle.join(' -> ')}`);

  for (const broadTerm of taxonomy.broadTerms) {
    const key = normaliseSkillTerm(broadTerm.term);
    const owner = skillByMatchKey.get(key);
    if (owner) problems.push(`broad term "${broadTerm.term}" is already a name or alias of "${owner}"`);
    if (broadTerm.skills.length === 0 && !broadTerm.notASkill) problems.push(`broad term "${broadTerm.term}" maps to no skill`);
    if (broadTerm.notASkill && broadTerm.skills.length > 0)
      problems.push(`broad term "${broadTerm.term}" is not a skill yet maps to skills`);
    for (const slug of broadTerm.skills)
      if (!skillSlugs.has(slug)) problems.push(`broad term "${broadTerm.term}" refers to unknown skill "${slug}"`);
  }
  for (const term of findDuplicates(taxonomy.broadTerms.map((broadTerm) => normaliseSkillTerm(broadTerm.term))))
    problems.push(`duplicate broad term "${term}"`);

  for (const role of taxonomy.roles) {
    const entries = [...role.requiredSkills, ...role.additionalSkills];
    for (const entry of entries) {
      if (!skillSlugs.has(entry.skill)) problems.push(`role "${role.slug}" refers to unknown skill "${entry.skill}"`);
      if (!(LEVELS as string[]).includes(entry.level))
        problems.push(`role "${role.slug}" has invalid level "${entry.level}" for "${entry.skill}"`);
      if (!(entry.weight >= 0 && entry.weight <= 1))
        problems.push(`role "${role.slug}" has weight ${entry.weight} outside 0–1 for "${entry.skill}"`);
    }
    for (const slug of findDuplicates(entries.map((entry) => entry.skill)))
      problems.push(`role "${role.slug}" lists skill "${slug}" twice`);
    problems.push(...requirementGroupProblems(role));
  }
  return problems;
}

/** The rules RoleService enforces on writes: declared slug-like keys, a label, options in one list, a reachable minimum. */
function requirementGroupProblems(role: RoleSeed): string[] {
  const problems: string[] = [];
  const groups = role.requirementGroups ?? [];
  for (const key of findDuplicates(groups.map((group) => group.key))) problems.push(`role "${role.slug}" declares group "${key}" twice`);
  const declared = new Set(groups.map((group) => group.key));
  const listsByGroup = new Map<string, { lists: Set<string>; options: number }>();
  for (const list of ['requiredSkills', 'additionalSkills'] as const) {
    for (const entry of role[list]) {
      if (entry.group === undefined) continue;
      if (!declared.has(entry.group)) {
        problems.push(`role "${role.slug}" puts "${entry.skill}" in undeclared group "${entry.group}"`);
        continue;
      }
      const found = listsByGroup.get(entry.group) ?? { lists: new Set<string>(), options: 0 };
      found.lists.add(list);
      found.options += 1;
      listsByGroup.set(entry.group, found);
    }
  }
  // A repeated key is reported once above; its options are judged against the first declaration only.
  const firstDeclarations = groups.filter((group, index) => groups.findIndex((other) => other.key === group.key) === index);
  for (const group of firstDeclarations) {
    const name = `role "${role.slug}" group "${group.key}"`;
    if (!isSlug(group.key)) problems.push(`${name} has a key that is not slug-like`);
    if (group.label.trim() === '') problems.push(`${name} has an empty label`);
    const found = listsByGroup.get(group.key);
    if (!found) {
      problems.push(`${name} has no option`);
      continue;
    }
    if (found.lists.size > 1) problems.push(`${name} has options in both requiredSkills and additionalSkills`);
    if (!Number.isInteger(group.minimum) || group.minimum < 1 || group.minimum > found.options)
      problems.push(`${name} has minimum ${group.minimum}, not between 1 and its ${found.options} options`);
  }
  return problems;
}
