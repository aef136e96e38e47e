import DataLoader from 'dataloader';
import { createByFieldLoader, ONE_BATCH } from '../../core/by-id-loader';
import { OccupationModel, SkillTechnologyModel, type OccupationDocument, type SkillTechnologyDocument } from './occupation.model';

/** Per-request loaders of the occupation module. Reference data is small and changes only with a seed: no entity cache. */
export function createOccupationLoaders() {
  return {
    occupationByCode: createOccupationByCodeLoader(),
    occupationsByRoleId: createOccupationsByRoleIdLoader(),
    /** The O*NET technology rows naming the key skill, in the roles' occupations: one query per batch. */
    skillTechnologiesBySkillId: createByFieldLoader<SkillTechnologyDocument>(SkillTechnologyModel, 'skillId', {
      occupationCode: 1,
      example: 1,
      _id: 1,
    }),
  };
}

/** Occupations by O*NET-SOC code, null for a code no role maps to: one `$in` query per batch. */
function createOccupationByCodeLoader(): DataLoader<string, OccupationDocument | null> {
  return new DataLoader<string, OccupationDocument | null>(async (codes) => {
    const documents = await OccupationModel.find({ code: { $in: codes } })
      .batchSize(ONE_BATCH)
      .lean<OccupationDocument[]>()
      .exec();
    const byCode = new Map(documents.map((document) => [document.code, document]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
}

/** The occupations each role (hex id) maps to, closest first (the mapping's order): one query per batch. */
function createOccupationsByRoleIdLoader(): DataLoader<string, OccupationDocument[]> {
  return new DataLoader<string, OccupationDocument[]>(async (roleIds) => {
    const documents = await OccupationModel.find({ 'roles.roleId': { $in: roleIds } })
      .batchSize(ONE_BATCH)
      .lean<OccupationDocument[]>()
      .exec();
    const byRole = new Map<string, { rank: number; document: OccupationDocument }[]>(roleIds.map((id) => [id, []]));
    for (const document of documents)
      for (const role of document.roles) byRole.get(String(role.roleId))?.push({ rank: role.rank, document });
    return roleIds.map((id) =>
      (byRole.get(id) ?? [])
        .sort((left, right) => left.rank - right.rank || left.document.code.localeCompare(right.document.code))
        .map((entry) => entry.document),
    );
  });
}

/** The loaders `createOccupationLoaders` makes, as part of every request's `context.loaders`. */
export type OccupationLoaders = ReturnType<typeof createOccupationLoaders>;

// Adds these loaders to `context.loaders`; src/app/loaders.ts calls the factory (see src/core/loaders.ts).
declare module '../../core/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members are OccupationLoaders' (declaration merging)
  interface Loaders extends OccupationLoaders {}
}
