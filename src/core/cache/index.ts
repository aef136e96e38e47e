import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { PersistedQueryCache } from './apq-cache';
import { CacheChangeFollower } from './cache-change-follower';
import { CacheChangeLog } from './cache-change-log';
import { createCacheInvalidation, type CacheInvalidation } from './cache-invalidation';
import { CacheMetrics } from './cache-metrics';
import type { CacheStore } from './cache-store';
import { EntityCache } from './entity-cache';
import { EpochMessages } from './epoch-messages';
import { MemoryCacheStore } from './memory-cache-store';
import { RedisCacheStore } from './redis-cache-store';

export type { CacheInvalidation } from './cache-invalidation';
export { noCacheInvalidation } from './cache-invalidation';
export type { CacheStore } from './cache-store';
export { EntityCache } from './entity-cache';

/** Every cache of one process, built from the config (see `createCaches`). */
export interface Caches {
  store: CacheStore;
  metrics: CacheMetrics;
  entityCache: EntityCache;
  invalidation: CacheInvalidation;
  persistedQueries: PersistedQueryCache;
  responseCacheEnabled: boolean;
  /** Applies other processes' writes to these caches once started (API processes start it; CLIs don't). */
  changeFollower: CacheChangeFollower;
  /**
   * With Redis: the epoch as messages tell it, so response copies kept in the process are served with
   * no network trip (API processes start it; CLIs don't, and read the epoch as before).
   */
  epochMessages: EpochMessages | undefined;
  /** Stops following and closes the store. */
  close(): Promise<void>;
}

/**
 * Builds the caches: Redis when one is configured (a server, a cluster or Sentinels; connecting without
 * waiting long: the API serves from MongoDB until Redis answers), otherwise a bounded in-process LRU.
 */
export async function createCaches(config: AppConfig, logger: Logger): Promise<Caches> {
  const metrics = new CacheMetrics();
  // One hash tag for the whole namespace: on a Redis Cluster every key of the cache is in one slot, which
  // the epoch check needs (docs/SCALING-DATA.md, "Redis key layout").
  const namespace = `{${config.cacheKeyPrefix}:v1}:`;
  let store: CacheStore;
  let epochMessages: EpochMessages | undefined;
  if (config.redis) {
    const redis = new RedisCacheStore({ target: config.redis, namespace, commandTimeoutMs: config.redisCommandTimeoutMs, logger, metrics });
    await redis.connect();
    epochMessages = new EpochMessages(redis, { logger, metrics });
    redis.followEpochMessages(epochMessages);
    store = redis;
  } else {
    store = new MemoryCacheStore({ metrics });
  }
  const changeLog = new CacheChangeLog();
  const changeFollower = new CacheChangeFollower(store, changeLog, logger, { pollMs: config.cacheChangePollMs });
  return {
    store,
    metrics,
    entityCache: new EntityCache(store, metrics, config.entityCacheEnabled),
    invalidation: createCacheInvalidation(store, logger, changeLog),
    persistedQueries: new PersistedQueryCache(store, metrics),
    responseCacheEnabled: config.responseCacheEnabled,
    changeFollower,
    epochMessages,
    close: async () => {
      await changeFollower.stop();
      await epochMessages?.stop();
      await store.close();
    },
  };
}
