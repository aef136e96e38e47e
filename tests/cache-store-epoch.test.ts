import { createClient } from 'redis';
import { CacheMetrics } from '../src/core/cache/cache-metrics';
import type { CacheStore } from '../src/core/cache/cache-store';
import { MemoryCacheStore } from '../src/core/cache/memory-cache-store';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';

/**
 * The staleness guard of `CacheStore` (cache-store.ts), attacked through the interface only (the
 * epoch's format is the store's business): a value read before an invalidation can never be written
 * after it, by this process or another one sharing the store, and nothing of a refused write (value
 * or tag index) is left behind. In Redis the check and the write are one Lua script.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface StoreSetup {
  /** Two handles on one shared cache: two processes for Redis, the same object for the in-process store. */
  stores: [CacheStore, CacheStore];
  /** Every key the backend holds for the cache, when it can be listed (Redis); undefined otherwise. */
  backendKeys(): Promise<string[] | undefined>;
  close(): Promise<void>;
}

function memorySetup(): Promise<StoreSetup> {
  const store = new MemoryCacheStore({ metrics: new CacheMetrics() });
  return Promise.resolve({ stores: [store, store], backendKeys: () => Promise.resolve(undefined), close: () => store.close() });
}

async function redisSetup(): Promise<StoreSetup> {
  const namespace = `t_epoch_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}:`;
  // A generous timeout: a command that timed out would be a refusal for the wrong reason.
  const open = () =>
    new RedisCacheStore({
      url: REDIS_URL,
      namespace,
      commandTimeoutMs: 5_000,
      logger: createLogger('silent'),
      metrics: new CacheMetrics(),
    });
  const stores: [RedisCacheStore, RedisCacheStore] = [open(), open()];
  await Promise.all(stores.map((store) => store.connect(5_000)));
  const raw = createClient({ url: REDIS_URL });
  await raw.connect();
  // Fails loudly when Redis cannot be reached, rather than testing a store that answers nothing.
  for (const store of stores) expect(await store.get('entity', 'probe')).toBeNull();
  return {
    stores,
    async backendKeys() {
      const keys: string[] = [];
      for await (const batch of raw.scanIterator({ MATCH: `${namespace}*`, COUNT: 1000 })) keys.push(...batch);
      return keys;
    },
    async close() {
      await stores[0].flush();
      await Promise.all(stores.map((store) => store.close()));
      await raw.close();
    },
  };
}

/** Waits 0 to `maxMs` - 1 milliseconds, at random: lets concurrent operations interleave differently each time. */
const pause = (maxMs: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * maxMs)));

