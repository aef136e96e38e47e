import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.type';
import { Level } from '../shared-enums';
import { Skill } from '../skill/skill.type';

/** Whether a role needs a skill or merely values it. */
export enum RoleSkillRequirement {
  REQUIRED = 'REQUIRED',
  ADDITIONAL = 'ADDITIONAL',
}

registerEnumType(RoleSkillRequirement, {
  name: 'RoleSkillRequirement',
  description: 'Whether a role needs a skill or merely values it.',
  valuesConfig: {
    REQUIRED: { description: 'A requirement of the role: expected of anyone holding it.' },
    ADDITIONAL: { description: 'An additional skill: valued, sets a candidate apart, but not expected.' },
  },
});

@ObjectType({ description: 'A skill a role asks for, at what level and how much it matters.' })
export class RoleSkill {
  @Field(() => Skill, { description: 'The skill.' })
  skill!: unknown;

  @Field(() => Level, { description: 'The level the role expects.' })
  level!: Level;

  @Field(() => Float, { description: 'Importance of the skill within the role, from 0 (marginal) to 1 (essential).' })
  weight!: number;

  @Field(() => RoleSkillRequirement, { description: 'Whether the role requires the skill or lists it as additional.' })
  requirement!: RoleSkillRequirement;

  @Field(() => String, {
    nullable: true,
    description:
      'Key of the requirement group the skill is one option of (see `Role.requirements`), e.g. "programming-language"; null when the skill is a requirement on its own.',
  })
  group!: string | null;
}

@ObjectType({
  description:
    'One requirement of a role: "at least `minimum` of `options`". A skill the role lists on its own is a requirement with one option; a group such as "at least one programming language" is one requirement with several.',
})
export class RoleRequirement {
  @Field(() => String, {
    description:
      'Names the requirement within the role: the group\'s key ("programming-language"), or the skill\'s global id for a requirement of one skill.',
  })
  key!: string;

  @Field(() => String, {
    description: "What the requirement asks for: the group's label, or the skill's name for a requirement of one skill.",
  })
  label!: string;

  @Field(() => RoleSkillRequirement, { description: 'Whether the role requires it or lists it as additional.' })
  requirement!: RoleSkillRequirement;

  @Field(() => Int, {
    description:
      'How many of `options` a person needs, each at its level, to meet the requirement: 1 for a requirement of one skill; never more than the options listed.',
  })
  minimum!: number;

  @Field(() => Float, {
    description:
      "Importance of the requirement within the role, from 0 (marginal) to 1 (essential): its heaviest option's weight. Meeting it through any option counts this much; a group does not weigh more for having more options.",
  })
  weight!: number;

  @Field(() => [RoleSkill], {
    description: 'The skills that meet the requirement, each with its level and weight, in the order the role lists them.',
  })
  options!: unknown[];
}

@ObjectType({
  implements: Node,
  description: 'A backend job role, such as "API Developer", with the skills it requires and the additional skills it values.',
})
export class Role extends Node {
  @Field(() => String, { description: 'URL-safe unique name, e.g. "api-developer".' })
  slug!: string;

  @Field(() => String, { description: 'Job title, e.g. "API Developer".' })
  title!: string;

  @Field(() => String, { description: 'What the role does, in a sentence or two.' })
  description!: string;

  @Field(() => Date, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the record last changed.' })
  updatedAt!: Date;
}
