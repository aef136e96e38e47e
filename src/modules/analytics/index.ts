import { AnalyticsResolver, CatalogStatsRowResolver, RoleSkillCoverageResolver, UpcomingEventsRowResolver } from './analytics.resolver';

export { AnalyticsService } from './analytics.service';

/** Resolver classes of the analytics module: `catalogStats`, `skillCoverage`, `roleCoverage`, `upcomingEvents`. */
export const AnalyticsResolvers: Function[] = [AnalyticsResolver, CatalogStatsRowResolver, RoleSkillCoverageResolver, UpcomingEventsRowResolver];
