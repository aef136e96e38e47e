import type { CacheMetrics } from '../../core/cache/cache-metrics';
import { PLAN_TTL_SECONDS } from '../../core/cache/cache-policy';
import { listTag, type EpochCheckedValues } from '../../core/cache/cache-store';
import { MissCoalescer } from '../../core/cache/miss-coalescing';
import { currentRequestScope } from '../../core/cache/request-scope';
import { stableHash } from '../../core/stable-hash';

/**
 * What a plan or a gap is computed from: resources, skills (names and prerequisite edges) and roles.
 * A write to any of them purges every cached plan (their list tags), in this process and, through the
 * change log, in every other: a cached plan is never older than the catalogue.
 */
const PLAN_TAGS = [listTag('Resource'), listTag('Skill'), listTag('Role')];

/**
 * Computed plans and gaps in the shared cache store, keyed by a hash of the normalised inputs. The
 * epoch is read with the lookup and the value written back only if no invalidation happened since
 * (the store's staleness guard), so a plan computed from a catalogue that changed meanwhile is never kept.
 */
export class PlanCache {
  /** Computations in flight by key: identical requests that miss together compute once (miss-coalescing.ts). */
  private readonly coalescer = new MissCoalescer<string>();

  constructor(
    private readonly store: Pick<EpochCheckedValues, 'mget' | 'setManyIfEpoch'> | null,
    private readonly metrics: CacheMetrics | null,
  ) {}

  async getOrCompute<T>(kind: 'plan' | 'gap', normalisedInputs: unknown, compute: () => Promise<T>): Promise<T> {
    // The response built from a cached plan depends on what the plan read: the response cache must be purged with it.
    const scope = currentRequestScope();
    if (scope) for (const tag of PLAN_TAGS) scope.tags.add(tag);
    if (!this.store) return compute();
    const key = `${kind}:${stableHash(JSON.stringify(normalisedInputs), 32)}`;
    const cached = await this.store.mget('plan', [key]);
    const hit = cached?.values[0];
    if (hit != null) {
      this.metrics?.hit('plan');
      return JSON.parse(hit) as T;
    }
    this.metrics?.miss('plan');
    if (!cached) return compute();
    const joined = this.coalescer.join(key, cached.epoch);
    if (joined.joined) {
      this.metrics?.coalesced('plan');
      const shared = await joined.result;
      // A flight that failed (bad input, an outage) shares nothing: compute here, and meet the same error if it is one.
      if (shared !== undefined) return JSON.parse(shared) as T;
      return compute();
    }
    let value: string;
    let computed: T;
    try {
      computed = await compute();
      value = JSON.stringify(computed);
    } catch (error) {
      joined.flight.settle(undefined);
      throw error;
    }
    // Settled only once the value is stored: a request that misses between the two would find neither
    // the flight nor the entry, and compute the same plan again.
    try {
      await this.store.setManyIfEpoch('plan', [{ key, value, ttlSeconds: PLAN_TTL_SECONDS, tags: PLAN_TAGS }], cached.epoch);
    } finally {
      joined.flight.settle(value);
    }
    return computed;
  }
}
