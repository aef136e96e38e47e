import { CacheMetrics } from '../src/core/cache/cache-metrics';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';
import { RedisServerProcess } from './helpers/redis-server-process';

/**
 * The Redis store learns of an outage from the connection itself, not only from a failed command: an
 * idle API (no request in flight) must already know Redis is gone, so that its next request neither
 * waits on a dead connection nor trusts in-process copies it can no longer check.
 */
describe('the Redis cache store while idle', () => {
  let redis: RedisServerProcess;
  let store: RedisCacheStore;

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    store = new RedisCacheStore({
      url: redis.url,
      namespace: `t_availability_${process.pid}:`,
      commandTimeoutMs: 2_000,
      logger: createLogger('silent'),
      metrics: new CacheMetrics(),
    });
    await store.connect(5_000);
  });

  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (condition()) return true;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return condition();
  }

  it('notices Redis going away with no command sent, and comes back when it returns', async () => {
    expect(await until(() => store.isAvailable(), 5_000)).toBe(true);
    await redis.stop();
    // No command is sent: only the connection's own error can tell the store.
    expect(await until(() => !store.isAvailable(), 3_000)).toBe(true);
    await redis.start();
    expect(await until(() => store.isAvailable(), 5_000)).toBe(true);
  });
});
