import pino from 'pino';
import { seedCatalog } from './helpers/catalog-fixture';
import { RedisServerProcess } from './helpers/redis-server-process';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * Redis can fail without taking the API down: this file runs its own redis-server, warms the caches,
 * stops Redis mid-test, checks that queries are answered from MongoDB and that the outage is logged
 * once, restarts Redis on the same port and checks that caching resumes; then makes Redis hang
 * (`DEBUG SLEEP`) and checks that a request does not wait for it.
 */
let redis: RedisServerProcess;
let app: TestApp;
const logs: Array<{ level: number; msg: string }> = [];

const QUERY = `query { provider(slug: "udemy") { name resources(first: 3) { edges { node { title } } } } }`;

async function read() {
  const started = Date.now();
  const { result, commands } = await app.countDatabaseCommands(() => app.graphql(QUERY));
  return { data: dataOf(result), commands, elapsedMs: Date.now() - started };
}

const messages = (pattern: RegExp) => logs.filter((entry) => pattern.test(entry.msg));

beforeAll(async () => {
  redis = await RedisServerProcess.start();
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  app = await startTestApp({ REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '100' }, { logger });
  await seedCatalog();
});

afterAll(async () => {
  await app?.stop();
  await redis?.stop();
});

it('answers from MongoDB while Redis is down, logs the outage once, and resumes caching when it is back', async () => {
  const cold = await read();
  expect(cold.data.provider.name).toBe('Udemy');
  expect(cold.commands).toBeGreaterThan(0);
  expect((await read()).commands).toBe(0);

  // Counted from the kill on: on a loaded machine a command may time out (100 ms) before it, and that
  // outage is logged, and its end, on their own.
  const unavailableBefore = messages(/Redis is unavailable/).length;
  const availableBefore = messages(/Redis is available again/).length;
  await redis.stop();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const degraded = await read();
    expect(degraded.data).toEqual(cold.data);
    expect(degraded.commands).toBeGreaterThan(0);
  }
  expect(messages(/Redis is unavailable/)).toHaveLength(unavailableBefore + 1);
  expect(messages(/Redis is unavailable/)[unavailableBefore].level).toBe(40);

  await redis.start();
  // The client reconnects on its own (backing off up to a second); then the cache fills and answers again.
  const deadline = Date.now() + 5_000;
  let resumed = false;
  while (!resumed && Date.now() < deadline) {
    await read();
    resumed = (await read()).commands === 0;
    if (!resumed) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(resumed).toBe(true);
  expect(messages(/Redis is available again/)).toHaveLength(availableBefore + 1);
  expect(messages(/Redis is unavailable/)).toHaveLength(unavailableBefore + 1);
});

it('does not let a hanging Redis stall a request past its command timeout', async () => {
  await app.flushCaches();
  const sleeping = redis.command('DEBUG', 'SLEEP', '3');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const during = await read();
  expect(during.data.provider.name).toBe('Udemy');
  expect(during.commands).toBeGreaterThan(0);
  // A handful of cache calls at 100 ms each at most: well under the 3 s Redis hangs, with room for a
  // loaded CI machine (a request that waited for Redis would take 3 s or more).
  expect(during.elapsedMs).toBeLessThan(2000);
  await sleeping;
});

it('flushes on recovery when a write could not invalidate the cache during the outage', async () => {
  const providerName = async () => (await read()).data.provider.name;
  await read();
  expect((await read()).commands).toBe(0);
  const providerId = dataOf(await app.graphql(`query { provider(slug: "udemy") { id } }`)).provider.id;

  // Redis hangs well past the 2 s an invalidation may take, whenever the rename gets to it (it first
  // numbers the change in MongoDB): the rename cannot purge the cached response.
  const sleeping = redis.command('DEBUG', 'SLEEP', '3.5');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const renamed = dataOf(
    await app.graphql(
      `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`,
      { input: { id: providerId, name: 'Udemy Pro' } },
      { admin: true },
    ),
  );
  expect(renamed.updateProvider.userErrors).toEqual([]);
  expect(messages(/could not invalidate/)).toHaveLength(1);
  await sleeping;

  // Redis is back with the old response still stored; the first reply after the outage starts a flush instead of being used.
  expect(await providerName()).toBe('Udemy Pro');
  const deadline = Date.now() + 5_000;
  while (messages(/flushed the Redis cache/).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(messages(/flushed the Redis cache/)).toHaveLength(1);
  expect(await providerName()).toBe('Udemy Pro');
  expect(await providerName()).toBe('Udemy Pro');
});
