import { spawn } from 'node:child_process';
import path from 'node:path';
import { createClient } from 'redis';
import { seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { seedIngestionVocabulary } from './helpers/ingestion-fixture';
import { RedisServerProcess } from './helpers/redis-server-process';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * "Never stale" attacked from outside the request path: Redis restarted without its data or rolled
 * back to an older snapshot, and writers in other processes (the ingest CLI without REDIS_URL,
 * another API instance caching in process). Every read after an acknowledged write, on every
 * instance, must show the write: at once where the instances share Redis, within one second where
 * they cannot (the cache change log).
 */
const SKILL_NAME = `query SkillName { skill(slug: "python") { name } }`;
const RENAME_SKILL = `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { skill { name } userErrors { code } } }`;

type Reader = Pick<TestApp, 'graphql'>;

async function skillName(reader: Reader): Promise<string> {
  return dataOf(await reader.graphql(SKILL_NAME)).skill.name;
}

async function renameSkill(app: TestApp, skillId: string, name: string): Promise<void> {
  const result = dataOf(await app.graphql(RENAME_SKILL, { input: { id: skillId, name } }, { admin: true }));
  expect(result.updateSkill.userErrors).toEqual([]);
}

async function until(condition: () => boolean | Promise<boolean>, withinMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`condition not met within ${withinMs} ms`);
}

/**
 * The guarantee for writers that cannot reach a reader's cache themselves: a read that STARTS one
 * second or more after the write finished shows it. Measured from when the read starts, so a slow
 * machine answering slowly does not count against it.
 */
async function readOneSecondAfter<T>(writeFinishedAt: number, read: () => Promise<T>): Promise<T> {
  const wait = writeFinishedAt + 1_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return read();
}

describe('a Redis that restarts empty or goes back to an old snapshot', () => {
  let redis: RedisServerProcess;
  let app: TestApp;
  let fixture: CatalogFixture;
  const prefix = `t_stale_${process.pid}`;

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    app = await startTestApp({ REDIS_URL: redis.url, CACHE_KEY_PREFIX: prefix });
    fixture = await seedCatalog();
    await app.flushCaches();
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  const skillId = () => fixture.ids.skill.python;
  const redisReady = () => until(() => app.caches.store.isAvailable(), 10_000);

  it('never serves an old answer after a restart without persistence, however many writes follow', async () => {
    // A counter epoch restarts at 0 with Redis and climbs back to the value an in-process copy was
    // kept with: some round below would then serve the previous round's name.
    for (let round = 1; round <= 6; round += 1) {
      const expected = round === 1 ? 'Python' : `Python ${round - 1}`;
      // Three reads: a miss, a hit from Redis, a hit from the copy kept in the process.
      for (let read = 0; read < 3; read += 1) expect(await skillName(app)).toBe(expected);
      await redis.stop();
      await redis.start();
      await redisReady();
      await renameSkill(app, skillId(), `Python ${round}`);
      expect(await skillName(app)).toBe(`Python ${round}`);
      expect(await skillName(app)).toBe(`Python ${round}`);
    }
  });

  it('never serves what a restored snapshot brings back, on the writing instance or another one', async () => {
    const other = await app.startAnotherInstance();
    await renameSkill(app, skillId(), 'Python before the snapshot');
    for (const reader of [app, other, app, other]) expect(await skillName(reader)).toBe('Python before the snapshot');

    // The snapshot: every key of the namespace, with its value and time to live.
    const client = createClient({ url: redis.url });
    await client.connect();
    const keys = await client.keys(`{${prefix}:v1}:*`);
    const snapshot = await Promise.all(
      keys.map(async (key) => ({ key, dump: await client.sendCommand(['DUMP', key], { typeMapping: { 36: Buffer } }) })),
    );
    expect(snapshot.length).toBeGreaterThan(2);

    await renameSkill(app, skillId(), 'Python after the snapshot');
    // The other instance learns of the change from the log (a quarter of a second), as it would
    // before an operator could restore anything.
    await new Promise((resolve) => setTimeout(resolve, 600));

    // Restore: the namespace as it was, old epoch and old answers included, in one step, as a restart
    // from an RDB file or a failover to a lagging replica swaps the whole data set at once (no process
    // can run between the old keys going and the snapshot's coming back).
    const restore = client.multi();
    for (const key of await client.keys(`{${prefix}:v1}:*`)) restore.del(key);
    for (const { key, dump } of snapshot) restore.addCommand(['RESTORE', key, '0', dump as unknown as string, 'REPLACE']);
    await restore.exec();
    await client.close();

    for (const reader of [app, other, app, other]) expect(await skillName(reader)).toBe('Python after the snapshot');
  });
});

