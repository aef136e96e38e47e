import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import { loadPresent, loadSettledFirst } from '../../core/by-id-loader';
import type { Context } from '../../core/context';
import { createConnectionType, PageArgs } from '../../core/relay/connection';
import { toGlobalId } from '../../core/relay/global-id';
import type { CategoryDocument } from '../category/category.model';
import { Category } from '../category/category.type';
import type { RoleDocument } from '../role/role.model';
import { Role } from '../role/role.type';
import type { SkillDocument } from './skill.model';
import {
  CreateSkillInput,
  DeleteSkillInput,
  DeleteSkillPayload,
  SkillFilter,
  SkillOrder,
  SkillPayload,
  UpdateSkillInput,
} from './skill.input';
import { PrerequisiteStrength, Skill, SkillPrerequisite } from './skill.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

export const SkillConnection = createConnectionType('Skill', () => Skill, 'skill');

@Resolver(() => Skill)
export class SkillResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() skill: SkillDocument): string {
    return toGlobalId('Skill', skill._id);
  }

  @FieldResolver(() => Boolean, {
    description:
      'True when the backend-developer-skills article the taxonomy is drawn from names the skill; false for skills added to map feed data, and for skills created since.',
  })
  fromArticle(@Root() skill: SkillDocument): boolean {
    // Lean reads skip defaults: a skill stored before the flag existed was not seeded with it.
    return skill.fromArticle === true;
  }

  @FieldResolver(() => Category, { description: 'The category the skill is filed under.' })
  category(@Root() skill: SkillDocument, @Ctx() { loaders }: Context): CategoryDocument | null | Promise<CategoryDocument | null> {
    return loadSettledFirst(loaders.categoryById, String(skill.categoryId));
  }

  @FieldResolver(() => [Skill], {
    description:
      'REQUIRED prerequisites: skills needed before this one, in the order the taxonomy lists them. `recommendedPrerequisites` has the helpful ones, `prerequisiteLinks` both.',
  })
  async prerequisites(@Root() skill: SkillDocument, @Ctx() { loaders }: Context): Promise<SkillDocument[]> {
    return loadPresent(loaders.skillById, skill.prerequisiteIds);
  }

  @FieldResolver(() => [Skill], {
    description: 'RECOMMENDED prerequisites: skills better learnt before this one but not needed, in the order the taxonomy lists them.',
  })
  async recommendedPrerequisites(@Root() skill: SkillDocument, @Ctx() { loaders }: Context): Promise<SkillDocument[]> {
    // Lean reads skip defaults: a skill stored before recommended prerequisites existed has none.
    return loadPresent(loaders.skillById, skill.recommendedPrerequisiteIds ?? []);
  }

  @FieldResolver(() => [SkillPrerequisite], {
    description:
      'Every prerequisite with its strength: the REQUIRED ones first, then the RECOMMENDED ones, each in the order the taxonomy lists them.',
  })
  async prerequisiteLinks(
    @Root() skill: SkillDocument,
    @Ctx() context: Context,
  ): Promise<Array<{ skill: SkillDocument; strength: PrerequisiteStrength }>> {
    const [required, recommended] = await Promise.all([this.prerequisites(skill, context), this.recommendedPrerequisites(skill, context)]);
    return [
      ...required.map((prerequisite) => ({ skill: prerequisite, strength: PrerequisiteStrength.REQUIRED })),
      ...recommended.map((prerequisite) => ({ skill: prerequisite, strength: PrerequisiteStrength.RECOMMENDED })),
    ];
  }

  @FieldResolver(() => [Skill], { description: 'Skills that list this one among their REQUIRED prerequisites, by name.' })
  dependents(@Root() skill: SkillDocument, @Ctx() { loaders }: Context): Promise<SkillDocument[]> {
    return loaders.dependentsBySkillId.load(String(skill._id));
  }

  @FieldResolver(() => [Skill], {
    description:
      'Skills related to this one, either way round: those this skill lists as related (in its order), then those that list it (by name).',
  })
  async related(@Root() skill: SkillDocument, @Ctx() { loaders }: Context): Promise<SkillDocument[]> {
    const [listed, listing] = await Promise.all([
      loadPresent(loaders.skillById, skill.relatedIds),
      loaders.relatedBySkillId.load(String(skill._id)),
    ]);
    const unique = new Map<string, SkillDocument>();
    for (const other of [...listed, ...listing]) {
      if (!other._id.equals(skill._id) && !unique.has(String(other._id))) unique.set(String(other._id), other);
    }
    return [...unique.values()];
  }

  @FieldResolver(() => [Role], { description: 'Roles that list this skill as required or additional, by title.' })
  roles(@Root() skill: SkillDocument, @Ctx() { loaders }: Context): Promise<RoleDocument[]> {
    return loaders.rolesBySkillId.load(String(skill._id));
  }

  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @Query(() => SkillConnection, { description: 'Skills, by name unless `orderBy` says otherwise.' })
  skills(
    @Args() page: PageArgs,
    @Arg('filter', () => SkillFilter, { nullable: true, description: 'Only skills matching every condition given.' })
    filter: SkillFilter | null | undefined,
    @Arg('orderBy', () => SkillOrder, { nullable: true, description: 'Sort order; defaults to name ascending.' })
    orderBy: SkillOrder | null | undefined,
    @Ctx() { services }: Context,
  ) {
    return services.skills.list(page, filter, orderBy);
  }

  @Query(() => Skill, { nullable: true, description: 'One skill by slug; null when none has it.' })
  skill(@Arg('slug', () => String, { description: 'The skill\'s slug, e.g. "postgresql".' }) slug: string, @Ctx() { services }: Context) {
    return services.skills.findBySlug(slug);
  }

  @Query(() => Skill, {
    nullable: true,
    description:
      'One skill by its name or any alias, ignoring case, accents and punctuation ("k8s", "Node.js", "postgres"); null when none matches.',
  })
  skillByName(@Arg('name', () => String, { description: 'A name or alias of the skill.' }) name: string, @Ctx() { services }: Context) {
    return services.skills.findByName(name);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => SkillPayload, { description: 'Creates a skill. Admin only.' })
  createSkill(
    @Arg('input', () => CreateSkillInput, { description: 'The new skill.' }) input: CreateSkillInput,
    @Ctx() { services }: Context,
  ) {
    return services.skills.create(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => SkillPayload, { description: 'Changes a skill: names, category, prerequisites, related skills. Admin only.' })
  updateSkill(
    @Arg('input', () => UpdateSkillInput, { description: 'The changes.' }) input: UpdateSkillInput,
    @Ctx() { services }: Context,
  ) {
    return services.skills.update(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => DeleteSkillPayload, { description: 'Deletes a skill that no role or resource refers to. Admin only.' })
  async deleteSkill(
    @Arg('input', () => DeleteSkillInput, { description: 'Which skill.' }) input: DeleteSkillInput,
    @Ctx() { services }: Context,
  ): Promise<DeleteSkillPayload> {
    const { deletedId, userErrors } = await services.skills.delete(input);
    return { deletedId: deletedId ? toGlobalId('Skill', deletedId) : null, userErrors };
  }
}
