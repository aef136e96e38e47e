/**
 * One computation per key at a time in this process: when many requests miss the cache for the
 * same key at once (every reader after a write that purged a popular entry), the first computes
 * and the others wait for its result instead of each going to MongoDB (a cache stampede).
 *
 * Freshness: a waiter joins only a flight started at the SAME store epoch it observed itself.
 * Every invalidation changes the epoch before the writer's call returns, so a waiter that arrived
 * after an acknowledged write sees a new epoch and never receives a result read before that write.
 * A flight always settles: with its result, or with `undefined` (nothing shareable: an error, a
 * private answer, an abandoned request), and then each waiter computes for itself.
 */
export class MissCoalescer<TResult> {
  private readonly flights = new Map<string, Flight<TResult>>();

  /**
   * The flight to wait on for `key` at `epoch`, or a new one the caller now leads (and must
   * settle). `joined` tells the two apart.
   */
  join(key: string, epoch: string): { joined: true; result: Promise<TResult | undefined> } | { joined: false; flight: Flight<TResult> } {
    const current = this.flights.get(key);
    if (current && current.epoch === epoch && !current.settled) return { joined: true, result: current.result };
    const flight = new Flight<TResult>(epoch, () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    this.flights.set(key, flight);
    return { joined: false, flight };
  }

  /** Flights in progress (for tests and metrics). */
  get size(): number {
    return this.flights.size;
  }
}

/** One computation others may wait on. Settling twice keeps the first outcome. */
export class Flight<TResult> {
  settled = false;
  readonly result: Promise<TResult | undefined>;
  private resolve!: (value: TResult | undefined) => void;

  constructor(
    readonly epoch: string,
    private readonly onSettled: () => void,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
  }

  settle(value: TResult | undefined): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled();
    this.resolve(value);
  }
}
