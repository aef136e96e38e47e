import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { createByIdLoader, ONE_BATCH } from '../../core/by-id-loader';
import type { LoaderDependencies } from '../../core/loaders';
import type { ConnectionResult } from '../../core/relay/connection';
import { toConnection } from '../../core/relay/keyset-pagination';
import type { ResourcePageRequest } from './resource.filter';
import { ResourceModel, type ResourceDocument } from './resource.model';
import { countResourcesByParent, findResourcePagesByParent, type ResourceParentField } from './resource.pages';

/** One parent's page of resources: which parent, and the checked request (the same for every parent of a field). */
export interface ResourcePageKey {
  /** Hex id of the skill or provider. */
  parentId: string;
  request: ResourcePageRequest;
}

interface ResourceCountKey {
  parentId: string;
  filter: Record<string, unknown>;
  filterKey: string;
}

/** Keys are compared by value: the same parent with the same arguments is loaded once per request. */
function requestKey(request: ResourcePageRequest): string {
  return JSON.stringify([request.orderingName, request.first, request.after, request.filter]);
}

function groupBy<TItem>(items: readonly TItem[], keyOf: (item: TItem) => string): Map<string, TItem[]> {
  const groups = new Map<string, TItem[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function uniqueObjectIds(hexIds: string[]): Types.ObjectId[] {
  return [...new Set(hexIds)].map((hex) => new Types.ObjectId(hex));
}

/**
 * Loads how many resources each parent has under a filter. Keys with the same filter share one
 * aggregation, so N parents cost one query.
 */
function createResourceCountLoader(parentField: ResourceParentField): DataLoader<ResourceCountKey, number, string> {
  return new DataLoader<ResourceCountKey, number, string>(
    async (keys) => {
      const counts = new Map<string, number>();
      await Promise.all(
        [...groupBy(keys, (key) => key.filterKey)].map(async ([filterKey, group]) => {
          const countByParent = await countResourcesByParent(
            parentField,
            uniqueObjectIds(group.map((key) => key.parentId)),
            group[0].filter,
          );
          for (const key of group) counts.set(`${filterKey}|${key.parentId}`, countByParent.get(key.parentId) ?? 0);
        }),
      );
      return keys.map((key) => counts.get(`${key.filterKey}|${key.parentId}`) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.filterKey}|${key.parentId}` },
  );
}

/**
 * Loads a page of resources per parent (a skill's or a provider's resources). Keys are grouped by
 * their arguments and each group is answered by ONE aggregation whatever the number of parents;
 * `totalCount` is counted lazily, one more aggregation per group, only when a client selects it.
 */
function createResourcePagesLoader(
  parentField: ResourceParentField,
): DataLoader<ResourcePageKey, ConnectionResult<ResourceDocument>, string> {
  const countLoader = createResourceCountLoader(parentField);
  const cacheKeyOf = (key: ResourcePageKey) => `${requestKey(key.request)}|${key.parentId}`;
  return new DataLoader<ResourcePageKey, ConnectionResult<ResourceDocument>, string>(
    async (keys) => {
      const pages = new Map<string, ConnectionResult<ResourceDocument>>();
      await Promise.all(
        [...groupBy(keys, (key) => requestKey(key.request))].map(async ([, group]) => {
          const { request } = group[0];
          const filterKey = JSON.stringify(request.filter);
          const documentsByParent = await findResourcePagesByParent(
            parentField,
            uniqueObjectIds(group.map((key) => key.parentId)),
            request,
          );
          for (const key of group) {
            const countTotal = () => countLoader.load({ parentId: key.parentId, filter: request.filter, filterKey });
            pages.set(cacheKeyOf(key), toConnection(request, documentsByParent.get(key.parentId) ?? [], countTotal));
          }
        }),
      );
      return keys.map((key) => pages.get(cacheKeyOf(key)) ?? new Error(`No page was loaded for ${key.parentId}.`));
    },
    { cacheKeyFn: cacheKeyOf },
  );
}

/**
 * The live resource that holds each URL claim (`urlKey`, unique among live resources), in key order,
 * null for a claim no live resource holds: a course's `prerequisites` for a whole page in ONE query.
 */
function createResourceByUrlKeyLoader(): DataLoader<string, ResourceDocument | null> {
  return new DataLoader<string, ResourceDocument | null>(async (urlKeys) => {
    const documents = (await ResourceModel.find({ urlKey: { $in: [...new Set(urlKeys)] } })
      .batchSize(ONE_BATCH)
      .lean()
      .exec()) as ResourceDocument[];
    const byUrlKey = new Map(documents.map((document) => [document.urlKey, document]));
    return urlKeys.map((urlKey) => byUrlKey.get(urlKey) ?? null);
  });
}

/** Per-request loaders of the resource module. */
export function createResourceLoaders({ entityCache }: LoaderDependencies = {}) {
  return {
    resourceById: createByIdLoader<ResourceDocument>(ResourceModel, entityCache),
    /** The live resource at each URL claim: courses' prerequisites, batched across courses. */
    resourceByUrlKey: createResourceByUrlKeyLoader(),
    /** A page of each skill's resources (`Skill.resources`), batched across skills. */
    resourcesBySkillId: createResourcePagesLoader('skillIds'),
    /** A page of each provider's resources (`Provider.resources`), batched across providers. */
    resourcesByProviderId: createResourcePagesLoader('providerId'),
  };
}

/** The loaders `createResourceLoaders` makes, as part of every request's `context.loaders`. */
export type ResourceLoaders = ReturnType<typeof createResourceLoaders>;

// Adds these loaders to `context.loaders`; src/app/loaders.ts calls the factory (see src/core/loaders.ts).
declare module '../../core/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the members are ResourceLoaders' (declaration merging)
  interface Loaders extends ResourceLoaders {}
}
