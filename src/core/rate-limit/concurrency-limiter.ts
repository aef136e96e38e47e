/**
 * Operations in flight per caller, in this process: a caller that opens 50 connections gets at most
 * `maxInFlight` of them served at once and 429s for the rest, so it cannot take every database
 * connection and worker from the other callers. Synchronous: acquire and release cannot interleave.
 */
export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(readonly maxInFlight: number) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new Error(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  }

  /** Takes a slot for `key`; false (and nothing taken) when all of its slots are taken. */
  tryAcquire(key: string): boolean {
    const current = this.inFlight.get(key) ?? 0;
    if (current >= this.maxInFlight) return false;
    this.inFlight.set(key, current + 1);
    return true;
  }

  /** Gives back a slot `tryAcquire` took; call it exactly once per successful acquire. */
  release(key: string): void {
    const current = this.inFlight.get(key) ?? 0;
    // Keys of idle callers are dropped, so the map holds only callers with work in flight.
    if (current <= 1) this.inFlight.delete(key);
    else this.inFlight.set(key, current - 1);
  }

  /** Operations in flight for `key`. */
  count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }
}
