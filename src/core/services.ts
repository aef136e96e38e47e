import { noEntityChanges, type EntityChanges } from './entity-changes';
import { ApiKeyService } from '../modules/api-key/api-key.service';
import { CategoryService } from '../modules/category/category.service';
import { IngestionService } from '../modules/ingestion/ingestion.service';
import { PartnerResourceService } from '../modules/ingestion/partner-resources.service';
import { ProviderService } from '../modules/provider/provider.service';
import { ResourceService } from '../modules/resource/resource.service';
import { RoleService } from '../modules/role/role.service';
import { SearchService } from '../modules/search/search.service';
import { AnalyticsService } from '../modules/analytics/analytics.service';
import { SkillService } from '../modules/skill/skill.service';

/** What the services share. */
export interface ServiceDependencies {
  /** Where writers announce their changes (caches and search follow). Default: nothing follows. */
  entityChanges?: EntityChanges;
}

/** The feature services, made once per process and shared by every request. */
export function createServices({ entityChanges = noEntityChanges }: ServiceDependencies = {}) {
  const categories = new CategoryService(entityChanges);
  return {
    categories,
    providers: new ProviderService(entityChanges),
    skills: new SkillService(categories, entityChanges),
    roles: new RoleService(entityChanges),
    resources: new ResourceService(entityChanges),
    search: new SearchService(),
    analytics: new AnalyticsService(),
    apiKeys: new ApiKeyService(),
    partnerResources: new PartnerResourceService(new IngestionService(entityChanges)),
  };
}

export type Services = ReturnType<typeof createServices>;
