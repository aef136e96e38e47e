import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import type { Context } from '../../core/context';
import { toGlobalId } from '../../core/relay/global-id';
import { Skill } from '../skill/skill.type';
import type { SkillDocument } from '../skill/skill.model';
import type { CategoryDocument } from './category.model';
import { CategoryPayload, CreateCategoryInput, DeleteCategoryInput, DeleteCategoryPayload, UpdateCategoryInput } from './category.input';
import { Category, CategoryTier } from './category.type';

@Resolver(() => Category)
export class CategoryResolver {
  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() category: CategoryDocument): string {
    return toGlobalId('Category', category._id);
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The category this one sits under; null for a top-level category.' })
  parent(@Root() category: CategoryDocument, @Ctx() { loaders }: Context): Promise<CategoryDocument | null> | null {
    return category.parentId ? loaders.categoryById.load(String(category.parentId)) : null;
  }

  @FieldResolver(() => [Category], { description: 'The sub-categories directly under this one, by position.' })
  children(@Root() category: CategoryDocument, @Ctx() { loaders }: Context): Promise<CategoryDocument[]> {
    return loaders.childCategoriesByParentId.load(String(category._id));
  }

  @FieldResolver(() => [Skill], {
    description: 'The skills filed directly under this category (not those of its sub-categories), by name.',
  })
  skills(@Root() category: CategoryDocument, @Ctx() { loaders }: Context): Promise<SkillDocument[]> {
    return loaders.skillsByCategoryId.load(String(category._id));
  }

  @Query(() => [Category], {
    description:
      'Every category as a tree flattened parents-first: top-level categories ordered by tier (FOUNDATION, ADVANCED, SOFT_SKILLS) then position, each followed by its sub-categories by position.',
  })
  categories(
    @Arg('tier', () => CategoryTier, { nullable: true, description: 'Only categories of this tier.' })
    tier: CategoryTier | null | undefined,
    @Ctx() { services }: Context,
  ) {
    return services.categories.list(tier);
  }

  @Query(() => Category, { nullable: true, description: 'One category by slug; null when none has it.' })
  category(
    @Arg('slug', () => String, { description: 'The category\'s slug, e.g. "databases".' }) slug: string,
    @Ctx() { services }: Context,
  ) {
    return services.categories.findBySlug(slug);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => CategoryPayload, { description: 'Creates a category. Admin only.' })
  createCategory(
    @Arg('input', () => CreateCategoryInput, { description: 'The new category.' }) input: CreateCategoryInput,
    @Ctx() { services }: Context,
  ) {
    return services.categories.create(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => CategoryPayload, { description: 'Changes a category: rename it, move it in the tree, change its tier. Admin only.' })
  updateCategory(
    @Arg('input', () => UpdateCategoryInput, { description: 'The changes.' }) input: UpdateCategoryInput,
    @Ctx() { services }: Context,
  ) {
    return services.categories.update(input);
  }

  @Authorized(CallerRole.Admin)
  @Mutation(() => DeleteCategoryPayload, { description: 'Deletes a category that holds no skills and no sub-categories. Admin only.' })
  async deleteCategory(
    @Arg('input', () => DeleteCategoryInput, { description: 'Which category.' }) input: DeleteCategoryInput,
    @Ctx() { services }: Context,
  ): Promise<DeleteCategoryPayload> {
    const { deletedId, userErrors } = await services.categories.delete(input);
    return { deletedId: deletedId ? toGlobalId('Category', deletedId) : null, userErrors };
  }
}
