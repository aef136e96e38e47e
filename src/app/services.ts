import { noEntityChanges, type EntityChanges } from '../core/entity-changes';
import type { Services } from '../core/services';
import { AnalyticsService } from '../modules/analytics/analytics.service';
import { ApiKeyService } from '../modules/api-key/api-key.service';
import { CategoryService } from '../modules/category/category.service';
import { LearningPlanService } from '../modules/learning-plan/learning-plan.service';
import { PlanCache } from '../modules/learning-plan/plan-cache';
import { IngestionService } from '../modules/ingestion/ingestion.service';
import { PartnerResourceService } from '../modules/ingestion/partner-resources.service';
import { OccupationService } from '../modules/occupation/occupation.service';
import { ProviderService } from '../modules/provider/provider.service';
import { ResourceService } from '../modules/resource/resource.service';
import { RoleService } from '../modules/role/role.service';
import { SearchService } from '../modules/search/search.service';
import { SkillService } from '../modules/skill/skill.service';

export type { Services } from '../core/services';

/** What the services share. */
export interface ServiceDependencies {
  /** Where writers announce their changes (caches and search follow). Default: nothing follows. */
  entityChanges?: EntityChanges;
  /** Where computed plans are kept (the shared cache store). Default: not kept. */
  planCache?: PlanCache;
}

/** The feature services, made once per process and shared by every request. */
export function createServices({
  entityChanges = noEntityChanges,
  planCache = new PlanCache(null, null),
}: ServiceDependencies = {}): Services {
  const categories = new CategoryService(entityChanges);
  return {
    categories,
    providers: new ProviderService(entityChanges),
    skills: new SkillService(categories, entityChanges),
    roles: new RoleService(entityChanges),
    resources: new ResourceService(entityChanges),
    search: new SearchService(),
    analytics: new AnalyticsService(),
    occupations: new OccupationService(),
    apiKeys: new ApiKeyService(),
    partnerResources: new PartnerResourceService(new IngestionService(entityChanges)),
    learningPlans: new LearningPlanService(planCache),
  };
}
