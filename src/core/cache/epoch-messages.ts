import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger';
import type { RedisSubscriber } from '../redis';
import type { CacheMetrics } from './cache-metrics';

/**
 * The pub/sub channel of epoch messages, after the store's namespace (`sa:v1:epoch-messages`). The
 * one place its name is made: the store's scripts publish to it and every API process subscribes.
 */
export const EPOCH_CHANNEL = 'epoch-messages';

/** How often each process publishes a beat (see EpochMessages). */
export const EPOCH_BEAT_MS = 200;

/**
 * How long after SENDING a beat a process trusts its message-fed epoch once that beat came back.
 * A writer waits at most this long for the acknowledgements of its epoch change (see RedisCacheStore),
 * so a process that did not acknowledge has stopped trusting by the time the write returns.
 */
export const EPOCH_LEASE_MS = 1_000;

/** Message kinds on the channel: `e <epoch>` (the epoch changed), `b <process id>:<beat number> <epoch>` (a beat). */
export const EPOCH_CHANGED_MESSAGE = 'e';
export const BEAT_MESSAGE = 'b';

/** What EpochMessages needs from the Redis store: a connection of its own to subscribe on, and two commands. */
export interface EpochMessageTransport {
  /** The channel (namespace + EPOCH_CHANNEL). */
  readonly epochChannel: string;
  /** A new connection with the store's settings, used only to subscribe. */
  createSubscriber(): RedisSubscriber;
  /** Publishes `b <beatId> <current epoch>` (the epoch as Redis holds it when publishing). False when Redis failed. */
  publishBeat(beatId: string): Promise<boolean>;
  /** Counts this process's acknowledgement of `epoch` (the writer that set it waits for them). */
  acknowledgeEpoch(epoch: string): Promise<void>;
  /** Records that the change `sequence` reached Redis: an epoch below it later means Redis went back in time. */
  noteApplied(sequence: number): void;
  /** Sets a new epoch if Redis has none (it restarted without its data), as the first read needing one would. */
  restoreEpoch(): Promise<void>;
}

export interface EpochMessagesOptions {
  logger: Logger;
  metrics: CacheMetrics;
  beatMs?: number;
  leaseMs?: number;
}

/**
 * The store's epoch as told by messages, so that a response copy kept in the process can be served
 * with no network trip while it is known to be current (see ResponseCacheLookUp).
 *
 * Every epoch change publishes `e <epoch>` on the channel from inside the script that makes it, so
 * the message and the change are one step. Each process also publishes a beat every `beatMs`: a
 * message carrying the epoch as Redis holds it at that moment. Messages on one channel reach a
 * subscriber in the order Redis published them, so when a process receives a beat of its own, it
 * has received every epoch change published before that beat. That gives the trust rule:
 *
 * - the epoch is trusted for `leaseMs` after the process SENT the last beat of its own it received
 *   back (a beat also corrects an epoch changed without a message, e.g. by an older writer);
 * - when the subscriber connection errs, ends or reconnects, nothing is trusted until a beat sent
 *   after that comes back (the re-sync: the beat carries the epoch after the gap, and copies kept
 *   at an older epoch no longer match it);
 * - with no trusted epoch, callers read the epoch from Redis as before: checking, never unchecked.
 *
 * A writer that changes the epoch waits until every subscriber acknowledged the change or until
 * `leaseMs` passed (RedisCacheStore.invalidate): a process whose messages are delayed (stalled, its
 * socket slow) has then stopped trusting its epoch, because its last beat back was sent before the
 * change. So the next read after a write returns, on any process, is checked or current.
 */
export class EpochMessages {
  private readonly processId = randomUUID();
  private readonly beatMs: number;
  private readonly leaseMs: number;
  private readonly logger: Logger;
  private readonly metrics: CacheMetrics;
  private subscriber: RedisSubscriber | undefined;
  private epoch: string | undefined;
  private trustedUntil = 0;
  /** Beats numbered at or above this one were sent after the last loss: only they can re-sync. */
  private firstUsableBeat = 1;
  private nextBeat = 1;
  /** When each beat still awaited was sent (performance.now()). */
  private readonly beatsSent = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private up = false;

  constructor(
    private readonly transport: EpochMessageTransport,
    options: EpochMessagesOptions,
  ) {
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.beatMs = options.beatMs ?? EPOCH_BEAT_MS;
    this.leaseMs = options.leaseMs ?? EPOCH_LEASE_MS;
  }

