import { CacheMetrics } from '../src/core/cache/cache-metrics';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';
import { OPERATION_COST, QUERY_COST } from '../src/core/rate-limit';
import { createRedisConnection } from '../src/core/redis';
import type { RedisTarget } from '../src/core/redis-target';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { RedisClusterProcess } from './helpers/redis-cluster-process';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * The caches and the rate-limit budgets on a Redis Cluster of three primaries, started here and
 * stopped at the end. What is attacked: a key layout that spreads one command, script or MULTI over
 * slots (Redis answers CROSSSLOT, which the store would count as an outage and answer misses: every
 * test below checks the store stayed available and its values were really there); staleness across
 * two API instances; budgets shared by two instances.
 */
jest.setTimeout(60_000);

const logger = createLogger('silent');
let cluster: RedisClusterProcess;
let target: RedisTarget;

beforeAll(async () => {
  cluster = await RedisClusterProcess.start(3);
  target = { topology: 'cluster', nodes: [{ host: '127.0.0.1', port: cluster.ports[0] }], tls: false };
});

afterAll(async () => {
  await cluster?.stop();
});

describe('the cache store on a Redis Cluster', () => {
  const namespace = `{t_cluster_${process.pid}:v1}:`;
  let store: RedisCacheStore;
  const metrics = new CacheMetrics();

  beforeAll(async () => {
    store = new RedisCacheStore({ target, namespace, commandTimeoutMs: 2_000, logger, metrics });
    await store.connect(5_000);
  });

  afterAll(async () => {
    await store?.close();
  });

  it('runs every multi-key command and script in one slot, so none fails with CROSSSLOT', async () => {
    const epoch = (await store.currentEpoch('entity'))!;
    expect(epoch).toEqual(expect.any(String));
    const entries = ['Skill:a', 'Skill:b', 'Role:c', 'Resource:d', 'Resource:e'].map((key) => ({
      key,
      value: `value of ${key}`,
      ttlSeconds: 60,
      tags: [`tag-of-${key.split(':')[0]}`, 'everything'],
    }));
    expect(await store.setManyIfEpoch('entity', entries, epoch)).toBe(true);
    const read = await store.mget(
      'entity',
      entries.map((entry) => entry.key),
    );
    expect(read?.values).toEqual(entries.map((entry) => entry.value));
    const buffers = await store.mgetBuffers('response', ['Skill:a', 'missing']);
    expect(buffers?.values.map((value) => value?.toString() ?? null)).toEqual(['value of Skill:a', null]);

    // The keys (entries, tags, epoch) all on one node, in one slot.
    const keysByNode = await Promise.all(cluster.ports.map((port) => cluster.cli(port, 'KEYS', `${namespace}*`)));
    const nodesHolding = keysByNode.filter((keys) => keys.length > 0);
    expect(nodesHolding).toHaveLength(1);
    const keys = nodesHolding[0].split('\n');
    expect(keys).toEqual(expect.arrayContaining([`${namespace}epoch`, `${namespace}Skill:a`, `${namespace}tag:everything`]));
    const slots = new Set(await Promise.all(keys.map((key) => cluster.cli(cluster.ports[0], 'CLUSTER', 'KEYSLOT', key))));
    expect(slots.size).toBe(1);

    // Invalidation by key and by tag (a script over the epoch, the keys, the tags and their members).
    expect(await store.invalidate(['Skill:a'], ['tag-of-Resource'], 1)).toBe(true);
    const after = await store.mget('entity', ['Skill:a', 'Skill:b', 'Resource:d', 'Resource:e']);
    expect(after?.values).toEqual([null, 'value of Skill:b', null, null]);
    expect(after?.epoch).not.toBe(epoch);
    // The epoch moved on: a writer holding the old one cannot store what it read before the purge.
    expect(await store.setManyIfEpoch('entity', [{ key: 'Skill:a', value: 'stale', ttlSeconds: 60 }], epoch)).toBe(false);

    // A flush (SCAN + UNLINK on the node holding the slot) empties the namespace but the epoch.
    expect(await store.flush(2)).toBe(true);
    expect(await cluster.cli(portHolding(keysByNode), 'KEYS', `${namespace}*`)).toBe(`${namespace}epoch`);
    expect(store.isAvailable()).toBe(true);
    expect(Object.values(metrics.snapshot().tiers).map((tier) => tier.errors)).toEqual([0, 0, 0, 0]);
  });

  it('refuses a namespace without a hash tag, whose keys would spread over slots', () => {
    expect(() => new RedisCacheStore({ target, namespace: 'sa:v1:', logger, metrics })).toThrow(/hash tag/);
  });

  it('delivers pub/sub messages to subscribers that the publish reply counts, all of them (sharded pub/sub)', async () => {
    const connection = createRedisConnection(target);
    const subscribers = [connection.createSubscriber(), connection.createSubscriber()];
    try {
      await connection.connect();
      const received: string[][] = subscribers.map(() => []);
      // With the keys' hash tag: the channel lives in their slot, where scripts publish next to them.
      const channel = `{t_cluster_${process.pid}}:epoch-messages`;
      for (const [index, subscriber] of subscribers.entries()) {
        await subscriber.connect();
        await subscriber.subscribe(channel, (message) => received[index].push(message));
      }
      // A writer waits for as many acknowledgements as the reply counts: it must count every subscriber,
      // not only those that happen to listen on the node it published on (cluster-wide PUBLISH does that).
      expect(connection.publishCommand).toBe('SPUBLISH');
      const receivers = await connection.send([connection.publishCommand, channel, 'e 1:x'], { key: channel });
      expect(Number(receivers)).toBe(subscribers.length);
      const deadline = Date.now() + 5_000;
      while (received.some((messages) => messages.length === 0) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received).toEqual([['e 1:x'], ['e 1:x']]);
    } finally {
      for (const subscriber of subscribers) await subscriber.close();
      await connection.close();
    }
  });
});

