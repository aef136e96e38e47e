import type { PipelineStage, Types } from 'mongoose';
import { ONE_BATCH } from '../../core/by-id-loader';
import { aggregateLean } from '../../core/lean-read';
import { sortDocument } from '../../core/relay/keyset-pagination';
import type { ResourcePageRequest } from './resource.filter';
import { excludeHiddenFields } from '../../core/hidden-fields';
import { ResourceModel, type ResourceDocument } from './resource.model';

/** The resource fields a parent's list can hang off: the skills a resource teaches, or its provider. */
export type ResourceParentField = 'skillIds' | 'providerId';

/**
 * The stages that keep the resources of the given parents matching `filter`, one row per
 * (parent, resource) with only `_id`, the parent and the `keep` fields: a resource teaching two of
 * the skills appears under both, and once under each even if a feed listed a skill twice.
 */
function rowsPerParent(
  parentField: ResourceParentField,
  parentIds: Types.ObjectId[],
  filter: Record<string, unknown>,
  keep: Record<string, 1>,
): PipelineStage[] {
  const ofParents = { [parentField]: { $in: parentIds } };
  const match: PipelineStage = { $match: Object.keys(filter).length === 0 ? ofParents : { $and: [ofParents, filter] } };
  if (parentField === 'providerId') return [match, { $project: { providerId: 1, ...keep } }];
  return [match, { $project: { skillIds: { $setUnion: ['$skillIds', []] }, ...keep } }, { $unwind: '$skillIds' }, { $match: ofParents }];
}

/**
 * One page of resources for each parent, all in ONE aggregation whatever the number of parents:
 * match → (unwind the skills) → sort by (sort key, _id) → group the ids per parent → keep the first
 * `first + 1` (to learn whether a next page exists) → look the documents up. Returns each parent's
 * documents in page order, by parent hex id. Only ids travel through the `$group`, so a parent with
 * many resources cannot push the grouped document past MongoDB's 16 MB limit.
 */
export async function findResourcePagesByParent(
  parentField: ResourceParentField,
  parentIds: Types.ObjectId[],
  request: ResourcePageRequest,
): Promise<Map<string, ResourceDocument[]>> {
  const rows = await aggregateLean<{ _id: Types.ObjectId; resource: ResourceDocument }>(
    ResourceModel,
    [
      ...rowsPerParent(parentField, parentIds, request.filterAfterCursor, { [request.sortPath]: 1 }),
      { $sort: sortDocument(request.sortPath, request.direction) },
      { $group: { _id: `$${parentField}`, resourceIds: { $push: '$_id' } } },
      { $project: { resourceIds: { $slice: ['$resourceIds', request.first + 1] } } },
      { $unwind: '$resourceIds' },
      { $lookup: { from: ResourceModel.collection.collectionName, localField: 'resourceIds', foreignField: '_id', as: 'resource' } },
      { $unwind: '$resource' },
      { $project: excludeHiddenFields(ResourceModel, 'resource') },
    ],
    // One row per (parent, resource): 26 parents of 3 already pass mongod's default first batch of 101.
    { batchSize: ONE_BATCH },
  );

  const documentsByParent = new Map<string, ResourceDocument[]>(parentIds.map((id) => [id.toHexString(), []]));
  for (const row of rows) documentsByParent.get(row._id.toHexString())?.push(row.resource);
  return documentsByParent;
}

/** How many resources match `filter` for each parent, in one aggregation. */
export async function countResourcesByParent(
  parentField: ResourceParentField,
  parentIds: Types.ObjectId[],
  filter: Record<string, unknown>,
): Promise<Map<string, number>> {
  const rows = await aggregateLean<{ _id: Types.ObjectId; count: number }>(
    ResourceModel,
    [...rowsPerParent(parentField, parentIds, filter, {}), { $group: { _id: `$${parentField}`, count: { $sum: 1 } } }],
    { batchSize: ONE_BATCH },
  );
  return new Map(rows.map((row) => [row._id.toHexString(), row.count]));
}
