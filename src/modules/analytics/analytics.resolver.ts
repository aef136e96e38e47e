import { DEFAULT_EVENT_TIME, EventTime } from '../resource/event-time';
import { Arg, Ctx, Extensions, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import type { CategoryDocument } from '../category/category.model';
import { Category } from '../category/category.type';
import type { ProviderDocument } from '../provider/provider.model';
import { Provider } from '../provider/provider.type';
import { ResourceFilter } from '../resource/resource.input';
import { DateScalar } from '../resource/resource.type';
import type { SkillDocument } from '../skill/skill.model';
import { Skill } from '../skill/skill.type';
import { DEFAULT_EVENT_MONTHS, DEFAULT_STATS_ROWS, MAX_EVENT_MONTHS, MAX_STATS_ROWS } from './analytics.service';
import {
  CatalogDimension,
  CatalogStatsRow,
  RoleCoverage,
  RoleSkillCoverage,
  SkillCoverageReport,
  UpcomingEventsRow,
} from './analytics.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

/** Aggregates for analysts: each is one aggregation (or a fixed few queries), whatever the catalogue's size. */
@Resolver()
export class AnalyticsResolver {
  @Extensions({ complexity: QUERY_COST.CATALOG_STATS })
  @Query(() => [CatalogStatsRow], {
    description:
      'Catalogue statistics grouped by one or more dimensions, e.g. `catalogStats(groupBy: [PROVIDER, KIND]) { provider { name } kind count shareFree avgPrice }`: ' +
      'per group, how many resources, the share that is free, the price range and average, the average rating and the total hours. Largest groups first. One aggregation.',
  })
  catalogStats(
    @Arg('groupBy', () => [CatalogDimension], {
      description: 'The dimensions to group by (at least one); each group is one combination of their values.',
    })
    groupBy: CatalogDimension[],
    @Arg('filter', () => ResourceFilter, {
      nullable: true,
      description: 'Only resources matching every condition, as in `resources(filter:)`.',
    })
    filter: ResourceFilter | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_STATS_ROWS,
      description: `How many groups to return (the largest), 1–${MAX_STATS_ROWS}. Defaults to ${DEFAULT_STATS_ROWS}.`,
    })
    first: number,
    @Ctx() { services }: Context,
  ) {
    return services.analytics.catalogStats({ groupBy, filter, first });
  }

  @Extensions({ complexity: QUERY_COST.SKILL_COVERAGE })
  @Query(() => SkillCoverageReport, {
    description:
      "How many resources teach each skill, per kind and free; which skills have no resource or no free one; which fall short of the coverage target (at least 3 resources that are not events, one free) and why; and O*NET's Hot Technology / In Demand flags: where the catalogue needs content. Three or four queries.",
  })
  skillCoverage(
    @Arg('filter', () => ResourceFilter, {
      nullable: true,
      description: 'Count only resources matching every condition, e.g. `{ languages: ["en"] }`.',
    })
    filter: ResourceFilter | null,
    @Arg('shortfallsOnly', () => Boolean, {
      nullable: true,
      defaultValue: false,
      description:
        'Only the skills short of the coverage target (at least 3 resources that are not events, one of them free), each with its `shortfalls`. Defaults to false: every skill.',
    })
    shortfallsOnly: boolean,
    @Arg('fromArticle', () => Boolean, {
      nullable: true,
      description: 'Only the skills the article names (true) or the others (false); all when omitted.',
    })
    fromArticle: boolean | null,
    @Arg('hotTechnology', () => Boolean, {
      nullable: true,
      description:
        'Only the skills O*NET marks Hot Technology in some occupation of the roles (true) or in none (false); all when omitted.',
    })
    hotTechnology: boolean | null,
    @Arg('inDemand', () => Boolean, {
      nullable: true,
      description: 'Only the skills O*NET marks In Demand in some occupation of the roles (true) or in none (false); all when omitted.',
    })
    inDemand: boolean | null,
    @Ctx() { services }: Context,
  ) {
    return services.analytics.skillCoverage({ filter, shortfallsOnly, fromArticle, hotTechnology, inDemand });
  }

  @Extensions({ complexity: QUERY_COST.ROLE_COVERAGE })
  @Query(() => RoleCoverage, {
    nullable: true,
    description:
      'How well the catalogue prepares for a job role: for each of its skills, how many resources teach it, how many are free, their known hours, and upcoming and past events. Null when no role has the slug. Two queries.',
  })
  roleCoverage(
    @Arg('roleSlug', () => String, { description: 'The role\'s slug, e.g. "backend-developer".' }) roleSlug: string,
    @Arg('eventTime', () => EventTime, {
      nullable: true,
      defaultValue: DEFAULT_EVENT_TIME,
      description:
        'Which events `resources`, `freeResources` and `hours` count: UPCOMING (default: ending today or later, UTC), PAST or ANY. `upcomingEvents` and `pastEvents` are counted either way.',
    })
    eventTime: EventTime,
    @Ctx() { services }: Context,
  ) {
    return services.analytics.roleCoverage(roleSlug, eventTime);
  }

  @Extensions({ complexity: QUERY_COST.UPCOMING_EVENTS })
  @Query(() => [UpcomingEventsRow], {
    description:
      'Upcoming events per month, from today (or `from`) to the end of the `months`-th month, and per skill unless `bySkill: false`. ' +
      'Months in order; within a month, skills with the most events first. One aggregation.',
  })
  upcomingEvents(
    @Arg('bySkill', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description:
        'Break each month down by skill (an event teaching two skills counts under both). Defaults to true; false gives one row per month, zeros included.',
    })
    bySkill: boolean,
    @Arg('months', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_EVENT_MONTHS,
      description: `How many calendar months to cover, the current one first, 1–${MAX_EVENT_MONTHS}. Defaults to ${DEFAULT_EVENT_MONTHS}.`,
    })
    months: number,
    @Arg('from', () => DateScalar, { nullable: true, description: 'The first day to count from; defaults to today (UTC).' })
    from: Date | null,
    @Ctx() { services }: Context,
  ) {
    return services.analytics.upcomingEvents({ bySkill, months, from });
  }
}

