import type { CacheTier } from './cache-metrics';

/** One value to write with `setManyIfEpoch`. */
export interface CacheEntry {
  key: string;
  value: string;
  ttlSeconds: number;
  /** Tags (see `purgeTags`) under which the entry is indexed; a purge of any of them deletes it. */
  tags?: readonly string[];
}

/**
 * A shared key-value cache: Redis (`RedisCacheStore`) or, without `REDIS_URL`, a bounded in-process
 * LRU (`MemoryCacheStore`). Keys are given without the namespace; the store adds it.
 *
 * No method throws: when the backend is unavailable or slower than its timeout, reads answer
 * `undefined` (the caller treats it as a miss and must not write back what it reads elsewhere), and
 * writes are skipped. Failures are counted per tier in the metrics.
 *
 * Staleness guard: every invalidation sets a new epoch, a value never used before. A reader notes the epoch before it reads
 * the database, and `setManyIfEpoch` writes only if no invalidation happened since, so a value read
 * before a concurrent write can never be stored after that write's purge.
 *
 * Each user depends only on the part it needs: `EpochCheckedValues` (entity and response caches),
 * `PlainCachedValues` (persisted queries), `CachePurging` (invalidation, change follower).
 */
export interface CacheStore extends EpochCheckedValues, PlainCachedValues, CachePurging {
  /** False while the backend is unreachable (reads answer misses, writes are skipped). */
  isAvailable(): boolean;
  close(): Promise<void>;
}

/**
 * The part of the store the entity and response caches use: values read with the epoch, written
 * back only if it did not change (see the staleness guard on CacheStore).
 */
export interface EpochCheckedValues {
  readonly kind: 'redis' | 'memory';
  /** Values of `keys` in order (null for a miss) and the current epoch; `undefined` when unavailable. */
  mget(tier: CacheTier, keys: readonly string[]): Promise<{ values: Array<string | null>; epoch: string } | undefined>;
  /** `mget` with the values as bytes, for values written out as they are (the response cache's hits). */
  mgetBuffers(tier: CacheTier, keys: readonly string[]): Promise<{ values: Array<Buffer | null>; epoch: string } | undefined>;
  /** The current epoch alone (a few bytes); `undefined` when unavailable. */
  currentEpoch(tier: CacheTier): Promise<string | undefined>;
  /**
   * The current epoch with no network trip, when epoch messages vouch for it right now (Redis store
   * in an API process, see epoch-messages.ts); undefined when it must be read with `currentEpoch`.
   */
  trustedLocalEpoch?(): string | undefined;
  /** Writes the entries only if the epoch is still `epoch`; true when written. */
  setManyIfEpoch(tier: CacheTier, entries: readonly CacheEntry[], epoch: string): Promise<boolean>;
}

/** The part of the store for values no write makes stale (persisted queries: hash → text). */
export interface PlainCachedValues {
  get(tier: CacheTier, key: string): Promise<string | null | undefined>;
  set(tier: CacheTier, key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(tier: CacheTier, keys: readonly string[]): Promise<void>;
}

/** The part of the store that forgets what writes changed: invalidation and the change follower. */
export interface CachePurging {
  /**
   * Who shares this cache (Redis server, database and namespace; a unique id for an in-process
   * store). A change already applied to the store with this identity need not be applied again by
   * another process sharing it (see CacheChangeFollower).
   */
  readonly identity: string;
  /**
   * Changes the epoch to a value never used before, deletes `keys`, and deletes every entry indexed
   * under one of `tags`. `sequence`: the change-log sequence of this change, if it has one.
   * False when the backend was unavailable (the invalidation may be lost; see the Redis store).
   */
  invalidate(keys: readonly string[], tags: readonly string[], sequence?: number): Promise<boolean>;
  /** Deletes everything in the namespace (and changes the epoch). */
  flush(sequence?: number): Promise<boolean>;
  /** Records that changes up to `sequence` exist (new epochs carry it). */
  noteSequence(sequence: number): void;
  /** Records that the change `sequence` has been applied to this store (here or by a process sharing it). */
  noteApplied(sequence: number): void;
  /**
   * Flushes the store if it is behind the changes applied to it (it lost its data or went back to an
   * older snapshot). True when it flushed.
   */
  reconcile(): Promise<boolean>;
  /**
   * After a change the store could not take: resolves once no process can still serve, unchecked, a
   * copy from before it (see the Redis store). Absent where nothing is kept unchecked.
   */
  outlastEpochTrust?(): Promise<void>;
}

/** Cache key of one entity: `<Type>:<hex id>` (the store adds the versioned namespace, `sa:v1:`). */
export function entityKey(typeName: string, id: string): string {
  return `${typeName}:${id}`;
}

/** Response-cache tag of one entity: responses that read it. */
export function entityTag(typeName: string, id: string): string {
  return `${typeName}:${id}`;
}

/** Response-cache tag of a collection: responses that queried it by anything but id (lists, counts, filters). */
export function listTag(typeName: string): string {
  return `list:${typeName}`;
}
