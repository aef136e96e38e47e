import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError, createDeletePayloadType, type DeletePayload } from '../../core/user-errors';
import { Category, CategoryTier } from './category.type';

@InputType({ description: 'A new category.' })
export class CreateCategoryInput {
  @Field(() => String, {
    description: 'URL-safe unique name, e.g. "api-development": lower-case letters, digits and single hyphens, at most 120.',
  })
  slug!: string;

  @Field(() => String, { description: 'Display name, at most 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the category covers, at most 5000 characters. Defaults to empty.' })
  description?: string;

  @Field(() => CategoryTier, { description: 'The band the category belongs to.' })
  tier!: CategoryTier;

  @Field(() => ID, { nullable: true, description: 'Global id of the parent category; omit or null for a top-level category.' })
  parentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Order among its siblings, 0–10000. Defaults to after the last sibling.' })
  position?: number;
}

@InputType({ description: 'Changes to a category; omitted fields keep their value.' })
export class UpdateCategoryInput {
  @Field(() => ID, { description: 'Global id of the category to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New slug.' })
  slug?: string;

  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string;

  @Field(() => CategoryTier, { nullable: true, description: 'New tier. Sub-categories keep their own tier.' })
  tier?: CategoryTier;

  @Field(() => ID, {
    nullable: true,
    description:
      'Global id of the new parent; null makes it a top-level category; omit to keep the parent. Refused when the parent is the category itself or one of its descendants.',
  })
  parentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'New order among its siblings, 0–10000.' })
  position?: number;
}

@InputType({ description: 'Which category to delete.' })
export class DeleteCategoryInput {
  @Field(() => ID, { description: 'Global id of the category. Refused while skills or sub-categories still belong to it.' })
  id!: string;
}

@ObjectType({ description: 'Result of creating or updating a category.' })
export class CategoryPayload {
  @Field(() => Category, { nullable: true, description: 'The category as stored; null when `userErrors` is not empty.' })
  category!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was written.' })
  userErrors!: UserError[];
}

export const DeleteCategoryPayload = createDeletePayloadType('Category', 'category');
export type DeleteCategoryPayload = DeletePayload;
