import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import { loadEach } from '../../core/by-id-loader';
import type { Context } from '../../core/context';
import { createConnectionType, PageArgs } from '../../core/relay/connection';
import { toGlobalId } from '../../core/relay/global-id';
import type { Level } from '../shared-enums';
import type { SkillDocument } from '../skill/skill.model';
import type { RoleDocument } from './role.model';
import { CreateRoleInput, DeleteRoleInput, DeleteRolePayload, RoleFilter, RolePayload, UpdateRoleInput } from './role.input';
import { publicRequirementKey, requirementsOf, type RoleRequirement as Requirement } from './role-requirements';
import { Role, RoleRequirement, RoleSkill, RoleSkillRequirement } from './role.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

export const RoleConnection = createConnectionType('Role', () => Role, 'role');

interface ResolvedRoleSkill {
  skill: SkillDocument;
  level: Level;
  weight: number;
  requirement: RoleSkillRequirement;
  group: string | null;
}

interface ResolvedRoleRequirement {
  key: string;
  label: string;
  requirement: RoleSkillRequirement;
  minimum: number;
  weight: number;
  options: ResolvedRoleSkill[];
}

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() role: RoleDocument): string {
    return toGlobalId('Role', role._id);
  }

  @FieldResolver(() => [RoleSkill], { description: 'The skills the role requires, in the order the role lists them.' })
  requiredSkills(@Root() role: RoleDocument, @Ctx() { loaders }: Context): Promise<ResolvedRoleSkill[]> {
    return withSkills(role.requiredSkills, RoleSkillRequirement.REQUIRED, loaders);
  }

  @FieldResolver(() => [RoleSkill], { description: 'The additional skills the role values, in the order the role lists them.' })
  additionalSkills(@Root() role: RoleDocument, @Ctx() { loaders }: Context): Promise<ResolvedRoleSkill[]> {
    return withSkills(role.additionalSkills, RoleSkillRequirement.ADDITIONAL, loaders);
  }

  @FieldResolver(() => [RoleSkill], { description: 'Required skills, then additional skills; `requirement` tells them apart.' })
  async skills(@Root() role: RoleDocument, @Ctx() { loaders }: Context): Promise<ResolvedRoleSkill[]> {
    const [required, additional] = await Promise.all([
      withSkills(role.requiredSkills, RoleSkillRequirement.REQUIRED, loaders),
      withSkills(role.additionalSkills, RoleSkillRequirement.ADDITIONAL, loaders),
    ]);
    return [...required, ...additional];
  }

  @FieldResolver(() => [RoleRequirement], {
    description:
      'What the role asks for, one entry per requirement: a group of skills ("at least one programming language") is one requirement, a skill listed on its own another. Required requirements first, then additional ones, in the order the role lists them; a group stands where its first option is listed.',
  })
  requirements(@Root() role: RoleDocument, @Ctx() { loaders }: Context): Promise<ResolvedRoleRequirement[]> {
    return withRequirementSkills(role, loaders);
  }

  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @Query(() => RoleConnection, { description: 'Job roles ordered by title.' })
  roles(
    @Args() page: PageArgs,
    @Arg('filter', () => RoleFilter, { nullable: true, description: 'Only roles matching every condition given.' })
    filter: RoleFilter | null | undefined,
    @Ctx() { services }: Context,
  ) {
    return services.roles.list(page, filter);
  }

  @Query(() => Role, { nullable: true, description: 'One role by slug; null when none has it.' })
  role(@Arg('slug', () => String, { description: 'The role\'s slug, e.g. "api-developer".' }) slug: string, @Ctx() { services }: Context) {
    return services.roles.findBySlug(slug);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => RolePayload, { description: 'Creates a role. Admin only.' })
  createRole(@Arg('input', () => CreateRoleInput, { description: 'The new role.' }) input: CreateRoleInput, @Ctx() { services }: Context) {
    return services.roles.create(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => RolePayload, { description: 'Changes a role: title, description, skill lists. Admin only.' })
  updateRole(@Arg('input', () => UpdateRoleInput, { description: 'The changes.' }) input: UpdateRoleInput, @Ctx() { services }: Context) {
    return services.roles.update(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => DeleteRolePayload, { description: 'Deletes a role. Admin only.' })
  async deleteRole(
    @Arg('input', () => DeleteRoleInput, { description: 'Which role.' }) input: DeleteRoleInput,
    @Ctx() { services }: Context,
  ): Promise<DeleteRolePayload> {
    const { deletedId, userErrors } = await services.roles.delete(input);
    return { deletedId: deletedId ? toGlobalId('Role', deletedId) : null, userErrors };
  }
}

/** Pairs each stored entry with its skill through the batched `skillById` loader, dropping entries whose skill no longer exists. */
async function withSkills(
  entries: RoleDocument['requiredSkills'],
  requirement: RoleSkillRequirement,
  loaders: Context['loaders'],
): Promise<ResolvedRoleSkill[]> {
  const found = await loadEach(loaders.skillById, entries, (entry) => entry.skillId);
  return found.map(({ entry, document: skill }) => ({
    skill,
    level: entry.level,
    weight: entry.weight,
    requirement,
    group: entry.group ?? null,
  }));
}

/**
 * The role's requirements (`requirementsOf`) with their options' skills, through the same batched
 * loader. An option whose skill no longer exists is dropped like in `withSkills`, a requirement left
 * without options with it, and a group's minimum stays capped at the options that remain.
 */
async function withRequirementSkills(role: RoleDocument, loaders: Context['loaders']): Promise<ResolvedRoleRequirement[]> {
  const requirements = requirementsOf(role);
  const found = await loadEach(
    loaders.skillById,
    requirements.flatMap((requirement) => requirement.options.map((option) => ({ requirement, option }))),
    ({ option }) => option.skillId,
  );
  const optionsOf = new Map<Requirement, ResolvedRoleSkill[]>();
  for (const { entry, document: skill } of found) {
    const { requirement, option } = entry;
    let options = optionsOf.get(requirement);
    if (!options) optionsOf.set(requirement, (options = []));
    options.push({
      skill,
      level: option.level,
      weight: option.weight,
      requirement: RoleSkillRequirement[requirement.kind],
      group: requirement.label === null ? null : requirement.key,
    });
  }
  return requirements.flatMap((requirement) => {
    const options = optionsOf.get(requirement) ?? [];
    if (options.length === 0) return [];
    return [
      {
        key: publicRequirementKey(requirement),
        label: requirement.label ?? options[0].skill.name,
        requirement: RoleSkillRequirement[requirement.kind],
        minimum: Math.min(requirement.minimum, options.length),
        weight: requirement.weight,
        options,
      },
    ];
  });
}
