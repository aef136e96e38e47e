import { getOperationAST, parse, validate, type GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../../../schema';
import { OPERATION_COST, operationCost, OperationCostError, QUERY_COST } from '../query-cost';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildAppSchema();
});

function costOf(text: string, variables?: Record<string, unknown>, operationName?: string): number {
  const document = parse(text);
  // A misspelt field would cost nothing and prove nothing.
  expect(validate(schema, document)).toEqual([]);
  return operationCost(schema, document, getOperationAST(document, operationName)!, variables);
}

describe('operationCost', () => {
  it('charges 1 per field plus the operation', () => {
    expect(costOf('{ __typename }')).toBe(OPERATION_COST + 1);
    expect(costOf('{ provider(slug: "udemy") { name slug } }')).toBe(OPERATION_COST + 1 + 2);
  });

  it("multiplies a list field's selection by `first`, its default when omitted, or a variable", () => {
    // resources + 20 × (edges + node + id)
    expect(costOf('{ resources { edges { node { id } } } }')).toBe(OPERATION_COST + QUERY_COST.LIST_QUERY + 20 * 3);
    expect(costOf('query ($n: Int) { resources(first: $n) { edges { node { id } } } }', { n: 5 })).toBe(
      OPERATION_COST + QUERY_COST.LIST_QUERY + 5 * 3,
    );
    expect(costOf('{ suggest(prefix: "ku", first: 3) { label } }')).toBe(OPERATION_COST + QUERY_COST.SUGGEST + 3 * 1);
    expect(costOf('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(OPERATION_COST + 1 + 3 * 1);
  });

  it('nests multipliers, so a page of pages costs what it can return', () => {
    const text = '{ skills(first: 10) { edges { node { resources(first: 5) { edges { node { id } } } } } } }';
    const inner = QUERY_COST.LIST_QUERY + 5 * 3;
    expect(costOf(text)).toBe(OPERATION_COST + QUERY_COST.LIST_QUERY + 10 * (1 + 1 + inner));
  });

  it('counts an over-large `first` as the largest any field accepts: the resolver refuses the rest before any work', () => {
    expect(costOf('{ resources(first: 100000000) { edges { node { id } } } }')).toBe(OPERATION_COST + QUERY_COST.LIST_QUERY + 1000 * 3);
    expect(costOf('{ resources(first: -5) { edges { node { id } } } }')).toBe(OPERATION_COST + QUERY_COST.LIST_QUERY);
  });

  it('weighs the expensive fields by their declared weight', () => {
    expect(costOf('{ search(query: "docker") { totalCount } }')).toBe(OPERATION_COST + QUERY_COST.SEARCH + 20 * 1);
    expect(costOf('{ resourceFacets { kinds { count } } }')).toBe(OPERATION_COST + QUERY_COST.FACETS + 1 + 1);
    expect(costOf('{ skillCoverage { skillsWithoutResources { name } } }')).toBe(OPERATION_COST + QUERY_COST.SKILL_COVERAGE + 1 + 1);
    expect(costOf('{ roleCoverage(roleSlug: "x") { role { title } } }')).toBe(OPERATION_COST + QUERY_COST.ROLE_COVERAGE + 1 + 1);
    expect(costOf('{ upcomingEvents(bySkill: false) { month } }')).toBe(OPERATION_COST + QUERY_COST.UPCOMING_EVENTS + 1);
    expect(costOf('{ catalogStats(groupBy: [KIND], first: 10) { count } }')).toBe(OPERATION_COST + QUERY_COST.CATALOG_STATS + 10 * 1);
  });

  it('follows fragments and charges an abstract type for its dearest member', () => {
    const text = `{ resources(first: 2) { ...Page } }
      fragment Page on ResourceConnection { edges { node { ... on Course { title url } ... on Event { city } } } }`;
    // node: Course's 2 fields are dearer than Event's 1
    expect(costOf(text)).toBe(OPERATION_COST + QUERY_COST.LIST_QUERY + 2 * (1 + 1 + 2));
  });

  it('leaves out what @skip and @include leave out', () => {
    expect(costOf('query ($skip: Boolean!) { search(query: "x") @skip(if: $skip) { totalCount } __typename }', { skip: true })).toBe(
      OPERATION_COST + 1,
    );
    expect(costOf('query ($skip: Boolean!) { search(query: "x") @skip(if: $skip) { totalCount } __typename }', { skip: false })).toBe(
      OPERATION_COST + QUERY_COST.SEARCH + 20 + 1,
    );
  });

  it('counts only the operation the request names, named or anonymous', () => {
    const text = 'query Cheap { __typename } query Dear { search(query: "x") { totalCount } }';
    expect(costOf(text, undefined, 'Cheap')).toBe(OPERATION_COST + 1);
    expect(costOf(text, undefined, 'Dear')).toBe(OPERATION_COST + QUERY_COST.SEARCH + 20);
  });

  it('adds up aliases: 30 searches or facet counts cost 30 times one', () => {
    const searches = Array.from({ length: 30 }, (_, index) => `s${index}: search(query: "docker") { totalCount }`).join(' ');
    expect(costOf(`{ ${searches} }`)).toBe(OPERATION_COST + 30 * (QUERY_COST.SEARCH + 20));
  });

  it('refuses variables that do not fit the operation, as execution would', () => {
    expect(() => costOf('query ($n: Int!) { resources(first: $n) { totalCount } }', { n: 'many' })).toThrow(OperationCostError);
    expect(() => costOf('query ($n: Int!) { resources(first: $n) { totalCount } }', {})).toThrow(
      expect.objectContaining({ reason: 'variables', message: expect.stringMatching(/\$n/) }),
    );
  });

  it('refuses a document that expands past the walk limit (fragments spread within fragments)', () => {
    // 30 × 30 × 30 spreads of D: each small, together 27,000 walks of D's fields.
    const spreads = (name: string) => Array.from({ length: 30 }, () => `...${name}`).join(' ');
    const text = `{ ...A } fragment A on Query { ${spreads('B')} } fragment B on Query { ${spreads('C')} } fragment C on Query { ${spreads('D')} } fragment D on Query { __typename rateLimit { cost } }`;
    expect(() => costOf(text)).toThrow(expect.objectContaining({ reason: 'too-large' }));
  });
});