  /** Subscribes (without waiting long: until a beat comes back, every hit is checked) and starts beating. */
  async start(waitMs = 1_000): Promise<void> {
    if (this.subscriber) return;
    const subscriber = this.transport.createSubscriber();
    this.subscriber = subscriber;
    subscriber.onError(() => this.lose('error'));
    subscriber.onLost((reason) => this.lose(reason));
    const subscribing = subscriber
      .connect()
      .then(() => subscriber.subscribe(this.transport.epochChannel, (message) => this.receive(message)))
      .catch((error: unknown) => this.lose('error', error));
    await Promise.race([subscribing, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
    this.beat();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.trustedUntil = 0;
    const subscriber = this.subscriber;
    if (!subscriber) return;
    await subscriber.close().catch(() => undefined);
  }

  /** The epoch, when messages vouch for it now; undefined when the caller must read it from Redis. */
  trustedEpoch(): string | undefined {
    if (this.epoch === undefined || performance.now() >= this.trustedUntil) return undefined;
    return this.epoch;
  }

  private beat(): void {
    if (this.stopped) return;
    const number = this.nextBeat++;
    this.beatsSent.set(number, performance.now());
    // Beats lost with a connection never come back: keep only the recent ones.
    if (this.beatsSent.size > 64) this.beatsSent.delete(this.beatsSent.keys().next().value!);
    void this.transport.publishBeat(`${this.processId}:${number}`);
    this.timer = setTimeout(() => this.beat(), this.beatMs);
    this.timer.unref();
  }

  private receive(message: string): void {
    const [kind, first, second] = message.split(' ');
    if (kind === EPOCH_CHANGED_MESSAGE && first) {
      this.metrics.epochMessage('epochChanges');
      // Only a synced process follows changes: before that, the beat that syncs brings the epoch.
      // The message proves the change reached Redis: a restored snapshot's older epoch is then caught.
      this.transport.noteApplied(sequenceOfEpoch(first));
      if (this.epoch !== undefined) this.epoch = first;
      void this.transport.acknowledgeEpoch(first);
      return;
    }
    if (kind !== BEAT_MESSAGE || !first) return;
    // A beat carries the epoch Redis held when it was published, later than every message before it.
    const epoch = second || undefined;
    if (epoch !== undefined && this.epoch !== undefined && sequenceOfEpoch(epoch) < sequenceOfEpoch(this.epoch)) {
      // Redis went back in time (a snapshot restored, a failover to a lagging replica): trust nothing
      // until a read has seen it and the store has reconciled (flushed what the old epoch would revive).
      this.lose('epoch went back');
      return;
    }
    if (this.epoch !== undefined && epoch !== this.epoch) this.metrics.epochMessage('epochChangesWithoutMessage');
    const [processId, numberText] = first.split(':');
    if (processId !== this.processId) {
      if (this.epoch !== undefined) this.epoch = epoch;
      return;
    }
    const number = Number(numberText);
    const sentAt = this.beatsSent.get(number);
    for (const sent of this.beatsSent.keys()) if (sent <= number) this.beatsSent.delete(sent);
    if (sentAt === undefined || number < this.firstUsableBeat || epoch === undefined) {
      if (this.epoch !== undefined) this.epoch = epoch;
      // Redis holds no epoch (restarted empty): set one now rather than wait for a request to need it, so
      // an idle process's messages come back by themselves; the beat after it carries the new epoch.
      if (epoch === undefined) void this.transport.restoreEpoch().catch(() => undefined);
      return;
    }
    if (this.epoch === undefined) this.metrics.epochMessage('resyncs');
    this.epoch = epoch;
    this.trustedUntil = sentAt + this.leaseMs;
    this.setUp(true);
  }

  /** The channel may have lost messages: trust nothing until a beat sent from now on comes back. */
  private lose(why: string, error?: unknown): void {
    this.epoch = undefined;
    this.trustedUntil = 0;
    this.firstUsableBeat = this.nextBeat;
    if (this.up && !this.stopped)
      this.logger.warn({ err: error, why }, 'epoch messages interrupted: every cache hit reads the epoch from Redis until they are back');
    this.setUp(false);
  }

  private setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    if (up) this.logger.info('epoch messages flowing: cache hits kept in the process are served without reading Redis');
    this.metrics.epochChannel(up);
  }
}

/** The change sequence an epoch was set at (0 for one made before sequences existed). */
export function sequenceOfEpoch(epoch: string): number {
  const match = /^(\d+):/.exec(epoch);
  return match ? Number(match[1]) : 0;
}
