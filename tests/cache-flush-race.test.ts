import { CacheMetrics } from '../src/core/cache/cache-metrics';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';

/**
 * Readers racing a flush of the Redis cache. Entries do not carry the epoch they were written under,
 * so while a flush walks the namespace (SCAN, then UNLINK, batch by batch) the old entries it has not
 * reached yet sit next to the new epoch. A flush follows a write whose purge was lost (Redis was down,
 * or came back from an old snapshot): every entry still there predates that write. The guarantee
 * attacked: no reader in any process ever gets such an entry under any epoch but the one it was
 * stored under, nor stores what it read before the flush after it began. Thousands of keys make the
 * SCAN/UNLINK window many round trips wide; readers hammer them from three connections meanwhile.
 */
jest.setTimeout(120_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY_COUNT = 6_000;
const STALE = 'cached before the write';
const FRESH = 'read after the write';

describe('readers racing a flush of the Redis cache', () => {
  const namespace = `t_flush_race_${process.pid}_${Date.now().toString(36)}:`;
  const stores: RedisCacheStore[] = [];

  beforeAll(async () => {
    for (let index = 0; index < 3; index += 1) {
      const store = new RedisCacheStore({
        url: REDIS_URL,
        namespace,
        commandTimeoutMs: 5_000,
        logger: createLogger('silent'),
        metrics: new CacheMetrics(),
      });
      stores.push(store);
      await store.connect(5_000);
      // Fails loudly when Redis cannot be reached, rather than racing a store that answers nothing.
      expect(await store.get('entity', 'probe')).toBeNull();
    }
  });
  afterAll(async () => {
    await stores[0]?.flush();
    await Promise.all(stores.map((store) => store.close()));
  });

  it('never serves an entry from before the write under a later epoch, nor stores one read before the flush', async () => {
    const [flusher] = stores;
    const keys = Array.from({ length: KEY_COUNT }, (_, index) => `Resource:${index}`);
    const before = (await flusher.currentEpoch('entity'))!;
    for (let start = 0; start < KEY_COUNT; start += 500) {
      const batch = keys.slice(start, start + 500).map((key) => ({ key, value: STALE, ttlSeconds: 600, tags: ['resources'] }));
      expect(await flusher.setManyIfEpoch('entity', batch, before)).toBe(true);
    }
    expect((await flusher.mget('entity', [keys[0], keys[KEY_COUNT - 1]]))?.values).toEqual([STALE, STALE]);

    let flushing = true;
    const seen = { stale: 0, staleUnderLaterEpoch: 0, refusedDuringFlush: 0, freshUnderLaterEpoch: 0, reads: 0 };
    /** Epochs stale entries were read under: a reader still holding one after the flush must store nothing. */
    const staleEpochs = new Set<string>();
    const reader = async (store: RedisCacheStore, seed: number) => {
      let turn = seed;
      // Reads until the flush is over, then a few more rounds: those must all be clean too.
      for (let after = 0; after < 20; after += flushing ? 0 : 1) {
        turn += 1;
        // Hot keys (the first 50) and keys spread over the whole namespace, so the flush meets readers everywhere.
        const wanted = [keys[turn % 50], keys[(turn * 7919) % KEY_COUNT], keys[(turn * 104_729) % KEY_COUNT]];
        const read = await store.mget('entity', wanted);
        seen.reads += 1;
        if (read === undefined) {
          seen.refusedDuringFlush += 1;
          continue;
        }
        const stale = read.values.filter((value) => value === STALE).length;
        seen.stale += stale;
        if (read.epoch !== before) seen.staleUnderLaterEpoch += stale;
        if (read.epoch !== before && read.values.includes(FRESH)) seen.freshUnderLaterEpoch += 1;
        // A miss is read from the database (the new value) and stored under the epoch read with it, as the entity cache does.
        const misses = wanted.flatMap((key, index) => (read.values[index] === null ? [{ key, value: FRESH, ttlSeconds: 600 }] : []));
        if (misses.length > 0) await store.setManyIfEpoch('entity', misses, read.epoch);
        if (stale > 0) staleEpochs.add(read.epoch);
      }
    };

    const readers = stores.flatMap((store, storeIndex) =>
      Array.from({ length: 8 }, (_, index) => reader(store, storeIndex * 1_000 + index * 97)),
    );
    // Let the readers get going under the old epoch first: the flush starts among them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const flushed = flusher.flush(1).finally(() => (flushing = false));
    expect(await flushed).toBe(true);
    await Promise.all(readers);

    expect(seen.staleUnderLaterEpoch).toBe(0);
    // The race happened: readers read stale entries before the flush, met it in progress (and were told
    // to miss), and found new values under the new epoch.
    expect(seen.stale).toBeGreaterThan(0);
    expect(seen.refusedDuringFlush).toBeGreaterThan(0);
    expect(seen.freshUnderLaterEpoch).toBeGreaterThan(0);
    // Stale entries were only ever read under the epoch from before the flush: that one may store nothing now.
    expect([...staleEpochs]).toEqual([before]);
    for (const epoch of staleEpochs)
      expect(await stores[1].setManyIfEpoch('entity', [{ key: keys[0], value: STALE, ttlSeconds: 600 }], epoch)).toBe(false);
    const after = (await flusher.mget('entity', keys))!;
    expect(after.epoch).not.toBe(before);
    expect(after.values.filter((value) => value === STALE)).toHaveLength(0);
    expect(stores.every((store) => store.isAvailable())).toBe(true);
  });
});
