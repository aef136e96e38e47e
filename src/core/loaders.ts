import { createCategoryLoaders } from '../modules/category/category.loader';
import { createProviderLoaders } from '../modules/provider/provider.loader';
import { createResourceLoaders } from '../modules/resource/resource.loader';
import { createRoleLoaders } from '../modules/role/role.loader';
import { createSkillLoaders } from '../modules/skill/skill.loader';

/**
 * Every DataLoader of one request. Made fresh for each request (in the context) so batching and
 * de-duplication never leak data between requests; shared caching is the entity cache's job.
 */
export function createLoaders() {
  return {
    ...createCategoryLoaders(),
    ...createProviderLoaders(),
    ...createSkillLoaders(),
    ...createRoleLoaders(),
    ...createResourceLoaders(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
