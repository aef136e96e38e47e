import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger';
import { createRedisConnection, type RedisConnection, type RedisSubscriber, type RedisTarget } from '../redis';
import type { CacheMetrics, CacheTier } from './cache-metrics';
import type { CacheEntry, CacheStore } from './cache-store';
import {
  BEAT_MESSAGE,
  EPOCH_CHANGED_MESSAGE,
  EPOCH_CHANNEL,
  EPOCH_LEASE_MS,
  sequenceOfEpoch,
  type EpochMessages,
  type EpochMessageTransport,
} from './epoch-messages';

export interface RedisCacheStoreOptions {
  /** A single server's URL, or any target (cluster, Sentinel); one of the two. */
  url?: string;
  target?: RedisTarget;
  /**
   * Prefix of every key, e.g. `{sa:v1}:`. Bump the version to orphan all keys after a format change.
   * On a Redis Cluster it must hold a hash tag: the epoch is read with the entries (MGET) and the
   * scripts touch the epoch, entries and tags together, so all of them must live in one slot.
   */
  namespace: string;
  /** How long one command may take before it counts as a failure (a miss). Default 100 ms. */
  commandTimeoutMs?: number;
  logger: Logger;
  metrics: CacheMetrics;
}

/** Writes entries only while the epoch is unchanged; see `CacheStore.setManyIfEpoch`. A missing epoch matches nothing. */
const SET_IF_EPOCH = `
local current = redis.call('GET', KEYS[1])
if (not current) or current ~= ARGV[1] then return 0 end
local i = 3
for entry = 1, tonumber(ARGV[2]) do
  local key, value, ttl, tagCount = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  redis.call('SET', key, value, 'EX', ttl)
  for t = 1, tagCount do
    local tag = ARGV[i + 3 + t]
    redis.call('SADD', tag, key)
    if redis.call('TTL', tag) < ttl then redis.call('EXPIRE', tag, ttl) end
  end
  i = i + 4 + tagCount
end
return 1`;

/**
 * Sets a new epoch, deletes the keys, then every key indexed under the tags. The new epoch is
 * "<change sequence>:<random>", never a counter: a counter restarts at 0 when Redis restarts without
 * persistence (or goes back with a restored snapshot), and an old epoch held by a reader, or by a
 * response copy kept in a process, would match again and let a stale value through. The sequence
 * part never goes backwards (the larger of the current one and the change's), so a process can tell
 * when Redis is behind the change log (see `reconcile`).
 */
const invalidateScript = (publish: string) => `
local current = redis.call('GET', KEYS[1])
local sequence = tonumber(ARGV[1])
if current then
  local currentSequence = tonumber(string.match(current, '^(%d+):')) or 0
  if currentSequence > sequence then sequence = currentSequence end
end
local epoch = string.format('%d', sequence) .. ':' .. ARGV[2]
redis.call('SET', KEYS[1], epoch)
local keyCount = tonumber(ARGV[4])
for i = 5, keyCount + 4 do redis.call('UNLINK', ARGV[i]) end
for i = keyCount + 5, #ARGV do
  local members = redis.call('SMEMBERS', ARGV[i])
  for _, member in ipairs(members) do redis.call('UNLINK', member) end
  redis.call('UNLINK', ARGV[i])
end
local receivers = redis.call('${publish}', ARGV[3], '${EPOCH_CHANGED_MESSAGE} ' .. epoch)
return {epoch, receivers}`;

/** Creates the epoch if it is missing (a new or restarted Redis, a flushed database) and returns it. */
const ensureEpochScript = (publish: string) => `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then redis.call('${publish}', ARGV[2], '${EPOCH_CHANGED_MESSAGE} ' .. ARGV[1]) end
return redis.call('GET', KEYS[1])`;

/** A beat (see EpochMessages): the epoch as it is now, published in order with the epoch changes. */
const publishBeatScript = (publish: string) => `
local epoch = redis.call('GET', KEYS[1]) or ''
redis.call('${publish}', ARGV[1], '${BEAT_MESSAGE} ' .. ARGV[2] .. ' ' .. epoch)
return 1`;

/** One process's acknowledgement of an epoch change; the writer reads the count. */
const ACKNOWLEDGE_EPOCH = `
local count = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 60)
return count`;

class RedisTimeoutError extends Error {}

