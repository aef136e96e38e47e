/** The caches whose hits, misses and errors are counted separately. */
export type CacheTier = 'response' | 'entity' | 'apq' | 'plan';

export interface TierCounters {
  hits: number;
  misses: number;
  /** Calls that failed (Redis down or slower than the command timeout) and were answered as misses. */
  errors: number;
  /** Misses answered by another request's computation in this process, not by their own (see miss-coalescing.ts). */
  coalesced: number;
}

export interface OperationRoundTrips {
  operations: number;
  databaseCommands: number;
}

/** Epoch messages (see epoch-messages.ts) and the response copies kept in the process. */
export interface EpochMessageCounters {
  /** 1 while messages vouch for the epoch (hits kept in the process need no network trip), else 0. */
  channelUp: number;
  /** `e <epoch>` messages received. */
  epochChanges: number;
  /** Beats that showed an epoch changed without a message reaching this process (then adopted). */
  epochChangesWithoutMessage: number;
  /** Times trust came back after the channel was lost (or at start). */
  resyncs: number;
  /** Hits served from a copy in the process on the epoch messages vouch for: no network trip. */
  localHitsUnchecked: number;
  /** Hits served from a copy in the process after reading the epoch from Redis (messages down). */
  localHitsChecked: number;
  /** Epoch changes this process made whose acknowledgements did not all arrive within the lease (the write waited it out). */
  acknowledgementTimeouts: number;
}

export interface CacheMetricsSnapshot {
  tiers: Record<CacheTier, TierCounters>;
  epochMessages: EpochMessageCounters;
  /** MongoDB commands per GraphQL operation name (`anonymous` when the operation has no name). */
  operations: Record<string, OperationRoundTrips>;
}

/**
 * Process-wide counters of the caches and of MongoDB round trips per GraphQL operation. Plain
 * numbers, cheap enough for the hot path; exported as JSON at `/metrics/cache`.
 */
export class CacheMetrics {
  private readonly tiers: Record<CacheTier, TierCounters> = {
    response: { hits: 0, misses: 0, errors: 0, coalesced: 0 },
    entity: { hits: 0, misses: 0, errors: 0, coalesced: 0 },
    apq: { hits: 0, misses: 0, errors: 0, coalesced: 0 },
    plan: { hits: 0, misses: 0, errors: 0, coalesced: 0 },
  };
  private readonly operations = new Map<string, OperationRoundTrips>();
  private readonly epochMessages: EpochMessageCounters = {
    channelUp: 0,
    epochChanges: 0,
    epochChangesWithoutMessage: 0,
    resyncs: 0,
    localHitsUnchecked: 0,
    localHitsChecked: 0,
    acknowledgementTimeouts: 0,
  };

  hit(tier: CacheTier, count = 1): void {
    this.tiers[tier].hits += count;
  }

  miss(tier: CacheTier, count = 1): void {
    this.tiers[tier].misses += count;
  }

  error(tier: CacheTier): void {
    this.tiers[tier].errors += 1;
  }

  coalesced(tier: CacheTier, count = 1): void {
    this.tiers[tier].coalesced += count;
  }

  epochMessage(counter: Exclude<keyof EpochMessageCounters, 'channelUp'>): void {
    this.epochMessages[counter] += 1;
  }

  epochChannel(up: boolean): void {
    this.epochMessages.channelUp = up ? 1 : 0;
  }

  /** Records the MongoDB commands one GraphQL operation sent. */
  operation(operationName: string | null | undefined, databaseCommands: number): void {
    const name = operationName || 'anonymous';
    const entry = this.operations.get(name) ?? { operations: 0, databaseCommands: 0 };
    entry.operations += 1;
    entry.databaseCommands += databaseCommands;
    // Operation names come from clients: keep the map bounded so it cannot be used to fill memory.
    if (this.operations.has(name) || this.operations.size < 500) this.operations.set(name, entry);
  }

  snapshot(): CacheMetricsSnapshot {
    return {
      tiers: structuredClone(this.tiers),
      epochMessages: { ...this.epochMessages },
      operations: Object.fromEntries([...this.operations].map(([name, entry]) => [name, { ...entry }])),
    };
  }
}
