/** Resolver classes of the skill module (being written). */
export const SkillResolvers: Function[] = [];