/** A reply as text: GET and the scripts answer with bulk strings (Buffers when asked for), but `run` returns `unknown`. */
function replyText(reply: unknown): string {
  return (reply as string | Buffer).toString();
}

/** The suffix of an epoch set while a flush deletes the old entries: no entry read under it is used. */
const FLUSHING = 'flushing-';

function isFlushing(epoch: string): boolean {
  return epoch.includes(`:${FLUSHING}`);
}

/**
 * Settles like `promise`, or rejects after `ms`. node-redis's own command timeout stops counting once
 * the command is written to the socket, so it does not cover a Redis that accepts commands and then
 * hangs; this does. A reply that arrives later is read and dropped by the client as usual.
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(`Redis did not answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The shared cache in Redis (node-redis). Built so that Redis can never take the API down:
 * - every command has a short timeout (a slow Redis costs a request at most that long);
 * - commands are not queued while disconnected: they fail at once and count as misses;
 * - the client reconnects on its own;
 * - the outage is logged once when it starts and once when it ends, not per request;
 * - if an invalidation could not be delivered during the outage, everything in the namespace is
 *   flushed on recovery before the cache is read again, so a missed purge cannot leave stale data.
 */
export class RedisCacheStore implements CacheStore, EpochMessageTransport {
  readonly kind = 'redis' as const;
  private readonly connection: RedisConnection;
  /** The scripts that publish epoch messages, with the connection's publish command (see RedisSubscriber). */
  private readonly scripts: { invalidate: string; ensureEpoch: string; publishBeat: string };
  private readonly namespace: string;
  private readonly epochKey: string;
  readonly epochChannel: string;
  /** The epoch as messages tell it, when this process follows them (API processes; see EpochMessages). */
  private epochMessages: EpochMessages | undefined;
  private readonly logger: Logger;
  private readonly metrics: CacheMetrics;
  private available = true;
  private recovering = false;
  private lostInvalidations = false;
  private closed = false;
  private readonly commandTimeoutMs: number;
  /** When this store last failed to take a change (performance.now()): see `outlastEpochTrust`. */
  private lastLostChangeAt = Number.NEGATIVE_INFINITY;
  /** The highest change sequence this process knows (see CacheChangeFollower): new epochs start with it. */
  private knownSequence = 0;
  /** The highest change known to have been applied to this Redis: an epoch below it means Redis went back in time. */
  private appliedSequence = 0;
  private reconciling: Promise<boolean> | undefined;
  readonly identity: string;

