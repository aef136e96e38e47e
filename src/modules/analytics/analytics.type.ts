import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Category } from '../category/category.type';
import { Provider } from '../provider/provider.type';
import { ResourceKind } from '../resource/resource.type';
import { Role } from '../role/role.type';
import { Level } from '../shared-enums';
import { Skill } from '../skill/skill.type';
import { CoverageShortfall, MIN_NON_EVENT_RESOURCES } from './skill-coverage-target';

registerEnumType(CoverageShortfall, {
  name: 'CoverageShortfall',
  description: `Why a skill falls short of the coverage target: at least ${MIN_NON_EVENT_RESOURCES} resources that are not events, at least one of them known to be free.`,
  valuesConfig: {
    NO_SOURCE: {
      description: 'No resource teaches the skill and no listed resource names it (its name or an alias) in its title: no source has it.',
    },
    NO_RESOURCES: {
      description:
        'No resource teaches the skill, though some listed resource has one of its names in its title: maybe a linking gap, maybe the word in another sense ("flexible" CSS is not the soft skill); read those titles before calling it either.',
    },
    ONLY_EVENTS: { description: 'Only events teach the skill.' },
    FEWER_THAN_THREE: { description: `Only 1 or 2 resources that are not events teach the skill (fewer than ${MIN_NON_EVENT_RESOURCES}).` },
    NO_FREE_RESOURCE: { description: 'Resources that are not events teach the skill, but none of them is known to be free.' },
  },
});

export enum CatalogDimension {
  PROVIDER = 'PROVIDER',
  KIND = 'KIND',
  LEVEL = 'LEVEL',
  SKILL = 'SKILL',
  CATEGORY = 'CATEGORY',
  LANGUAGE = 'LANGUAGE',
  MONTH = 'MONTH',
}

registerEnumType(CatalogDimension, {
  name: 'CatalogDimension',
  description: 'What `catalogStats` groups resources by. Several can be combined, e.g. [PROVIDER, KIND].',
  valuesConfig: {
    PROVIDER: { description: 'The provider offering the resource (`CatalogStatsRow.provider`).' },
    KIND: { description: 'Course, open-source project or event (`CatalogStatsRow.kind`).' },
    LEVEL: { description: 'The overall level; resources without one form a row with `level: null`.' },
    SKILL: {
      description:
        'Each skill taught: a resource teaching two skills counts in both rows; resources teaching none form a row with `skill: null`.',
    },
    CATEGORY: {
      description:
        'The category of each skill taught, counting a resource once per category; resources teaching no skill form a row with `category: null`.',
    },
    LANGUAGE: { description: 'The language (ISO 639-1); resources without one form a row with `language: null`.' },
    MONTH: { description: 'The month the resource was added to the catalogue (`createdAt`, UTC), as "YYYY-MM".' },
  },
});

@ObjectType({
  description:
    'One group of resources in `catalogStats`: the values of the dimensions grouped by (the others are null) and figures over the group. ' +
    "Prices are in each resource's own currency and are not converted, so mix currencies with care.",
})
export class CatalogStatsRow {
  /** Hex ids of the grouped-by references, resolved through the loaders. */
  providerId!: string | null;
  skillId!: string | null;
  categoryId!: string | null;

  @Field(() => Provider, { nullable: true, description: 'The provider, when grouping by PROVIDER.' })
  provider!: Provider | null;

  @Field(() => ResourceKind, { nullable: true, description: 'The kind, when grouping by KIND.' })
  kind!: ResourceKind | null;

  @Field(() => Level, { nullable: true, description: 'The level, when grouping by LEVEL (null also for resources without a level).' })
  level!: Level | null;

  @Field(() => Skill, { nullable: true, description: 'The skill, when grouping by SKILL (null also for resources teaching none).' })
  skill!: Skill | null;

  @Field(() => Category, {
    nullable: true,
    description: 'The skill category, when grouping by CATEGORY (null also for resources teaching no skill).',
  })
  category!: Category | null;

  @Field(() => String, {
    nullable: true,
    description: 'The language code, when grouping by LANGUAGE (null also for resources without one).',
  })
  language!: string | null;

  @Field(() => String, { nullable: true, description: 'The month resources were added, "YYYY-MM", when grouping by MONTH.' })
  month!: string | null;

  @Field(() => Int, { description: 'How many resources are in the group.' })
  count!: number;

  @Field(() => Float, {
    description: 'Share of the group known to be free, 0–1, over ALL its resources (unknown prices count as not free).',
    deprecationReason:
      'Counts unknown prices as not free. Use `shareFreeOfKnown` with `freeResources`, `paidResources` and `unknownPriceResources`.',
  })
  shareFree!: number;