describe.each([
  ['in-process store', memorySetup],
  ['Redis store', redisSetup],
] as const)('the epoch guard of the %s', (_name, setUp) => {
  let setup: StoreSetup;
  let reader: CacheStore;
  let writer: CacheStore;

  beforeEach(async () => {
    setup = await setUp();
    [reader, writer] = setup.stores;
  });
  afterEach(() => setup?.close());

  it('refuses a write-back read before an invalidation, and leaves neither the value nor its tags behind', async () => {
    const noted = await reader.mget('entity', ['Provider:1']);
    expect(noted?.values).toEqual([null]);
    // Another process writes the provider and invalidates it between the read and the write-back.
    expect(await writer.invalidate(['Provider:1'], ['Provider:1'])).toBe(true);
    expect(
      await reader.setManyIfEpoch('entity', [{ key: 'Provider:1', value: 'stale', ttlSeconds: 60, tags: ['RefusedTag:1'] }], noted!.epoch),
    ).toBe(false);
    expect(await reader.get('entity', 'Provider:1')).toBeNull();
    expect(await writer.get('entity', 'Provider:1')).toBeNull();
    const keys = await setup.backendKeys();
    if (keys) expect(keys.filter((key) => key.includes('RefusedTag') || key.includes('Provider:1'))).toEqual([]);

    // A fresh write of the same key, not under that tag: a tag left by the refused write would purge it.
    const fresh = await reader.mget('entity', ['Provider:1']);
    expect(await reader.setManyIfEpoch('entity', [{ key: 'Provider:1', value: 'fresh', ttlSeconds: 60 }], fresh!.epoch)).toBe(true);
    expect(await writer.invalidate([], ['RefusedTag:1'])).toBe(true);
    expect(await reader.get('entity', 'Provider:1')).toBe('fresh');
  });

  it('refuses a write-back read before a flush', async () => {
    const noted = await reader.mget('response', ['response:a']);
    expect(await writer.flush()).toBe(true);
    expect(
      await reader.setManyIfEpoch(
        'response',
        [{ key: 'response:a', value: 'stale', ttlSeconds: 60, tags: ['list:Resource'] }],
        noted!.epoch,
      ),
    ).toBe(false);
    expect(await reader.get('response', 'response:a')).toBeNull();
  });

  it('never gives an epoch twice: every invalidation makes all earlier ones refused', async () => {
    const seen: string[] = [];
    for (let round = 0; round < 20; round += 1) {
      seen.push((await reader.currentEpoch('entity'))!);
      await (round % 2 === 0 ? writer.invalidate([], []) : writer.flush());
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const epoch of seen)
      expect(await reader.setManyIfEpoch('entity', [{ key: 'old', value: epoch, ttlSeconds: 60 }], epoch)).toBe(false);
    expect(await reader.get('entity', 'old')).toBeNull();
  });

  it('keeps nothing stale when many write-backs race with invalidations through two handles on one store', async () => {
    const KEYS = ['Race:0', 'Race:1', 'Race:2', 'Race:3'];
    const ROUNDS = 120;
    const database = new Map<string, number>(KEYS.map((key) => [key, 0]));
    /** Per key, the newest version whose invalidation has completed: no read started later may see an older one. */
    const invalidatedVersion = new Map<string, number>();
    const staleReads: string[] = [];
    let refused = 0;

    function checkFresh(key: string, value: string | null | undefined, floor: number): void {
      if (value != null && Number(value) < floor) staleReads.push(`${key}: read version ${value} after version ${floor} was invalidated`);
    }

    /** The reader's protocol (entity-cache.ts): note the epoch with the look-up, read the database, write back under that epoch. */
    async function readThrough(store: CacheStore, key: string): Promise<void> {
      await pause(3);
      const floor = invalidatedVersion.get(key) ?? 0;
      const noted = await store.mget('entity', [key]);
      expect(noted).toBeDefined();
      checkFresh(key, noted!.values[0], floor);
      if (noted!.values[0] !== null) return;
      const version = database.get(key)!;
      await pause(5);
      const written = await store.setManyIfEpoch(
        'entity',
        [{ key, value: String(version), ttlSeconds: 60, tags: [`Tag:${key}`] }],
        noted!.epoch,
      );
      if (!written) refused += 1;
      // An invalidation that completed before this read would have deleted a value written before it:
      // an older value seen now was written after it.
      const floorAfterWrite = invalidatedVersion.get(key) ?? 0;
      checkFresh(key, await store.get('entity', key), floorAfterWrite);
    }

    /** The writer's protocol (the services): write the database, then invalidate; from then on no older value may be read. */
    async function writeThrough(store: CacheStore, key: string): Promise<void> {
      await pause(3);
      const version = database.get(key)! + 1;
      database.set(key, version);
      await pause(2);
      expect(await store.invalidate([key], [`Tag:${key}`])).toBe(true);
      invalidatedVersion.set(key, Math.max(version, invalidatedVersion.get(key) ?? 0));
    }

    for (let round = 0; round < ROUNDS; round += 1) {
      // Each round starts uncached, so its readers miss and race to write back with the round's writer.
      expect(
        await writer.invalidate(
          KEYS,
          KEYS.map((key) => `Tag:${key}`),
        ),
      ).toBe(true);
      await Promise.all(
        KEYS.flatMap((key, index) => [
          writeThrough((round + index) % 2 === 0 ? writer : reader, key),
          ...[0, 1, 2, 3].map((reading) => readThrough((round + reading) % 2 === 0 ? reader : writer, key)),
        ]),
      );
      // Quiet now: what is cached is the current version or nothing.
      for (const key of KEYS) checkFresh(key, await reader.get('entity', key), database.get(key)!);
    }

    expect(staleReads).toEqual([]);
    // The race did happen: write-backs were refused.
    expect(refused).toBeGreaterThan(ROUNDS);
  });
});
