import { Types } from 'mongoose';
import { CacheMetrics } from '../cache-metrics';
import { EntityCache } from '../entity-cache';
import { MemoryCacheStore } from '../memory-cache-store';

interface Doc {
  _id: Types.ObjectId;
  name: string;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fixture() {
  const metrics = new CacheMetrics();
  const store = new MemoryCacheStore({ metrics });
  const setManyIfEpoch = jest.spyOn(store, 'setManyIfEpoch');
  return { metrics, store, setManyIfEpoch, cache: new EntityCache(store, metrics, true) };
}

/** Lets the second load reach the coalescer while the first one's query is still running. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('EntityCache', () => {
  it('counts concurrent misses of the same ids as coalesced, reads them once and writes them to the entity tier', async () => {
    const { metrics, setManyIfEpoch, cache } = fixture();
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    const docs: Doc[] = [
      { _id: a, name: 'a' },
      { _id: b, name: 'b' },
    ];
    const query = deferred<Doc[]>();
    const fetchMissing = jest.fn(() => query.promise);
    const first = cache.load('Thing', [a.toHexString(), b.toHexString()], fetchMissing);
    await settle();
    const second = cache.load('Thing', [a.toHexString(), b.toHexString()], fetchMissing);
    await settle();
    query.resolve(docs);
    expect((await first).map((doc) => doc?.name)).toEqual(['a', 'b']);
    expect((await second).map((doc) => doc?.name)).toEqual(['a', 'b']);
    expect(fetchMissing).toHaveBeenCalledTimes(1);
    expect(metrics.snapshot().tiers.entity).toEqual({ hits: 0, misses: 4, errors: 0, coalesced: 2 });
    expect(setManyIfEpoch).toHaveBeenCalledTimes(1);
    expect(setManyIfEpoch.mock.calls[0][0]).toBe('entity');

    // Written back: the next load is a hit, and no miss is coalesced.
    expect((await cache.load('Thing', [a.toHexString()], fetchMissing)).map((doc) => doc?.name)).toEqual(['a']);
    expect(fetchMissing).toHaveBeenCalledTimes(1);
    expect(metrics.snapshot().tiers.entity).toEqual({ hits: 1, misses: 4, errors: 0, coalesced: 2 });
  });

  it('counts nothing coalesced for a miss nobody else is reading', async () => {
    const { metrics, cache } = fixture();
    const coalesced = jest.spyOn(metrics, 'coalesced');
    const id = new Types.ObjectId();
    await cache.load('Thing', [id.toHexString()], () => Promise.resolve([{ _id: id, name: 'x' }]));
    expect(metrics.snapshot().tiers.entity.coalesced).toBe(0);
    expect(coalesced).not.toHaveBeenCalled();
  });

  it('shares "no such document" with a coalesced miss without reading again', async () => {
    const { cache } = fixture();
    const id = new Types.ObjectId().toHexString();
    const query = deferred<Doc[]>();
    const fetchMissing = jest.fn(() => query.promise);
    const first = cache.load('Thing', [id], fetchMissing);
    await settle();
    const second = cache.load('Thing', [id], fetchMissing);
    await settle();
    query.resolve([]);
    expect(await first).toEqual([null]);
    expect(await second).toEqual([null]);
    expect(fetchMissing).toHaveBeenCalledTimes(1);
  });

  it('when the leading query fails, it throws that error and the coalesced miss reads again', async () => {
    const { cache } = fixture();
    const id = new Types.ObjectId();
    const query = deferred<Doc[]>();
    const fetchMissing = jest
      .fn<Promise<Doc[]>, [string[]]>()
      .mockImplementationOnce(() => query.promise)
      .mockImplementation(() => Promise.resolve([{ _id: id, name: 'again' }]));
    const first = cache.load('Thing', [id.toHexString()], fetchMissing);
    await settle();
    const second = cache.load('Thing', [id.toHexString()], fetchMissing);
    await settle();
    query.reject(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    expect((await second).map((doc) => doc?.name)).toEqual(['again']);
    expect(fetchMissing).toHaveBeenCalledTimes(2);
    expect(fetchMissing.mock.calls[1][0]).toEqual([id.toHexString()]);
  }, 5_000);
});
