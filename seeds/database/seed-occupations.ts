import { OccupationModel, SkillTechnologyModel } from '../../src/modules/occupation/occupation.model';
import type { OnetData } from '../../src/modules/occupation/onet-files';
import type { RoleOccupationSeed } from '../onet/role-occupations';
import type { SkillTechnologySeed } from '../onet/skill-technologies';
import { emptySeedCounts, type SeedCounts } from '../seed-report';
import { seedCountsOf, type IdBySlug } from './seed-counts';
import { upsertDocuments, type DesiredDocument, type SeededModel } from './upsert-documents';

/** What the O*NET part of the seed maps, and the release's rows it maps them to. */
export interface OccupationSeedInput {
  onet: OnetData;
  roleOccupations: Readonly<Record<string, readonly RoleOccupationSeed[]>>;
  skillTechnologies: readonly SkillTechnologySeed[];
  roleIds: IdBySlug;
  skillIds: IdBySlug;
}

/** Every stored document of a model, keyed by `keyOf`. */
async function existingByKey(
  model: SeededModel,
  keyOf: (document: Record<string, unknown>) => string,
): Promise<Map<string, Record<string, unknown>>> {
  const documents = await model.find({}).lean<Record<string, unknown>[]>().exec();
  return new Map(documents.map((document) => [keyOf(document), document]));
}

const technologyKey = (document: Record<string, unknown>) =>
  `${String(document.skillId)}|${String(document.occupationCode)}|${String(document.example)}`;

/**
 * Upserts the occupations the roles map to (with the roles and reasons) and, for each mapped skill,
 * the O*NET technology rows of those occupations that name it. Roles and skills missing from
 * `roleIds`/`skillIds` (a test's smaller taxonomy) are left out; a code or example that is not in the
 * release is an error before anything is written. Occupations and rows the mapping no longer names are
 * removed (this is reference data the seed alone owns) and counted as updated, so a second run over
 * the same files reports 0 created, 0 updated.
 */
export async function seedOccupations(input: OccupationSeedInput): Promise<{ occupations: SeedCounts; skillTechnologies: SeedCounts }> {
  const occupationRows = new Map(input.onet.occupations.map((row) => [row.code, row]));
  const rolesByCode = new Map<string, { roleId: unknown; rank: number; reason: string }[]>();
  for (const [roleSlug, entries] of Object.entries(input.roleOccupations)) {
    const roleId = input.roleIds.get(roleSlug);
    if (!roleId) continue;
    entries.forEach((entry, rank) => {
      if (!occupationRows.has(entry.code))
        throw new Error(`role "${roleSlug}" maps to "${entry.code}", which is not an O*NET 29.2 occupation`);
      rolesByCode.set(entry.code, [...(rolesByCode.get(entry.code) ?? []), { roleId, rank, reason: entry.reason }]);
    });
  }

  const examples = new Set(input.onet.technologies.map((row) => row.example));
  const desiredTechnologies: DesiredDocument[] = [];
  for (const { skill, examples: named } of input.skillTechnologies) {
    const skillId = input.skillIds.get(skill);
    if (!skillId) continue;
    for (const example of named)
      if (!examples.has(example)) throw new Error(`skill "${skill}" names "${example}", which no O*NET 29.2 technology row has`);
    const wanted = new Set(named);
    for (const row of input.onet.technologies) {
      if (!wanted.has(row.example) || !rolesByCode.has(row.occupationCode)) continue;
      const fields = { skillId, occupationCode: row.occupationCode, example: row.example };
      desiredTechnologies.push({
        key: technologyKey(fields),
        filter: fields,
        fields: {
          ...fields,
          commodityCode: row.commodityCode,
          commodityTitle: row.commodityTitle,
          hotTechnology: row.hotTechnology,
          inDemand: row.inDemand,
        },
      });
    }
  }

  const desiredOccupations: DesiredDocument[] = [...rolesByCode].map(([code, roles]) => {
    const row = occupationRows.get(code)!;
    return { key: code, filter: { code }, fields: { code, title: row.title, description: row.description, roles } };
  });

  const occupations = await upsertAndPrune(OccupationModel, desiredOccupations, (document) => String(document.code));
  const skillTechnologies = await upsertAndPrune(SkillTechnologyModel, desiredTechnologies, technologyKey);
  return { occupations, skillTechnologies };
}

async function upsertAndPrune(
  model: SeededModel,
  desired: DesiredDocument[],
  keyOf: (document: Record<string, unknown>) => string,
): Promise<SeedCounts> {
  const existing = await existingByKey(model, keyOf);
  const counts = desired.length > 0 ? seedCountsOf(desired.length, await upsertDocuments(model, desired, existing)) : emptySeedCounts();
  const wanted = new Set(desired.map((document) => document.key));
  const stale = [...existing].filter(([key]) => !wanted.has(key)).map(([, document]) => document._id);
  if (stale.length > 0) {
    const { deletedCount } = await model.deleteMany({ _id: { $in: stale } }).exec();
    counts.updated += deletedCount;
  }
  return counts;
}
