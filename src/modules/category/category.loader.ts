import { createByFieldLoader, createByIdLoader } from '../../core/by-id-loader';
import { SkillModel, type SkillDocument } from '../skill/skill.model';
import { CategoryModel, type CategoryDocument } from './category.model';

/** Per-request loaders of the category module. */
export function createCategoryLoaders() {
  return {
    categoryById: createByIdLoader<CategoryDocument>(CategoryModel),
    childCategoriesByParentId: createByFieldLoader<CategoryDocument>(CategoryModel, 'parentId', { position: 1, _id: 1 }),
    skillsByCategoryId: createByFieldLoader<SkillDocument>(SkillModel, 'categoryId', { nameKey: 1, _id: 1 }),
  };
}
