import { createHash } from 'node:crypto';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { cacheStores, startTestApp, TEST_ADMIN_TOKEN, type TestApp, type UntypedJson } from './helpers/test-app';

// Both stores: the in-process LRU and Redis, where persisted queries and responses are shared by every process.
describe.each(cacheStores('t_response'))('with the %s', (_storeName, environment) => {
  let app: TestApp;
  let fixture: CatalogFixture;

  beforeAll(async () => {
    app = await startTestApp(environment());
    fixture = await seedCatalog();
  });

  afterAll(async () => {
    await app?.caches.invalidation.flushAll();
    await app?.stop();
  });

  /** POSTs a raw GraphQL request body and returns status, headers and JSON body. */
  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as UntypedJson };
  }

  async function counted(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const { result, commands } = await app.countDatabaseCommands(() => post(body, headers));
    return { ...result, commands };
  }

  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  describe('response cache', () => {
    it('answers a repeated anonymous query from the cache, with the cache hint of its types', async () => {
      const query = `query { categories { name skills { name } } }`;
      const cold = await counted({ query });
      expect(cold.commands).toBeGreaterThan(0);
      expect(cold.headers.get('cache-control')).toBe('public, max-age=21600');
      expect(cold.headers.get('x-cache')).toBeNull();

      const warm = await counted({ query });
      expect(warm.commands).toBe(0);
      expect(warm.headers.get('x-cache')).toBe('HIT');
      expect(warm.headers.get('cache-control')).toBe('public, max-age=21600');
      // The same data; the miss's `extensions.cost` (one caller's budget) is not stored with it.
      expect(cold.body.extensions.cost.requestedQueryCost).toBeGreaterThan(0);
      expect(warm.body).toEqual({ data: cold.body.data });

      const traced = await counted({ query }, { 'x-request-id': 'client-trace-0042' });
      expect(traced.headers.get('x-cache')).toBe('HIT');
      expect(traced.headers.get('x-request-id')).toBe('client-trace-0042');
    });

    it('looks up in the plugin a request the HTTP fast path does not read, and shares entries with it', async () => {
      // A query string on the path sends the request past the fast path, through express to Apollo.
      const viaExpress = async (body: Record<string, unknown>) => {
        const { result, commands } = await app.countDatabaseCommands(async () => {
          const response = await fetch(`${app.url}?via=express`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          return { headers: response.headers, body: (await response.json()) as UntypedJson };
        });
        return { ...result, commands };
      };
      const query = `query PluginPath { providers(first: 2) { totalCount } }`;
      const cold = await viaExpress({ query });
      expect(cold.commands).toBeGreaterThan(0);
      expect(cold.headers.get('x-cache')).toBeNull();
      const warm = await viaExpress({ query });
      expect(warm.commands).toBe(0);
      expect(warm.headers.get('x-cache')).toBe('HIT');
      expect(warm.headers.get('cache-control')).toBe(cold.headers.get('cache-control'));
      expect(warm.body.data).toEqual(cold.body.data);
      const fast = await counted({ query });
      expect(fast.headers.get('x-cache')).toBe('HIT');
      expect(fast.body).toEqual({ data: cold.body.data });
    });

    it('takes the shortest hint of the types a query reads: resources minutes, events less', async () => {
      const courses = await post({ query: `query { resources(first: 2) { edges { node { title provider { name } } } } }` });
      expect(courses.headers.get('cache-control')).toBe('public, max-age=120');
      const provider = await post({ query: `query { provider(slug: "udemy") { name } }` });
      expect(provider.headers.get('cache-control')).toBe('public, max-age=21600');
      const course = await post({ query: `query { resource(slug: "intro-js") { ... on Course { title } } }` });
      expect(course.headers.get('cache-control')).toBe('public, max-age=120');
    });

    it('keys on variables and operation name', async () => {
      const query = `query One($slug: String!) { provider(slug: $slug) { name } } query Two { providers(first: 1) { edges { node { name } } } }`;
      const udemy = await post({ query, operationName: 'One', variables: { slug: 'udemy' } });
      const github = await post({ query, operationName: 'One', variables: { slug: 'github' } });
      const two = await post({ query, operationName: 'Two' });
      // Same document and variables (none), another operation: another answer.
      const both = `${query} query Three { providers(first: 2) { edges { node { name } } } }`;
      expect((await post({ query: both, operationName: 'Two' })).body.data.providers.edges).toHaveLength(1);
      expect((await post({ query: both, operationName: 'Three' })).body.data.providers.edges).toHaveLength(2);
      expect(udemy.body.data.provider.name).toBe('Udemy');
      expect(github.body.data.provider.name).toBe('GitHub');
      expect(two.body.data.providers.edges).toHaveLength(1);
      expect((await post({ query, operationName: 'One', variables: { slug: 'github' } })).body.data.provider.name).toBe('GitHub');
    });

    it('never serves admins from the cache nor lets them fill it, and marks their responses private', async () => {
      const query = `query { providers(first: 3) { edges { node { slug } } } }`;
      await post({ query });
      const admin = await counted({ query }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
      expect(admin.commands).toBeGreaterThan(0);
      expect(admin.headers.get('x-cache')).toBeNull();
      expect(admin.headers.get('cache-control')).toBe('private, no-store');
      // A query only an admin has sent is not in the cache for the next anonymous caller.
      const adminOnly = `query AdminFirst { providers(first: 4) { edges { node { slug } } } }`;
      await post({ query: adminOnly }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
      const anonymous = await counted({ query: adminOnly });
      expect(anonymous.headers.get('x-cache')).toBeNull();
      expect(anonymous.commands).toBeGreaterThan(0);
    });

    it('never answers a request carrying an API key from the cache, so a bad key still gets its 401', async () => {
      const query = `query { providers(first: 2) { edges { node { slug } } } }`;
      await post({ query });
      expect((await post({ query })).headers.get('x-cache')).toBe('HIT');
      const withKey = await post({ query }, { 'x-api-key': 'sa_live_not-a-real-key' });
      expect(withKey.headers.get('x-cache')).toBeNull();
      expect(withKey.status).toBe(401);
    });

    it('never caches a response with errors, nor a mutation', async () => {
      const failing = `query { resources(first: 2, after: "not-a-cursor") { edges { node { title } } } }`;
      const first = await counted({ query: failing });
      expect(first.body.errors?.length).toBeGreaterThan(0);
      expect(first.headers.get('cache-control')).toBe('private, no-store');
      const second = await counted({ query: failing });
      expect(second.headers.get('x-cache')).toBeNull();

      const mutation = await post(
        {
          query: `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { provider { name } } }`,
          variables: { input: { id: fixture.ids.provider.confs, name: 'confs.tech' } },
        },
        { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      );
      expect(mutation.headers.get('cache-control')).toBe('private, no-store');
    });

    it('counts hits, misses and round trips per operation', async () => {
      await post({ query: `query Counted { skills(first: 1) { edges { node { name } } } }` });
      await post({ query: `query Counted { skills(first: 1) { edges { node { name } } } }` });
      const metrics = (await (
        await fetch(app.url.replace('/graphql', '/metrics/cache'), { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
      ).json()) as UntypedJson;
      expect(metrics.store).toBe(environment().REDIS_URL ? 'redis' : 'memory');
      expect(metrics.tiers.response.hits).toBeGreaterThan(0);
      expect(metrics.tiers.response.misses).toBeGreaterThan(0);
      expect(metrics.operations.Counted.operations).toBe(2);
      expect(metrics.operations.Counted.databaseCommands).toBeGreaterThan(0);
    });
  });

  describe('automatic persisted queries', () => {
    const query = `query PersistedSkills { skills(first: 2) { edges { node { slug } } } }`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };

    it('asks for the query once, then runs it from its hash, also from the response cache', async () => {
      const unknown = await post({ extensions });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      const registered = await post({ query, extensions });
      expect(registered.body.errors).toBeUndefined();
      expect(registered.body.data.skills.edges).toHaveLength(2);

      const byHash = await counted({ extensions });
      expect(byHash.body).toEqual({ data: registered.body.data });
      expect(byHash.commands).toBe(0);
      expect(byHash.headers.get('x-cache')).toBe('HIT');

      // With new variables the response cache misses: Apollo finds the query text by its hash.
      const withVariables = await counted({ extensions, variables: { unused: 1 } });
      expect(withVariables.body.data.skills.edges).toHaveLength(2);
      expect(withVariables.commands).toBeGreaterThan(0);
    });

    it('refuses a hash that does not match the query', async () => {
      const wrong = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256('something else') } } });
      expect(wrong.status).toBe(400);
      expect(wrong.body.data).toBeUndefined();
      expect(wrong.body.errors).toHaveLength(1);
    });
  });
});
