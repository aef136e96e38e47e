import { LRUCache } from 'lru-cache';

/** One key's count in its current window. */
export interface WindowCount {
  /** What was counted in the window so far. */
  used: number;
  /** When the window ends (ms since the epoch); the count is 0 again from then on. */
  resetAt: number;
}

export interface WindowCountersOptions {
  windowMs: number;
  /**
   * Most keys kept. Keys are client addresses, which a caller chooses: the least recently used key is
   * dropped beyond this, so memory stays bounded; a dropped key starts again from 0, which only ever
   * errs on the lenient side. Default 100,000 (about 10 MB).
   */
  maxKeys?: number;
}

/**
 * Fixed-window counters in this process, one per key: the in-process budget store, the insurance
 * while Redis is unavailable, and the per-address throttles. Synchronous, so a check and its charge
 * can never be interleaved with another request's.
 */
export class WindowCounters {
  private readonly windowMs: number;
  private readonly counts: LRUCache<string, WindowCount>;

  constructor({ windowMs, maxKeys = 100_000 }: WindowCountersOptions) {
    if (!(windowMs > 0)) throw new Error(`windowMs must be positive, got ${windowMs}`);
    this.windowMs = windowMs;
    // The TTL only frees memory early; `current` decides by `resetAt` whether a window is over.
    this.counts = new LRUCache({ max: maxKeys, ttl: windowMs, ttlAutopurge: false });
  }

  /** The count of `key` in its current window (0 and a window starting now when it has none). */
  current(key: string, now = Date.now()): WindowCount {
    const count = this.counts.get(key);
    return count && count.resetAt > now ? { ...count } : { used: 0, resetAt: now + this.windowMs };
  }

  /**
   * Adds `amount` when the new total stays within `limit`; otherwise changes nothing (a refused
   * request is not charged). Returns whether it was added and the count after.
   */
  addWithin(key: string, amount: number, limit: number, now = Date.now()): WindowCount & { added: boolean } {
    const count = this.current(key, now);
    if (count.used + amount > limit) return { ...count, added: false };
    count.used += amount;
    this.counts.set(key, count, { ttl: count.resetAt - now });
    return { ...count, added: true };
  }

  /** Adds `amount` whatever the total (for counting failures). */
  add(key: string, amount = 1, now = Date.now()): WindowCount {
    return this.addWithin(key, amount, Number.POSITIVE_INFINITY, now);
  }
}
