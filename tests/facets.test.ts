import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
let fixture: CatalogFixture;
beforeAll(async () => {
  // Round trips are counted below, so the caches that would hide them are off.
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' });
  fixture = await seedCatalog();
  await backfillSearchFields();
});
afterAll(() => app?.stop());

const FACET_FIELDS = `
  total
  kinds { kind count }
  providers { provider { slug } count }
  levels { level count }
  skills { skill { slug } count }
  free { free count }
  languages { language count }
  priceBands { band count }`;

const FACETS = `query($filter: ResourceFilter, $query: String) { resourceFacets(filter: $filter, query: $query) { ${FACET_FIELDS} } }`;

interface Facets {
  total: number;
  kinds: Array<{ kind: string; count: number }>;
  providers: Array<{ provider: { slug: string }; count: number }>;
  levels: Array<{ level: string | null; count: number }>;
  skills: Array<{ skill: { slug: string }; count: number }>;
  free: Array<{ free: boolean; count: number }>;
  languages: Array<{ language: string | null; count: number }>;
  priceBands: Array<{ band: string; count: number }>;
}

/** The facets as { value: count } maps, easier to compare than ordered lists. */
function counts(facets: Facets) {
  return {
    total: facets.total,
    kinds: Object.fromEntries(facets.kinds.map((row) => [row.kind, row.count])),
    providers: Object.fromEntries(facets.providers.map((row) => [row.provider.slug, row.count])),
    levels: Object.fromEntries(facets.levels.map((row) => [String(row.level), row.count])),
    skills: Object.fromEntries(facets.skills.map((row) => [row.skill.slug, row.count])),
    free: Object.fromEntries(facets.free.map((row) => [String(row.free), row.count])),
    languages: Object.fromEntries(facets.languages.map((row) => [String(row.language), row.count])),
    priceBands: Object.fromEntries(facets.priceBands.map((row) => [row.band, row.count])),
  };
}

async function facetsOf(variables: Record<string, unknown>): Promise<Facets> {
  return dataOf(await app.graphql(FACETS, variables)).resourceFacets;
}