  constructor(options: RedisCacheStoreOptions) {
    this.namespace = options.namespace;
    const target: RedisTarget | undefined = options.target ?? (options.url ? { topology: 'standalone', url: options.url } : undefined);
    if (!target) throw new Error('RedisCacheStore: give a url or a target');
    if (target.topology === 'cluster' && !/\{[^}]+\}/.test(options.namespace))
      throw new Error(`RedisCacheStore: on a Redis Cluster the namespace needs a hash tag, like {sa:v1}:, got "${options.namespace}"`);
    this.connection = createRedisConnection(target);
    const publish = this.connection.publishCommand;
    this.scripts = {
      invalidate: invalidateScript(publish),
      ensureEpoch: ensureEpochScript(publish),
      publishBeat: publishBeatScript(publish),
    };
    // Who shares this cache: same server (or cluster), database and namespace. Never the password.
    this.identity = `${this.connection.address}#${options.namespace}`;
    this.epochKey = `${options.namespace}epoch`;
    this.epochChannel = options.namespace + EPOCH_CHANNEL;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 100;
    this.connection.onError((error: unknown) => this.markUnavailable(error));
    this.connection.onReady(() => void this.markAvailable());
  }

  /** Connects, waiting at most `waitMs`: the API starts (uncached) even when Redis is down. */
  async connect(waitMs = 1_000): Promise<void> {
    const connecting = this.connection.connect().catch((error: unknown) => this.markUnavailable(error));
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  async mget(tier: CacheTier, keys: readonly string[]) {
    const reply = await this.run(tier, ['MGET', ...keys.map((key) => this.namespace + key), this.epochKey]);
    if (!Array.isArray(reply)) return undefined;
    const values = reply.map((value) => (value == null ? null : String(value)));
    const epoch = this.trusted(tier, values.pop() ?? (await this.ensureEpoch(tier)));
    return epoch === undefined ? undefined : { values, epoch };
  }

  async mgetBuffers(tier: CacheTier, keys: readonly string[]) {
    const reply = await this.run(tier, ['MGET', ...keys.map((key) => this.namespace + key), this.epochKey], undefined, true);
    if (!Array.isArray(reply)) return undefined;
    const values = reply.map((value) => (value == null ? null : (value as Buffer)));
    const epoch = this.trusted(tier, values.pop()?.toString() ?? (await this.ensureEpoch(tier)));
    return epoch === undefined ? undefined : { values, epoch };
  }

  /** Lets `trustedLocalEpoch` answer from the epoch messages this process follows. */
  followEpochMessages(messages: EpochMessages): void {
    this.epochMessages = messages;
  }

  /**
   * The epoch with no network trip, when the epoch messages vouch for it now and it is not behind a
   * change known to have reached Redis (the same check as `trusted`); otherwise undefined and the
   * caller reads it (`currentEpoch`).
   */
  trustedLocalEpoch(): string | undefined {
    const epoch = this.epochMessages?.trustedEpoch();
    if (epoch === undefined || isFlushing(epoch) || !this.available || this.recovering || this.closed) return undefined;
    if (this.appliedSequence !== 0 && sequenceOfEpoch(epoch) < this.appliedSequence) return undefined;
    return epoch;
  }

  createSubscriber(): RedisSubscriber {
    return this.connection.createSubscriber();
  }

  async publishBeat(beatId: string): Promise<boolean> {
    // Not `run`: a late beat only delays trust; it must not mark the store unavailable for everyone.
    if (this.recovering || !this.available) return false;
    const reply = await this.sendQuietly(['EVAL', this.scripts.publishBeat, '1', this.epochKey, this.epochChannel, beatId]);
    return reply !== undefined;
  }

  async restoreEpoch(): Promise<void> {
    // The same path as a read that finds no epoch (currentEpoch): set one unless another process just did.
    await this.currentEpoch('response');
  }

  async acknowledgeEpoch(epoch: string): Promise<void> {
    await this.sendQuietly(['EVAL', ACKNOWLEDGE_EPOCH, '1', this.acknowledgementKey(epoch)]);
  }

  async currentEpoch(tier: CacheTier) {
    const reply = await this.run(tier, ['GET', this.epochKey]);
    return this.trusted(tier, reply === undefined ? undefined : reply == null ? await this.ensureEpoch(tier) : replyText(reply));
  }

  /** Records that changes up to `sequence` exist; epochs set from now on carry at least it. */
  noteSequence(sequence: number): void {
    if (sequence > this.knownSequence) this.knownSequence = sequence;
  }

  /** Records that the change `sequence` reached this Redis (applied here or by another process sharing it). */
  noteApplied(sequence: number): void {
    this.noteSequence(sequence);
    if (sequence > this.appliedSequence) this.appliedSequence = sequence;
  }

  isAvailable(): boolean {
    return this.available && !this.recovering && !this.closed;
  }

  /**
   * Flushes the namespace when Redis is behind: its epoch is missing or carries a sequence below the
   * highest change known to have reached it. That happens when Redis restarted without its data or
   * was restored from an older snapshot; the old entries a snapshot brings back would otherwise be
   * served again. True when it flushed.
   */
  reconcile(): Promise<boolean> {
    this.reconciling ??= (async () => {
      const reply = await this.run(undefined, ['GET', this.epochKey]);
      if (reply === undefined || this.appliedSequence === 0) return false;
      if (reply !== null && !isFlushing(replyText(reply)) && sequenceOfEpoch(replyText(reply)) >= this.appliedSequence) return false;
      const flushed = await this.flush();
      if (flushed)
        this.logger.warn(
          { appliedSequence: this.appliedSequence, epoch: reply === null ? null : replyText(reply) },
          'Redis was behind the cache change log (restarted or restored): flushed the cache',
        );
      return flushed;
    })().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  /**
   * The epoch as read, unless it shows Redis went back in time (a restored snapshot brings back old
   * entries and an old epoch together): then nothing read with it may be used, and a flush starts.
   */
  private trusted(tier: CacheTier, epoch: string | undefined): string | undefined {
    // Mid-flush: what is read may be the old data set's (a miss, not an error).
    if (epoch !== undefined && isFlushing(epoch)) return undefined;
    if (epoch === undefined || this.appliedSequence === 0 || sequenceOfEpoch(epoch) >= this.appliedSequence) return epoch;
    this.metrics.error(tier);
    void this.reconcile();
    return undefined;
  }

  async get(tier: CacheTier, key: string) {
    const reply = await this.run(tier, ['GET', this.namespace + key]);
    return reply === undefined ? undefined : reply == null ? null : replyText(reply);
  }

  async set(tier: CacheTier, key: string, value: string, ttlSeconds: number) {
    await this.run(tier, ['SET', this.namespace + key, value, 'EX', String(Math.max(1, Math.round(ttlSeconds)))]);
  }

  async setManyIfEpoch(tier: CacheTier, entries: readonly CacheEntry[], epoch: string) {
    if (entries.length === 0) return true;
    const args: string[] = [epoch, String(entries.length)];
    for (const entry of entries) {
      const tags = entry.tags ?? [];
      args.push(this.namespace + entry.key, entry.value, String(Math.max(1, Math.round(entry.ttlSeconds))), String(tags.length));
      for (const tag of tags) args.push(`${this.namespace}tag:${tag}`);
    }
    const reply = await this.run(tier, ['EVAL', SET_IF_EPOCH, '1', this.epochKey, ...args]);
    return reply === 1 || reply === '1';
  }

  async delete(tier: CacheTier, keys: readonly string[]) {
    if (keys.length > 0) await this.run(tier, ['UNLINK', ...keys.map((key) => this.namespace + key)]);
  }

  async invalidate(keys: readonly string[], tags: readonly string[], sequence = 0) {
    this.noteSequence(sequence);
    const args = [
      String(this.knownSequence),
      newEpochSuffix(),
      this.epochChannel,
      String(keys.length),
      ...keys.map((key) => this.namespace + key),
      ...tags.map((tag) => `${this.namespace}tag:${tag}`),
    ];
    // A purge may touch many keys: allow it more time than a read.
    const reply = await this.run(undefined, ['EVAL', this.scripts.invalidate, '1', this.epochKey, ...args], 2_000);
    if (reply === undefined) {
      this.lostInvalidations = true;
      this.lastLostChangeAt = performance.now();
      return false;
    }
    await this.awaitAcknowledgements(reply);
    this.noteApplied(sequence);
    return true;
  }

  async flush(sequence = 0) {
    this.noteSequence(sequence);
    try {
      // The epoch first, marked as flushing: a reader that read old data before the flush began can no
      // longer store it, and no reader trusts an entry while the epoch says flushing (entries do not carry
      // the epoch they were written under, so until the last one is gone they could pass for new ones).
      await withTimeout(this.send(this.setEpochCommand(FLUSHING + newEpochSuffix())), 5_000);
      let cursor = '0';
      do {
        const [next, keys] = await withTimeout(
          // Routed by the epoch key: on a cluster, the node holding the namespace's slot.
          this.send<[string, string[]]>(['SCAN', cursor, 'MATCH', `${this.namespace}*`, 'COUNT', '1000'], true),
          5_000,
        );
        cursor = String(next);
        // The epoch survives the flush: it was just set to a value never used before.
        const doomed = keys.map(String).filter((key) => key !== this.epochKey);
        if (doomed.length > 0) await withTimeout(this.send(['UNLINK', ...doomed]), 5_000);
      } while (cursor !== '0');
      // Only now a usable epoch: every entry of the old data set is gone.
      const changed = await withTimeout(this.send(this.setEpochCommand(newEpochSuffix())), 5_000);
      await this.awaitAcknowledgements(changed);
      return true;
    } catch (error) {
      this.markUnavailable(error);
      this.lostInvalidations = true;
      this.lastLostChangeAt = performance.now();
      return false;
    }
  }

  async close() {
    this.closed = true;
    await this.connection.close();
  }

  /** Every command names the epoch key as its route: all keys of the namespace share its slot. */
  private send<T = unknown>(args: string[], readonly = false, asBuffers = false): Promise<T> {
    return this.connection.send<T>(args, { key: this.epochKey, readonly }, asBuffers);
  }

  private acknowledgementKey(epoch: string): string {
    return `${this.namespace}epoch-acks:${epoch}`;
  }

  /**
   * Waits until every process subscribed when the epoch changed acknowledged the change, or
   * EPOCH_LEASE_MS passed (by then a process that did not has stopped trusting the epoch it held; see
   * EpochMessages). Either way, when the write returns, no process serves a copy the change made stale
   * without checking.
   */
  private async awaitAcknowledgements(invalidateReply: unknown): Promise<void> {
    if (!Array.isArray(invalidateReply)) return;
    const epoch = replyText(invalidateReply[0]);
    const receivers = Number(invalidateReply[1]);
    if (!(receivers > 0)) return;
    const deadline = performance.now() + EPOCH_LEASE_MS;
    let pause = 1;
    for (;;) {
      const count = await this.sendQuietly(['GET', this.acknowledgementKey(epoch)]);
      if (Number(count ?? 0) >= receivers) return;
      const left = deadline - performance.now();
      if (left <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
      pause = Math.min(pause * 2, 20);
    }
    this.metrics.epochMessage('acknowledgementTimeouts');
    this.logger.warn({ epoch, receivers }, 'not every process acknowledged an epoch change in time: waited out their lease');
  }

  /** The invalidation script with no keys to delete: only a new epoch ending in `suffix` (and its message). */
  private setEpochCommand(suffix: string): string[] {
    return ['EVAL', this.scripts.invalidate, '1', this.epochKey, String(this.knownSequence), suffix, this.epochChannel, '0'];
  }

  private newEpoch(): string {
    return `${this.knownSequence}:${newEpochSuffix()}`;
  }

  /** The epoch when MGET/GET found none: set one (unless another process just did) and use it. */
  private async ensureEpoch(tier: CacheTier): Promise<string | undefined> {
    const reply = await this.run(tier, ['EVAL', this.scripts.ensureEpoch, '1', this.epochKey, this.newEpoch(), this.epochChannel]);
    return reply == null ? undefined : replyText(reply);
  }

  /**
   * Sends one command of the acknowledgement exchange, also while recovering (the recovery's own
   * flush waits for acknowledgements); `undefined` when it failed, which the error listener reports.
   */
  private async sendQuietly(args: string[]): Promise<unknown> {
    if (this.closed) return undefined;
    try {
      return await withTimeout(this.send(args), this.commandTimeoutMs);
    } catch {
      return undefined;
    }
  }

  /** Sends one command; `undefined` when Redis failed or was too slow (counted against `tier`). */
  private async run(tier: CacheTier | undefined, args: string[], timeout?: number, asBuffers = false): Promise<unknown> {
    if (this.recovering || this.closed) {
      if (tier) this.metrics.error(tier);
      return undefined;
    }
    try {
      const reply = await withTimeout(this.send(args, false, asBuffers), timeout ?? this.commandTimeoutMs);
      if (!this.available) {
        void this.markAvailable();
        // Invalidations were lost: this reply may be stale, and the flush has only just begun.
        if (this.recovering) {
          if (tier) this.metrics.error(tier);
          return undefined;
        }
      }
      return reply;
    } catch (error) {
      if (tier) this.metrics.error(tier);
      this.markUnavailable(error);
      return undefined;
    }
  }

  /**
   * Resolves once no API process can still serve, unchecked, a copy kept at an epoch from before the
   * last change this store could not take. With no new epoch there was no message: another process
   * that has not noticed the outage (the close of its subscriber not yet handled, its socket silent)
   * goes on trusting the epoch of its last beat back, and that trust ends a lease after the beat was
   * sent. Redis may have been reachable to the others until just before the failure, so the whole
   * lease is waited after each lost change (a write made during an outage takes a second longer). A
   * process that can still reach Redis (only this one cannot) applies the recorded change from the
   * change log within a poll, inside the lease. The invalidation calls this after recording the change.
   */
  async outlastEpochTrust(): Promise<void> {
    const left = this.lastLostChangeAt + EPOCH_LEASE_MS - performance.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }

  private markUnavailable(error: unknown): void {
    if (!this.available || this.closed) return;
    this.available = false;
    this.logger.warn({ err: error }, 'Redis is unavailable: caches answer misses and MongoDB serves every read until it is back');
  }

  private async markAvailable(): Promise<void> {
    if (this.available || this.recovering || this.closed) return;
    if (this.lostInvalidations) {
      this.recovering = true;
      this.lostInvalidations = false;
      const flushed = await this.flush();
      this.recovering = false;
      if (!flushed) return;
      this.logger.info('flushed the Redis cache: invalidations were lost while it was unavailable');
    }
    this.available = true;
    this.logger.info('Redis is available again: caching resumed');
  }
}

/** 96 random bits: an epoch value is never used twice, whatever happens to Redis. */
function newEpochSuffix(): string {
  return randomBytes(12).toString('base64url');
}
