import { normaliseSkillTerm } from '../../src/modules/skill/skill-term';
import { LEVELS } from '../../src/modules/shared-enums';
import { checkRequirementGroups } from '../../src/modules/role/requirement-group-checks';
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

/**
 * The requirement-group rules a role write must pass (checkRequirementGroups, as RoleService runs them
 * on a create), each problem named by the role and the group or skill entry it points at.
 */
function requirementGroupProblems(role: RoleSeed): string[] {
  const groups = role.requirementGroups ?? [];
  const errors = checkRequirementGroups({
    requirementGroups: { items: groups, fromInput: true },
    requiredSkills: { items: role.requiredSkills, fromInput: true },
    additionalSkills: { items: role.additionalSkills, fromInput: true },
  });
  return errors.map(({ field, message }) => `role "${role.slug}" ${placeInRole(role, field)}: ${message}`);
}

/** Where a user error's field path (`input.<part>.<index>.<member>`) points in a seeded role, by name rather than index. */
function placeInRole(role: RoleSeed, field: readonly string[]): string {
  const [, part, index, member] = field;
  const suffix = member ? ` ${member}` : '';
  if (part === 'requiredSkills' || part === 'additionalSkills') {
    const entry = role[part][Number(index)];
    if (entry) return `${part} entry "${entry.skill}"${suffix}`;
  }
  const group = part === 'requirementGroups' && index !== undefined ? role.requirementGroups?.[Number(index)] : undefined;
  if (group) return `group "${group.key}"${suffix}`;
  return `${part}${suffix}`;
}
