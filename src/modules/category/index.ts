import type { ClassType } from 'type-graphql';
import { CategoryResolver } from './category.resolver';

export { CategoryService } from './category.service';
export { Category, CategoryTier } from './category.type';

/** Resolver classes of the category module. */
export const CategoryResolvers: ClassType[] = [CategoryResolver];
