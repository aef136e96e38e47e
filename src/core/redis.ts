import { createClient, createCluster, createSentinel, RESP_TYPES } from 'redis';
import type { RedisNodeAddress, RedisTarget } from './redis-target';

export type { RedisTarget } from './redis-target';

/**
 * One connection to Redis, whatever its topology: every Redis client of the API (cache store, rate
 * limit budgets, invalidation subscriber) is made by `createRedisConnection`. The contract:
 * - Commands are never queued while disconnected: they fail at once, and the caller falls back
 *   (caches answer misses, budgets count in process). Reconnection is automatic, with backoff.
 * - `send` names the key a command is routed by. On a Redis Cluster every key of one command, one
 *   script or one transaction must hash to that key's slot (give them one hash tag, `{…}`, see
 *   docs/SCALING-DATA.md); a command that breaks this fails with CROSSSLOT, it is never split.
 * - On a single server or behind Sentinels the route is ignored: everything goes to the primary.
 */
export interface RedisConnection {
  readonly topology: RedisTarget['topology'];
  /** Where it goes, never the password: for logs and to tell which processes share a cache. */
  readonly address: string;
  /** The node-redis client itself, for libraries that take one (rate-limiter-flexible supports all three kinds). */
  readonly client: RedisClient;
  /** Sends one command, routed by `route.key`; bulk strings come back as Buffers when `asBuffers`. */
  send<T = unknown>(args: string[], route: { key: string; readonly?: boolean }, asBuffers?: boolean): Promise<T>;
  /** Called on every connection error (also while idle, so an outage is noticed without a command). */
  onError(listener: (error: unknown) => void): void;
  /** Called when a connection (re)becomes ready. */
  onReady(listener: () => void): void;
  /** Connects; when Redis cannot be reached, keeps trying in the background until `close`. */
  connect(): Promise<void>;
  /** A connection of its own for SUBSCRIBE (a subscribed connection can send nothing else). */
  createSubscriber(): RedisSubscriber;
  /** How scripts publish to a `RedisSubscriber`'s channel: SPUBLISH on a cluster (sharded), PUBLISH elsewhere. */
  readonly publishCommand: 'PUBLISH' | 'SPUBLISH';
  close(): Promise<void>;
}

/**
 * A pub/sub connection for a channel published to from scripts next to the keys they change. On a
 * cluster it is sharded pub/sub (SSUBSCRIBE, on the node holding the channel's slot; scripts publish
 * with SPUBLISH, `RedisConnection.publishCommand`), so the channel needs the keys' hash tag. Not
 * cluster-wide PUBLISH: its reply counts only the publishing node's subscribers, and a writer waiting
 * for every subscriber's acknowledgement would not wait for the others (their message comes later, over
 * the cluster bus).
 */
export interface RedisSubscriber {
  connect(): Promise<void>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<void>;
  unsubscribe(channel: string): Promise<void>;
  onError(listener: (error: unknown) => void): void;
  /** Called when the connection ends or starts reconnecting: messages may have been missed. */
  onLost(listener: (reason: 'end' | 'reconnecting') => void): void;
  close(): Promise<void>;
}

/** Socket settings of every connection: fail fast, reconnect with backoff up to a second. */
export interface RedisConnectionOptions {
  /** How long opening one connection may take. Default 1 s. */
  connectTimeoutMs?: number;
}

type StandaloneClient = ReturnType<typeof standaloneClient>;
type ClusterClient = ReturnType<typeof clusterClient>;
type SentinelClient = ReturnType<typeof sentinelClient>;
export type RedisClient = StandaloneClient | ClusterClient | SentinelClient;

const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 1_000);

/** Builds the connection the target describes (not yet connected). */
export function createRedisConnection(target: RedisTarget, options: RedisConnectionOptions = {}): RedisConnection {
  const socket = { connectTimeout: options.connectTimeoutMs ?? 1_000, reconnectStrategy };
  switch (target.topology) {
    case 'standalone': {
      const url = new URL(target.url);
      return new StandaloneConnection(standaloneClient(target, socket), `${url.protocol}//${url.host}${url.pathname || '/0'}`);
    }
    case 'cluster':
      return new ClusterConnection(clusterClient(target, socket), `redis-cluster://${listAddresses(target.nodes)}`);
    case 'sentinel':
      return new SentinelConnection(sentinelClient(target, socket), `redis-sentinel://${target.name}@${listAddresses(target.sentinels)}`);
  }
}

type SocketSettings = { connectTimeout: number; reconnectStrategy: (retries: number) => number };

function standaloneClient(target: Extract<RedisTarget, { topology: 'standalone' }>, socket: SocketSettings) {
  return createClient({ url: target.url, disableOfflineQueue: true, socket });
}

function clusterClient(target: Extract<RedisTarget, { topology: 'cluster' }>, socket: SocketSettings) {
  const tls = target.tls ? { tls: true as const } : {};
  return createCluster({
    rootNodes: target.nodes.map((node) => ({ socket: { host: node.host, port: node.port, ...tls } })),
    // Discovered nodes get only these settings, not the root nodes'.
    defaults: { username: target.username, password: target.password, disableOfflineQueue: true, socket: { ...socket, ...tls } },
  });
}

function sentinelClient(target: Extract<RedisTarget, { topology: 'sentinel' }>, socket: SocketSettings) {
  const tls = target.tls ? { tls: true as const } : {};
  return createSentinel({
    name: target.name,
    sentinelRootNodes: target.sentinels,
    nodeClientOptions: { username: target.username, password: target.password, disableOfflineQueue: true, socket: { ...socket, ...tls } },
    sentinelClientOptions: { socket: { ...socket, ...tls } },
  });
}

