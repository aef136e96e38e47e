import { Types } from 'mongoose';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { insertRawResources, type RawResourceRow } from './helpers/raw-resource-fixture';
import { dataOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * "Then by id": every ordering breaks ties by `_id`, in the ordering's direction, so pages never repeat
 * or skip an item whatever the page size. The fixture is built to defeat an order that merely looks
 * right: most sort values are shared by several resources, and the resources are stored in an order
 * that is neither ascending nor descending by id, so a server sorting ties in storage order, or a
 * cursor condition that ignores the id, gives another sequence.
 */
const COUNT = 12;
/** Storage order of the resources, by the rank of their ids (ids are made ascending). */
const STORAGE_ORDER = [7, 2, 10, 0, 5, 11, 3, 8, 1, 9, 4, 6];
const KINDS = ['COURSE', 'EVENT', 'OPEN_SOURCE_PROJECT'] as const;
const day = (n: number) => new Date(Date.UTC(2024, 4, n, 12));
/**
 * Events count in every ordering, so every list asks for all of them: the fixture's events are in May
 * 2024, long past, and the lists show only upcoming events unless told otherwise.
 */
const EVERY_EVENT = 'filter: { eventTime: ANY }';

type SortValue = number | string | null;
interface Fixture {
  slug: string;
  id: string;
  values: Record<string, SortValue>;
}

let app: TestApp;
const fixtures: Fixture[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const { providerIds, skillIds } = await seedIngestionVocabulary();
  const ids = Array.from({ length: COUNT }, () => new Types.ObjectId());
  // ObjectIds made in one process count up: the ranks are the id order.
  expect(ids.map(String)).toEqual(ids.map(String).sort());
  const rows: RawResourceRow[] = ids.map((_id, rank) => {
    const kind = KINDS[rank % 3];
    const price = [10, null, 10, 25][rank % 4];
    return {
      _id,
      slug: `tie-${rank}`,
      kind,
      // Case differs, the sort key (`titleKey`) does not: nine resources share "same title".
      title: ['Same Title', 'same title', 'SAME TITLE', 'Other'][rank % 4],
      providerId: providerIds.udemy,
      skillIds: [skillIds.docker],
      createdAt: day(1 + (rank % 2)),
      free: price === null,
      priceAmount: price,
      priceCurrency: price === null ? null : 'USD',
      ...(kind === 'COURSE' ? { ratingAverage: [4.5, 4.5, null, 4.5][rank / 3] ?? undefined } : {}),
      ...(kind === 'EVENT' ? { startDate: rank === 10 ? day(20) : day(10), online: true } : {}),
      ...(kind === 'OPEN_SOURCE_PROJECT'
        ? { repositoryUrl: `https://github.com/example/tie-${rank}`, stars: rank === 8 ? undefined : 100 }
        : {}),
    };
  });
  await insertRawResources(STORAGE_ORDER.map((rank) => rows[rank]));
  for (const row of rows) {
    fixtures.push({
      slug: row.slug as string,
      id: String(row._id),
      values: {
        CREATED_AT: (row.createdAt as Date).getTime(),
        TITLE: row.title.toLowerCase(),
        PRICE: (row.priceAmount as number | null) ?? null,
        RATING: (row.ratingAverage as number | undefined) ?? null,
        START_DATE: (row.startDate as Date | undefined)?.getTime() ?? null,
        STARS: (row.stars as number | undefined) ?? null,
      },
    });
  }
});
afterAll(() => app?.stop());

/** The order the API promises, computed here: by value (missing values first when ascending), then by id, both in `direction`. */
function expectedOrder(field: string, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const compare = (a: SortValue, b: SortValue) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  return [...fixtures]
    .sort((a, b) => sign * (compare(a.values[field], b.values[field]) || compare(a.id, b.id)))
    .map((fixture) => fixture.slug);
}

const CONNECTION = `pageInfo { hasNextPage endCursor } edges { node { slug } }`;
interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { slug: string } }>;
}

/** The three lists ordered by `ResourceOrder`: the catalogue, a skill's resources and a provider's (one aggregation for many parents). */
const LISTS: Record<string, { query: string; pageOf: (data: UntypedJson) => Page }> = {
  resources: {
    query: `query($first: Int, $after: String, $orderBy: ResourceOrder) { resources(first: $first, after: $after, orderBy: $orderBy, ${EVERY_EVENT}) { ${CONNECTION} } }`,
    pageOf: (data) => data.resources,
  },
  'skill.resources': {
    query: `query($first: Int, $after: String, $orderBy: ResourceOrder) { skill(slug: "docker") { resources(first: $first, after: $after, orderBy: $orderBy, ${EVERY_EVENT}) { ${CONNECTION} } } }`,
    pageOf: (data) => data.skill.resources,
  },
  'provider.resources': {
    query: `query($first: Int, $after: String, $orderBy: ResourceOrder) { provider(slug: "udemy") { resources(first: $first, after: $after, orderBy: $orderBy, ${EVERY_EVENT}) { ${CONNECTION} } } }`,
    pageOf: (data) => data.provider.resources,
  },
};

/** Follows `endCursor` to the end and returns the slugs in the order the pages gave them. */
async function walk(
  query: string,
  pageOf: (data: UntypedJson) => Page,
  variables: Record<string, unknown>,
  pageSize: number,
): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages <= COUNT; pages += 1) {
    const page: Page = pageOf(dataOf(await app.graphql(query, { ...variables, first: pageSize, after })));
    slugs.push(...page.edges.map((edge) => edge.node.slug));
    if (!page.pageInfo.hasNextPage) return slugs;
    after = page.pageInfo.endCursor;
  }
  throw new Error(`more than ${COUNT} pages of ${pageSize}: the cursor does not advance`);
}

const ORDERINGS = ['CREATED_AT', 'TITLE', 'PRICE', 'RATING', 'START_DATE', 'STARS'].flatMap((field) => [
  [field, 'ASC'],
  [field, 'DESC'],
]) as Array<[string, 'ASC' | 'DESC']>;

describe.each(Object.keys(LISTS))('%s', (listName) => {
  it.each(ORDERINGS)('orders ties by id, and pages without repeats or gaps, by %s %s', async (field, direction) => {
    const expected = expectedOrder(field, direction);
    const { query, pageOf } = LISTS[listName];
    for (const pageSize of [1, 5]) {
      expect({ pageSize, slugs: await walk(query, pageOf, { orderBy: { field, direction } }, pageSize) }).toEqual({
        pageSize,
        slugs: expected,
      });
    }
  });
});

describe('search', () => {
  it('orders equal scores by id, and pages without repeats or gaps', async () => {
    const query = `query($first: Int, $after: String) { search(query: "docker ", first: $first, after: $after, ${EVERY_EVENT}) { ${CONNECTION} edges { score } } }`;
    const all = dataOf(await app.graphql(query, { first: 50 })).search;
    // Every resource teaches Docker, none has it in its text: one score for all.
    expect(new Set(all.edges.map((edge: { score: number }) => edge.score)).size).toBe(1);
    const byId = [...fixtures].sort((a, b) => (a.id < b.id ? -1 : 1)).map((fixture) => fixture.slug);
    for (const pageSize of [1, 5]) {
      expect({ pageSize, slugs: await walk(query, (data) => data.search, {}, pageSize) }).toEqual({ pageSize, slugs: byId });
    }
  });
});