describe('resourceFacets', () => {
  it('counts the whole catalogue per value, largest first (price bands cheapest first)', async () => {
    const facets = await facetsOf({});
    expect(counts(facets)).toEqual({
      total: 15,
      kinds: { COURSE: 7, EVENT: 4, OPEN_SOURCE_PROJECT: 4 },
      providers: { coursera: 4, udemy: 3, github: 4, 'confs-tech': 4 },
      levels: { null: 8, BEGINNER: 3, INTERMEDIATE: 2, ADVANCED: 2 },
      skills: { python: 5, javascript: 4, postgresql: 4, docker: 4, kubernetes: 3 },
      free: { true: 8, false: 7 },
      languages: { en: 11, fr: 2, es: 1, de: 1 },
      priceBands: { FREE: 8, UNDER_20: 1, FROM_20_TO_50: 3, FROM_50_TO_100: 1, FROM_100: 2 },
    });
    expect(facets.kinds.map((row) => row.count)).toEqual([7, 4, 4]);
    expect(facets.priceBands.map((row) => row.band)).toEqual(['FREE', 'UNDER_20', 'FROM_20_TO_50', 'FROM_50_TO_100', 'FROM_100']);
  });

  it('counts each facet under every other condition but not its own (disjunctive)', async () => {
    const facets = counts(await facetsOf({ filter: { kinds: ['COURSE'], free: false } }));
    expect(facets).toEqual({
      // Paid courses.
      total: 5,
      // Paid resources of every kind: what ticking another kind would add.
      kinds: { COURSE: 5, EVENT: 2 },
      // Courses, free or not.
      free: { false: 5, true: 2 },
      // Paid courses per value.
      providers: { udemy: 3, coursera: 2 },
      levels: { ADVANCED: 2, INTERMEDIATE: 2, BEGINNER: 1 },
      skills: { python: 3, postgresql: 2, docker: 2, kubernetes: 2 },
      languages: { en: 2, es: 1, de: 1, fr: 1 },
      priceBands: { UNDER_20: 1, FROM_20_TO_50: 3, FROM_50_TO_100: 1 },
    });
  });

  it('keeps the other providers visible after choosing one, and narrows the other facets', async () => {
    const facets = counts(await facetsOf({ filter: { kinds: ['COURSE'], providers: [fixture.ids.provider.udemy] } }));
    expect(facets.total).toBe(3);
    expect(facets.providers).toEqual({ coursera: 4, udemy: 3 });
    expect(facets.kinds).toEqual({ COURSE: 3 });
    expect(facets.languages).toEqual({ en: 1, es: 1, de: 1 });
  });

  it('ignores the skills condition (ANY or ALL) in the skills facet only', async () => {
    const filter = { skills: [fixture.ids.skill.docker, fixture.ids.skill.kubernetes], skillsMatch: 'ALL' };
    const facets = counts(await facetsOf({ filter }));
    expect(facets.total).toBe(3);
    expect(facets.skills).toEqual({ python: 5, javascript: 4, postgresql: 4, docker: 4, kubernetes: 3 });
    expect(facets.kinds).toEqual({ COURSE: 2, EVENT: 1 });
  });

  it('ignores maxPrice in the price bands only', async () => {
    const facets = counts(await facetsOf({ filter: { maxPrice: 30 } }));
    expect(facets.total).toBe(10);
    expect(facets.priceBands).toEqual({ FREE: 8, UNDER_20: 1, FROM_20_TO_50: 3, FROM_50_TO_100: 1, FROM_100: 2 });
    expect(facets.free).toEqual({ true: 8, false: 2 });
  });

  it('explains search results: the same counts as search(...).facets', async () => {
    const viaQuery = await facetsOf({ query: 'kubernetes', filter: { kinds: ['COURSE'] } });
    expect(counts(viaQuery)).toMatchObject({ total: 2, kinds: { COURSE: 2, EVENT: 1 }, providers: { udemy: 1, coursera: 1 } });
    const viaSearch = dataOf(
      await app.graphql(`query { search(query: "kubernetes", filter: { kinds: [COURSE] }) { totalCount facets { ${FACET_FIELDS} } } }`),
    ).search;
    expect(viaSearch.facets).toEqual(viaQuery);
    expect(viaSearch.totalCount).toBe(2);
    expect((await facetsOf({ query: '.*' })).total).toBe(0);
  });

  it('costs one aggregation (plus the skills vocabulary with a query, and one batched look-up per referenced type)', async () => {
    const plain = await app.countDatabaseCommands(() =>
      app.graphql(`query { resourceFacets { total kinds { kind count } free { free count } priceBands { band count } } }`),
    );
    expect(plain.byCommand).toEqual({ aggregate: 1 });
    const full = await app.countDatabaseCommands(() => app.graphql(FACETS, { query: 'python docker', filter: { free: true } }));
    expect(full.byCommand).toEqual({ aggregate: 1, find: 3 });
    const search = await app.countDatabaseCommands(() =>
      app.graphql(`query { search(query: "python") { totalCount edges { node { slug } } facets { total kinds { kind count } } } }`),
    );
    // The page, the count and the facets in ONE aggregation (a `$facet` over the one candidate match).
    expect(search.byCommand).toEqual({ find: 1, aggregate: 1 });
    const counted = await app.countDatabaseCommands(() =>
      app.graphql(`query { search(query: "python") { totalCount edges { node { slug } } } }`),
    );
    expect(counted.byCommand).toEqual({ find: 1, aggregate: 1 });
    // Selected through a fragment: still seen, still one aggregation.
    const viaFragment = await app.countDatabaseCommands(() =>
      app.graphql(
        `query { search(query: "python") { ...Counts edges { node { slug } } } } fragment Counts on ResourceSearchConnection { totalCount ... on ResourceSearchConnection { facets { total } } }`,
      ),
    );
    expect(viaFragment.byCommand).toEqual({ find: 1, aggregate: 1 });
  });

  it('gives the same page, count and facets whether or not the count and facets share the aggregation', async () => {
    const filter = { kinds: ['COURSE', 'EVENT'], maxPrice: 60 };
    for (const query of ['kubernetes', 'python docker', 'pyth', 'kubernets']) {
      const pageOnly = dataOf(
        await app.graphql(
          `query($query: String!, $filter: ResourceFilter) { search(query: $query, filter: $filter, first: 3) { edges { score cursor node { slug } } pageInfo { hasNextPage } } }`,
          { query, filter },
        ),
      ).search;
      const withAll = dataOf(
        await app.graphql(
          `query($query: String!, $filter: ResourceFilter) { search(query: $query, filter: $filter, first: 3) { totalCount facets { ${FACET_FIELDS} } edges { score cursor node { slug } } pageInfo { hasNextPage } } }`,
          { query, filter },
        ),
      ).search;
      const withCount = dataOf(
        await app.graphql(
          `query($query: String!, $filter: ResourceFilter) { search(query: $query, filter: $filter, first: 3) { totalCount edges { score cursor node { slug } } pageInfo { hasNextPage } } }`,
          { query, filter },
        ),
      ).search;
      expect(withAll.edges).toEqual(pageOnly.edges);
      expect(withAll.pageInfo).toEqual(pageOnly.pageInfo);
      expect(withCount.edges).toEqual(pageOnly.edges);
      expect(withAll.facets).toEqual(await facetsOf({ query, filter }));
      expect(withAll.totalCount).toBe(withAll.facets.total);
      expect(withCount.totalCount).toBe(withAll.facets.total);
    }
  });

  it('refuses a bad filter or query', async () => {
    expect(errorOf(await app.graphql(FACETS, { filter: { maxPrice: -5 } })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(FACETS, { query: '' })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(FACETS, { filter: { providers: ['nope'] } })).code).toBe('BAD_USER_INPUT');
  });
});
