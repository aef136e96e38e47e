import type { PipelineStage } from 'mongoose';
import { buildResourceFilter } from '../resource/resource.filter';
import type { ResourceFilter } from '../resource/resource.input';
import { lagTolerantRead } from '../../core/mongo';
import { ResourceModel } from '../resource/resource.model';

/** Most values listed for the open-ended facets (providers, skills, languages), by count. */
export const MAX_FACET_VALUES = 50;

/** Price bands of the `priceBands` facet, with their upper bounds (exclusive) in the resource's own currency. */
export const PRICE_BANDS = ['FREE', 'UNDER_20', 'FROM_20_TO_50', 'FROM_50_TO_100', 'FROM_100', 'UNKNOWN'] as const;
export type PriceBandValue = (typeof PRICE_BANDS)[number];

/**
 * Each facet and the `ResourceFilter` fields it ignores: a facet is disjunctive, counted under every
 * active condition EXCEPT its own, so a UI can show how many results each other choice would give
 * ("Udemy 12" stays visible after ticking "Coursera"). Price bands ignore `maxPrice`, the condition a
 * band choice turns into.
 */
const OWN_FILTER_FIELDS = {
  kinds: ['kinds'],
  providers: ['providers'],
  levels: ['levels'],
  skills: ['skills', 'skillsMatch'],
  free: ['free', 'pricing'],
  pricing: ['pricing', 'free'],
  certificates: ['certificates'],
  languages: ['languages'],
  priceBands: ['maxPrice'],
} as const satisfies Record<string, ReadonlyArray<keyof ResourceFilter>>;

export type FacetName = keyof typeof OWN_FILTER_FIELDS;

/** Filter fields no facet owns: they apply to every facet alike, so they go in the shared first `$match`. */
const SHARED_FILTER_FIELDS = ['minRating', 'startsAfter', 'startsBefore', 'online', 'tags', 'eventTime'] as const satisfies ReadonlyArray<
  keyof ResourceFilter
>;

/** Facet counts in the shape of the GraphQL `ResourceFacets` type (providers and skills by hex id, for the loaders). */
export interface ResourceFacetCounts {
  /** Resources matching every condition (and the query): the number the other counts are compared with. */
  total: number;
  kinds: Array<{ kind: string; count: number }>;
  providers: Array<{ providerId: string; count: number }>;
  levels: Array<{ level: string | null; count: number }>;
  skills: Array<{ skillId: string; count: number }>;
  free: Array<{ free: boolean; count: number }>;
  pricing: Array<{ pricing: string; count: number }>;
  certificates: Array<{ certificate: string; count: number }>;
  languages: Array<{ language: string | null; count: number }>;
  priceBands: Array<{ band: PriceBandValue; count: number }>;
}

/** One row of a facet sub-pipeline: the value grouped on (a string, an ObjectId, a boolean, or null when missing) and its count. */
export interface FacetCountRow {
  _id: unknown;
  count: number;
}

const EMPTY_FACETS: ResourceFacetCounts = {
  total: 0,
  kinds: [],
  providers: [],
  levels: [],
  skills: [],
  free: [],
  pricing: [],
  certificates: [],
  languages: [],
  priceBands: [],
};

function without(filter: ResourceFilter | null | undefined, fields: readonly (keyof ResourceFilter)[]): ResourceFilter | null {
  if (!filter) return null;
  const copy: Record<string, unknown> = { ...filter };
  for (const field of fields) delete copy[field];
  return copy;
}

function only(filter: ResourceFilter | null | undefined, fields: readonly (keyof ResourceFilter)[]): ResourceFilter | null {
  if (!filter) return null;
  return Object.fromEntries(fields.map((field) => [field, filter[field]]));
}

/** `$and` of the non-empty conditions, or `{}`. */
export function allOf(...conditions: Array<Record<string, unknown> | null>): Record<string, unknown> {
  const present = conditions.filter(
    (condition): condition is Record<string, unknown> => condition != null && Object.keys(condition).length > 0,
  );
  if (present.length === 0) return {};
  return present.length === 1 ? present[0] : { $and: present };
}

/** The price band of a resource, as an aggregation expression (nested `$cond`: portable everywhere). */
const PRICE_BAND_EXPRESSION = {
  $cond: [
    { $eq: ['$free', true] },
    'FREE',
    {
      $cond: [
        { $eq: [{ $ifNull: ['$priceAmount', null] }, null] },
        'UNKNOWN',
        {
          $cond: [
            { $lt: ['$priceAmount', 20] },
            'UNDER_20',
            {
              $cond: [
                { $lt: ['$priceAmount', 50] },
                'FROM_20_TO_50',
                { $cond: [{ $lt: ['$priceAmount', 100] }, 'FROM_50_TO_100', 'FROM_100'] },
              ],
            },
          ],
        },
      ],
    },
  ],
};

