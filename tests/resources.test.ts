import { Types } from 'mongoose';
import { toGlobalId } from '../src/core/relay/global-id';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { resourceGlobalId, seedCatalog, type CatalogFixture, type FixtureResource } from './helpers/catalog-fixture';
import { dataOf, errorOf, startTestApp, type TestApp } from './helpers/test-app';

let app: TestApp;
let fixture: CatalogFixture;
beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedCatalog();
});
afterAll(() => app?.stop());

const ALL_SLUGS_COUNT = 15;

const LIST = `query($first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {
  resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ cursor: string; node: { slug: string } }>;
}

async function listPage(variables: Record<string, unknown>): Promise<Page> {
  return dataOf(await app.graphql(LIST, variables)).resources;
}

async function slugsOf(variables: Record<string, unknown>): Promise<string[]> {
  return (await listPage({ first: 100, ...variables })).edges.map((edge) => edge.node.slug);
}

/** Walks the whole list page by page, following `endCursor`. */
async function walk(variables: Record<string, unknown>, pageSize: number): Promise<{ slugs: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await listPage({ ...variables, first: pageSize, after });
    pages.push(page);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { slugs: pages.flatMap((page) => page.edges.map((edge) => edge.node.slug)), pages };
}

const SORT_KEYS: Record<string, (resource: FixtureResource) => number | string | null> = {
  CREATED_AT: (resource) => resource.createdAt.getTime(),
  TITLE: (resource) => resource.titleKey,
  PRICE: (resource) => resource.priceAmount ?? null,
  RATING: (resource) => resource.ratingAverage ?? null,
  START_DATE: (resource) => resource.startDate?.getTime() ?? null,
  STARS: (resource) => resource.stars ?? null,
};

/** The expected order, written independently of the server: missing values first when ascending, ties by id. */
function expectedOrder(resources: FixtureResource[], field: string, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const compareValues = (a: number | string | null, b: number | string | null): number => {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
  };
  return [...resources]
    .sort(
      (a, b) => sign * (compareValues(SORT_KEYS[field](a), SORT_KEYS[field](b)) || compareValues(a._id.toHexString(), b._id.toHexString())),
    )
    .map((resource) => resource.slug);
}

const sorted = (values: string[]) => [...values].sort();

/** Slugs ordered by their resources' ids: how ties are broken. */
function byId(direction: 'ASC' | 'DESC', ...slugs: string[]): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...slugs].sort((a, b) => sign * (fixture.bySlug[a]._id.toHexString() < fixture.bySlug[b]._id.toHexString() ? -1 : 1));
}

describe('Query.resource and the fields of each kind', () => {
  const FIELDS = `
    __typename id slug title url description kind level free language tags createdAt updatedAt
    price { amount currency }
    provider { slug name }
    skills { level skill { slug category { slug } } }
    source { feed externalId fetchedAt }
    ... on Course { durationMinutes certificate format rating { average count } }
    ... on OpenSourceProject { repositoryUrl primaryLanguage stars beginnerLabels license }
    ... on Event { startDate endDate city country online cfpUrl cfpDeadline }`;

  it('returns a course with every field', async () => {
    const { resource } = dataOf(await app.graphql(`query { resource(slug: "intro-js") { ${FIELDS} } }`));
    expect(resource).toEqual({
      __typename: 'Course',
      id: resourceGlobalId(fixture.bySlug['intro-js']),
      slug: 'intro-js',
      title: 'Intro to JavaScript',
      url: 'https://example.com/intro-js',
      description: 'About Intro to JavaScript.',
      kind: 'COURSE',
      level: 'BEGINNER',
      free: true,
      language: 'en',
      tags: ['web', 'frontend'],
      createdAt: '2024-01-01T12:00:00.000Z',
      updatedAt: '2024-01-01T12:00:00.000Z',
      price: null,
      provider: { slug: 'coursera', name: 'Coursera' },
      skills: [{ level: 'BEGINNER', skill: { slug: 'javascript', category: { slug: 'programming-languages' } } }],
      source: { feed: 'fixture', externalId: 'intro-js', fetchedAt: '2024-01-01T12:00:00.000Z' },
      durationMinutes: 600,
      certificate: 'FREE',
      format: 'video',
      rating: { average: 4.5, count: 1000 },
    });
    expect(Buffer.from(resource.id, 'base64url').toString()).toBe(`Course:${fixture.bySlug['intro-js']._id.toHexString()}`);
  });

  it('returns a paid course without a rating', async () => {
    const { resource } = dataOf(await app.graphql(`query { resource(slug: "postgres-beginners") { ${FIELDS} } }`));
    expect(resource).toMatchObject({
      price: { amount: 19.99, currency: 'USD' },
      rating: null,
      durationMinutes: null,
      certificate: null,
      skills: [
        { level: 'BEGINNER', skill: { slug: 'postgresql', category: { slug: 'databases' } } },
        { level: null, skill: { slug: 'python', category: { slug: 'programming-languages' } } },
      ],
    });
  });

  it('returns an open-source project with every field', async () => {
    const { resource } = dataOf(await app.graphql(`query { resource(slug: "express") { ${FIELDS} } }`));
    expect(resource).toMatchObject({
      __typename: 'OpenSourceProject',
      id: toGlobalId('OpenSourceProject', fixture.bySlug.express._id),
      kind: 'OPEN_SOURCE_PROJECT',
      level: null,
      repositoryUrl: 'https://github.com/expressjs/express',
      primaryLanguage: 'JavaScript',
      stars: 65000,
      beginnerLabels: ['good first issue'],
      license: 'MIT',
      provider: { slug: 'github', name: 'GitHub' },
    });
    const bare = dataOf(await app.graphql(`query { resource(slug: "tiny-docker-tool") { ${FIELDS} } }`)).resource;
    expect(bare).toMatchObject({ primaryLanguage: null, stars: null, beginnerLabels: [], license: null });
  });

  it('returns an event with every field', async () => {
    const { resource } = dataOf(await app.graphql(`query { resource(slug: "jsconf-eu") { ${FIELDS} } }`));
    expect(resource).toMatchObject({
      __typename: 'Event',
      id: toGlobalId('Event', fixture.bySlug['jsconf-eu']._id),
      kind: 'EVENT',
      price: { amount: 300, currency: 'EUR' },
      startDate: '2025-06-02',
      endDate: '2025-06-03',
      city: 'Berlin',
      country: 'Germany',
      online: false,
      cfpUrl: 'https://jsconf.eu/cfp',
      cfpDeadline: '2025-03-01',
    });
    const online = dataOf(await app.graphql(`query { resource(slug: "kubecon-online") { ${FIELDS} } }`)).resource;
    expect(online).toMatchObject({ online: true, city: null, country: null, cfpUrl: null, cfpDeadline: null, endDate: '2025-11-13' });
  });

  it('returns null for an unknown slug', async () => {
    expect(dataOf(await app.graphql(`query { resource(slug: "no-such-thing") { slug } }`)).resource).toBeNull();
  });
});

describe('Query.resources ordering and pagination', () => {
  it('defaults to newest first (CREATED_AT DESC) with 20 per page', async () => {
    const page = await listPage({});
    expect(page.totalCount).toBe(ALL_SLUGS_COUNT);
    expect(page.edges.map((edge) => edge.node.slug)).toEqual(expectedOrder(fixture.resources, 'CREATED_AT', 'DESC'));
    expect(page.edges.slice(0, 1).map((edge) => edge.node.slug)).toEqual(['postgres-meetup']);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: page.edges[0].cursor,
      endCursor: page.edges[14].cursor,
    });
  });

  it('orders by rating with unrated resources last (DESC) or first (ASC), ties by id', async () => {
    const best = await slugsOf({ orderBy: { field: 'RATING' } });
    // 4.7, 4.7, 4.5, 4.5, 3.9, then the ten resources without a rating.
    expect(best.slice(0, 5)).toEqual([
      ...byId('DESC', 'advanced-python', 'python-pipelines'),
      ...byId('DESC', 'intro-js', 'docker-deep-dive'),
      'kubernetes-in-action',
    ]);
    expect(best.slice(5)).toEqual(
      byId('DESC', ...fixture.resources.filter((resource) => resource.ratingAverage === undefined).map((resource) => resource.slug)),
    );
    const worst = await slugsOf({ orderBy: { field: 'RATING', direction: 'ASC' } });
    expect(worst.slice(10)).toEqual([
      'kubernetes-in-action',
      ...byId('ASC', 'intro-js', 'docker-deep-dive'),
      ...byId('ASC', 'advanced-python', 'python-pipelines'),
    ]);
  });

  it('orders by title case-insensitively', async () => {
    expect(await slugsOf({ orderBy: { field: 'TITLE' } })).toEqual([
      'advanced-python', // advanced python
      'django', // django/django
      'docker-deep-dive', // docker deep dive
      'express', // expressjs/express
      'intro-js', // intro to javascript
      'js-testing', // javascript testing
      'jsconf-eu', // jsconf eu
      'kubecon-online', // kubecon online
      'kubernetes-in-action', // kubernetes in action
      'pg-utils', // pg-utils
      'postgres-meetup', // postgres meetup
      'postgres-beginners', // postgresql for beginners
      'pycon-us', // pycon us
      'python-pipelines', // python data pipelines
      'tiny-docker-tool', // tiny-docker-tool
    ]);
  });

  const ORDERINGS = ['CREATED_AT', 'TITLE', 'PRICE', 'RATING', 'START_DATE', 'STARS'].flatMap((field) => [
    [field, 'ASC'],
    [field, 'DESC'],
  ]) as Array<[string, 'ASC' | 'DESC']>;

  it.each(ORDERINGS)('pages through the whole list by %s %s without skipping or repeating', async (field, direction) => {
    const expected = expectedOrder(fixture.resources, field, direction);
    for (const pageSize of [1, 4]) {
      const { slugs, pages } = await walk({ orderBy: { field, direction } }, pageSize);
      expect(slugs).toEqual(expected);
      expect(new Set(slugs).size).toBe(ALL_SLUGS_COUNT);
      expect(pages).toHaveLength(Math.ceil(ALL_SLUGS_COUNT / pageSize));
      expect(pages.every((page) => page.totalCount === ALL_SLUGS_COUNT)).toBe(true);
      expect(pages.map((page) => page.pageInfo.hasPreviousPage)).toEqual(pages.map((_, index) => index > 0));
    }
  });

  it('uses the natural direction of each field when none is given', async () => {
    const natural: Record<string, 'ASC' | 'DESC'> = {
      CREATED_AT: 'DESC',
      TITLE: 'ASC',
      PRICE: 'ASC',
      RATING: 'DESC',
      START_DATE: 'ASC',
      STARS: 'DESC',
    };
    for (const [field, direction] of Object.entries(natural)) {
      expect(await slugsOf({ orderBy: { field } })).toEqual(expectedOrder(fixture.resources, field, direction));
    }
  });

  it('pages through a filtered ordering', async () => {
    const { slugs, pages } = await walk({ filter: { kinds: ['EVENT'] }, orderBy: { field: 'START_DATE', direction: 'ASC' } }, 2);
    expect(slugs).toEqual(['pycon-us', ...byId('ASC', 'jsconf-eu', 'postgres-meetup'), 'kubecon-online']);
    expect(pages.map((page) => [page.totalCount, page.pageInfo.hasNextPage])).toEqual([
      [4, true],
      [4, false],
    ]);
  });

  it('ends exactly on the last page and returns an empty page after it', async () => {
    const { pages } = await walk({}, 5);
    expect(pages.map((page) => page.edges.length)).toEqual([5, 5, 5]);
    expect(pages[2].pageInfo.hasNextPage).toBe(false);
    const after = await listPage({ first: 5, after: pages[2].pageInfo.endCursor });
    expect(after).toEqual({
      totalCount: ALL_SLUGS_COUNT,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  it('returns an empty connection when nothing matches', async () => {
    expect(await listPage({ filter: { tags: ['no-such-tag'] } })).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('refuses page sizes outside 1–100', async () => {
    for (const first of [0, 101, -1]) {
      expect(errorOf(await app.graphql(LIST, { first }))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    }
    expect((await listPage({ first: 100 })).edges).toHaveLength(ALL_SLUGS_COUNT);
  });

  it('refuses a malformed cursor', async () => {
    for (const after of ['not-a-cursor', 'Zm9v', Buffer.from('[1,"CREATED_AT_DESC",null,"zz"]').toString('base64url'), '!!!']) {
      expect(errorOf(await app.graphql(LIST, { after }))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    }
  });

  it('refuses a cursor of another ordering or direction', async () => {
    const byTitle = await listPage({ first: 2, orderBy: { field: 'TITLE' } });
    const titleCursor = byTitle.pageInfo.endCursor;
    expect(errorOf(await app.graphql(LIST, { after: titleCursor, orderBy: { field: 'RATING' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'after',
    });
    expect(errorOf(await app.graphql(LIST, { after: titleCursor }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(await app.graphql(LIST, { after: titleCursor, orderBy: { field: 'TITLE', direction: 'DESC' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      (await listPage({ first: 2, after: titleCursor, orderBy: { field: 'TITLE', direction: 'ASC' } })).edges.map((edge) => edge.node.slug),
    ).toEqual(['docker-deep-dive', 'express']);
  });
});

describe('Query.resources filters', () => {
  const cases: Array<[string, () => Record<string, unknown>, string[]]> = [
    ['kinds (one)', () => ({ kinds: ['EVENT'] }), ['jsconf-eu', 'pycon-us', 'kubecon-online', 'postgres-meetup']],
    [
      'kinds (two)',
      () => ({ kinds: ['OPEN_SOURCE_PROJECT', 'EVENT'] }),
      ['express', 'django', 'tiny-docker-tool', 'pg-utils', 'jsconf-eu', 'pycon-us', 'kubecon-online', 'postgres-meetup'],
    ],
    [
      'providers (one)',
      () => ({ providers: [fixture.ids.provider.udemy] }),
      ['advanced-python', 'postgres-beginners', 'kubernetes-in-action'],
    ],
    [
      'providers (two)',
      () => ({ providers: [fixture.ids.provider.udemy, fixture.ids.provider.confs] }),
      ['advanced-python', 'postgres-beginners', 'kubernetes-in-action', 'jsconf-eu', 'pycon-us', 'kubecon-online', 'postgres-meetup'],
    ],
    [
      'skills (one)',
      () => ({ skills: [fixture.ids.skill.postgresql] }),
      ['postgres-beginners', 'python-pipelines', 'pg-utils', 'postgres-meetup'],
    ],
    [
      'skills ANY (explicit)',
      () => ({ skills: [fixture.ids.skill.docker, fixture.ids.skill.kubernetes], skillsMatch: 'ANY' }),
      ['docker-deep-dive', 'kubernetes-in-action', 'tiny-docker-tool', 'kubecon-online'],
    ],
    [
      'skills ANY (default)',
      () => ({ skills: [fixture.ids.skill.docker, fixture.ids.skill.kubernetes] }),
      ['docker-deep-dive', 'kubernetes-in-action', 'tiny-docker-tool', 'kubecon-online'],
    ],
    [
      'skills ALL',
      () => ({ skills: [fixture.ids.skill.docker, fixture.ids.skill.kubernetes], skillsMatch: 'ALL' }),
      ['docker-deep-dive', 'kubernetes-in-action', 'kubecon-online'],
    ],
    [
      'skills ALL (other pair)',
      () => ({ skills: [fixture.ids.skill.python, fixture.ids.skill.postgresql], skillsMatch: 'ALL' }),
      ['postgres-beginners', 'python-pipelines'],
    ],
    ['skills ANY of none', () => ({ skills: [] }), []],
    ['levels (one)', () => ({ levels: ['BEGINNER'] }), ['intro-js', 'postgres-beginners', 'tiny-docker-tool']],
    [
      'levels (two)',
      () => ({ levels: ['ADVANCED', 'INTERMEDIATE'] }),
      ['advanced-python', 'docker-deep-dive', 'kubernetes-in-action', 'python-pipelines'],
    ],
    [
      'free: true',
      () => ({ free: true }),
      ['intro-js', 'js-testing', 'express', 'django', 'tiny-docker-tool', 'pg-utils', 'kubecon-online', 'postgres-meetup'],
    ],
    [
      'free: false',
      () => ({ free: false }),
      ['advanced-python', 'postgres-beginners', 'docker-deep-dive', 'kubernetes-in-action', 'python-pipelines', 'jsconf-eu', 'pycon-us'],
    ],
    [
      'maxPrice 30',
      () => ({ maxPrice: 30 }),
      [
        'intro-js',
        'js-testing',
        'express',
        'django',
        'tiny-docker-tool',
        'pg-utils',
        'kubecon-online',
        'postgres-meetup',
        'postgres-beginners',
        'python-pipelines',
      ],
    ],
    [
      'maxPrice 0',
      () => ({ maxPrice: 0 }),
      ['intro-js', 'js-testing', 'express', 'django', 'tiny-docker-tool', 'pg-utils', 'kubecon-online', 'postgres-meetup'],
    ],
    [
      'maxPrice 49.99 (inclusive)',
      () => ({ maxPrice: 49.99, free: false }),
      ['advanced-python', 'postgres-beginners', 'docker-deep-dive', 'python-pipelines'],
    ],
    ['minRating 4.5 (inclusive)', () => ({ minRating: 4.5 }), ['intro-js', 'advanced-python', 'docker-deep-dive', 'python-pipelines']],
    ['minRating 4.6', () => ({ minRating: 4.6 }), ['advanced-python', 'python-pipelines']],
    [
      'minRating 0 keeps only rated',
      () => ({ minRating: 0 }),
      ['intro-js', 'advanced-python', 'docker-deep-dive', 'kubernetes-in-action', 'python-pipelines'],
    ],
    ['languages (case-insensitive)', () => ({ languages: ['es', 'DE'] }), ['postgres-beginners', 'kubernetes-in-action']],
    ['languages (one)', () => ({ languages: ['fr'] }), ['python-pipelines', 'postgres-meetup']],
    ['startsAfter (inclusive)', () => ({ startsAfter: '2025-06-02' }), ['jsconf-eu', 'kubecon-online', 'postgres-meetup']],
    ['startsBefore (inclusive)', () => ({ startsBefore: '2025-06-02' }), ['pycon-us', 'jsconf-eu', 'postgres-meetup']],
    ['startsAfter + startsBefore', () => ({ startsAfter: '2025-06-01', startsBefore: '2025-06-02' }), ['jsconf-eu', 'postgres-meetup']],
    ['startsAfter = startsBefore', () => ({ startsAfter: '2025-05-14', startsBefore: '2025-05-14' }), ['pycon-us']],
    ['online: true', () => ({ online: true }), ['kubecon-online']],
    ['online: false (events only)', () => ({ online: false }), ['jsconf-eu', 'pycon-us', 'postgres-meetup']],
    ['tags (one)', () => ({ tags: ['devops'] }), ['docker-deep-dive', 'kubernetes-in-action', 'tiny-docker-tool', 'kubecon-online']],
    [
      'tags (any of two, case-insensitive)',
      () => ({ tags: ['cloud', 'DATA'] }),
      ['kubernetes-in-action', 'kubecon-online', 'python-pipelines'],
    ],
    [
      'empty filter',
      () => ({}),
      [
        'intro-js',
        'advanced-python',
        'postgres-beginners',
        'docker-deep-dive',
        'kubernetes-in-action',
        'js-testing',
        'python-pipelines',
        'express',
        'django',
        'tiny-docker-tool',
        'pg-utils',
        'jsconf-eu',
        'pycon-us',
        'kubecon-online',
        'postgres-meetup',
      ],
    ],
    [
      'combined: paid rated courses up to 50',
      () => ({ kinds: ['COURSE'], free: false, maxPrice: 50, minRating: 4 }),
      ['advanced-python', 'docker-deep-dive', 'python-pipelines'],
    ],
    [
      'combined: skill and providers',
      () => ({ skills: [fixture.ids.skill.python], providers: [fixture.ids.provider.coursera, fixture.ids.provider.confs] }),
      ['python-pipelines', 'pycon-us'],
    ],
    [
      'combined: tag, language and kind',
      () => ({ tags: ['backend'], languages: ['en'], kinds: ['OPEN_SOURCE_PROJECT'] }),
      ['express', 'django'],
    ],
    [
      'combined: free in-person events in June',
      () => ({ free: true, online: false, startsAfter: '2025-06-01', startsBefore: '2025-06-30' }),
      ['postgres-meetup'],
    ],
    [
      'combined: skills ALL and levels',
      () => ({ skills: [fixture.ids.skill.docker, fixture.ids.skill.kubernetes], skillsMatch: 'ALL', levels: ['ADVANCED'] }),
      ['kubernetes-in-action'],
    ],
  ];

  it.each(cases)('%s', async (_name, filter, expected) => {
    const page = await listPage({ first: 100, filter: filter() });
    expect(sorted(page.edges.map((edge) => edge.node.slug))).toEqual(sorted(expected));
    expect(page.totalCount).toBe(expected.length);
  });

  it('keeps the order within a filter and pages through it', async () => {
    const { slugs, pages } = await walk({ filter: { free: true }, orderBy: { field: 'TITLE' } }, 3);
    expect(slugs).toEqual([
      'django',
      'express',
      'intro-js',
      'js-testing',
      'kubecon-online',
      'pg-utils',
      'postgres-meetup',
      'tiny-docker-tool',
    ]);
    expect(pages.map((page) => page.edges.length)).toEqual([3, 3, 2]);
  });

  const invalid: Array<[string, () => Record<string, unknown>, string]> = [
    ['a negative maxPrice', () => ({ maxPrice: -1 }), 'filter.maxPrice'],
    ['a minRating above 5', () => ({ minRating: 5.5 }), 'filter.minRating'],
    ['a negative minRating', () => ({ minRating: -0.1 }), 'filter.minRating'],
    ['startsAfter later than startsBefore', () => ({ startsAfter: '2025-06-03', startsBefore: '2025-06-02' }), 'filter.startsAfter'],
    ['more than 100 providers', () => ({ providers: Array.from({ length: 101 }, () => fixture.ids.provider.udemy) }), 'filter.providers'],
    ['more than 100 skills', () => ({ skills: Array.from({ length: 101 }, () => fixture.ids.skill.python) }), 'filter.skills'],
    ['more than 100 tags', () => ({ tags: Array.from({ length: 101 }, (_, index) => `tag-${index}`) }), 'filter.tags'],
    ['more than 100 languages', () => ({ languages: Array.from({ length: 101 }, () => 'en') }), 'filter.languages'],
    [
      'a skill id among the providers',
      () => ({ providers: [fixture.ids.provider.udemy, fixture.ids.skill.python] }),
      'filter.providers[1]',
    ],
    ['a malformed skill id', () => ({ skills: ['not-an-id'] }), 'filter.skills[0]'],
  ];

  it.each(invalid)('refuses %s with BAD_USER_INPUT naming the field', async (_name, filter, argumentName) => {
    const error = errorOf(await app.graphql(LIST, { filter: filter() }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(error.message).toContain(argumentName);
  });

  it('accepts exactly 100 ids', async () => {
    expect(await slugsOf({ filter: { providers: Array.from({ length: 100 }, () => fixture.ids.provider.udemy) } })).toHaveLength(3);
  });

  it('refuses an unknown enum value or a malformed date in the schema layer', async () => {
    expect(errorOf(await app.graphql(LIST, { filter: { kinds: ['PODCAST'] } })).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await app.graphql(LIST, { filter: { startsAfter: '2025-13-45' } })).code).toBe('BAD_USER_INPUT');
  });

  it('treats operator-looking strings as plain values', async () => {
    expect(await slugsOf({ filter: { tags: ['{"$ne": null}'], languages: ['$gt'] } })).toEqual([]);
  });
});

describe('node and nodes', () => {
  it('fetches each kind by its global id', async () => {
    const ids = ['intro-js', 'express', 'jsconf-eu'].map((slug) => resourceGlobalId(fixture.bySlug[slug]));
    const query = `query($id: ID!, $ids: [ID!]!) {
      node(id: $id) { __typename id ... on Resource { slug provider { slug } } }
      nodes(ids: $ids) { __typename id ... on Course { rating { average } } ... on OpenSourceProject { stars } ... on Event { startDate } }
    }`;
    const data = dataOf(await app.graphql(query, { id: ids[2], ids: [...ids, toGlobalId('Course', new Types.ObjectId())] }));
    expect(data.node).toEqual({ __typename: 'Event', id: ids[2], slug: 'jsconf-eu', provider: { slug: 'confs-tech' } });
    expect(data.nodes).toEqual([
      { __typename: 'Course', id: ids[0], rating: { average: 4.5 } },
      { __typename: 'OpenSourceProject', id: ids[1], stars: 65000 },
      { __typename: 'Event', id: ids[2], startDate: '2025-06-02' },
      null,
    ]);
  });

  it('returns null for an id whose type does not match the resource', async () => {
    const eventHex = fixture.bySlug['pycon-us']._id;
    const data = dataOf(
      await app.graphql(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, {
        a: toGlobalId('Course', eventHex),
        b: toGlobalId('OpenSourceProject', eventHex),
      }),
    );
    expect(data).toEqual({ a: null, b: null });
  });
});

describe('Skill.resources and Provider.resources', () => {
  const SKILL_RESOURCES = `query($ids: [ID!]!, $first: Int, $after: String, $filter: ResourceFilter, $orderBy: ResourceOrder) {
    nodes(ids: $ids) { ... on Skill { slug resources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { slug } } } } }
  }`;

  /** One skill's page of resources, as SKILL_RESOURCES selects it. */
  interface SkillNode {
    slug: string;
    resources: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { slug: string } }>;
    };
  }

  async function skillPages(skills: string[], variables: Record<string, unknown> = {}) {
    const data = dataOf(
      await app.graphql<{ nodes: SkillNode[] }>(SKILL_RESOURCES, { ids: skills.map((skill) => fixture.ids.skill[skill]), ...variables }),
    );
    return data.nodes.map((node) => ({
      skill: node.slug,
      totalCount: node.resources.totalCount,
      hasNextPage: node.resources.pageInfo.hasNextPage,
      endCursor: node.resources.pageInfo.endCursor,
      slugs: node.resources.edges.map((edge) => edge.node.slug),
    }));
  }

  it("lists each skill's resources, ordered, for several skills at once", async () => {
    const pages = await skillPages(['python', 'docker', 'javascript'], { orderBy: { field: 'TITLE' } });
    expect(pages.map(({ skill, slugs, totalCount }) => ({ skill, slugs, totalCount }))).toEqual([
      { skill: 'python', slugs: ['advanced-python', 'django', 'postgres-beginners', 'pycon-us', 'python-pipelines'], totalCount: 5 },
      { skill: 'docker', slugs: ['docker-deep-dive', 'kubecon-online', 'kubernetes-in-action', 'tiny-docker-tool'], totalCount: 4 },
      { skill: 'javascript', slugs: ['express', 'intro-js', 'js-testing', 'jsconf-eu'], totalCount: 4 },
    ]);
  });

  it('defaults to newest first, like Query.resources', async () => {
    const [python] = await skillPages(['python']);
    const expected = expectedOrder(
      fixture.resources.filter((resource) => resource.skillIds.some((id: Types.ObjectId) => id.equals(fixture.skillIds.python))),
      'CREATED_AT',
      'DESC',
    );
    expect(python.slugs).toEqual(expected);
  });

  it("filters and pages each skill's list", async () => {
    const first = await skillPages(['python', 'postgresql'], { first: 2, filter: { kinds: ['COURSE'] }, orderBy: { field: 'TITLE' } });
    expect(first.map(({ skill, slugs, totalCount, hasNextPage }) => ({ skill, slugs, totalCount, hasNextPage }))).toEqual([
      { skill: 'python', slugs: ['advanced-python', 'postgres-beginners'], totalCount: 3, hasNextPage: true },
      { skill: 'postgresql', slugs: ['postgres-beginners', 'python-pipelines'], totalCount: 2, hasNextPage: false },
    ]);
    const [next] = await skillPages(['python'], {
      first: 2,
      after: first[0].endCursor,
      filter: { kinds: ['COURSE'] },
      orderBy: { field: 'TITLE' },
    });
    expect(next).toMatchObject({ slugs: ['python-pipelines'], totalCount: 3, hasNextPage: false });
  });

  it('applies every filter field inside the relation', async () => {
    const [docker] = await skillPages(['docker'], { filter: { skills: [fixture.ids.skill.kubernetes], skillsMatch: 'ALL', free: false } });
    expect(sorted(docker.slugs)).toEqual(['docker-deep-dive', 'kubernetes-in-action']);
    const [javascript] = await skillPages(['javascript'], { filter: { online: false } });
    expect(javascript.slugs).toEqual(['jsconf-eu']);
  });

  it("walks a skill's list by rating without skipping or repeating", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard += 1) {
      const [python] = await skillPages(['python'], { first: 2, after, orderBy: { field: 'RATING' } });
      seen.push(...python.slugs);
      if (!python.hasNextPage) break;
      after = python.endCursor;
    }
    const expected = expectedOrder(
      fixture.resources.filter((resource) => resource.skillIds.some((id: Types.ObjectId) => id.equals(fixture.skillIds.python))),
      'RATING',
      'DESC',
    );
    expect(seen).toEqual(expected);
    expect(seen.slice(0, 2).sort()).toEqual(['advanced-python', 'python-pipelines']);
  });

  it('returns an empty page for a skill without resources under the filter', async () => {
    const [kubernetes] = await skillPages(['kubernetes'], { filter: { languages: ['ja'] } });
    expect(kubernetes).toEqual({ skill: 'kubernetes', slugs: [], totalCount: 0, hasNextPage: false, endCursor: null });
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    expect(errorOf(await app.graphql(SKILL_RESOURCES, { ids: [fixture.ids.skill.python], first: 101 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'first',
    });
    expect(errorOf(await app.graphql(SKILL_RESOURCES, { ids: [fixture.ids.skill.python], filter: { minRating: 9 } }))).toMatchObject({
      argumentName: 'filter.minRating',
    });
    expect(errorOf(await app.graphql(SKILL_RESOURCES, { ids: [fixture.ids.skill.python], after: 'bogus' }))).toMatchObject({
      argumentName: 'after',
    });
  });

  it('lists a resource once per skill even when a feed listed the skill twice', async () => {
    const twice = fixture.bySlug['tiny-docker-tool'];
    await ResourceModel.collection.updateOne(
      { _id: twice._id },
      { $set: { skillIds: [fixture.skillIds.docker, fixture.skillIds.docker] } },
    );
    try {
      const [docker] = await skillPages(['docker'], { filter: { kinds: ['OPEN_SOURCE_PROJECT'] } });
      expect(docker).toMatchObject({ slugs: ['tiny-docker-tool'], totalCount: 1 });
    } finally {
      await ResourceModel.collection.updateOne({ _id: twice._id }, { $set: { skillIds: [fixture.skillIds.docker] } });
    }
  });

  it("lists a provider's resources with filters and ordering", async () => {
    const query = `query($filter: ResourceFilter, $orderBy: ResourceOrder) {
      udemy: provider(slug: "udemy") { resources(filter: $filter, orderBy: $orderBy) { totalCount edges { node { slug } } } }
      github: provider(slug: "github") { resources(first: 2, orderBy: { field: STARS }) { totalCount pageInfo { hasNextPage } edges { node { slug ... on OpenSourceProject { stars } } } } }
      confs: provider(slug: "confs-tech") { resources(filter: { online: true }) { totalCount edges { node { slug } } } }
    }`;
    const all = dataOf(await app.graphql(query, { orderBy: { field: 'PRICE', direction: 'DESC' } }));
    expect(all.udemy.resources).toEqual({
      totalCount: 3,
      edges: ['kubernetes-in-action', 'advanced-python', 'postgres-beginners'].map((slug) => ({ node: { slug } })),
    });
    expect(all.github.resources.totalCount).toBe(4);
    expect(all.github.resources.pageInfo.hasNextPage).toBe(true);
    expect(all.github.resources.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { slug: 'django', stars: 80000 },
      { slug: byId('DESC', 'express', 'pg-utils')[0], stars: 65000 },
    ]);
    expect(all.confs.resources).toEqual({ totalCount: 1, edges: [{ node: { slug: 'kubecon-online' } }] });

    const rated = dataOf(await app.graphql(query, { filter: { minRating: 4 } }));
    expect(rated.udemy.resources).toEqual({ totalCount: 1, edges: [{ node: { slug: 'advanced-python' } }] });
  });

  it("lists every provider's resources in one query through providers", async () => {
    const data = dataOf(
      await app.graphql(`query { providers { edges { node { slug resources(first: 100) { totalCount edges { node { slug } } } } } } }`),
    );
    const byProvider = Object.fromEntries(
      data.providers.edges.map((edge: { node: { slug: string; resources: { edges: Array<{ node: { slug: string } }> } } }) => [
        edge.node.slug,
        sorted(edge.node.resources.edges.map((inner) => inner.node.slug)),
      ]),
    );
    expect(byProvider).toEqual({
      'confs-tech': sorted(['jsconf-eu', 'pycon-us', 'kubecon-online', 'postgres-meetup']),
      coursera: sorted(['intro-js', 'docker-deep-dive', 'js-testing', 'python-pipelines']),
      github: sorted(['express', 'django', 'tiny-docker-tool', 'pg-utils']),
      udemy: sorted(['advanced-python', 'postgres-beginners', 'kubernetes-in-action']),
    });
  });
});
