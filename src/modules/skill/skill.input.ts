import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrderDirection } from '../../core/relay/order-direction';
import { UserError, createDeletePayloadType, type DeletePayload } from '../../core/user-errors';
import { Skill, SkillOrderField } from './skill.type';

export const MAX_FILTER_IDS = 100;
export const MAX_NAME_PREFIX_LENGTH = 100;

@InputType({ description: 'Narrows `skills`. Every condition given must hold; an empty list matches no skill.' })
export class SkillFilter {
  @Field(() => [ID], {
    nullable: true,
    description: `Global ids of categories (at most ${MAX_FILTER_IDS}); a skill matches when it is in one of them or in any of their sub-categories, at any depth.`,
  })
  categories?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive prefix of the skill's name or of one of its aliases, e.g. "post" or "k8". At most ${MAX_NAME_PREFIX_LENGTH} characters.`,
  })
  namePrefix?: string | null;

  @Field(() => [ID], { nullable: true, description: `Only these skills (global ids, at most ${MAX_FILTER_IDS}).` })
  ids?: string[] | null;
}

@InputType({ description: 'How to order `skills`.' })
export class SkillOrder {
  @Field(() => SkillOrderField, { description: 'The field to order by.' })
  field!: SkillOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending. Defaults to ASC.' })
  direction!: OrderDirection;
}

@InputType({ description: 'A new skill.' })
export class CreateSkillInput {
  @Field(() => String, {
    description: 'URL-safe unique name, e.g. "postgresql": lower-case letters, digits and single hyphens, at most 120.',
  })
  slug!: string;

  @Field(() => String, {
    description:
      'Display name, at most 200 characters. No other skill may have it as its name or an alias (ignoring case and punctuation).',
  })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the skill is, at most 5000 characters. Defaults to empty.' })
  description?: string;

  @Field(() => ID, { description: 'Global id of the category the skill is filed under.' })
  categoryId!: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Other names, at most 50 of 1–100 characters each. Each must not name another skill (ignoring case and punctuation); repeats are dropped.',
  })
  aliases?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Global ids of REQUIRED prerequisites: skills needed before this one, at most 50; repeats are dropped. Refused when they would form a cycle (through either kind of prerequisite).',
  })
  prerequisiteIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Global ids of RECOMMENDED prerequisites: skills better learnt first but not needed, at most 50; repeats are dropped. None may also be in `prerequisiteIds`; refused when they would form a cycle.',
  })
  recommendedPrerequisiteIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Global ids of related skills, at most 50; repeats are dropped.' })
  relatedIds?: string[];
}

@InputType({ description: 'Changes to a skill; omitted fields keep their value, lists given replace the old ones.' })
export class UpdateSkillInput {
  @Field(() => ID, { description: 'Global id of the skill to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New slug.' })
  slug?: string;

  @Field(() => String, { nullable: true, description: 'New display name.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the new category.' })
  categoryId?: string;

  @Field(() => [String], { nullable: true, description: 'New list of aliases (replaces the old one).' })
  aliases?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'New list of REQUIRED prerequisites (replaces the old one). Refused when it would form a cycle, including the skill itself, or repeat a recommended prerequisite.',
  })
  prerequisiteIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'New list of RECOMMENDED prerequisites (replaces the old one). Refused when it would form a cycle, including the skill itself, or repeat a required prerequisite.',
  })
  recommendedPrerequisiteIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'New list of related skills (replaces the old one); must not include the skill itself.',
  })
  relatedIds?: string[];
}

@InputType({ description: 'Which skill to delete.' })
export class DeleteSkillInput {
  @Field(() => ID, {
    description:
      "Global id of the skill. Refused while roles or resources refer to it; other skills' prerequisites (both kinds) and related lists drop it.",
  })
  id!: string;
}

@ObjectType({ description: 'Result of creating or updating a skill.' })
export class SkillPayload {
  @Field(() => Skill, { nullable: true, description: 'The skill as stored; null when `userErrors` is not empty.' })
  skill!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was written.' })
  userErrors!: UserError[];
}

export const DeleteSkillPayload = createDeletePayloadType('Skill', 'skill');
export type DeleteSkillPayload = DeletePayload;
