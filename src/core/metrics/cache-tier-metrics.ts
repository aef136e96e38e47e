import { Counter, Gauge, type Registry } from 'prom-client';
import type { CacheMetrics, CacheTier, TierCounters } from '../cache/cache-metrics';
import type { CacheStore } from '../cache/cache-store';

/** The counters of cache-metrics.ts, exported as they are: the caches keep counting, Prometheus reads. */
const COUNTERS: Array<{ field: keyof TierCounters; name: string; help: string }> = [
  { field: 'hits', name: 'skillatlas_cache_hits_total', help: 'Cache look-ups answered from the cache, by tier (response, entity, apq).' },
  { field: 'misses', name: 'skillatlas_cache_misses_total', help: 'Cache look-ups that found nothing, by tier.' },
  {
    field: 'errors',
    name: 'skillatlas_cache_errors_total',
    help: 'Cache calls that failed (Redis down or slower than REDIS_COMMAND_TIMEOUT_MS) and were answered as misses, by tier.',
  },
  {
    field: 'coalesced',
    name: 'skillatlas_cache_coalesced_total',
    help: "Misses answered by another request's computation in this process, by tier.",
  },
];

/**
 * `skillatlas_cache_{hits,misses,errors,coalesced}_total{tier}` read from the caches' own counters at
 * each scrape (no second count on the hot path), and `skillatlas_cache_store_up` (1 when the store
 * answers; the in-process store always does).
 */
export function registerCacheTierMetrics(registry: Registry, cacheMetrics: CacheMetrics, store: CacheStore): void {
  for (const { field, name, help } of COUNTERS) {
    new Counter({
      name,
      help,
      labelNames: ['tier'] as const,
      registers: [registry],
      collect() {
        const { tiers } = cacheMetrics.snapshot();
        this.reset();
        for (const [tier, counters] of Object.entries(tiers) as Array<[CacheTier, TierCounters]>) this.inc({ tier }, counters[field]);
      },
    });
  }
  new Gauge({
    name: 'skillatlas_cache_store_up',
    help: 'Whether the shared cache store answers (1) or not (0); store: redis or memory.',
    labelNames: ['store'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.set({ store: store.kind }, store.isAvailable() ? 1 : 0);
    },
  });
}
