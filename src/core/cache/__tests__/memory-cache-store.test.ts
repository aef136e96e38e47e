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
