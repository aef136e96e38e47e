import { CacheMetrics } from '../src/core/cache/cache-metrics';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';
import type { RedisTarget } from '../src/core/redis-target';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { RedisSentinelProcess, SENTINEL_MASTER_NAME } from './helpers/redis-sentinel-process';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * The caches and rate-limit budgets behind Redis Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_NAME,
 * node-redis's `createSentinel`): a primary, a replica and a Sentinel started here (a failover is one
 * way, so each block has its own). What is attacked: a client that keeps talking to the dead primary
 * or never comes back; a failover that loses the primary's last writes (replication is asynchronous:
 * the promoted replica holds entries and an epoch older than a write the API already acknowledged),
 * which must not bring a stale answer back; an entry cached before the failover served after a write
 * made after it.
 */
jest.setTimeout(120_000);

const logger = createLogger('silent');
const targetOf = (topology: RedisSentinelProcess): RedisTarget => ({
  topology: 'sentinel',
  name: SENTINEL_MASTER_NAME,
  sentinels: [{ host: '127.0.0.1', port: topology.sentinelPort }],
  tls: false,
});

/** Calls `read` until `done` says so (at most `timeoutMs`), handing every answer to `check` first. */
async function readUntil<T>(read: () => Promise<T>, check: (value: T) => void, done: (value: T) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let reads = 0;
  for (;;) {
    const value = await read();
    reads += 1;
    check(value);
    if (done(value)) return { value, reads };
    if (Date.now() > deadline) throw new Error(`not done after ${reads} reads in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the cache store through a Sentinel', () => {
  let topology: RedisSentinelProcess;
  let store: RedisCacheStore;
  const namespace = `t_sentinel_${process.pid}:`;

  beforeAll(async () => {
    topology = await RedisSentinelProcess.start();
    store = new RedisCacheStore({ target: targetOf(topology), namespace, commandTimeoutMs: 2_000, logger, metrics: new CacheMetrics() });
    await store.connect(5_000);
  });
  afterAll(async () => {
    await store?.close();
    await topology?.stop();
  });

  it('writes and reads through the primary the Sentinel names, follows a failover, and refuses writes read before it', async () => {
    const epoch = (await store.currentEpoch('entity'))!;
    expect(epoch).toEqual(expect.any(String));
    const entries = ['Skill:a', 'Skill:b', 'Role:c'].map((key) => ({
      key,
      value: `value of ${key}`,
      ttlSeconds: 60,
      tags: ['everything'],
    }));
    expect(await store.setManyIfEpoch('entity', entries, epoch)).toBe(true);
    expect((await store.mget('entity', ['Skill:a', 'Skill:b', 'Role:c']))?.values).toEqual(entries.map((entry) => entry.value));
    // On the primary itself, not in some other place the client made up.
    expect(await topology.cli(topology.masterPort, 'GET', `${namespace}Skill:a`)).toBe('value of Skill:a');
    await topology.awaitReplicaInSync();

    const failoverMs = await topology.killMasterAndAwaitFailover();
    expect(await topology.currentMasterPort()).toBe(topology.replicaPort);

    // Back on the new primary: the replicated entries are there, under the same epoch.
    const { value: after } = await readUntil(
      () => store.mget('entity', ['Skill:a', 'Skill:b', 'Role:c']),
      () => undefined,
      (read) => read !== undefined,
    );
    expect(after).toEqual({ values: entries.map((entry) => entry.value), epoch });

    // A write after the failover: the entry cached before it is gone, on the new primary.
    expect(await store.invalidate(['Skill:a'], [], 1)).toBe(true);
    const invalidated = (await store.mget('entity', ['Skill:a', 'Skill:b']))!;
    expect(invalidated.values).toEqual([null, 'value of Skill:b']);
    expect(invalidated.epoch).not.toBe(epoch);
    expect(await topology.cli(topology.replicaPort, 'GET', `${namespace}epoch`)).toBe(invalidated.epoch);
    expect(await topology.cli(topology.replicaPort, 'EXISTS', `${namespace}Skill:a`)).toBe('0');
    // A reader holding the epoch from before the write cannot store what it read then.
    expect(await store.setManyIfEpoch('entity', [{ key: 'Skill:a', value: 'stale', ttlSeconds: 60 }], epoch)).toBe(false);
    expect(store.isAvailable()).toBe(true);
    expect(failoverMs).toBeLessThan(30_000);
  });
});

describe('a failover that loses the primary’s last write', () => {
  let topology: RedisSentinelProcess;
  const namespace = `t_sentinel_lost_${process.pid}:`;
  const stores: RedisCacheStore[] = [];
  const open = async () => {
    const store = new RedisCacheStore({
      target: targetOf(topology),
      namespace,
      commandTimeoutMs: 2_000,
      logger,
      metrics: new CacheMetrics(),
    });
    stores.push(store);
    await store.connect(5_000);
    return store;
  };

  beforeAll(async () => {
    topology = await RedisSentinelProcess.start();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await topology?.stop();
  });

  it('never serves what the promoted replica still holds from before that write', async () => {
    const writer = await open();
    expect(await writer.invalidate([], [], 1)).toBe(true);
    const before = (await writer.currentEpoch('entity'))!;
    expect(await writer.setManyIfEpoch('entity', [{ key: 'Skill:a', value: 'before the write', ttlSeconds: 600 }], before)).toBe(true);
    await topology.awaitReplicaInSync();

    // The write reaches the primary (entry gone, epoch at sequence 2) but never the replica.
    topology.holdReplication(true);
    expect(await writer.invalidate(['Skill:a'], [], 2)).toBe(true);
    expect(await topology.cli(topology.masterPort, 'EXISTS', `${namespace}Skill:a`)).toBe('0');
    expect(await topology.cli(topology.replicaPort, 'GET', `${namespace}Skill:a`)).toBe('before the write');
    await topology.killMasterAndAwaitFailover();
    // The promoted replica went back in time: the old entry and the old epoch.
    expect(await topology.cli(topology.replicaPort, 'GET', `${namespace}epoch`)).toBe(before);

    // Readers of the process that knows the write reached Redis: never the old entry, a usable epoch in the end.
    const { value: settled, reads } = await readUntil(
      () => writer.mget('entity', ['Skill:a']),
      (read) => expect(read?.values ?? []).not.toContain('before the write'),
      (read) => read !== undefined,
    );
    expect(settled?.values).toEqual([null]);
    expect(Number(settled?.epoch.split(':')[0])).toBeGreaterThanOrEqual(2);
    expect(reads).toBeGreaterThan(0);
    // The old epoch is gone with the old entries: a reader that held it stores nothing.
    expect(await writer.setManyIfEpoch('entity', [{ key: 'Skill:a', value: 'before the write', ttlSeconds: 60 }], before)).toBe(false);
    expect(writer.isAvailable()).toBe(true);
  });
});

const SKILL_NAME = `query SkillName { skill(slug: "python") { name } }`;
const RENAME_SKILL = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { name } userErrors { code } } }`;

describe('two API instances, caches and budgets behind a Sentinel', () => {
  let topology: RedisSentinelProcess;
  let app: TestApp;
  let other: Awaited<ReturnType<TestApp['startAnotherInstance']>>;
  let fixture: CatalogFixture;
  const prefix = `t_sentinel_app_${process.pid}`;

  const skillName = async (reader: { graphql: TestApp['graphql'] }) =>
    dataOf(await reader.graphql<{ skill: { name: string } }>(SKILL_NAME)).skill.name;
  const rename = async (writer: { graphql: TestApp['graphql'] }, name: string) => {
    const renamed = dataOf(await writer.graphql(RENAME_SKILL, { input: { id: fixture.ids.skill.python, name } }, { admin: true }));
    expect(renamed.updateSkill.userErrors).toEqual([]);
  };
  const budgetKeys = async (port: number) =>
    (await topology.cli(port, '--scan', '--pattern', `${prefix}:ratelimit:*`)).split('\n').filter(Boolean);

  beforeAll(async () => {
    topology = await RedisSentinelProcess.start();
    app = await startTestApp({
      REDIS_SENTINELS: topology.sentinels,
      REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
      REDIS_COMMAND_TIMEOUT_MS: '2000',
      CACHE_KEY_PREFIX: prefix,
      TRUST_PROXY: '1',
    });
    other = await app.startAnotherInstance();
    fixture = await seedCatalog();
    await app.flushCaches();
  });
  afterAll(async () => {
    await app?.stop();
    await topology?.stop();
  });

  it('serves nothing stale across a failover that loses a write, nor after a write made after it', async () => {
    for (const instance of [app, other]) expect(instance.caches.store.kind).toBe('redis');
    await rename(app, 'Python 1');
    // A miss, a hit from Redis, a hit kept in the process: on both instances.
    for (const reader of [app, other, app, other, app, other]) expect(await skillName(reader)).toBe('Python 1');
    expect(await topology.cli(topology.masterPort, '--scan', '--pattern', `${prefix}*`)).not.toBe('');
    expect(await budgetKeys(topology.masterPort)).not.toEqual([]);
    await topology.awaitReplicaInSync();
    const epochKey = `{${prefix}:v1}:epoch`;
    const epochBefore = await topology.cli(topology.masterPort, 'GET', epochKey);

    // A write whose purge reaches the primary only; then the primary dies and the replica takes over.
    topology.holdReplication(true);
    await rename(other, 'Python 2');
    for (const reader of [app, other]) expect(await skillName(reader)).toBe('Python 2');
    expect(await topology.cli(topology.masterPort, 'GET', epochKey)).not.toBe(epochBefore);
    await topology.killMasterAndAwaitFailover();
    // The new primary went back in time: the epoch (and the entries) from before the write.
    expect(await topology.cli(topology.replicaPort, 'GET', epochKey)).toBe(epochBefore);

    const read = () => Promise.all([skillName(app), skillName(other)]);
    await readUntil(
      read,
      (names) => expect(names).toEqual(['Python 2', 'Python 2']),
      () => app.caches.store.isAvailable() && other.caches.store.isAvailable(),
    );

    // Caching resumed on the new primary, and a write after the failover is seen by the next read everywhere.
    for (const reader of [app, other, app, other]) expect(await skillName(reader)).toBe('Python 2');
    await rename(app, 'Python 3');
    for (const reader of [other, app, other, app]) expect(await skillName(reader)).toBe('Python 3');
    expect(await topology.cli(topology.replicaPort, '--scan', '--pattern', `${prefix}:*`)).not.toBe('');

    // Budgets too: a new caller's budget is kept on the new primary.
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' },
      body: JSON.stringify({ query: `{ skills(first: 1) { totalCount } }` }),
    });
    expect(response.status).toBe(200);
    expect((await budgetKeys(topology.replicaPort)).some((key) => key.includes('198.51.100.77'))).toBe(true);

    for (const instance of [app, other]) {
      const { tiers } = instance.caches.metrics.snapshot();
      expect(tiers.response.hits + tiers.entity.hits).toBeGreaterThan(0);
    }
  });
});
