import { createHash } from 'node:crypto';
import type { PipelineStage } from 'mongoose';
import { BadUserInputError } from '../../core/errors';
import { resolvePageSize } from '../../core/relay/connection';
import { decodeCursor, encodeCursor } from '../../core/relay/cursor';
import { buildResourceFilter } from '../resource/resource.filter';
import type { ResourceFilter } from '../resource/resource.input';
import { excludeHiddenFields } from '../../core/hidden-fields';
import { aggregateLean } from '../../core/lean-read';
import { ResourceModel, type ResourceDocument } from '../resource/resource.model';
import { RoleModel, type RoleDocument } from '../role/role.model';
import { escapeRegExp } from '../../core/text';
import { SkillModel, type SkillDocument } from '../skill/skill.model';
import { normaliseSkillTerm } from '../skill/skill-term';
import { allOf, countResourceFacets, facetStages, readFacetCounts, type FacetCountRow, type ResourceFacetCounts } from './resource-facets';
import {
  analyseQuery,
  applySkillVocabulary,
  applyTitleVocabulary,
  candidateFilter,
  scoreStages,
  typoLookupKeys,
  type QueryTerm,
  type VocabularySkill,
} from './search-query';
import { knownTitleKeys } from './search-vocabulary';

/** What `search` returns: a connection whose `totalCount` and `facets` cost a query only when selected. */
export interface SearchResult {
  edges: Array<{ cursor: string; score: number; node: ResourceDocument }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: Promise<number>;
  readonly facets: Promise<ResourceFacetCounts>;
  /** The words searched for (see `ResourceSearchConnection.terms`). */
  terms: string[];
}

/** A type-ahead suggestion before GraphQL: the document it points at and why it matched. */
export interface SuggestionResult {
  kind: 'SKILL' | 'ROLE';
  label: string;
  matchedAlias: string | null;
  skill: SkillDocument | null;
  role: RoleDocument | null;
}

export const MAX_SUGGESTIONS = 20;
export const DEFAULT_SUGGESTIONS = 8;
const MAX_PREFIX_INPUT_LENGTH = 100;
/** Skills read for synonyms and near matches: far above the taxonomy's size, a bound on the cost of one search. */
const MAX_VOCABULARY_SKILLS = 5_000;

/** The terms of a query with their synonyms, and the conditions that find its candidates. */
interface PreparedSearch {
  terms: QueryTerm[];
  /** `$in` conditions that find the candidates; null when the query has no searchable word. */
  candidates: Record<string, unknown> | null;
}

/**
 * Full-text search over the resource catalogue without `$text`: tokens computed on write
 * (search-fields.ts), candidates found by `$in` on multikey indexes, scored and ordered in one
 * aggregation. See `SCORE_WEIGHTS` for the score.
 */
