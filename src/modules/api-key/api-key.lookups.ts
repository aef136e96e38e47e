import { LRUCache } from 'lru-cache';
import type { ApiKeyDocument } from './api-key.model';

/** What verifying a key needs of its stored record. */
export type StoredApiKey = Pick<ApiKeyDocument, 'role' | 'providerId' | 'secretHash' | 'revokedAt'>;

/** How long an active key's record is trusted: a revocation takes effect within this on every process. */
export const ACTIVE_KEY_TTL_MS = 1_000;

/**
 * How long an unknown key id or a revoked key is remembered. Neither changes back: ids are 48 random
 * bits, never reused, and a revocation is final. This is what makes a flood of well-formed wrong keys
 * cost no database reads; a key created in this process is forgotten at once (see `forget`).
 */
export const SETTLED_KEY_TTL_MS = 5 * 60_000;

/**
 * API key records by key id, cached in the process in front of the database: one read per key id per
 * TTL, however many requests send it, and concurrent requests share one read.
 */
export class ApiKeyLookups {
  private readonly records = new LRUCache<string, Promise<StoredApiKey | null>>({ max: 10_000 });
  private readonly activeTtlMs: number;

  /** `activeTtlMs`: how long an active key's record is trusted; default ACTIVE_KEY_TTL_MS. */
  constructor(
    private readonly load: (keyId: string) => Promise<StoredApiKey | null>,
    { activeTtlMs = ACTIVE_KEY_TTL_MS }: { activeTtlMs?: number } = {},
  ) {
    this.activeTtlMs = activeTtlMs;
  }

  /** The record of `keyId`, or null when there is none. */
  get(keyId: string): Promise<StoredApiKey | null> {
    const cached = this.records.get(keyId);
    if (cached) return cached;
    const loading = this.load(keyId);
    this.records.set(keyId, loading, { ttl: this.activeTtlMs });
    loading.then(
      (record) => {
        // Settled answers are kept longer, unless the entry was forgotten (or replaced) meanwhile.
        if ((!record || record.revokedAt) && this.records.get(keyId) === loading)
          this.records.set(keyId, loading, { ttl: SETTLED_KEY_TTL_MS });
      },
      () => {
        if (this.records.get(keyId) === loading) this.records.delete(keyId);
      },
    );
    return loading;
  }

  /** Drops what is known of `keyId` (after a write to it in this process). */
  forget(keyId: string): void {
    this.records.delete(keyId);
  }
}
