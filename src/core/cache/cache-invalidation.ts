import type { EntityChangeListener } from '../entity-changes';
import type { Logger } from '../logger';
import { CacheChangeLog, type CacheChange } from './cache-change-log';
import { entityKey, entityTag, listTag, type CachePurging } from './cache-store';

/**
 * What follows every write (as a listener of the "entities changed" event, see
 * `invalidateCachesOnChange`), so no cache answers with the old value: the entity
 * entries of the changed ids are deleted, and so is every cached response that read one of those
 * entities or queried their collection by anything but id (`list:<Type>`). The change is applied to
 * this process's store at once and recorded in the shared change log, from which every other API
 * process applies it to its own caches (see CacheChangeFollower).
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

/** For code run without caches (unit tests of pure logic). */
export const noCacheInvalidation: CacheInvalidation = {
  entitiesChanged: () => Promise.resolve(),
  flushAll: () => Promise.resolve(),
};

/** The store keys and response tags one change purges. */
export function keysAndTagsOf(
  typeName: string,
  hexIds: readonly string[],
  alsoListsOf: readonly string[],
): { keys: string[]; tags: string[] } {
  return {
    keys: hexIds.map((id) => entityKey(typeName, id)),
    tags: [...hexIds.map((id) => entityTag(typeName, id)), listTag(typeName), ...alsoListsOf.map(listTag)],
  };
}

/**
 * Invalidation against a store, recorded in the change log. Failures are logged and never fail the
 * write that was already made: a store that missed an invalidation flushes when it is back (Redis
 * store), and a change that could not be recorded shows as a gap to the followers, who flush.
 */
export function createCacheInvalidation(
  store: Pick<CachePurging, 'identity' | 'invalidate' | 'flush' | 'outlastEpochTrust'>,
  logger: Logger,
  log = new CacheChangeLog(),
): CacheInvalidation {
  async function publish(change: CacheChange, applyToStore: (sequence: number | undefined) => Promise<boolean>): Promise<void> {
    let sequence: number | undefined;
    try {
      sequence = await log.reserve();
    } catch (error) {
      logger.error(
        { err: error, ...change },
        'could not number a cache change: other processes learn of it only when their entries expire',
      );
    }
    const applied = await applyToStore(sequence);
    if (!applied)
      logger.warn(
        { ...change },
        change.flush
          ? 'could not flush the cache now; it will be flushed when Redis is back'
          : 'could not invalidate the cache now; it will be flushed when Redis is back',
      );
    if (sequence !== undefined) {
      try {
        await log.record(sequence, change, applied ? store.identity : null);
      } catch (error) {
        logger.error(
          { err: error, sequence },
          'could not record a cache change: other processes flush their caches when they notice the gap',
        );
      }
    }
    // The write returns only once no process can serve a copy from before it unchecked.
    if (!applied) await store.outlastEpochTrust?.();
  }

  return {
    async entitiesChanged(typeName, ids, alsoListsOf = []) {
      const hexIds = [...new Set(ids.map(String))];
      const { keys, tags } = keysAndTagsOf(typeName, hexIds, alsoListsOf);
      await publish({ typeName, ids: hexIds, alsoListsOf: alsoListsOf.length > 0 ? [...alsoListsOf] : undefined }, (sequence) =>
        store.invalidate(keys, tags, sequence),
      );
    },
    async flushAll() {
      await publish({ flush: true }, (sequence) => store.flush(sequence));
    },
  };
}

/**
 * The "entities changed" listener that purges the caches (see EntityChangeEvents).
 * `listsChangedByRename`: by type, the other types whose lists a rename rewrites (renaming a skill
 * re-indexes its resources for search: `{ Skill: ['Resource'] }`); they are dropped in the same
 * invalidation.
 */
export function invalidateCachesOnChange(
  invalidation: CacheInvalidation,
  listsChangedByRename: Readonly<Record<string, readonly string[]>> = {},
): EntityChangeListener {
  return (change) => invalidation.entitiesChanged(change.type, change.ids, change.renamed ? (listsChangedByRename[change.type] ?? []) : []);
}