export class SearchService {
  /**
   * One page of results for `query` under `filter`, best first. Round trips: one skills look-up for
   * synonyms (and, for a query looked up by typo, one title-vocabulary look-up: `prepare`), then ONE aggregation. When the caller says up front that it wants `totalCount` and/or
   * `facets` (`include`, as the resolver does from the GraphQL selection), they are computed in that
   * same aggregation: one candidate `$match`, then a `$facet` with the page, the count and the facets
   * as sub-pipelines over the matched set. Otherwise reading them costs one more aggregation each.
   */
  async search(
    args: { query: string; filter?: ResourceFilter | null; first?: number | null; after?: string | null },
    options: { include?: { totalCount?: boolean; facets?: boolean } } = {},
  ): Promise<SearchResult> {
    const first = resolvePageSize(args.first);
    const analysed = analyseQuery(args.query);
    const filter = buildResourceFilter(args.filter);
    // The cursor is bound to the query and the filter: a cursor of another search is refused.
    const cursorScope = `SEARCH_${createHash('sha256')
      .update(JSON.stringify([analysed.terms.map((term) => [term.word, term.prefix]), args.filter ?? null]))
      .digest('base64url')
      .slice(0, 12)}`;
    const position = args.after ? decodeCursor(args.after, cursorScope) : null;
    if (position && typeof position.value !== 'number')
      throw new BadUserInputError('"after" is not a valid cursor for this search.', 'after');

    const prepared = await this.prepare(analysed);
    const { terms, candidates } = prepared;
    if (!candidates) return emptyResult(terms, Boolean(args.after));

    // The filter first: on a server that tests conditions in order (mongo-java-server), its cheap
    // equalities reject documents before the candidate expression runs; a real mongod reorders anyway.
    const matched = allOf(filter, candidates);
    const pageStages: PipelineStage.FacetPipelineStage[] = [...(scoreStages(terms) as unknown as PipelineStage.FacetPipelineStage[])];
    if (position)
      pageStages.push({ $match: { $or: [{ score: { $lt: position.value } }, { score: position.value, _id: { $gt: position.id } }] } });
    pageStages.push(
      { $sort: { score: -1, _id: 1 } },
      { $limit: first + 1 },
      { $lookup: { from: ResourceModel.collection.collectionName, localField: '_id', foreignField: '_id', as: 'resource' } },
      { $unwind: '$resource' },
      { $project: excludeHiddenFields(ResourceModel, 'resource') },
    );

    type PageRow = { _id: ResourceDocument['_id']; score: number; resource: ResourceDocument };
    let rows: PageRow[];
    let counted: Promise<number> | undefined;
    let faceted: Promise<ResourceFacetCounts> | undefined;
    const withFacets = Boolean(options.include?.facets);
    const withCount = Boolean(options.include?.totalCount);
    if (withFacets) {
      // Facets are disjunctive: the shared `$match` holds the query and the conditions no facet owns;
      // the page and each facet add the rest of the filter inside their own sub-pipeline.
      const { sharedCondition, facets } = facetStages(args.filter);
      const fullFilter = Object.keys(filter).length > 0 ? [{ $match: filter }] : [];
      const [result] = await aggregateLean<Record<string, unknown[]>>(ResourceModel, [
        { $match: allOf(sharedCondition, candidates) },
        { $facet: { ...facets, page: [...fullFilter, ...pageStages] } },
      ]);
      rows = (result?.page ?? []) as PageRow[];
      const facetCounts = readFacetCounts(result as Record<string, FacetCountRow[]>);
      faceted = Promise.resolve(facetCounts);
      counted = Promise.resolve(facetCounts.total);
    } else if (withCount) {
      const [result] = await aggregateLean<Record<string, unknown[]>>(ResourceModel, [
        { $match: matched },
        { $facet: { total: [{ $count: 'count' }], page: pageStages } },
      ]);
      rows = (result?.page ?? []) as PageRow[];
      counted = Promise.resolve((result?.total?.[0] as { count?: number } | undefined)?.count ?? 0);
    } else {
      rows = await aggregateLean<PageRow>(ResourceModel, [{ $match: matched }, ...pageStages]);
    }
    // `$lookup` keeps the order on every server we know, but the order is the contract, so it is restored here.
    rows.sort((left, right) => right.score - left.score || compareHex(String(left._id), String(right._id)));

    const page = rows.slice(0, first);
    const edges = page.map((row) => ({
      cursor: encodeCursor(cursorScope, { value: row.score, id: row._id }),
      score: row.score,
      node: row.resource,
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > first,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      get totalCount() {
        counted ??= ResourceModel.countDocuments(matched).exec();
        return counted;
      },
      get facets() {
        faceted ??= countResourceFacets(args.filter, candidates);
        return faceted;
      },
      terms: terms.map((term) => term.word),
    };
  }

  /**
   * Facet counts of the catalogue under `filter`, and of the results of `query` when given
   * (`Query.resourceFacets`). One skills look-up when there is a query, then one aggregation.
   */
  async facets(args: { filter?: ResourceFilter | null; query?: string | null }): Promise<ResourceFacetCounts> {
    if (args.query == null) return countResourceFacets(args.filter, null);
    const analysed = analyseQuery(args.query);
    const prepared = await this.prepare(analysed);
    return countResourceFacets(args.filter, prepared.candidates ?? 'nothing');
  }

  /**
   * Skills (by name or alias) and roles (by title) starting with `prefix`, for a search box's
   * type-ahead: names before aliases, shorter before longer. Two index-backed prefix queries.
   */
  async suggest(args: { prefix: string; first?: number | null }): Promise<SuggestionResult[]> {
    const first = args.first ?? DEFAULT_SUGGESTIONS;
    if (!Number.isInteger(first) || first < 1 || first > MAX_SUGGESTIONS) {
      throw new BadUserInputError(`"first" must be between 1 and ${MAX_SUGGESTIONS}, got ${first}.`, 'first');
    }
    if (args.prefix.length > MAX_PREFIX_INPUT_LENGTH) {
      throw new BadUserInputError(
        `"prefix" may be at most ${MAX_PREFIX_INPUT_LENGTH} characters long, got ${args.prefix.length}.`,
        'prefix',
      );
    }
    const key = normaliseSkillTerm(args.prefix);
    if (key === '') return [];
    // Anchored and escaped: the prefix is text, never a pattern, and the anchored form uses the index.
    const pattern = new RegExp(`^${escapeRegExp(key)}`);
    const lowered = new RegExp(`^${escapeRegExp(args.prefix.trim().toLowerCase())}`);
    const [skills, roles] = await Promise.all([
      // Names and aliases through `matchKeys`; `nameKey` too, for skills written without match keys.
      SkillModel.find({ $or: [{ matchKeys: pattern }, { nameKey: lowered }] })
        .sort({ nameKey: 1, _id: 1 })
        .limit(first * 3)
        .lean<SkillDocument[]>()
        .exec(),
      RoleModel.find({ titleKey: lowered }).sort({ titleKey: 1, _id: 1 }).limit(first).lean<RoleDocument[]>().exec(),
    ]);
    const ranked: Array<SuggestionResult & { rank: number }> = [
      ...skills.map((skill) => {
        const byName = normaliseSkillTerm(skill.name).startsWith(key) || skill.nameKey.startsWith(args.prefix.trim().toLowerCase());
        const alias = byName ? null : (skill.aliases.find((candidate) => normaliseSkillTerm(candidate).startsWith(key)) ?? null);
        return { kind: 'SKILL' as const, label: skill.name, matchedAlias: alias, skill, role: null, rank: byName ? 0 : 1 };
      }),
      ...roles.map((role) => ({ kind: 'ROLE' as const, label: role.title, matchedAlias: null, skill: null, role, rank: 0 })),
    ];
    ranked.sort((left, right) => left.rank - right.rank || left.label.length - right.label.length || left.label.localeCompare(right.label));
    return ranked.slice(0, first).map(({ kind, label, matchedAlias, skill, role }) => ({ kind, label, matchedAlias, skill, role }));
  }

  /**
   * Reads the skills vocabulary (one query: every skill's id, name, aliases and match keys — a few
   * hundred small documents) to resolve synonyms and near matches, and builds the candidate filter.
   * When a term is looked up by typo (a word of 5+ letters naming no skill, in a query where no word
   * names one), one more small query asks the title vocabulary which of its deletion keys exist
   * (search-vocabulary.ts). It waits for the skills, which decide whether it is needed at all: run
   * in parallel it would cost every query with a long word a round trip, mostly for nothing.
   */
  private async prepare(analysed: ReturnType<typeof analyseQuery>): Promise<PreparedSearch> {
    if (analysed.terms.length === 0) return { terms: [], candidates: null };
    const skills = (await SkillModel.find({}, { name: 1, aliases: 1, matchKeys: 1 })
      .limit(MAX_VOCABULARY_SKILLS)
      .lean()
      .exec()) as unknown as VocabularySkill[];
    let terms = applySkillVocabulary(analysed, skills);
    const typoKeys = typoLookupKeys(terms);
    if (typoKeys.length > 0) terms = applyTitleVocabulary(terms, await knownTitleKeys(typoKeys));
    return { terms, candidates: candidateFilter(terms) };
  }
}

/** ObjectIds order as their hex strings do (byte order), which `localeCompare` does not promise. */
function compareHex(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function emptyResult(terms: QueryTerm[], afterGiven: boolean): SearchResult {
  const none = Promise.resolve(0);
  return {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: afterGiven, startCursor: null, endCursor: null },
    totalCount: none,
    facets: countResourceFacets(null, 'nothing'),
    terms: terms.map((term) => term.word),
  };
}

// Registers the service as `context.services.search`; src/app/services.ts builds it (see src/core/services.ts).
declare module '../../core/services' {
  interface Services {
    /** Full-text search, suggestions and facets over resources. */
    search: SearchService;
  }
}
