import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.type';
import { CATEGORY_TIERS } from './category.model';

/** The three bands the source article groups categories into, in the order it presents them. */
export enum CategoryTier {
  FOUNDATION = 'FOUNDATION',
  ADVANCED = 'ADVANCED',
  SOFT_SKILLS = 'SOFT_SKILLS',
}

registerEnumType(CategoryTier, {
  name: 'CategoryTier',
  description: 'Band of a category: what every backend developer needs first, what comes later, and the non-technical skills.',
  valuesConfig: {
    FOUNDATION: { description: 'Foundation: programming languages, databases, server side, API development, version control.' },
    ADVANCED: { description: 'Advanced: microservices, security, performance optimisation, machine learning & AI, DevOps.' },
    SOFT_SKILLS: { description: 'Soft skills: communication, teamwork, problem solving and the like.' },
  },
});

/** Rank of each tier in list order (FOUNDATION first), so lists do not fall back to alphabetical order. */
export const TIER_RANK: ReadonlyMap<string, number> = new Map(CATEGORY_TIERS.map((tier, index) => [tier, index]));

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description:
    'A group of skills, such as "Databases" or "Security". Categories form a tree (`parent`, `children`) and each belongs to a tier.',
})
export class Category extends Node {
  @Field(() => String, { description: 'URL-safe unique name, e.g. "databases".' })
  slug!: string;

  @Field(() => String, { description: 'Display name, e.g. "Databases".' })
  name!: string;

  @Field(() => String, { description: 'What the category covers, in a sentence or two.' })
  description!: string;

  @Field(() => CategoryTier, { description: 'The band this category belongs to.' })
  tier!: CategoryTier;

  @Field(() => Int, { description: 'Order among its siblings (lower first), as the source article lists them.' })
  position!: number;

  @Field(() => Date, { description: 'When the record was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the record last changed.' })
  updatedAt!: Date;
}
