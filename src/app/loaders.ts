import type { LoaderDependencies, Loaders } from '../core/loaders';
import { createCategoryLoaders } from '../modules/category/category.loader';
import { createOccupationLoaders } from '../modules/occupation/occupation.loader';
import { createProviderLoaders } from '../modules/provider/provider.loader';
import { createResourceLoaders } from '../modules/resource/resource.loader';
import { createRoleLoaders } from '../modules/role/role.loader';
import { createSkillLoaders } from '../modules/skill/skill.loader';

/** Every DataLoader of one request, fresh (see `Loaders` in src/core/loaders.ts for why). */
export function createLoaders(dependencies: LoaderDependencies = {}): Loaders {
  return {
    ...createCategoryLoaders(dependencies),
    ...createProviderLoaders(dependencies),
    ...createSkillLoaders(dependencies),
    ...createRoleLoaders(dependencies),
    ...createResourceLoaders(dependencies),
    ...createOccupationLoaders(),
  };
}