/** References in the analytics rows, resolved through the request's loaders (one query per type per request). */
@Resolver(() => CatalogStatsRow)
export class CatalogStatsRowResolver {
  @FieldResolver(() => Provider, { nullable: true, description: 'The provider, when grouping by PROVIDER.' })
  provider(@Root() row: CatalogStatsRow, @Ctx() { loaders }: Context): Promise<ProviderDocument | null> | null {
    return row.providerId ? loaders.providerById.load(row.providerId) : null;
  }

  @FieldResolver(() => Skill, { nullable: true, description: 'The skill, when grouping by SKILL (null also for resources teaching none).' })
  skill(@Root() row: CatalogStatsRow, @Ctx() { loaders }: Context): Promise<SkillDocument | null> | null {
    return row.skillId ? loaders.skillById.load(row.skillId) : null;
  }

  @FieldResolver(() => Category, {
    nullable: true,
    description: 'The skill category, when grouping by CATEGORY (null also for resources teaching no skill).',
  })
  category(@Root() row: CatalogStatsRow, @Ctx() { loaders }: Context): Promise<CategoryDocument | null> | null {
    return row.categoryId ? loaders.categoryById.load(row.categoryId) : null;
  }
}

@Resolver(() => RoleSkillCoverage)
export class RoleSkillCoverageResolver {
  @FieldResolver(() => Skill, { nullable: true, description: 'The skill; null if it was deleted after the role listed it.' })
  skill(@Root() row: RoleSkillCoverage, @Ctx() { loaders }: Context): Promise<SkillDocument | null> {
    return loaders.skillById.load(row.skillId);
  }
}

@Resolver(() => UpcomingEventsRow)
export class UpcomingEventsRowResolver {
  @FieldResolver(() => Skill, {
    nullable: true,
    description: 'The skill, when broken down by skill; null otherwise (and for events teaching no skill).',
  })
  skill(@Root() row: UpcomingEventsRow, @Ctx() { loaders }: Context): Promise<SkillDocument | null> | null {
    return row.skillId ? loaders.skillById.load(row.skillId) : null;
  }
}
