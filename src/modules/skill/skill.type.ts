import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'Something a backend developer can learn, such as "PostgreSQL" or "API security". Prerequisites between skills, required and recommended together, form a directed acyclic graph.',
})
export class Skill extends Node {
  @Field(() => String, { description: 'URL-safe unique name, e.g. "postgresql".' })
  slug!: string;

  @Field(() => String, { description: 'Display name, e.g. "PostgreSQL".' })
  name!: string;

  @Field(() => String, { description: 'What the skill is and why it matters, in a sentence or two.' })
  description!: string;

  @Field(() => [String], {
    description: 'Other names the skill goes by, e.g. "k8s" for Kubernetes; `skillByName` and the `namePrefix` filter match them too.',
  })
  aliases!: string[];

  @Field(() => Date, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the record last changed.' })
  updatedAt!: Date;
}

/** Fields `skills(orderBy:)` can sort on. */
export enum SkillOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
}

registerEnumType(SkillOrderField, {
  name: 'SkillOrderField',
  description: 'What to order skills by. Ties are broken by id, so cursors never skip or repeat.',
  valuesConfig: {
    NAME: { description: 'By name, ignoring case.' },
    CREATED_AT: { description: 'By when the skill was added to the catalogue.' },
  },
});

/** How strongly one skill should come before another. */
export enum PrerequisiteStrength {
  REQUIRED = 'REQUIRED',
  RECOMMENDED = 'RECOMMENDED',
}

registerEnumType(PrerequisiteStrength, {
  name: 'PrerequisiteStrength',
  description: 'How strongly a prerequisite should be learnt before the skill that names it.',
  valuesConfig: {
    REQUIRED: {
      description:
        'Needed first: the skill builds directly on it (a framework on its language). A learning plan adds it when the learner lacks it.',
    },
    RECOMMENDED: {
      description:
        'Helpful first, but one can start without it (the general idea behind a product one can learn it through, or helpful background). A learning plan puts it first when both are in the plan, but does not add it.',
    },
  },
});

@ObjectType({ description: 'One prerequisite of a skill and how strongly it is needed.' })
export class SkillPrerequisite {
  @Field(() => Skill, { description: 'The skill to learn first.' })
  skill!: unknown;

  @Field(() => PrerequisiteStrength, { description: 'Whether it is needed (REQUIRED) or only helpful (RECOMMENDED).' })
  strength!: PrerequisiteStrength;
}
