import { createHash } from 'node:crypto';
import { toGlobalId } from '../src/core/relay/global-id';
import type { CacheMetricsSnapshot, CacheTier, TierCounters } from '../src/core/cache/cache-metrics';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { RedisServerProcess } from './helpers/redis-server-process';
import { cacheStores, dataOf, startTestApp, TEST_ADMIN_TOKEN, type GraphQLResponse, type TestApp } from './helpers/test-app';

/**
 * Guarantees of the caches that only an attack shows broken:
 * - a response that got an entity from the entity cache (no MongoDB read of it) is still purged when
 *   that entity changes: entity-cache hits tag the response too;
 * - the hit, miss and error counters count exactly what happened, per tier (not merely "more than 0").
 * Both stores: the in-process LRU and Redis.
 */
const RENAME_PROVIDER = `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`;
const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ... on Provider { name } } }`;

type CounterDeltas = Partial<Record<CacheTier, Partial<TierCounters>>>;

async function metricsAtEndpoint(app: TestApp): Promise<CacheMetricsSnapshot> {
  const response = await fetch(app.url.replace(/\/graphql$/, '/metrics/cache'), {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as CacheMetricsSnapshot;
}

/** Runs `work` and checks what it added to each counter of `/metrics/cache`; a counter not listed must not move. */
async function expectCountedAt(app: TestApp, work: () => Promise<unknown>, expected: CounterDeltas): Promise<void> {
  const before = await metricsAtEndpoint(app);
  await work();
  const after = await metricsAtEndpoint(app);
  const deltas = Object.fromEntries(
    (Object.keys(after.tiers) as CacheTier[]).map((tier) => [
      tier,
      Object.fromEntries(
        (['hits', 'misses', 'errors', 'coalesced'] as const).map((counter) => [
          counter,
          after.tiers[tier][counter] - before.tiers[tier][counter],
        ]),
      ),
    ]),
  );
  const zero = { hits: 0, misses: 0, errors: 0, coalesced: 0 };
  expect(deltas).toEqual({
    response: { ...zero, ...expected.response },
    entity: { ...zero, ...expected.entity },
    apq: { ...zero, ...expected.apq },
    plan: { ...zero, ...expected.plan },
  });
}

describe.each(cacheStores('t_cache_guarantees'))('with the %s', (_storeName, environment) => {
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

  async function read(query: string, variables?: Record<string, unknown>) {
    const { result, commands } = await app.countDatabaseCommands(() => app.graphql(query, variables));
    return { data: dataOf(result), commands };
  }

  async function renameProvider(id: string, name: string) {
    const payload = dataOf(await app.graphql(RENAME_PROVIDER, { input: { id, name } }, { admin: true })).updateProvider;
    expect(payload.userErrors).toEqual([]);
  }

  describe('entity-cache hits tag the response', () => {
    it('purges a cached nodes(ids) that read the provider only from the entity cache when the provider is renamed', async () => {
      await app.flushCaches();
      const providerId = fixture.ids.provider.udemy;
      // Warms the entity cache: the provider is read from MongoDB by this request, not by the next.
      const warming = await read(`query { resource(slug: "advanced-python") { provider { name } } }`);
      expect(warming.data.resource.provider.name).toBe('Udemy');

      const fromEntityCache = await read(NODES, { ids: [providerId] });
      expect(fromEntityCache.data.nodes).toEqual([{ name: 'Udemy' }]);
      // No MongoDB read: only the entity cache knows this response depends on the provider.
      expect(fromEntityCache.commands).toBe(0);
      const cachedResponse = await read(NODES, { ids: [providerId] });
      expect(cachedResponse.data.nodes).toEqual([{ name: 'Udemy' }]);

      await renameProvider(providerId, 'Udemy Business');
      expect((await read(NODES, { ids: [providerId] })).data.nodes).toEqual([{ name: 'Udemy Business' }]);
    });

    it('purges a cached relation (skill.category) served from the entity cache when the category is renamed', async () => {
      await app.flushCaches();
      const query = `query SkillCategory($slug: String!) { skill(slug: $slug) { name category { name } } }`;
      // Another skill of the same category puts "Programming Languages" in the entity cache.
      expect((await read(query, { slug: 'python' })).data.skill.category.name).toBe('Programming Languages');
      const javascript = await read(query, { slug: 'javascript' });
      expect(javascript.data.skill.category.name).toBe('Programming Languages');
      // One command, the skill by slug (tagged as a list read): only the entity cache read the category.
      expect(javascript.commands).toBe(1);
      expect((await read(query, { slug: 'javascript' })).commands).toBe(0);

      const renamed = dataOf(
        await app.graphql(
          `mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { userErrors { code } } }`,
          { input: { id: toGlobalId('Category', fixture.categoryIds.languages), name: 'Languages' } },
          { admin: true },
        ),
      );
      expect(renamed.updateCategory.userErrors).toEqual([]);
      expect((await read(query, { slug: 'javascript' })).data.skill.category.name).toBe('Languages');
    });
  });

  describe('counters count exactly', () => {
    const expectCounted = (work: () => Promise<unknown>, expected: CounterDeltas) => expectCountedAt(app, work, expected);

    it('a miss then a hit of the response cache: +1 miss, then +1 hit', async () => {
      await app.flushCaches();
      const query = `query Counted { provider(slug: "coursera") { name } }`;
      await expectCounted(() => app.graphql(query), { response: { misses: 1 } });
      await expectCounted(() => app.graphql(query), { response: { hits: 1 } });
      await expectCounted(() => app.graphql(query, undefined, { headers: { 'x-request-id': 'a' } }), { response: { hits: 1 } });
    });

    it('entities: one miss per id not cached, then one hit per id', async () => {
      await app.flushCaches();
      const ids = [fixture.ids.provider.coursera, fixture.ids.provider.confs, fixture.ids.skill.python];
      // Two providers and a skill: two loaders, one batch each.
      await expectCounted(() => app.graphql(`query { nodes(ids: ${JSON.stringify(ids)}) { id } }`), {
        response: { misses: 1 },
        entity: { misses: 3 },
      });
      await expectCounted(() => app.graphql(`query { nodes(ids: ${JSON.stringify(ids)}) { __typename id } }`), {
        response: { misses: 1 },
        entity: { hits: 3 },
      });
      // Half cached: the skill is dropped by its rename, the providers stay.
      await app.caches.invalidation.entitiesChanged('Skill', [fixture.skillIds.python]);
      await expectCounted(() => app.graphql(`query { nodes(ids: ${JSON.stringify(ids)}) { id __typename } }`), {
        response: { misses: 1 },
        entity: { hits: 2, misses: 1 },
      });
    });

    it('counts each of many concurrent requests exactly once, whatever the interleaving', async () => {
      await app.flushCaches();
      const ids = JSON.stringify([fixture.ids.provider.udemy, fixture.ids.provider.github, fixture.ids.skill.docker]);
      const before = await metricsAtEndpoint(app);
      // Ten texts (the alias differs), each sent three times at once: 10 documents, 30 requests, 90 entity look-ups.
      const texts = Array.from({ length: 10 }, (_, index) => `query { found${index}: nodes(ids: ${ids}) { id } }`);
      await Promise.all(texts.flatMap((text) => [app.graphql(text), app.graphql(text), app.graphql(text)]));
      const after = await metricsAtEndpoint(app);
      const delta = (tier: CacheTier, counter: keyof TierCounters) => after.tiers[tier][counter] - before.tiers[tier][counter];
      expect(delta('response', 'hits') + delta('response', 'misses')).toBe(30);
      expect(delta('response', 'misses')).toBeGreaterThanOrEqual(10);
      // Every request that missed the response cache and ran (did not wait for another's answer)
      // looked its three entities up once.
      expect(delta('entity', 'hits') + delta('entity', 'misses')).toBe(3 * (delta('response', 'misses') - delta('response', 'coalesced')));
      expect([delta('response', 'errors'), delta('entity', 'errors')]).toEqual([0, 0]);
      // Now all cached: ten more requests are ten hits and nothing else.
      await expectCounted(() => Promise.all(texts.map((text) => app.graphql(text))), { response: { hits: 10 } });
    });

    it('persisted queries: an unknown hash is +1 miss, a registered one +1 hit', async () => {
      // As an admin: the response cache is not consulted, so only the apq tier counts.
      const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };
      const query = `query Persisted { categories { slug } }`;
      const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
      const post = (body: Record<string, unknown>) =>
        fetch(app.url, { method: 'POST', headers: admin, body: JSON.stringify(body) }).then(
          (response) => response.json() as Promise<GraphQLResponse>,
        );
      await expectCounted(
        async () => expect((await post({ extensions: { persistedQuery } })).errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND'),
        { apq: { misses: 1 } },
      );
      await expectCounted(async () => expect((await post({ query, extensions: { persistedQuery } })).errors).toBeUndefined(), {});
      await expectCounted(async () => expect((await post({ extensions: { persistedQuery } })).data?.categories).toHaveLength(3), {
        apq: { hits: 1 },
      });
    });
  });
});

describe('counters while Redis is down', () => {
  let redis: RedisServerProcess;
  let app: TestApp;
  let fixture: CatalogFixture;

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    // A stopped Redis refuses at once; the long timeout only keeps a busy machine from turning slow replies into errors.
    app = await startTestApp({ REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '2000' });
    fixture = await seedCatalog();
  });

  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  it('counts one error per failed store call, and no hit or miss', async () => {
    const query = `query { nodes(ids: ["${fixture.ids.provider.udemy}", "${fixture.ids.provider.github}"]) { id } }`;
    await expectCountedAt(app, () => app.graphql(query), { response: { misses: 1 }, entity: { misses: 2 } });
    await redis.stop();
    // The response look-up fails, then the one entity batch: each is one error, answered by MongoDB.
    for (let request = 0; request < 3; request += 1) {
      await expectCountedAt(app, async () => expect(dataOf(await app.graphql(query)).nodes).toHaveLength(2), {
        response: { errors: 1 },
        entity: { errors: 1 },
      });
    }
  });
});
