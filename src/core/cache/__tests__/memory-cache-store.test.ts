import { CacheMetrics } from '../cache-metrics';
import { MemoryCacheStore } from '../memory-cache-store';

describe('MemoryCacheStore', () => {
  const newStore = (options: { maxEntries?: number } = {}) => new MemoryCacheStore({ metrics: new CacheMetrics(), ...options });

  it('writes only while the epoch a reader noted is current', async () => {
    const store = newStore();
    const { epoch } = await store.mget('entity', ['a']);
    await store.invalidate(['b'], []);
    expect(await store.setManyIfEpoch('entity', [{ key: 'a', value: 'stale', ttlSeconds: 60 }], epoch)).toBe(false);
    expect(await store.get('entity', 'a')).toBeNull();
    const fresh = await store.mget('entity', ['a']);
    expect(await store.setManyIfEpoch('entity', [{ key: 'a', value: 'fresh', ttlSeconds: 60 }], fresh.epoch)).toBe(true);
    expect(await store.get('entity', 'a')).toBe('fresh');
  });

  it('purges every entry indexed under a tag, and nothing else', async () => {
    const store = newStore();
    const { epoch } = await store.mget('response', []);
    await store.setManyIfEpoch(
      'response',
      [
        { key: 'one', value: '1', ttlSeconds: 60, tags: ['Skill:1', 'list:Category'] },
        { key: 'two', value: '2', ttlSeconds: 60, tags: ['Skill:2'] },
      ],
      epoch,
    );
    await store.invalidate([], ['Skill:1']);
    expect((await store.mget('response', ['one', 'two'])).values).toEqual([null, '2']);
    expect(await store.currentEpoch()).not.toBe(epoch);
  });

  it('stays bounded', async () => {
    const store = newStore({ maxEntries: 10 });
    for (let index = 0; index < 100; index += 1) await store.set('apq', `key-${index}`, 'value', 60);
    const { values } = await store.mget(
      'apq',
      Array.from({ length: 100 }, (_, index) => `key-${index}`),
    );
    expect(values.filter((value) => value !== null)).toHaveLength(10);
    expect(values[99]).toBe('value');
  });
});

describe('MemoryCacheStore bound in bytes', () => {
  it('counts values as UTF-8 bytes and tag references, so its bound holds in memory, not in characters', async () => {
    const store = new MemoryCacheStore({ metrics: new CacheMetrics(), maxBytes: 10_000 });
    const { epoch } = await store.mget('response', []);
    // 1,000 characters of which one is outside Latin-1: 1,002 bytes, 9 tags of 120 bytes each.
    const value = `${'x'.repeat(999)}€`;
    const entries = Array.from({ length: 10 }, (_, index) => ({
      key: `k${index}`,
      value,
      ttlSeconds: 60,
      tags: Array.from({ length: 9 }, (_, tag) => `T:${index}:${tag}`),
    }));
    await store.setManyIfEpoch('response', entries, epoch);
    const kept = (
      await store.mget(
        'response',
        entries.map((entry) => entry.key),
      )
    ).values.filter((stored) => stored !== null);
    // Each entry costs 1,002 + 2 + 1,080 bytes: four fit in 10,000, counted as characters nine would.
    expect(kept).toHaveLength(4);
    expect(kept[0]).toBe(value);
    expect((await store.mgetBuffers('response', ['k9'])).values[0]?.toString('utf8')).toBe(value);
  });
});
