import type { Logger } from '../logger';
import type { CacheChangeLog, LoggedCacheChange } from './cache-change-log';
import { keysAndTagsOf } from './cache-invalidation';
import type { CachePurging } from './cache-store';

export interface CacheChangeFollowerOptions {
  /** How often the log is read (CACHE_CHANGE_POLL_MS). */
  pollMs: number;
  /**
   * How long a missing number may stay missing before it counts as a lost change (its writer died
   * between numbering and recording it) and everything is flushed. Default 5 s: far longer than a
   * writer takes between the two steps (its store invalidation times out after 2 s).
   */
  gapGraceMs?: number;
}

/** Told about every change this process learns of, for in-process caches outside the store. */
export type CacheChangeListener = (change: LoggedCacheChange) => void;

/**
 * Makes writes by other processes reach this process's caches (a few hundred milliseconds later at
 * most): it reads the cache change log every `pollMs` and applies each change the writer did not
 * already apply to this very store. That covers `npm run seed` and `npm run ingest` with or without
 * REDIS_URL, and other API processes caching in process. It tells the store which changes reached
 * it, so that the store can notice when Redis went back in time (restart without persistence,
 * restored snapshot: its epoch's sequence is below a change known to have reached it) on the next
 * read, and flush instead of answering with what the snapshot brought back.
 *
 * Contract: every change numbered at or below `appliedThrough` has been applied (or was already
 * applied by its writer); a change seen out of order is applied at once; a number still missing
 * after the grace period flushes everything.
 */
export class CacheChangeFollower {
  private appliedThrough = 0;
  /** Changes above `appliedThrough` already applied because a lower number was missing. */
  private readonly appliedEarly = new Set<number>();
  private gapSince: number | undefined;
  private readonly listeners = new Set<CacheChangeListener>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private started = false;
  private stopped = false;
  private failing = false;
  private readonly gapGraceMs: number;

  constructor(
    private readonly store: CachePurging,
    private readonly log: CacheChangeLog,
    private readonly logger: Logger,
    private readonly options: CacheChangeFollowerOptions,
  ) {
    this.gapGraceMs = options.gapGraceMs ?? 5_000;
  }

  /**
   * Starts following from the log's current head. A shared store that is behind the head (writers
   * without access to it ran while no API process followed) is flushed first.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const head = await this.log.head();
    this.appliedThrough = head;
    if (head > 0) {
      this.store.noteApplied(head);
      await this.store.reconcile();
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }

  /** Calls `listener` for every change this process learns of from the log (its own included). */
  onChange(listener: CacheChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads and applies what is new now (the timer calls this; tests may too). */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), this.options.pollMs);
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    try {
      const head = await this.log.head();
      if (head > this.appliedThrough) await this.catchUp(head);
      if (this.failing) this.logger.info('reading the cache change log again');
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.logger.warn({ err: error }, 'cannot read the cache change log; writes by other processes reach this one once it can');
      this.failing = true;
    }
  }

  private async catchUp(head: number): Promise<void> {
    this.store.noteSequence(head);
    let after = this.appliedThrough;
    for (;;) {
      const changes = await this.log.after(after, 500);
      for (const change of changes) {
        if (!this.appliedEarly.has(change.sequence)) await this.apply(change);
        this.appliedEarly.add(change.sequence);
      }
      if (changes.length < 500) break;
      after = changes[changes.length - 1].sequence;
    }
    while (this.appliedEarly.delete(this.appliedThrough + 1)) this.appliedThrough += 1;
    if (this.appliedThrough >= head) {
      this.gapSince = undefined;
      return;
    }
    this.gapSince ??= Date.now();
    if (Date.now() - this.gapSince < this.gapGraceMs) return;
    // A numbered change never arrived: its writer may have changed anything. Forget everything.
    this.logger.warn({ missingAfter: this.appliedThrough, head }, 'a cache change was numbered but never recorded: flushing the cache');
    await this.store.flush(head);
    this.store.noteApplied(head);
    this.notify({ sequence: head, flush: true, appliedTo: null });
    this.appliedThrough = head;
    this.appliedEarly.clear();
    this.gapSince = undefined;
  }

  private async apply(change: LoggedCacheChange): Promise<void> {
    if (change.appliedTo !== this.store.identity) {
      if (change.flush) await this.store.flush(change.sequence);
      else if (change.typeName) {
        const { keys, tags } = keysAndTagsOf(change.typeName, change.ids ?? [], change.alsoListsOf ?? []);
        await this.store.invalidate(keys, tags, change.sequence);
      }
    }
    this.store.noteApplied(change.sequence);
    this.notify(change);
  }

  private notify(change: LoggedCacheChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error }, 'a cache change listener failed');
      }
    }
  }
}
