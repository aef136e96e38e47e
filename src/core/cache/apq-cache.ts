import type { CacheMetrics } from './cache-metrics';
import type { CacheStore } from './cache-store';

/** Default lifetime of a registered persisted query: clients re-register after it expires. */
/** How long a persisted query stays known after it was last registered. */
export const APQ_TTL_SECONDS = 24 * 3600;

/**
 * Apollo's `KeyValueCache` over the shared store, for automatic persisted queries (hash → query
 * text). Apollo prefixes the keys with `apq:`. A failing store answers "not found", and the client
 * simply sends the full query again.
 */
export class PersistedQueryCache {
  constructor(
    private readonly store: CacheStore,
    private readonly metrics: CacheMetrics,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.store.get('apq', key);
    if (value) this.metrics.hit('apq');
    else if (value === null) this.metrics.miss('apq');
    return value ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    await this.store.set('apq', key, value, options?.ttl ?? APQ_TTL_SECONDS);
  }

  async delete(key: string): Promise<boolean | void> {
    await this.store.delete('apq', [key]);
  }
}
