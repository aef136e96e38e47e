import type { CacheMetrics } from './cache-metrics';
import { PERSISTED_QUERY_TTL_SECONDS } from './cache-policy';
import type { PlainCachedValues } from './cache-store';

/**
 * Apollo's `KeyValueCache` over the shared store, for automatic persisted queries (hash → query
 * text). Apollo prefixes the keys with `apq:`. A failing store answers "not found", and the client
 * simply sends the full query again.
 */
export class PersistedQueryCache {
  constructor(
    private readonly store: PlainCachedValues,
    private readonly metrics: CacheMetrics,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.store.get('apq', key);
    if (value) this.metrics.hit('apq');
    else if (value === null) this.metrics.miss('apq');
    return value ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    await this.store.set('apq', key, value, options?.ttl ?? PERSISTED_QUERY_TTL_SECONDS);
  }

  async delete(key: string): Promise<boolean | void> {
    await this.store.delete('apq', [key]);
  }
}
