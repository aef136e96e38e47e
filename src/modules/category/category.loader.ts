import { createByFieldLoader, createByIdLoader } from '../../core/by-id-loader';
import type { LoaderDependencies } from '../../core/loaders';
import { SkillModel, type SkillDocument } from '../skill/skill.model';
import { CategoryModel, type CategoryDocument } from './category.model';

/** Per-request loaders of the category module. */
export function createCategoryLoaders({ entityCache }: LoaderDependencies = {}) {
  return {
    categoryById: createByIdLoader<CategoryDocument>(CategoryModel, entityCache),
    childCategoriesByParentId: createByFieldLoader<CategoryDocument>(CategoryModel, 'parentId', { position: 1, _id: 1 }),
    skillsByCategoryId: createByFieldLoader<SkillDocument>(SkillModel, 'categoryId', { nameKey: 1, _id: 1 }),
  };
}

/** The loaders `createCategoryLoaders` makes, as part of every request's `context.loaders`. */
export type CategoryLoaders = ReturnType<typeof createCategoryLoaders>;

// Adds these loaders to `context.loaders`; src/app/loaders.ts calls the factory (see src/core/loaders.ts).
declare module '../../core/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members are CategoryLoaders' (declaration merging)
  interface Loaders extends CategoryLoaders {}
}