  @Field(() => Int, { description: 'How many resources of the group are known to be free.' })
  freeResources!: number;

  @Field(() => Int, { description: 'How many are known to be paid.' })
  paidResources!: number;

  @Field(() => Int, { description: 'How many have an unknown price (their source says nothing).' })
  unknownPriceResources!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share free among the resources whose price is known, 0–1; null when no price in the group is known.',
  })
  shareFreeOfKnown!: number | null;

  @Field(() => Float, { nullable: true, description: "Lowest price among the group's resources that have one; null when none has." })
  minPrice!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average price (rounded to cents) among the resources that have one; null when none has.',
  })
  avgPrice!: number | null;

  @Field(() => Float, { nullable: true, description: 'Highest price among the resources that have one; null when none has.' })
  maxPrice!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Average of the courses' average ratings (0–5, rounded to hundredths); null when none is rated.",
  })
  avgRating!: number | null;

  @Field(() => Float, {
    description: 'Total duration in hours of the resources with a known duration (courses), rounded to tenths; 0 also when none is known.',
    deprecationReason: 'Says 0 when no duration is known. Use `hours` (null then) and `resourcesWithDuration`.',
  })
  totalHours!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Total hours of the resources whose duration is known, rounded to tenths; null when none is (unknown is never 0).',
  })
  hours!: number | null;

  @Field(() => Int, { description: 'How many resources of the group have a known duration: the ones `hours` adds up.' })
  resourcesWithDuration!: number;

  @Field(() => Int, { description: 'Upcoming events in the group (ending today or later, UTC).' })
  upcomingEvents!: number;

  @Field(() => Int, { description: 'Past events in the group: 0 unless `filter.eventTime` is PAST or ANY.' })
  pastEvents!: number;
}

@ObjectType({ description: 'How many resources of one kind teach a skill.' })
export class KindCoverage {
  @Field(() => ResourceKind, { description: 'The kind.' })
  kind!: ResourceKind;

  @Field(() => Int, { description: 'How many resources of this kind teach the skill.' })
  resources!: number;

  @Field(() => Int, { description: 'How many of them are known to be free.' })
  freeResources!: number;

  @Field(() => Int, { description: 'How many of them have an unknown price.' })
  unknownPriceResources!: number;
}

@ObjectType({ description: 'How well the catalogue covers one skill.' })
export class SkillCoverageRow {
  @Field(() => Skill, { description: 'The skill.' })
  skill!: unknown;

  @Field(() => Int, { description: 'How many resources teach it (events as `eventTime` says: upcoming ones by default).' })
  resources!: number;

  @Field(() => Int, { description: 'How many of them are known to be free.' })
  freeResources!: number;

  @Field(() => Int, { description: 'How many resources that are not events (courses, projects, books) teach it.' })
  nonEventResources!: number;

  @Field(() => Int, { description: 'How many of those are known to be free.' })
  freeNonEventResources!: number;

  @Field(() => [CoverageShortfall], {
    description: `Why the skill falls short of the coverage target (at least ${MIN_NON_EVENT_RESOURCES} resources that are not events, one of them free); empty when it meets it.`,
  })
  shortfalls!: CoverageShortfall[];

  @Field(() => Boolean, {
    description:
      'True when O*NET 29.2 marks a technology naming the skill Hot Technology in at least one occupation of the roles (`skill.marketDemand` says which).',
  })
  hotTechnology!: boolean;

  @Field(() => Boolean, {
    description: 'True when O*NET 29.2 marks a technology naming the skill In Demand in at least one occupation of the roles.',
  })
  inDemand!: boolean;

  @Field(() => Int, { description: 'How many of them have an unknown price.' })
  unknownPriceResources!: number;

  @Field(() => Int, { description: 'Upcoming events teaching it (ending today or later, UTC), whatever `eventTime` says.' })
  upcomingEvents!: number;

  @Field(() => Int, { description: 'Past events teaching it (ended before today, UTC), whatever `eventTime` says.' })
  pastEvents!: number;

  @Field(() => [KindCoverage], { description: 'The same counts per resource kind (kinds with no resource left out).' })
  byKind!: KindCoverage[];
}

@ObjectType({ description: 'How well the catalogue covers the skills of the taxonomy: where learners find plenty, and where nothing.' })
export class SkillCoverageReport {
  @Field(() => [SkillCoverageRow], {
    description:
      'Every skill reported on with its counts (only those short of the target with `shortfallsOnly`), fewest resources first (then by name): the gaps lead.',
  })
  skills!: SkillCoverageRow[];

