import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CacheMetrics, CacheTier } from './cache-metrics';
import type { CacheEntry, CacheStore } from './cache-store';
import { settleNow } from '../settle-now';

export interface MemoryCacheStoreOptions {
  metrics: CacheMetrics;
  /** Most entries kept (default 20 000). */
  maxEntries?: number;
  /** Most bytes kept: values as UTF-8, keys, and the tag index (default 64 MiB). */
  maxBytes?: number;
}

interface MemoryEntry {
  /** UTF-8 bytes: a JS string with one character outside Latin-1 takes two bytes per character. */
  value: Buffer;
  tags: readonly string[];
}

/** What one tag reference costs in the index (a Set slot, the key string it shares, Map overhead), measured. */
const BYTES_PER_TAG_REFERENCE = 120;

/**
 * The cache of one process, used when `REDIS_URL` is unset: a bounded LRU, so it cannot grow without
 * limit, with the same tag and epoch semantics as the Redis store. Never fails.
 */
export class MemoryCacheStore implements CacheStore {
  readonly kind = 'memory' as const;
  /** Shared with no other process: changes made through another process must be applied here too. */
  readonly identity = `memory:${randomUUID()}`;
  /** A counter is enough here: the store and its epoch live and die with the process. */
  private epoch = 0;
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly entries: LRUCache<string, MemoryEntry>;

  constructor(options: MemoryCacheStoreOptions) {
    this.entries = new LRUCache<string, MemoryEntry>({
      max: options.maxEntries ?? 20_000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      // The real footprint, so the bound holds in bytes of heap, not in characters.
      sizeCalculation: (entry, key) => entry.value.length + key.length + BYTES_PER_TAG_REFERENCE * entry.tags.length,
      // Evicted or expired entries leave the tag index too, so the index stays as bounded as the LRU.
      dispose: (entry, key) => this.unindex(key, entry.tags),
    });
  }

  mget(_tier: CacheTier, keys: readonly string[]) {
    return Promise.resolve({ values: keys.map((key) => this.entries.get(key)?.value.toString('utf8') ?? null), epoch: String(this.epoch) });
  }

  /** The stored bytes themselves, not a copy: callers write them out and never change them. */
  mgetBuffers(_tier: CacheTier, keys: readonly string[]) {
    return Promise.resolve({ values: keys.map((key) => this.entries.get(key)?.value ?? null), epoch: String(this.epoch) });
  }

  currentEpoch() {
    return Promise.resolve(String(this.epoch));
  }

  isAvailable() {
    return true;
  }

  noteSequence() {}

  noteApplied() {}

  reconcile() {
    return Promise.resolve(false);
  }

  get(_tier: CacheTier, key: string) {
    return Promise.resolve(this.entries.get(key)?.value.toString('utf8') ?? null);
  }

  set(_tier: CacheTier, key: string, value: string, ttlSeconds: number) {
    return settleNow(() => {
      this.entries.set(key, { value: Buffer.from(value), tags: [] }, { ttl: ttlSeconds * 1000 });
    });
  }

  setManyIfEpoch(_tier: CacheTier, entries: readonly CacheEntry[], epoch: string) {
    return settleNow(() => {
      if (epoch !== String(this.epoch)) return false;
      for (const entry of entries) {
        const tags = entry.tags ?? [];
        this.entries.set(entry.key, { value: Buffer.from(entry.value), tags }, { ttl: entry.ttlSeconds * 1000 });
        for (const tag of tags) {
          let keys = this.keysByTag.get(tag);
          if (!keys) this.keysByTag.set(tag, (keys = new Set()));
          keys.add(entry.key);
        }
      }
      return true;
    });
  }

  delete(_tier: CacheTier, keys: readonly string[]) {
    return settleNow(() => {
      for (const key of keys) this.entries.delete(key);
    });
  }

  invalidate(keys: readonly string[], tags: readonly string[]) {
    return settleNow(() => {
      this.epoch += 1;
      for (const key of keys) this.entries.delete(key);
      for (const tag of tags) {
        const tagged = this.keysByTag.get(tag);
        this.keysByTag.delete(tag);
        for (const key of tagged ?? []) this.entries.delete(key);
      }
      return true;
    });
  }

  flush() {
    return settleNow(() => {
      this.epoch += 1;
      this.entries.clear();
      this.keysByTag.clear();
      return true;
    });
  }

  close() {
    return settleNow(() => {
      this.entries.clear();
    });
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
