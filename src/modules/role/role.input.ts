import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError, createDeletePayloadType, type DeletePayload } from '../../core/user-errors';
import { Level } from '../shared-enums';
import { MAX_REQUIREMENT_GROUPS, MAX_ROLE_SKILLS } from './role-limits';
import { Role } from './role.type';

export const MAX_FILTER_SKILLS = 100;
export const MAX_TITLE_PREFIX_LENGTH = 100;

@InputType({ description: 'Narrows `roles`. Every condition given must hold; an empty list matches no role.' })
export class RoleFilter {
  @Field(() => [ID], {
    nullable: true,
    description: `Global ids of skills (at most ${MAX_FILTER_SKILLS}); a role matches when it lists any of them, as required or additional.`,
  })
  skills?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive prefix of the title, e.g. "api". At most ${MAX_TITLE_PREFIX_LENGTH} characters.`,
  })
  titlePrefix?: string | null;
}

@InputType({ description: 'A skill a role asks for.' })
export class RoleSkillInput {
  @Field(() => ID, { description: 'Global id of the skill. A skill may appear only once per role, across required and additional skills.' })
  skillId!: string;

  @Field(() => Level, { description: 'The level the role expects.' })
  level!: Level;

  @Field(() => Float, { description: 'Importance within the role, 0–1.' })
  weight!: number;

  @Field(() => String, {
    nullable: true,
    description:
      "Key of one of the role's `requirementGroups` this skill is an option of; null for a skill that is a requirement on its own. All options of a group are in the same list (required or additional).",
  })
  group?: string | null;
}

@InputType({ description: 'A requirement met by any `minimum` of its options, e.g. "at least one programming language".' })
export class RequirementGroupInput {
  @Field(() => String, {
    description:
      'Names the group within the role; skills join it through `RoleSkillInput.group`. Lower-case letters, digits and single hyphens, at most 120, e.g. "programming-language"; unique within the role.',
  })
  key!: string;

  @Field(() => String, {
    description: 'What the group asks for, in words, e.g. "At least one programming language". At most 200 characters.',
  })
  label!: string;

  @Field(() => Int, {
    description: 'How many of its options meet the group: at least 1 and at most the number of skills that name the group.',
  })
  minimum!: number;
}

@InputType({ description: 'A new role.' })
export class CreateRoleInput {
  @Field(() => String, {
    description: 'URL-safe unique name, e.g. "api-developer": lower-case letters, digits and single hyphens, at most 120.',
  })
  slug!: string;

  @Field(() => String, { description: 'Job title, at most 200 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the role does, at most 5000 characters. Defaults to empty.' })
  description?: string;

  @Field(() => [RoleSkillInput], {
    nullable: true,
    description: `The skills the role requires, at most ${MAX_ROLE_SKILLS}. Defaults to none.`,
  })
  requiredSkills?: RoleSkillInput[];

  @Field(() => [RoleSkillInput], {
    nullable: true,
    description: `The additional skills the role values, at most ${MAX_ROLE_SKILLS}. Defaults to none.`,
  })
  additionalSkills?: RoleSkillInput[];

  @Field(() => [RequirementGroupInput], {
    nullable: true,
    description: `Groups of skills any \`minimum\` of which meet one requirement, at most ${MAX_REQUIREMENT_GROUPS}; each needs at least one option. Defaults to none.`,
  })
  requirementGroups?: RequirementGroupInput[];
}

@InputType({ description: 'Changes to a role; omitted fields keep their value, lists given replace the old ones.' })
export class UpdateRoleInput {
  @Field(() => ID, { description: 'Global id of the role to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New slug.' })
  slug?: string;

  @Field(() => String, { nullable: true, description: 'New job title.' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  description?: string;

  @Field(() => [RoleSkillInput], { nullable: true, description: 'New list of required skills (replaces the old one).' })
  requiredSkills?: RoleSkillInput[];

  @Field(() => [RoleSkillInput], { nullable: true, description: 'New list of additional skills (replaces the old one).' })
  additionalSkills?: RoleSkillInput[];

  @Field(() => [RequirementGroupInput], {
    nullable: true,
    description:
      "New list of requirement groups (replaces the old one). Checked together with the skill lists the input leaves unchanged: every group the role's skills name must be declared and keep an option.",
  })
  requirementGroups?: RequirementGroupInput[];
}

@InputType({ description: 'Which role to delete.' })
export class DeleteRoleInput {
  @Field(() => ID, { description: 'Global id of the role.' })
  id!: string;
}

@ObjectType({ description: 'Result of creating or updating a role.' })
export class RolePayload {
  @Field(() => Role, { nullable: true, description: 'The role as stored; null when `userErrors` is not empty.' })
  role!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; when any is present nothing was written.' })
  userErrors!: UserError[];
}

export const DeleteRolePayload = createDeletePayloadType('Role', 'role');
export type DeleteRolePayload = DeletePayload;
