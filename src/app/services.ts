import { noCacheInvalidation, type CacheInvalidation } from '../core/cache/cache-invalidation';
import type { Services } from '../core/services';
import { AnalyticsService } from '../modules/analytics/analytics.service';
import { ApiKeyService } from '../modules/api-key/api-key.service';
import { CategoryService } from '../modules/category/category.service';
import { IngestionService } from '../modules/ingestion/ingestion.service';
import { PartnerResourceService } from '../modules/ingestion/partner-resources.service';
import { ProviderService } from '../modules/provider/provider.service';
import { ResourceService } from '../modules/resource/resource.service';
import { RoleService } from '../modules/role/role.service';
import { SearchService } from '../modules/search/search.service';
import { SkillService } from '../modules/skill/skill.service';

export type { Services } from '../core/services';

/** What the services share. */
export interface ServiceDependencies {
  /** Told about every write, so the caches never answer with what was changed. Default: no caches. */
  cacheInvalidation?: CacheInvalidation;
}

/** The feature services, made once per process and shared by every request. */
export function createServices({ cacheInvalidation = noCacheInvalidation }: ServiceDependencies = {}): Services {
  const categories = new CategoryService(cacheInvalidation);
  return {
    categories,
    providers: new ProviderService(cacheInvalidation),
    skills: new SkillService(categories, cacheInvalidation),
    roles: new RoleService(cacheInvalidation),
    resources: new ResourceService(cacheInvalidation),
    search: new SearchService(),
    analytics: new AnalyticsService(),
    apiKeys: new ApiKeyService(),
    partnerResources: new PartnerResourceService(new IngestionService(cacheInvalidation)),
  };
}
