import { LRUCache } from 'lru-cache';
import type { CacheMetrics } from './cache-metrics';
import { LOCAL_RESPONSE_COPY_TTL_SECONDS } from './cache-policy';
import type { EpochCheckedValues } from './cache-store';
import { MissCoalescer } from './miss-coalescing';
import type { ResponseCacheSlot } from './request-scope';

const NEWLINE = 0x0a;

/** What a look-up found: the stored response, or where to store it once computed, or nothing (store unavailable). */
export type ResponseLookUpResult = { stored: Buffer; cacheStatus: 'HIT' | 'COALESCED' } | { slot: ResponseCacheSlot } | undefined;

/** A stored response as written: `<max-age>\n<operation name>\n<JSON body>`. */
export function storedResponseOf(maxAge: number, operationName: string | null | undefined, body: unknown): string {
  return `${maxAge}\n${operationName ?? ''}\n${JSON.stringify(body)}`;
}

/** The parts of a stored response (see storedResponseOf); the body stays bytes, to be written out as it is. */
export function storedResponseParts(stored: Buffer): { maxAge: string; operationName: string; payload: Buffer } {
  const firstNewline = stored.indexOf(NEWLINE);
  const secondNewline = stored.indexOf(NEWLINE, firstNewline + 1);
  return {
    maxAge: stored.toString('latin1', 0, firstNewline),
    operationName: stored.toString('utf8', firstNewline + 1, secondNewline),
    payload: stored.subarray(secondNewline + 1),
  };
}

/**
 * The response cache's look-up by key, shared by the plugin and its HTTP fast path. Concurrent
 * misses of one key wait for the first (see miss-coalescing.ts): the leader gets a slot with a
 * flight, which whoever stores (or gives up on) the response must settle.
 */
export class ResponseCacheLookUp {
  /**
   * With Redis, recent hits are also kept in this process with the epoch they were read at. Every
   * invalidation (by any process) changes the epoch to a value never used before, so while it is
   * unchanged the local copy is exactly what Redis holds. While epoch messages vouch for the epoch
   * (epoch-messages.ts) such a hit needs no network trip at all; otherwise it costs a read of the
   * epoch (a few bytes) instead of the body.
   */
  private readonly localCopies: LRUCache<string, { stored: Buffer; epoch: string }> | undefined;
  private readonly coalescer = new MissCoalescer<Buffer>();

  constructor(
    private readonly store: Pick<EpochCheckedValues, 'kind' | 'mgetBuffers' | 'currentEpoch' | 'trustedLocalEpoch'>,
    private readonly metrics: CacheMetrics,
  ) {
    this.localCopies =
      store.kind === 'redis'
        ? new LRUCache<string, { stored: Buffer; epoch: string }>({
            maxSize: 32 * 1024 * 1024,
            sizeCalculation: (copy) => copy.stored.length + 100,
            ttl: LOCAL_RESPONSE_COPY_TTL_SECONDS * 1000,
          })
        : undefined;
  }

  /**
   * The copy of `key` kept in this process when epoch messages vouch for its epoch: answered at once,
   * without a promise (most hits). Undefined otherwise: then `lookUp`, which checks the epoch in Redis.
   */
  localHit(key: string): Buffer | undefined {
    const local = this.localCopies?.get(key);
    if (!local) return undefined;
    const trusted = this.store.trustedLocalEpoch?.();
    if (trusted === undefined || trusted !== local.epoch) return undefined;
    this.metrics.epochMessage('localHitsUnchecked');
    return local.stored;
  }

  async lookUp(key: string): Promise<ResponseLookUpResult> {
    const vouched = this.localHit(key);
    if (vouched) return { stored: vouched, cacheStatus: 'HIT' };
    const local = this.localCopies?.get(key);
    if (local) {
      const trusted = this.store.trustedLocalEpoch?.();
      if (trusted === undefined && (await this.store.currentEpoch('response')) === local.epoch) {
        this.metrics.epochMessage('localHitsChecked');
        return { stored: local.stored, cacheStatus: 'HIT' };
      }
      this.localCopies!.delete(key);
    }
    // Bytes, not a string: the body is written out as stored, without decoding and encoding it again.
    const cached = await this.store.mgetBuffers('response', [key]);
    // The store is unavailable (counted by the store as an error, not also as a miss): no epoch to
    // vouch for a shared result, so no coalescing either.
    if (!cached) return undefined;
    const stored = cached.values[0];
    if (stored) {
      this.localCopies?.set(key, { stored, epoch: cached.epoch });
      return { stored, cacheStatus: 'HIT' };
    }
    this.metrics.miss('response');
    const flight = this.coalescer.join(key, cached.epoch);
    if (flight.joined) {
      this.metrics.coalesced('response');
      const shared = await flight.result;
      if (shared) return { stored: shared, cacheStatus: 'COALESCED' };
      return { slot: { key, epoch: cached.epoch } };
    }
    return { slot: { key, epoch: cached.epoch, flight: flight.flight } };
  }

  /** Counts a hit that is served (a refused one is not), by its operation's name (from `storedResponseParts`). */
  served(operationName: string, cacheStatus: 'HIT' | 'COALESCED'): void {
    if (cacheStatus === 'HIT') this.metrics.hit('response');
    this.metrics.operation(operationName, 0);
  }
}