function portHolding(keysByNode: string[]): number {
  return cluster.ports[keysByNode.findIndex((keys) => keys.length > 0)];
}

const SKILL_NAME = `query SkillName { skill(slug: "python") { name } }`;
const RENAME_SKILL = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { name } userErrors { code } } }`;

describe('two API instances sharing a Redis Cluster', () => {
  let app: TestApp;
  let other: Awaited<ReturnType<TestApp['startAnotherInstance']>>;
  let fixture: CatalogFixture;

  beforeAll(async () => {
    app = await startTestApp({
      REDIS_CLUSTER_NODES: cluster.clusterNodes,
      REDIS_COMMAND_TIMEOUT_MS: '2000',
      CACHE_KEY_PREFIX: `t_cluster_app_${process.pid}`,
    });
    other = await app.startAnotherInstance();
    fixture = await seedCatalog();
    await app.flushCaches();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('never serves a stale answer on either instance after a write through one of them', async () => {
    for (let round = 1; round <= 4; round += 1) {
      const before = round === 1 ? 'Python' : `Python ${round - 1}`;
      // A miss, a hit from Redis, a hit kept in the process: on both instances.
      for (const reader of [app, other, app, other, app, other]) expect(dataOf(await reader.graphql(SKILL_NAME)).skill.name).toBe(before);
      const writer = round % 2 === 0 ? app : other;
      const renamed = dataOf(
        await writer.graphql(RENAME_SKILL, { input: { id: fixture.ids.skill.python, name: `Python ${round}` } }, { admin: true }),
      );
      expect(renamed.updateSkill.userErrors).toEqual([]);
      for (const reader of [other, app, other, app]) expect(dataOf(await reader.graphql(SKILL_NAME)).skill.name).toBe(`Python ${round}`);
    }
    for (const instance of [app, other]) {
      expect(instance.caches.store.isAvailable()).toBe(true);
      const { tiers } = instance.caches.metrics.snapshot();
      // Hits came from Redis and no command failed (CROSSSLOT would count as an error and a miss).
      expect(tiers.response.hits + tiers.entity.hits).toBeGreaterThan(0);
      expect([tiers.response.errors, tiers.entity.errors, tiers.apq.errors]).toEqual([0, 0, 0]);
      // Epoch messages flowed (sharded pub/sub): hits were served from copies in the process, unchecked.
      expect(instance.caches.metrics.snapshot().epochMessages.localHitsUnchecked).toBeGreaterThan(0);
    }
  });
});

describe('rate-limit budgets on a Redis Cluster', () => {
  const SEARCH = `query Search($q: String!) { search(query: $q) { totalCount } }`;
  const SEARCH_COST = OPERATION_COST + QUERY_COST.SEARCH + 20;
  const LIMIT = 5_000;
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      REDIS_CLUSTER_NODES: cluster.clusterNodes,
      REDIS_COMMAND_TIMEOUT_MS: '2000',
      CACHE_KEY_PREFIX: `t_cluster_budget_${process.pid}`,
      TRUST_PROXY: '1',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      RATE_LIMIT_ANONYMOUS_POINTS: String(LIMIT),
      RESPONSE_CACHE_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('shares one budget between two instances: racing requests never spend more than it holds', async () => {
    const second = await app.startAnotherInstance();
    const post = (url: string, address: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ query: SEARCH, variables: { q: 'docker' } }),
      }).then((response) => response.status);
    // Several callers, so their budget keys land in different slots (on different nodes).
    const addresses = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'];
    for (const address of addresses) {
      const statuses = await Promise.all(Array.from({ length: 20 }, (_, index) => post(index % 2 === 0 ? app.url : second.url, address)));
      const fits = Math.floor(LIMIT / SEARCH_COST);
      expect(statuses.filter((status) => status === 200)).toHaveLength(fits);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20 - fits);
    }
    const prefix = `t_cluster_budget_${process.pid}:ratelimit`;
    const keysByNode = await Promise.all(cluster.ports.map((port) => cluster.cli(port, 'KEYS', `${prefix}:*`)));
    expect(keysByNode.join('\n').split('\n').filter(Boolean)).toHaveLength(addresses.length);
  });
});
