/** Resolver classes of the resource module (being written). */
export const ResourceResolvers: Function[] = [];
