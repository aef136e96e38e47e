import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { cacheStores, dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * A write purges a popular cached answer while many clients ask for it: they must not all go to
 * MongoDB at once (a cache stampede). Concurrent misses of one response, or of one entity, cost one
 * database read in this process; everyone gets the same, fresh answer.
 */
describe.each(cacheStores('t_stampede'))('with the %s', (_storeName, environment) => {
  let app: TestApp;
  let fixture: CatalogFixture;

  beforeAll(async () => {
    // A Redis call slower than the usual 100 ms counts as a miss without coalescing (the epoch is
    // unknown); a loaded test machine must not turn that into a failure of what is tested here.
    app = await startTestApp({ ...environment(), REDIS_COMMAND_TIMEOUT_MS: '2000' });
    fixture = await seedCatalog();
    await app.flushCaches();
  });
  afterAll(async () => {
    await app?.flushCaches();
    await app?.stop();
  });

  const PAGE = `query StampedePage { resources(first: 10, filter: { providers: ["${'PROVIDER'}"] }) { totalCount edges { node { title provider { name } } } } }`;
  const page = () => PAGE.replace('PROVIDER', fixture.ids.provider.udemy);

  async function renameUdemy(name: string): Promise<void> {
    const result = dataOf(
      await app.graphql(
        `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`,
        { input: { id: fixture.ids.provider.udemy, name } },
        { admin: true },
      ),
    );
    expect(result.updateProvider.userErrors).toEqual([]);
  }

  async function post(query: string) {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { cache: response.headers.get('x-cache'), body: await response.text() };
  }

  it('answers many concurrent identical misses with one execution, and every answer shows the write', async () => {
    await renameUdemy('Udemy One');
    const alone = await app.countDatabaseCommands(() => post(page()));
    expect(alone.commands).toBeGreaterThan(0);

    await renameUdemy('Udemy Two');
    const coalescedBefore = app.caches.metrics.snapshot().tiers.response.coalesced;
    const crowd = await app.countDatabaseCommands(() => Promise.all(Array.from({ length: 40 }, () => post(page()))));
    expect(crowd.commands).toBe(alone.commands);
    const answers = crowd.result;
    // The data compared: the executed answer also carries its caller's extensions.cost, which a shared one never does.
    expect(new Set(answers.map((answer) => JSON.stringify(JSON.parse(answer.body).data))).size).toBe(1);
    expect(answers[0].body).toContain('Udemy Two');
    expect(answers.filter((answer) => answer.cache === null)).toHaveLength(1);
    // The rest waited for it, or came after it stored its answer.
    expect(answers.filter((answer) => answer.cache === 'COALESCED' || answer.cache === 'HIT')).toHaveLength(39);
    expect(app.caches.metrics.snapshot().tiers.response.coalesced - coalescedBefore).toBe(
      answers.filter((answer) => answer.cache === 'COALESCED').length,
    );
  });

  it('reads an entity once for concurrent different queries that all miss it', async () => {
    await renameUdemy('Udemy Three');
    const queries = Array.from(
      { length: 20 },
      (_, index) => `query EntityCrowd${index} { node(id: "${fixture.ids.provider.udemy}") { ... on Provider { name } } }`,
    );
    const crowd = await app.countDatabaseCommands(() => Promise.all(queries.map((query) => app.graphql(query))));
    expect(crowd.byCommand).toEqual({ find: 1 });
    for (const response of crowd.result) expect(dataOf(response).node.name).toBe('Udemy Three');
  });
});
