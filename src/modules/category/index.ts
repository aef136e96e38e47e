/** Resolver classes of the category module (being written). */
export const CategoryResolvers: Function[] = [];