describe('writers in other processes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      CACHE_KEY_PREFIX: `t_oob_${process.pid}_${Date.now().toString(36)}`,
    });
    await seedIngestionVocabulary();
  });
  afterAll(async () => {
    await app?.flushCaches();
    await app?.stop();
  });

  const UDEMY_COUNT = `query UdemyCount { provider(slug: "udemy") { resources(first: 1) { totalCount } } }`;
  const udemyCount = async (reader: Reader) => dataOf(await reader.graphql(UDEMY_COUNT)).provider.resources.totalCount as number;

  it('shows what `npm run ingest` wrote without REDIS_URL within a second, on a Redis-backed and an in-process instance', async () => {
    const inProcess = await app.startAnotherInstance({ REDIS_URL: '' });
    expect(inProcess.caches.store.kind).toBe('memory');
    for (const reader of [app, inProcess, app, inProcess]) expect(await udemyCount(reader)).toBe(0);

    const { REDIS_URL: _redis, ...environment } = process.env;
    const cli = path.join(__dirname, '..', 'src', 'modules', 'ingestion', 'ingest.cli.ts');
    const feed = path.join(__dirname, 'fixtures', 'feeds', 'udemy.json');
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--source', 'udemy', feed, '--json'], {
        env: { ...environment, MONGODB_URI: app.databaseUri, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        stdio: 'ignore',
      });
      child.once('error', reject);
      child.once('close', resolve);
    });
    expect(exitCode).toBe(0);
    const written = Date.now();

    for (const reader of [app, inProcess]) expect(await readOneSecondAfter(written, () => udemyCount(reader))).toBeGreaterThan(0);
  });

  it('shows a write made through one in-process instance on another within a second, and through Redis at once', async () => {
    const PROVIDER_NAME = `query ProviderName { provider(slug: "coursera") { id name } }`;
    const RENAME_PROVIDER = `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`;
    const providerName = async (reader: Reader) => dataOf(await reader.graphql(PROVIDER_NAME)).provider.name as string;
    const rename = async (through: Reader, name: string) => {
      const id = dataOf(await through.graphql(PROVIDER_NAME)).provider.id;
      expect(dataOf(await through.graphql(RENAME_PROVIDER, { input: { id, name } }, { admin: true })).updateProvider.userErrors).toEqual(
        [],
      );
    };
    const redisBacked = await app.startAnotherInstance();
    const inProcessA = await app.startAnotherInstance({ REDIS_URL: '' });
    const inProcessB = await app.startAnotherInstance({ REDIS_URL: '' });
    for (const reader of [app, redisBacked, inProcessA, inProcessB, app, redisBacked, inProcessB])
      expect(await providerName(reader)).toBe('Coursera');

    await rename(inProcessA, 'Coursera Inc.');
    const written = Date.now();
    expect(await providerName(inProcessA)).toBe('Coursera Inc.');
    for (const reader of [inProcessB, redisBacked, app])
      expect(await readOneSecondAfter(written, () => providerName(reader))).toBe('Coursera Inc.');

    // Instances sharing Redis see a write through either of them on the very next read.
    await rename(app, 'Coursera');
    expect(await providerName(redisBacked)).toBe('Coursera');
  });
});
