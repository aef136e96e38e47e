import type { Logger } from '../logger';
import { entityKey, entityTag, listTag, type CacheStore } from './cache-store';

/**
 * What writers call after they change documents, so no cache answers with the old value: the entity
 * entries of the changed ids are deleted, and so is every cached response that read one of those
 * entities or queried their collection by anything but id (`list:<Type>`).
 */
export interface CacheInvalidation {
  /**
   * Call after creating, updating or deleting documents of the model `typeName` (e.g. `Provider`).
   * `alsoListsOf`: other types whose lists the write changed too (a provider rename re-indexes its
   * resources for search: `['Resource']`), dropped in the same invalidation.
   */
  entitiesChanged(typeName: string, ids: ReadonlyArray<{ toString(): string }>, alsoListsOf?: readonly string[]): Promise<void>;
  /** Call after bulk writes whose ids are not at hand (the seeder): empties every cache. */
  flushAll(): Promise<void>;
}

/** For code run without caches (scripts, unit tests). */
export const noCacheInvalidation: CacheInvalidation = {
  entitiesChanged: async () => undefined,
  flushAll: async () => undefined,
};

/** Invalidation against a store; failures are logged, and the Redis store flushes on recovery. */
export function createCacheInvalidation(store: CacheStore, logger: Logger): CacheInvalidation {
  return {
    async entitiesChanged(typeName, ids, alsoListsOf = []) {
      const hexIds = [...new Set(ids.map(String))];
      const invalidated = await store.invalidate(
        hexIds.map((id) => entityKey(typeName, id)),
        [...hexIds.map((id) => entityTag(typeName, id)), listTag(typeName), ...alsoListsOf.map(listTag)],
      );
      if (!invalidated) logger.warn({ typeName, ids: hexIds }, 'could not invalidate the cache now; it will be flushed when Redis is back');
    },
    async flushAll() {
      if (!(await store.flush())) logger.warn('could not flush the cache now; it will be flushed when Redis is back');
    },
  };
}
