import type { ClassType } from 'type-graphql';
import { AnalyticsResolver, CatalogStatsRowResolver, RoleSkillCoverageResolver, UpcomingEventsRowResolver } from './analytics.resolver';

export { AnalyticsService } from './analytics.service';

/** Resolver classes of the analytics module: `catalogStats`, `skillCoverage`, `roleCoverage`, `upcomingEvents`. */
export const AnalyticsResolvers: ClassType[] = [
  AnalyticsResolver,
  CatalogStatsRowResolver,
  RoleSkillCoverageResolver,
  UpcomingEventsRowResolver,
];
