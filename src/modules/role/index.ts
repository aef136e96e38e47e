/** Resolver classes of the role module (being written). */
export const RoleResolvers: Function[] = [];
