import { SOURCE_ADAPTERS } from '../src/modules/ingestion/sources';
import { IngestionService, type IngestionReport } from '../src/modules/ingestion/ingestion.service';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { resourceGlobalId } from './helpers/catalog-fixture';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { cacheStores, dataOf, startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * A full feed that stops listing a URL another feed owns leaves that resource's `alsoListedBy`, and
 * only that: the resource stays (owned and written by the first feed, not retired), and every cached
 * read of it shows the change at once. Both stores.
 */
const GITHUB_FEED = {
  total_count: 2,
  incomplete_results: false,
  items: [
    {
      id: 1,
      full_name: 'freeCodeCamp/freeCodeCamp',
      html_url: 'https://github.com/freeCodeCamp/freeCodeCamp',
      description: 'Learn to code.',
      language: 'TypeScript',
      stargazers_count: 410000,
      license: null,
      topics: ['javascript'],
    },
    {
      id: 2,
      full_name: 'kubernetes/kubernetes',
      html_url: 'https://github.com/kubernetes/kubernetes',
      description: 'Container scheduling.',
      language: 'Go',
      stargazers_count: 114000,
      license: null,
      topics: ['kubernetes'],
    },
  ],
};
const FREE_CODE_CAMP = {
  name: 'freeCodeCamp',
  link: 'https://www.github.com/freeCodeCamp/freeCodeCamp/',
  label: 'first-timers-only',
  technologies: ['JavaScript'],
  description: 'Learn to code for free.',
};
const KUBERNETES = {
  name: 'Kubernetes',
  link: 'http://github.com/kubernetes/kubernetes',
  label: 'good first issue',
  technologies: ['Go'],
  description: 'Production-grade containers.',
};
const DJANGO = {
  name: 'Django',
  link: 'https://github.com/django/django',
  label: 'easy pickings',
  technologies: ['Python'],
  description: 'The web framework for perfectionists.',
};

describe.each(cacheStores('t_feed_listing'))('a full feed that drops a listing, with the %s', (_storeName, environment) => {
  let app: TestApp;
  let ingestion: IngestionService;

  beforeAll(async () => {
    app = await startTestApp(environment());
    await seedIngestionVocabulary();
    ingestion = new IngestionService(app.entityChanges);
  });

  afterAll(async () => {
    await app?.caches.invalidation.flushAll();
    await app?.stop();
  });

  function ingest(source: 'github' | 'awesome-for-beginners', document: unknown): Promise<IngestionReport> {
    const adapter = SOURCE_ADAPTERS[source];
    return ingestion.ingest(
      adapter.feed,
      adapter.read([{ name: source === 'github' ? 'github.json' : 'data.json', text: JSON.stringify(document) }]),
      { full: true, allowMassRetire: true },
    );
  }

  const BY_ID = `query Sources($id: ID!) { node(id: $id) { ... on OpenSourceProject { url sources { feed externalId } } } }`;
  const LISTED = `query Listed { resources(first: 50, filter: { kinds: [OPEN_SOURCE_PROJECT] }) { edges { node { url sources { feed } } } } }`;

  async function read(query: string, variables?: Record<string, unknown>) {
    const { result, commands } = await app.countDatabaseCommands(() => app.graphql(query, variables));
    return { data: dataOf(result), commands };
  }

  const feedsOf = (listed: UntypedJson, url: string) =>
    listed.resources.edges
      .find((edge: { node: { url: string } }) => edge.node.url === url)
      ?.node.sources.map((source: { feed: string }) => source.feed);

  it('drops the listing, keeps the resource with its owner, and purges every cached read of it', async () => {
    expect(await ingest('github', GITHUB_FEED)).toMatchObject({ created: 2, listed: 0 });
    expect(await ingest('awesome-for-beginners', { repositories: [FREE_CODE_CAMP, KUBERNETES, DJANGO] })).toMatchObject({
      created: 1,
      listed: 2,
    });
    const freeCodeCamp = (await ResourceModel.findOne({
      'source.feed': 'github',
      'source.externalId': 'freecodecamp/freecodecamp',
    }).lean())!;
    const kubernetes = (await ResourceModel.findOne({ 'source.feed': 'github', 'source.externalId': 'kubernetes/kubernetes' }).lean())!;
    expect(freeCodeCamp.alsoListedBy?.map((source) => source.feed)).toEqual(['awesome-for-beginners']);
    const id = resourceGlobalId(freeCodeCamp);
    const url = freeCodeCamp.url;

    // Both reads cached: by id (entity and response caches) and as a list.
    const before = { byId: await read(BY_ID, { id }), listed: await read(LISTED) };
    expect(before.byId.data.node.sources.map((source: { feed: string }) => source.feed)).toEqual(['github', 'awesome-for-beginners']);
    expect(feedsOf(before.listed.data, url)).toEqual(['github', 'awesome-for-beginners']);
    expect((await read(BY_ID, { id })).commands).toBe(0);
    expect((await read(LISTED)).commands).toBe(0);

    // The full feed lists Kubernetes and Django again, freeCodeCamp no more.
    const report = await ingest('awesome-for-beginners', { repositories: [KUBERNETES, DJANGO] });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 1, listed: 1, retired: 0 });

    const stored = (await ResourceModel.findById(freeCodeCamp._id).lean())!;
    expect(stored.alsoListedBy ?? []).toEqual([]);
    expect(stored.retiredAt).toBeUndefined();
    expect(stored.source).toMatchObject({ feed: 'github', externalId: 'freecodecamp/freecodecamp' });
    // The other listing of the same feed stays.
    expect((await ResourceModel.findById(kubernetes._id).lean())!.alsoListedBy?.map((source) => source.feed)).toEqual([
      'awesome-for-beginners',
    ]);

    expect((await read(BY_ID, { id })).data.node).toEqual({ url, sources: [{ feed: 'github', externalId: 'freecodecamp/freecodecamp' }] });
    const listed = (await read(LISTED)).data;
    expect(feedsOf(listed, url)).toEqual(['github']);
    expect(feedsOf(listed, kubernetes.url)).toEqual(['github', 'awesome-for-beginners']);

    // Listed again: the feed is back among the sources, in every cached read too.
    expect(await ingest('awesome-for-beginners', { repositories: [FREE_CODE_CAMP, KUBERNETES, DJANGO] })).toMatchObject({
      created: 0,
      listed: 2,
      retired: 0,
    });
    expect((await read(BY_ID, { id })).data.node.sources.map((source: { feed: string }) => source.feed)).toEqual([
      'github',
      'awesome-for-beginners',
    ]);
    expect(feedsOf((await read(LISTED)).data, url)).toEqual(['github', 'awesome-for-beginners']);
  });

  it('retires nothing of another feed when the listing feed is emptied', async () => {
    // Whatever ran before: GitHub owns two resources, the listing feed lists both and owns Django.
    await ingest('github', GITHUB_FEED);
    expect(await ingest('awesome-for-beginners', { repositories: [FREE_CODE_CAMP, KUBERNETES, DJANGO] })).toMatchObject({
      listed: 2,
      retired: 0,
    });
    const report = await ingest('awesome-for-beginners', { repositories: [] });
    // Only Django, the feed's own resource, is retired; the GitHub resources lose the listing and stay.
    expect(report.retired).toBe(1);
    const github = await ResourceModel.find({ 'source.feed': 'github' }).lean();
    expect(github.map((resource) => [resource.retiredAt, resource.alsoListedBy ?? []])).toEqual([
      [undefined, []],
      [undefined, []],
    ]);
    const urls = dataOf(await app.graphql(`{ resources(first: 50) { edges { node { url sources { feed } } } } }`)).resources.edges.map(
      (edge: { node: { url: string; sources: unknown[] } }) => [edge.node.url, edge.node.sources.length],
    );
    expect(urls.sort()).toEqual([
      ['https://github.com/freeCodeCamp/freeCodeCamp', 1],
      ['https://github.com/kubernetes/kubernetes', 1],
    ]);
  });
});
