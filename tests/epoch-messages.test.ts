import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { CacheMetrics } from '../src/core/cache/cache-metrics';
import { EPOCH_LEASE_MS, EpochMessages, sequenceOfEpoch } from '../src/core/cache/epoch-messages';
import { RedisCacheStore } from '../src/core/cache/redis-cache-store';
import { createLogger } from '../src/core/logger';
import { RedisServerProcess } from './helpers/redis-server-process';

/**
 * The epoch messages (src/core/cache/epoch-messages.ts) against a real redis-server, two "processes"
 * (store + messages each) in this one: trust only after a beat of one's own came back, every change
 * known to every follower when the writer's invalidation returns, re-sync after the subscriber is
 * killed, and a follower that never acknowledges costs the writer the lease, not freshness.
 */

const namespace = 't_epoch_messages:v1:';

interface Follower {
  store: RedisCacheStore;
  messages: EpochMessages;
  metrics: CacheMetrics;
}

async function follower(url: string): Promise<Follower> {
  const metrics = new CacheMetrics();
  const logger = createLogger('silent');
  const store = new RedisCacheStore({ url, namespace, commandTimeoutMs: 2_000, logger, metrics });
  await store.connect();
  const messages = new EpochMessages(store, { logger, metrics });
  store.followEpochMessages(messages);
  await messages.start();
  return { store, messages, metrics };
}

async function until(condition: () => boolean | Promise<boolean>, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`condition not met within ${withinMs} ms`);
}

describe('epoch messages', () => {
  let redis: RedisServerProcess;
  let followers: Follower[];

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    followers = [await follower(redis.url), await follower(redis.url)];
    // A new Redis has no epoch until the first read sets one; beats carry none until then.
    await followers[0].store.currentEpoch('response');
  });

  afterAll(async () => {
    for (const { messages, store } of followers ?? []) {
      await messages.stop();
      await store.close();
    }
    await redis?.stop();
  });

  const trustedEverywhere = () => followers.every(({ store }) => store.trustedLocalEpoch() !== undefined);

  it('vouches for the epoch Redis holds once a beat of its own came back', async () => {
    await until(trustedEverywhere);
    const epoch = await followers[0].store.currentEpoch('response');
    for (const { store } of followers) expect(store.trustedLocalEpoch()).toBe(epoch);
  });

  it('when an invalidation returns, every follower knows the new epoch (acknowledged) or vouches for none', async () => {
    await until(trustedEverywhere);
    for (let change = 0; change < 40; change += 1) {
      const writer = followers[change % 2].store;
      expect(await writer.invalidate([`Skill:${change}`], [`list:Skill`])).toBe(true);
      // Read at once, before anything else can let a late message in.
      const trusted = followers.map(({ store }) => store.trustedLocalEpoch());
      const epoch = await writer.currentEpoch('response');
      for (const vouched of trusted) expect([epoch, undefined]).toContain(vouched);
    }
    // The acknowledgements made the writer wait for nobody's lease.
    for (const { metrics } of followers) expect(metrics.snapshot().epochMessages.acknowledgementTimeouts).toBe(0);
  });

  it('vouches for nothing once its subscriber is killed, and re-syncs to changes made while it was away', async () => {
    await until(trustedEverywhere);
    const [reader, writer] = followers;
    const resyncs = reader.metrics.snapshot().epochMessages.resyncs;
    await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub');
    // A change while the reader may still be away: its message may be lost, the re-sync must not be.
    await writer.store.invalidate(['Skill:away'], []);
    const epoch = await writer.store.currentEpoch('response');
    await until(() => reader.metrics.snapshot().epochMessages.resyncs > resyncs);
    await until(() => reader.store.trustedLocalEpoch() !== undefined);
    expect(reader.store.trustedLocalEpoch()).toBe(epoch);
    expect(reader.metrics.snapshot().epochMessages.resyncs).toBeGreaterThan(resyncs);
  });

  it('never vouches for an epoch older than one it saw applied (a snapshot restored behind its back)', async () => {
    await until(trustedEverywhere);
    const [reader, writer] = followers;
    const old = String(await writer.store.currentEpoch('response'));
    // Writes carry the change log's sequence into the epoch; this one is a later change.
    writer.store.noteSequence(sequenceOfEpoch(old) + 1);
    expect(await writer.store.invalidate(['Skill:before-restore'], [])).toBe(true);
    const newer = await writer.store.currentEpoch('response');
    await until(() => reader.store.trustedLocalEpoch() === newer);
    // The restore: the old epoch put back with no message, as RESTORE or a lagging replica would.
    await redis.command('SET', `${namespace}epoch`, old);
    // Beats now carry the old epoch; for at least a few of them, nobody may vouch for it.
    const deadline = Date.now() + 1_000;
    while (Date.now() < deadline) {
      for (const { store } of followers) expect(store.trustedLocalEpoch()).not.toBe(old);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A checked read notices the rollback and moves past it (a new epoch, above the one applied).
    const after = await reader.store.currentEpoch('response');
    expect(after).not.toBe(old);
  });

  it('a subscriber that never acknowledges makes the writer wait out the lease, then go on', async () => {
    await until(trustedEverywhere);
    // A subscriber that takes messages and never answers them: a stalled process.
    const silent = net.connect(redis.port, '127.0.0.1');
    await new Promise<void>((resolve) => {
      silent.once('data', () => resolve());
      silent.write(`SUBSCRIBE ${namespace}epoch-messages\r\n`);
    });
    try {
      const writer = followers[0];
      const started = performance.now();
      expect(await writer.store.invalidate(['Skill:stalled'], [])).toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(EPOCH_LEASE_MS - 5);
      expect(writer.metrics.snapshot().epochMessages.acknowledgementTimeouts).toBe(1);
    } finally {
      silent.destroy();
    }
  });
});
