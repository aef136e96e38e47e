import { Types } from 'mongoose';
import pino from 'pino';
import { CacheChangeLog } from '../src/core/cache/cache-change-log';
import { createCacheInvalidation } from '../src/core/cache/cache-invalidation';
import { CacheMetrics } from '../src/core/cache/cache-metrics';
import { entityKey, entityTag, listTag } from '../src/core/cache/cache-store';
import { MemoryCacheStore } from '../src/core/cache/memory-cache-store';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { startTestApp, type TestApp } from './helpers/test-app';

// The change log lives in MongoDB: the test app's database (its own caches are not used here).
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

/** A logger that keeps what it writes, to check what an invalidation reports. */
function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createCacheInvalidation', () => {
  it('drops the entities, the responses that read them or listed their type, and the lists it is told of; nothing else', async () => {
    const store = new MemoryCacheStore({ metrics: new CacheMetrics() });
    const { logger, lines } = recordingLogger();
    const [changed, other] = [new Types.ObjectId(), new Types.ObjectId()];
    const tagged = (name: string, tag: string) => ({ key: name, value: name, ttlSeconds: 60, tags: [tag] });
    const { epoch } = await store.mget('response', []);
    await store.setManyIfEpoch(
      'response',
      [
        { key: entityKey('Provider', String(changed)), value: 'entity', ttlSeconds: 60 },
        { key: entityKey('Provider', String(other)), value: 'other entity', ttlSeconds: 60 },
        tagged('read-it', entityTag('Provider', String(changed))),
        tagged('listed-providers', listTag('Provider')),
        tagged('listed-resources', listTag('Resource')),
        tagged('read-another', entityTag('Provider', String(other))),
        tagged('listed-skills', listTag('Skill')),
      ],
      epoch,
    );

    // The same id twice, as an ObjectId and as a string: one entity.
    const invalidation = createCacheInvalidation(store, logger);
    await invalidation.entitiesChanged('Provider', [changed, String(changed)], ['Resource']);

    const keys = [
      entityKey('Provider', String(changed)),
      entityKey('Provider', String(other)),
      'read-it',
      'listed-providers',
      'listed-resources',
      'read-another',
      'listed-skills',
    ];
    expect((await store.mget('response', keys)).values).toEqual([null, 'other entity', null, null, null, 'read-another', 'listed-skills']);
    await invalidation.flushAll();
    expect((await store.mget('response', keys)).values.every((value) => value === null)).toBe(true);
    // Delivered: nothing to report.
    expect(lines).toEqual([]);
    // Both recorded for the other processes, in order, as applied to this store already.
    const logged = (await new CacheChangeLog().after(0, 10)).slice(-2);
    expect(logged.map(({ typeName, ids, alsoListsOf, flush, appliedTo }) => ({ typeName, ids, alsoListsOf, flush, appliedTo }))).toEqual([
      { typeName: 'Provider', ids: [String(changed)], alsoListsOf: ['Resource'], flush: undefined, appliedTo: store.identity },
      { typeName: undefined, ids: undefined, alsoListsOf: undefined, flush: true, appliedTo: store.identity },
    ]);
    expect(logged[1].sequence).toBe(logged[0].sequence + 1);
  });

  it('logs an invalidation or a flush it could not deliver, with the type and ids, and only then', async () => {
    const { logger, lines } = recordingLogger();
    // Nothing listens on port 1: every command fails at once.
    const unreachable = new RedisCacheStore({
      url: 'redis://127.0.0.1:1',
      namespace: 't_unreachable:',
      logger: pino({ level: 'silent' }),
      metrics: new CacheMetrics(),
    });
    await unreachable.connect(200);
    try {
      const id = new Types.ObjectId();
      const invalidation = createCacheInvalidation(unreachable, logger);
      await invalidation.entitiesChanged('Skill', [id, id]);
      await invalidation.flushAll();
      expect(lines.map(({ level, msg, typeName, ids }) => ({ level, msg, typeName, ids }))).toEqual([
        {
          level: 40,
          msg: 'could not invalidate the cache now; it will be flushed when Redis is back',
          typeName: 'Skill',
          ids: [String(id)],
        },
        { level: 40, msg: 'could not flush the cache now; it will be flushed when Redis is back', typeName: undefined, ids: undefined },
      ]);
      // Recorded as applied nowhere: every other process applies them to its own store.
      const logged = (await new CacheChangeLog().after(0, 100)).slice(-2);
      expect(logged.map(({ appliedTo }) => appliedTo)).toEqual([null, null]);
    } finally {
      await unreachable.close();
    }
  });
});
