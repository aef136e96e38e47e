import { createByFieldLoader, createByIdLoader } from '../../core/by-id-loader';
import type { LoaderDependencies } from '../../core/loaders';
import { SkillModel, type SkillDocument } from './skill.model';

/** Per-request loaders of the skill module. */
export function createSkillLoaders({ entityCache }: LoaderDependencies = {}) {
  return {
    skillById: createByIdLoader<SkillDocument>(SkillModel, entityCache),
    /** Skills that list the key skill as a prerequisite (the reverse of `prerequisites`). */
    dependentsBySkillId: createByFieldLoader<SkillDocument>(SkillModel, 'prerequisiteIds', { nameKey: 1, _id: 1 }),
    /** Skills that list the key skill as related (the reverse of `relatedIds`), so `related` reads both ways. */
    relatedBySkillId: createByFieldLoader<SkillDocument>(SkillModel, 'relatedIds', { nameKey: 1, _id: 1 }),
  };
}

/** The loaders `createSkillLoaders` makes, as part of every request's `context.loaders`. */
export type SkillLoaders = ReturnType<typeof createSkillLoaders>;

// Adds these loaders to `context.loaders`; src/app/loaders.ts calls the factory (see src/core/loaders.ts).
declare module '../../core/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members are SkillLoaders' (declaration merging)
  interface Loaders extends SkillLoaders {}
}
