import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * What an operation costs, in points, computed from its document and variables before it runs:
 *
 *   cost(field) = weight(field) + items(field) × cost(selection under field)
 *   cost(operation) = OPERATION_COST + Σ cost(top-level fields)
 *
 * - weight: 1 for a field, or what its definition declares with `@Extensions({ complexity: N })`
 *   (one of `QUERY_COST` below) where the field sends database work that a field's 1 does not cover;
 * - items: how many items a list field returns at most: `first` (its default when omitted), or the
 *   number of `ids`; 1 for other fields. So a connection costs its page size times its selection.
 * - `@skip`/`@include` and fragments are followed; an abstract type costs its dearest member type.
 *
 * Only the operation the request names is counted. The cost depends on nothing but the text and the
 * variables, so a client can compute it and `extensions.cost.requestedQueryCost` shows it.
 */

/**
 * Field weights, calibrated on what the calls cost (bench/SEARCH-REPORT.md, 100,000 resources: each
 * call's median latency as a multiple of `resources(first: 20)`'s). The unit is that page as a client
 * usually selects it, ~17 fields per item: OPERATION_COST + LIST_QUERY + 20 × 17 ≈ 450 points. An
 * expensive field weighs its measured multiple of 450, less what its usual selection adds by itself.
 * Connection-level fields (`totalCount`, `pageInfo`) are counted per item like the rest: a few points
 * too many per item, in exchange for one rule a client can apply by hand.
 */
export const QUERY_COST = {
  /**
   * A page of a collection (`resources`, `skills`, `skill.resources`…): one sorted find. Most of a
   * page's time is that query whatever `first` is, so it weighs more than the items' fields.
   */
  LIST_QUERY: 100,
  /** `search`: 3.1–4.2 × the page (median 3.8; totalCount and facets come from the same aggregation). */
  SEARCH: 1_400,
  /** `resourceFacets`: 3.7 × with a query, 8.4 × over the whole catalogue; the dearer case is charged. */
  FACETS: 3_700,
  /** `suggest`: two small indexed prefix look-ups, ~0.02 × the page. */
  SUGGEST: 5,
  /** `catalogStats`: 6.7 × ([PROVIDER, KIND]) to 14 × ([CATEGORY, MONTH]); charged at 10 ×, less its 100 rows' fields. */
  CATALOG_STATS: 3_900,
  /** `skillCoverage`: 6.0 ×. */
  SKILL_COVERAGE: 2_700,
  /** `roleCoverage`: 2.4 ×. */
  ROLE_COVERAGE: 1_050,
  /** `upcomingEvents`: 1.6 ×. */
  UPCOMING_EVENTS: 700,
  /**
   * `learningPlan` and `roadmap`: 1.5 × (free-only) to 2.9 × (with the additional skills), p95, cold, at
   * 100,000 resources on Node 24 (bench/PLANS-REPORT.md); charged at the dearest case. Their steps and
   * weeks are counted on top, by the lengths those lists declare.
   */
  LEARNING_PLAN: 1_300,
  /** `skillGap`: 2.1 ×, p95, cold (bench/PLANS-REPORT.md). */
  SKILL_GAP: 950,
} as const;

/** Weight of a field that declares none. */
const FIELD_COST = 1;

/**
 * What every operation costs on top of its fields: parsing, validation, the budget's own Redis round
 * trip and a response-cache look-up and write. It keeps `{ __typename }` with a new comment each time
 * (a response-cache miss, a new cache key) from being nearly free.
 */
export const OPERATION_COST = 10;

/**
 * The most items a list field is counted with. Larger `first`s are refused by the resolver before any
 * database work, so they cost no more than this (the largest any field accepts: `catalogStats`).
 */
const MAX_COUNTED_ITEMS = 1_000;

/** The library stops walking beyond this many nodes (fragment spreads re-walked count again). */
const MAX_WALKED_NODES = 10_000;

function itemsRequested(args: Record<string, unknown>, declaredMaxItems: unknown): number {
  if (typeof args.first === 'number') return Math.min(Math.max(args.first, 0), MAX_COUNTED_ITEMS);
  if (Array.isArray(args.ids)) return Math.min(args.ids.length, MAX_COUNTED_ITEMS);
  // A computed list with no page (a plan's steps and weeks) declares how long it can be: what is under it is counted that often.
  return typeof declaredMaxItems === 'number' ? declaredMaxItems : 1;
}

/** The graphql-query-complexity estimator of the formula above. */
export function fieldCostEstimator({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const declared = field.extensions?.complexity;
  const weight = typeof declared === 'number' ? declared : FIELD_COST;
  return weight + itemsRequested(args, field.extensions?.maxItems) * childComplexity;
}

/** Why an operation's cost could not be computed: its variables do not fit it, or it is too large to walk. */
export class OperationCostError extends Error {
  constructor(
    message: string,
    readonly reason: 'variables' | 'too-large',
  ) {
    super(message);
  }
}

/**
 * The cost of `operation` (one of `document`'s) with `variables`. Throws `OperationCostError` when the
 * variables cannot be coerced to the operation's (execution would refuse them the same way) or when
 * the document expands past MAX_WALKED_NODES nodes.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number {
  // The operation and the fragments alone: the library counts every operation of a document it is not
  // told the name of, and an anonymous operation has no name to tell it.
  const query: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION),
  };
  try {
    return (
      OPERATION_COST +
      getComplexity({ schema, query, variables: variables ?? {}, estimators: [fieldCostEstimator], maxQueryNodes: MAX_WALKED_NODES })
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new OperationCostError(message, /maximum allowed number of nodes/.test(message) ? 'too-large' : 'variables');
  }
}
