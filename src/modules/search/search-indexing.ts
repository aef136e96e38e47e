import { Types, type AnyBulkWriteOperation } from 'mongoose';
import type { EntitiesChanged } from '../../core/entity-changes';
import { ProviderModel } from '../provider/provider.model';
import { ResourceModel } from '../resource/resource.model';
import { SkillModel } from '../skill/skill.model';
import { computeSearchFields, SEARCH_FIELDS_VERSION, type ResourceSearchFields } from './search-fields';
import { recordTitleWords } from './search-vocabulary';

/** The stored fields a resource's search fields are computed from. */
export interface IndexableResource {
  title: string;
  description?: string | null;
  tags?: readonly string[] | null;
  providerId: Types.ObjectId | string;
  skillIds?: ReadonlyArray<Types.ObjectId | string> | null;
}

/**
 * The search fields of each resource, in order. Looks up the names and aliases of every skill and
 * the name of every provider involved in two queries, whatever the number of resources: the resource
 * service calls it with one resource, the seeder with a whole feed, the backfill with a batch.
 * A skill or provider that does not exist contributes nothing.
 */
export async function searchFieldsFor(resources: readonly IndexableResource[]): Promise<ResourceSearchFields[]> {
  if (resources.length === 0) return [];
  const skillIds = [...new Set(resources.flatMap((resource) => (resource.skillIds ?? []).map(String)))];
  const providerIds = [...new Set(resources.map((resource) => String(resource.providerId)))];
  const [skills, providers] = await Promise.all([
    skillIds.length > 0
      ? SkillModel.find({ _id: { $in: skillIds } }, { name: 1, aliases: 1 })
          .lean()
          .exec()
      : [],
    ProviderModel.find({ _id: { $in: providerIds } }, { name: 1 })
      .lean()
      .exec(),
  ]);
  const skillById = new Map(skills.map((skill) => [String(skill._id), { name: skill.name, aliases: skill.aliases }]));
  const providerNameById = new Map(providers.map((provider) => [String(provider._id), provider.name]));
  return resources.map((resource) =>
    computeSearchFields({
      title: resource.title,
      description: resource.description,
      tags: resource.tags,
      providerName: providerNameById.get(String(resource.providerId)) ?? null,
      skills: (resource.skillIds ?? []).flatMap((id) => skillById.get(String(id)) ?? []),
      skillIds: resource.skillIds ?? [],
    }),
  );
}

/** Resources re-indexed per batch: one read, two look-ups and one bulk write each. */
const BACKFILL_BATCH_SIZE = 500;

/**
 * Computes the search fields of every resource written before search existed, or by an older
 * analysis (`searchVersion` differs from `SEARCH_FIELDS_VERSION`); or, when given, of the resources
 * of `skillIds` (after a skill's name or aliases changed) or of `providerIds` (after a rename). Safe to run at any time and
 * idempotent: a second run finds nothing to do. Returns how many resources it rewrote.
 */
export async function backfillSearchFields(
  options: { skillIds?: ReadonlyArray<Types.ObjectId>; providerIds?: ReadonlyArray<Types.ObjectId> } = {},
): Promise<number> {
  const filter = options.skillIds
    ? { skillIds: { $in: options.skillIds } }
    : options.providerIds
      ? { providerId: { $in: options.providerIds } }
      : { searchVersion: { $ne: SEARCH_FIELDS_VERSION } };
  let rewritten = 0;
  let lastId: Types.ObjectId | null = null;
  // Keyset over _id rather than a cursor held open: each batch is a short, restartable query.
  for (;;) {
    const batchFilter: Record<string, unknown> = lastId ? { $and: [filter, { _id: { $gt: lastId } }] } : filter;
    const batch = await ResourceModel.find(batchFilter, { title: 1, description: 1, tags: 1, providerId: 1, skillIds: 1 })
      .sort({ _id: 1 })
      .limit(BACKFILL_BATCH_SIZE)
      .lean()
      .exec();
    if (batch.length === 0) return rewritten;
    const fields = await searchFieldsFor(batch);
    // Their typo keys are only looked up if the vocabulary has their words (search-vocabulary.ts). A
    // rename of a skill or provider changes no title: nothing to record then.
    if (!options.skillIds && !options.providerIds) await recordTitleWords(batch);
    const operations: AnyBulkWriteOperation[] = batch.map((resource, index) => ({
      // `updatedAt` is left alone: re-indexing is not a change of the resource.
      updateOne: { filter: { _id: resource._id }, update: { $set: fields[index] }, timestamps: false },
    }));
    await ResourceModel.bulkWrite(operations, { ordered: false, timestamps: false });
    rewritten += batch.length;
    lastId = batch[batch.length - 1]._id;
    if (batch.length < BACKFILL_BATCH_SIZE) return rewritten;
  }
}

/** By renamed type, the lists `reindexSearchOnRename` rewrites: resources are searched by their skills' and provider's names. */
export const LISTS_REINDEXED_ON_RENAME: Readonly<Record<string, readonly string[]>> = { Skill: ['Resource'], Provider: ['Resource'] };

/**
 * The "entities changed" listener that keeps search fields current (see EntityChangeEvents): a
 * renamed skill or provider re-indexes the resources that carry its name.
 */
export async function reindexSearchOnRename(change: EntitiesChanged): Promise<void> {
  if (!change.renamed) return;
  const ids = change.ids.map((id) => new Types.ObjectId(String(id)));
  if (change.type === 'Skill') await backfillSearchFields({ skillIds: ids });
  else if (change.type === 'Provider') await backfillSearchFields({ providerIds: ids });
}
