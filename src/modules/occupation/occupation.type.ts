import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'An occupation of the O*NET-SOC taxonomy (O*NET 29.2 database, USDOL/ETA, CC BY 4.0) that a job role corresponds to, e.g. 15-1252.00 Software Developers.',
})
export class Occupation {
  @Field(() => String, { description: 'The O*NET-SOC code, e.g. "15-1252.00".' })
  code!: string;

  @Field(() => String, { description: 'O*NET\'s title, e.g. "Software Developers".' })
  title!: string;

  @Field(() => String, { nullable: true, description: "O*NET's description of the occupation; null when the data has none." })
  description!: string | null;
}

@ObjectType({ description: 'One technology O*NET lists for an occupation (a row of its Technology Skills file).' })
export class OccupationTechnology {
  @Field(() => String, { description: 'O*NET\'s name of the technology, e.g. "PostgreSQL" or "Amazon Web Services AWS software".' })
  example!: string;

  @Field(() => String, { description: 'The UNSPSC commodity code O*NET files the technology under, e.g. "43232306".' })
  commodityCode!: string;

  @Field(() => String, { description: 'The commodity\'s title, e.g. "Data base user interface and query software".' })
  commodityTitle!: string;

  @Field(() => Boolean, { description: "O*NET's Hot Technology flag: frequently named in employers' job postings." })
  hotTechnology!: boolean;

  @Field(() => Boolean, { description: "O*NET's In Demand flag: among the technologies employers of this occupation ask for most." })
  inDemand!: boolean;
}

@ObjectType({
  description:
    "Market context of a skill in one of the roles' occupations: whether O*NET marks the technologies that name the skill Hot Technology or In Demand there.",
})
export class SkillMarketDemand {
  @Field(() => Occupation, { description: 'The occupation (one the roles of the taxonomy map to).' })
  occupation!: Occupation;

  @Field(() => Boolean, { description: 'True when O*NET marks at least one of the technologies below Hot Technology for the occupation.' })
  hotTechnology!: boolean;

  @Field(() => Boolean, { description: 'True when O*NET marks at least one of the technologies below In Demand for the occupation.' })
  inDemand!: boolean;

  @Field(() => [String], { description: 'The names of the technologies below, e.g. ["PostgreSQL"].' })
  examples!: string[];

  @Field(() => [OccupationTechnology], {
    description: 'The O*NET technologies naming the skill that O*NET lists for the occupation, by name.',
  })
  technologies!: OccupationTechnology[];
}
