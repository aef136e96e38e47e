import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
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