function countBy(groupKey: unknown, limit?: number): PipelineStage.FacetPipelineStage[] {
  const stages: PipelineStage.FacetPipelineStage[] = [{ $group: { _id: groupKey, count: { $sum: 1 } } }, { $sort: { count: -1, _id: 1 } }];
  if (limit) stages.push({ $limit: limit });
  return stages;
}

/**
 * The parts of the facet aggregation, for callers that put them in a larger one (`search` with
 * `totalCount` and `facets` selected): the condition of the shared first `$match` besides the query's
 * (the filter fields no facet owns), and the `$facet` sub-pipelines, one per facet plus `total`.
 */
export function facetStages(filter: ResourceFilter | null | undefined): {
  sharedCondition: Record<string, unknown>;
  facets: Record<string, PipelineStage.FacetPipelineStage[]>;
} {
  const fullFilter = buildResourceFilter(filter);
  const facetMatch = (name: FacetName) => ({ $match: buildResourceFilter(without(filter, OWN_FILTER_FIELDS[name])) });
  return {
    sharedCondition: buildResourceFilter(only(filter, SHARED_FILTER_FIELDS)),
    facets: {
      total: [{ $match: fullFilter }, { $count: 'count' }],
      kinds: [facetMatch('kinds'), ...countBy('$kind')],
      providers: [facetMatch('providers'), ...countBy('$providerId', MAX_FACET_VALUES)],
      levels: [facetMatch('levels'), ...countBy({ $ifNull: ['$level', null] })],
      // A feed may list a skill twice on one resource; the set union counts it once.
      skills: [
        facetMatch('skills'),
        { $project: { skillIds: { $setUnion: [{ $ifNull: ['$skillIds', []] }, []] } } },
        { $unwind: '$skillIds' },
        ...countBy('$skillIds', MAX_FACET_VALUES),
      ],
      free: [facetMatch('free'), ...countBy('$free')],
      // A record written before `pricing` existed counts as UNKNOWN unless it was free (the seed migrates them).
      pricing: [facetMatch('pricing'), ...countBy({ $ifNull: ['$pricing', { $cond: [{ $eq: ['$free', true] }, 'FREE', 'UNKNOWN'] }] })],
      certificates: [facetMatch('certificates'), ...countBy({ $ifNull: ['$certificate', 'UNKNOWN'] })],
      languages: [facetMatch('languages'), ...countBy({ $ifNull: ['$language', null] }, MAX_FACET_VALUES)],
      priceBands: [facetMatch('priceBands'), ...countBy(PRICE_BAND_EXPRESSION)],
    },
  };
}

/**
 * Counts per kind, provider, level, skill, free/paid, pricing, certificate, language and price band of the resources
 * matching `filter` and `queryCondition` (the search candidates; null when there is no query), each
 * facet disjunctive (see `OWN_FILTER_FIELDS`). ONE aggregation: a shared `$match`, then a `$facet`
 * with one sub-pipeline per facet. The filter is checked first (BAD_USER_INPUT names the field).
 */
export async function countResourceFacets(
  filter: ResourceFilter | null | undefined,
  queryCondition: Record<string, unknown> | null | 'nothing',
): Promise<ResourceFacetCounts> {
  const { sharedCondition, facets } = facetStages(filter);
  if (queryCondition === 'nothing') return EMPTY_FACETS;
  const [result] = (await ResourceModel.aggregate([{ $match: allOf(sharedCondition, queryCondition) }, { $facet: facets }])
    .read(lagTolerantRead())
    .exec()) as Array<Record<string, FacetCountRow[]>>;
  return readFacetCounts(result);
}

/** The output of the `facetStages` sub-pipelines in the shape of `ResourceFacetCounts`. */
export function readFacetCounts(result: Record<string, FacetCountRow[]> | undefined): ResourceFacetCounts {
  const rows = (name: string) => result?.[name] ?? [];
  const priceBandOrder = (band: string) => PRICE_BANDS.indexOf(band as PriceBandValue);
  return {
    total: rows('total')[0]?.count ?? 0,
    kinds: rows('kinds').map((row) => ({ kind: row._id as string, count: row.count })),
    providers: rows('providers').map((row) => ({ providerId: String(row._id), count: row.count })),
    levels: rows('levels').map((row) => ({ level: (row._id as string | null | undefined) ?? null, count: row.count })),
    skills: rows('skills').map((row) => ({ skillId: String(row._id), count: row.count })),
    free: rows('free').map((row) => ({ free: Boolean(row._id), count: row.count })),
    pricing: rows('pricing').map((row) => ({ pricing: row._id as string, count: row.count })),
    certificates: rows('certificates').map((row) => ({ certificate: row._id as string, count: row.count })),
    languages: rows('languages').map((row) => ({ language: (row._id as string | null | undefined) ?? null, count: row.count })),
    // Bands read best in their natural order (cheapest first), not by count.
    priceBands: rows('priceBands')
      .map((row) => ({ band: row._id as PriceBandValue, count: row.count }))
      .sort((left, right) => priceBandOrder(left.band) - priceBandOrder(right.band)),
  };
}