  @Field(() => [Skill], { description: 'Skills no resource teaches, by name.' })
  skillsWithoutResources!: unknown[];

  @Field(() => [Skill], { description: 'Skills some resource teaches but no free one does, by name.' })
  skillsWithoutFreeResources!: unknown[];

  @Field(() => Int, {
    description: `How many of the skills reported on fall short of the coverage target (at least ${MIN_NON_EVENT_RESOURCES} resources that are not events, one of them free).`,
  })
  skillsShortOfTarget!: number;
}

@ObjectType({ description: 'How well the catalogue covers one skill of a role.' })
export class RoleSkillCoverage {
  /** Hex id, resolved through the skill loader. */
  skillId!: string;

  @Field(() => Skill, { nullable: true, description: 'The skill; null if it was deleted after the role listed it.' })
  skill!: Skill | null;

  @Field(() => Boolean, { description: 'True for a required skill of the role, false for an additional one.' })
  required!: boolean;

  @Field(() => Level, { description: 'The level the role needs.' })
  level!: Level;

  @Field(() => Float, { description: "The skill's weight within the role, 0–1." })
  weight!: number;

  @Field(() => Int, { description: 'How many resources teach the skill (events as `eventTime` says: upcoming ones by default).' })
  resources!: number;

  @Field(() => Int, { description: 'How many of them are known to be free.' })
  freeResources!: number;

  @Field(() => Int, { description: 'How many of them have an unknown price.' })
  unknownPriceResources!: number;

  @Field(() => Float, {
    description:
      'Total hours of the resources teaching it that have a known duration (courses), rounded to tenths; 0 also when none is known.',
    deprecationReason: 'Says 0 when no duration is known. Use `hours` (null then) and `resourcesWithDuration`.',
  })
  totalHours!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Total hours of those with a known duration, rounded to tenths; null when none is known.',
  })
  hours!: number | null;

  @Field(() => Int, { description: 'How many of them have a known duration.' })
  resourcesWithDuration!: number;

  @Field(() => Int, { description: 'Upcoming events teaching it (ending today or later, UTC), whatever `eventTime` says.' })
  upcomingEvents!: number;

  @Field(() => Int, { description: 'Past events teaching it, whatever `eventTime` says.' })
  pastEvents!: number;
}

@ObjectType({ description: 'How well the catalogue prepares for a job role: resources for each of its skills.' })
export class RoleCoverage {
  @Field(() => Role, { description: 'The role.' })
  role!: unknown;

  @Field(() => [RoleSkillCoverage], { description: "Each skill of the role, required ones first, in the role's order." })
  skills!: RoleSkillCoverage[];

  @Field(() => Float, {
    description:
      'Share of the required skills (0–1) that at least one resource teaches. Each option of a requirement group counts as a skill; `requiredRequirementsCovered` counts the group once.',
  })
  requiredSkillsCovered!: number;

  @Field(() => Float, {
    description: 'Share of the required skills (0–1) that at least one free resource teaches, each option of a group counted.',
  })
  requiredSkillsCoveredFree!: number;

  @Field(() => Float, {
    description:
      'Share of the required requirements (0–1) the catalogue can meet: a single skill when a resource teaches it, a group ("at least one programming language") when resources teach at least its `minimum` of options.',
  })
  requiredRequirementsCovered!: number;

  @Field(() => Float, { description: 'As `requiredRequirementsCovered`, counting free resources only.' })
  requiredRequirementsCoveredFree!: number;
}

@ObjectType({ description: 'Upcoming events in one month (and for one skill, when broken down by skill).' })
export class UpcomingEventsRow {
  /** Hex id, resolved through the skill loader. */
  skillId!: string | null;

  @Field(() => String, { description: 'The month the events start in, "YYYY-MM" (UTC).' })
  month!: string;

  @Field(() => Skill, {
    nullable: true,
    description: 'The skill, when broken down by skill; null otherwise (and for events teaching no skill).',
  })
  skill!: Skill | null;

  @Field(() => Int, { description: 'How many events start in the month.' })
  events!: number;

  @Field(() => Int, { description: 'How many of them are online.' })
  onlineEvents!: number;

  @Field(() => Int, { description: 'How many of them are known to be free.' })
  freeEvents!: number;

  @Field(() => Int, { description: 'How many of them have an unknown price (most event listings give none).' })
  unknownPriceEvents!: number;
}