function listAddresses(nodes: readonly RedisNodeAddress[]): string {
  return nodes.map((node) => `${node.host}:${node.port}`).join(',');
}

/** What the three node-redis clients have in common, and the background retry of a failed first connect. */
abstract class BaseConnection<C extends RedisClient> implements RedisConnection {
  abstract readonly topology: RedisTarget['topology'];
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly errorListeners: Array<(error: unknown) => void> = [];

  constructor(
    readonly client: C,
    readonly address: string,
  ) {}

  abstract send<T = unknown>(args: string[], route: { key: string; readonly?: boolean }, asBuffers?: boolean): Promise<T>;
  abstract onReady(listener: () => void): void;
  abstract createSubscriber(): RedisSubscriber;
  abstract readonly publishCommand: 'PUBLISH' | 'SPUBLISH';

  onError(listener: (error: unknown) => void): void {
    this.errorListeners.push(listener);
    this.listenForErrors(listener);
  }

  protected abstract listenForErrors(listener: (error: unknown) => void): void;

  async connect(attempt = 0): Promise<void> {
    try {
      await this.client.connect();
    } catch (error) {
      for (const listener of this.errorListeners) listener(error);
      // A single-server client keeps reconnecting by itself; a cluster or Sentinel client whose first
      // discovery failed gives up, so it is tried again here.
      if (!this.closed && !this.client.isOpen) {
        this.retry = setTimeout(() => void this.connect(attempt + 1).catch(() => undefined), reconnectStrategy(attempt));
        this.retry.unref();
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    // A Sentinel client's destroy is asynchronous, the others' is not.
    if (this.client.isOpen) await this.client.close().catch(() => undefined);
    else await Promise.resolve(this.client.destroy()).catch(() => undefined);
  }
}

class StandaloneConnection extends BaseConnection<StandaloneClient> {
  readonly topology = 'standalone' as const;
  readonly publishCommand = 'PUBLISH' as const;
  private readonly bufferClient = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });

  send<T>(args: string[], _route: { key: string }, asBuffers = false): Promise<T> {
    return (asBuffers ? this.bufferClient : this.client).sendCommand<T>(args);
  }

  protected listenForErrors(listener: (error: unknown) => void): void {
    this.client.on('error', listener);
  }

  onReady(listener: () => void): void {
    this.client.on('ready', listener);
  }

  createSubscriber(): RedisSubscriber {
    const client = this.client.duplicate({ disableOfflineQueue: false });
    return {
      connect: async () => void (await client.connect()),
      subscribe: (channel, listener) => client.subscribe(channel, listener),
      unsubscribe: (channel) => client.unsubscribe(channel),
      onError: (listener) => void client.on('error', listener),
      onLost: (listener) => void client.on('end', () => listener('end')).on('reconnecting', () => listener('reconnecting')),
      close: async () => (client.isOpen ? void (await client.close().catch(() => undefined)) : client.destroy()),
    };
  }
}

class ClusterConnection extends BaseConnection<ClusterClient> {
  readonly topology = 'cluster' as const;
  private readonly bufferClient = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });

  send<T>(args: string[], route: { key: string; readonly?: boolean }, asBuffers = false): Promise<T> {
    return (asBuffers ? this.bufferClient : this.client).sendCommand<T>(route.key, route.readonly ?? false, args);
  }

  protected listenForErrors(listener: (error: unknown) => void): void {
    this.client.on('error', listener);
    this.client.on('node-error', listener);
  }

  onReady(listener: () => void): void {
    this.client.on('node-ready', listener);
  }

  readonly publishCommand = 'SPUBLISH' as const;

  createSubscriber(): RedisSubscriber {
    const client = this.client.duplicate();
    return {
      connect: async () => void (await client.connect()),
      subscribe: (channel, listener) => client.sSubscribe(channel, listener),
      unsubscribe: (channel) => client.sUnsubscribe(channel),
      onError: (listener) => void client.on('error', listener).on('node-error', listener),
      onLost: (listener) => void client.on('node-reconnecting', () => listener('reconnecting')),
      close: async () => (client.isOpen ? void (await client.close().catch(() => undefined)) : client.destroy()),
    };
  }
}

class SentinelConnection extends BaseConnection<SentinelClient> {
  readonly topology = 'sentinel' as const;
  readonly publishCommand = 'PUBLISH' as const;
  private readonly bufferClient = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });

  send<T>(args: string[], route: { key: string; readonly?: boolean }, asBuffers = false): Promise<T> {
    return (asBuffers ? this.bufferClient : this.client).sendCommand<T>(route.readonly ?? false, args);
  }

  protected listenForErrors(listener: (error: unknown) => void): void {
    this.client.on('error', listener);
  }

  onReady(listener: () => void): void {
    this.client.on('ready', listener);
  }

  createSubscriber(): RedisSubscriber {
    const client = this.client.duplicate();
    return {
      connect: async () => void (await client.connect()),
      subscribe: async (channel, listener) => void (await client.subscribe(channel, listener)),
      unsubscribe: async (channel) => void (await client.unsubscribe(channel)),
      onError: (listener) => void client.on('error', listener),
      onLost: (listener) => void client.on('end', () => listener('end')).on('reconnecting', () => listener('reconnecting')),
      close: async () => (client.isOpen ? void (await client.close().catch(() => undefined)) : client.destroy()),
    };
  }
}
