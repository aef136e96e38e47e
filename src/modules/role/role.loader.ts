import DataLoader from 'dataloader';
import { createByIdLoader, ONE_BATCH } from '../../core/by-id-loader';
import type { LoaderDependencies } from '../../core/loaders';
import { RoleModel, type RoleDocument } from './role.model';

/** Per-request loaders of the role module. */
export function createRoleLoaders({ entityCache }: LoaderDependencies = {}) {
  return {
    roleById: createByIdLoader<RoleDocument>(RoleModel, entityCache),
    rolesBySkillId: createRolesBySkillIdLoader(),
  };
}

/**
 * Roles that list the key skill as required or additional, by title: one `$or` query per batch
 * (each branch uses its multikey index); a role appears once per key even when it lists the skill twice.
 */
function createRolesBySkillIdLoader(): DataLoader<string, RoleDocument[]> {
  return new DataLoader<string, RoleDocument[]>(async (skillIds) => {
    const roles = await RoleModel.find({
      $or: [{ 'requiredSkills.skillId': { $in: skillIds } }, { 'additionalSkills.skillId': { $in: skillIds } }],
    })
      .sort({ titleKey: 1, _id: 1 })
      .batchSize(ONE_BATCH)
      .lean<RoleDocument[]>()
      .exec();
    const bySkillId = new Map<string, RoleDocument[]>(skillIds.map((id) => [id, []]));
    for (const role of roles) {
      const listed = new Set([...role.requiredSkills, ...role.additionalSkills].map(({ skillId }) => String(skillId)));
      for (const skillId of listed) bySkillId.get(skillId)?.push(role);
    }
    return skillIds.map((id) => bySkillId.get(id) ?? []);
  });
}

/** The loaders `createRoleLoaders` makes, as part of every request's `context.loaders`. */
export type RoleLoaders = ReturnType<typeof createRoleLoaders>;

// Adds these loaders to `context.loaders`; src/app/loaders.ts calls the factory (see src/core/loaders.ts).
declare module '../../core/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members are RoleLoaders' (declaration merging)
  interface Loaders extends RoleLoaders {}
}
