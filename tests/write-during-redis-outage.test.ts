import { toGlobalId } from '../src/core/relay/global-id';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { RedisServerProcess } from './helpers/redis-server-process';
import { TcpFaultProxy } from './helpers/tcp-fault-proxy';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * A write made while Redis is unreachable cannot change the epoch, so no epoch message tells the other
 * API instances. One that has not noticed the outage yet (its subscriber's close not handled, its
 * socket silent) goes on trusting the epoch of its last beat and would serve its copies unchecked.
 * The write must return only once no instance can do that: the next read anywhere shows it.
 *
 * Two instances of one app, each reaching the same redis-server through a proxy of its own: the
 * writer's Redis refuses connections (down), the reader's goes silent (the reader notices nothing
 * but beats that stop coming back), or stays up (a partition: the reader's messages go on vouching
 * for its epoch, and only the cache change log in MongoDB can tell it of the write). Without the
 * change-log follower the partition case reads the old name.
 */
let redis: RedisServerProcess;
let writerProxy: TcpFaultProxy;
let readerProxy: TcpFaultProxy;
let app: TestApp;
let reader: Awaited<ReturnType<TestApp['startAnotherInstance']>>;
let fixture: CatalogFixture;

const QUERY = 'query CategoryName { category(slug: "databases") { name } }';

beforeAll(async () => {
  redis = await RedisServerProcess.start();
  const redisPort = Number(new URL(redis.url).port);
  writerProxy = await TcpFaultProxy.start('127.0.0.1', redisPort);
  readerProxy = await TcpFaultProxy.start('127.0.0.1', redisPort);
  app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${writerProxy.port}`, CACHE_KEY_PREFIX: `t_outage_write_${process.pid}` });
  reader = await app.startAnotherInstance({ REDIS_URL: `redis://127.0.0.1:${readerProxy.port}` });
  fixture = await seedCatalog();
}, 60_000);

afterAll(async () => {
  writerProxy?.setMode('forward');
  readerProxy?.setMode('forward');
  await app?.stop();
  await writerProxy?.stop();
  await readerProxy?.stop();
  await redis?.stop();
});

async function nameOn(instance: { graphql: TestApp['graphql'] }): Promise<string> {
  return dataOf(await instance.graphql(QUERY)).category.name as string;
}

/** Waits until the reader holds a copy of the answer that its epoch messages vouch for: a hit with no network trip. */
async function readerTrustsItsCopy(): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(reader.caches.store.trustedLocalEpoch?.() !== undefined && (await nameOn(reader)) && (await nameOn(reader)))) {
    if (Date.now() > deadline) throw new Error('the reader never came to trust its epoch');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function renameDatabases(name: string): Promise<void> {
  const answer = await app.graphql(
    'mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { userErrors { code } } }',
    { input: { id: toGlobalId('Category', fixture.categoryIds.databases), name } },
    { admin: true },
  );
  expect(dataOf(answer).updateCategory.userErrors).toEqual([]);
}

it('a write made while Redis is down is seen by the next read of an instance that has not noticed the outage', async () => {
  for (let round = 1; round <= 3; round += 1) {
    await readerTrustsItsCopy();
    readerProxy.setMode('hang');
    writerProxy.setMode('refuse');
    try {
      // Still trusted: the reader has noticed nothing (its lease runs from its last beat).
      expect(reader.caches.store.trustedLocalEpoch?.()).toBeDefined();
      const name = `Databases, take ${round}`;
      await renameDatabases(name);
      expect(await nameOn(reader)).toBe(name);
      expect(await nameOn(app)).toBe(name);
    } finally {
      readerProxy.setMode('forward');
      writerProxy.setMode('forward');
    }
  }
});

it('a write made by an instance cut off from Redis is seen by the next read of one whose Redis is fine (a partition)', async () => {
  for (let round = 1; round <= 3; round += 1) {
    await readerTrustsItsCopy();
    // Only the writer loses Redis: the reader's beats keep coming back, so its messages never stop vouching
    // for its epoch, and no epoch message can tell it of the write. The change log has to.
    writerProxy.setMode('refuse');
    try {
      const name = `Databases, partition ${round}`;
      await renameDatabases(name);
      expect(reader.caches.store.trustedLocalEpoch?.()).toBeDefined();
      expect(await nameOn(reader)).toBe(name);
      expect(await nameOn(app)).toBe(name);
    } finally {
      writerProxy.setMode('forward');
    }
  }
});
