import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.type';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'Something a backend developer can learn, such as "PostgreSQL" or "API security". Prerequisites between skills form a directed acyclic graph.',
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
