import type { EntityCache } from './cache/entity-cache';
import { createCategoryLoaders } from '../modules/category/category.loader';
import { createProviderLoaders } from '../modules/provider/provider.loader';
import { createResourceLoaders } from '../modules/resource/resource.loader';
import { createRoleLoaders } from '../modules/role/role.loader';
import { createSkillLoaders } from '../modules/skill/skill.loader';

/** What the loaders share across requests. */
export interface LoaderDependencies {
  /** The shared cache of documents by id, behind every by-id loader; absent: MongoDB only. */
  entityCache?: EntityCache;
}

/**
 * Every DataLoader of one request. Made fresh for each request (in the context) so batching and
 * de-duplication never leak data between requests; shared caching is the entity cache's job.
 */
export function createLoaders(dependencies: LoaderDependencies = {}) {
  return {
    ...createCategoryLoaders(dependencies),
    ...createProviderLoaders(dependencies),
    ...createSkillLoaders(dependencies),
    ...createRoleLoaders(dependencies),
    ...createResourceLoaders(dependencies),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
