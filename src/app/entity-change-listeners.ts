import { invalidateCachesOnChange, type CacheInvalidation } from '../core/cache/cache-invalidation';
import { EntityChangeEvents } from '../core/entity-changes';
import { LISTS_REINDEXED_ON_RENAME, reindexSearchOnRename } from '../modules/search/search-indexing';

/**
 * The "entities changed" event of a process with its follow-ups, registered once here: search
 * re-indexing first, then cache invalidation, which so also purges what the re-indexing rewrote.
 * Writers are given the result and emit to it once per write.
 */
export function createEntityChanges({ invalidation }: { invalidation: CacheInvalidation }): EntityChangeEvents {
  return new EntityChangeEvents().listen(reindexSearchOnRename).listen(invalidateCachesOnChange(invalidation, LISTS_REINDEXED_ON_RENAME));
}
