import mongoose from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import type { Logger } from './logger';

/** Commands the driver sends on its own (handshakes, heartbeats, session clean-up), not on our behalf. */
const HOUSEKEEPING_COMMANDS = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'buildInfo', 'saslStart', 'saslContinue']);

/**
 * Lets the hot path ignore the commands the cache change follower sends every few hundred
 * milliseconds: they belong to no request, and would otherwise blur every round-trip count.
 */
export const HOUSEKEEPING_COMMENT = 'skillatlas:housekeeping';

/**
 * Counts the commands the MongoDB driver sends (its command monitoring events): the "DB round trips"
 * that tests and benchmarks compare. Only commands issued for our queries and writes are counted.
 */
export class DatabaseCommandCounter {
  private total = 0;
  private readonly byCommand = new Map<string, number>();
  private readonly listeners = new Set<(event: CommandStartedEvent) => void>();

  record(event: CommandStartedEvent): void {
    if (HOUSEKEEPING_COMMANDS.has(event.commandName) || event.command.comment === HOUSEKEEPING_COMMENT) return;
    this.total += 1;
    this.byCommand.set(event.commandName, (this.byCommand.get(event.commandName) ?? 0) + 1);
    for (const listener of this.listeners) listener(event);
  }

  /** Total counted so far; subtract two readings to count what happened in between. */
  get count(): number {
    return this.total;
  }

  countsByCommand(): Record<string, number> {
    return Object.fromEntries(this.byCommand);
  }

  /** Calls `listener` for each counted command until the returned function is called. */
  subscribe(listener: (event: CommandStartedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const databaseCommandCounter = new DatabaseCommandCounter();

/** How long MongoDB may take, from the config (defaults: the config's). */
export interface MongoTimeouts {
  /** An operation fails after this long without a reachable server (MONGODB_SERVER_SELECTION_TIMEOUT_MS). */
  serverSelectionTimeoutMs: number;
  /** Longest a command may run (MONGODB_OPERATION_TIMEOUT_MS). */
  operationTimeoutMs: number;
}

export const DEFAULT_MONGO_TIMEOUTS: MongoTimeouts = { serverSelectionTimeoutMs: 3_000, operationTimeoutMs: 4_000 };

/**
 * Connects mongoose's default connection with command monitoring on, and builds the indexes.
 * Bounded waits, so that a MongoDB that is down or hung costs a request seconds, not forever:
 * - an operation waits at most `serverSelectionTimeoutMs` for a server, and mongoose does not buffer
 *   operations longer than that while it reconnects;
 * - every query and aggregation carries maxTimeMS, so MongoDB itself stops work nobody waits for;
 * - a server that stops answering (hung) is noticed by the driver's monitor within about 3 s.
 * With the defaults a request learns that MongoDB is down or hung within 5 s.
 */
export async function connectMongo(uri: string, logger: Logger, timeouts: MongoTimeouts = DEFAULT_MONGO_TIMEOUTS): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  mongoose.set('maxTimeMS', timeouts.operationTimeoutMs);
  mongoose.set('bufferTimeoutMS', timeouts.serverSelectionTimeoutMs);
  await mongoose.connect(uri, {
    monitorCommands: true,
    serverSelectionTimeoutMS: timeouts.serverSelectionTimeoutMs,
    // A hung server is found by the driver's monitor, not by socket timeouts (which would also cut
    // a long legitimate bulk write): it checks the server every second, gives up on a check after
    // 2.5 s, and then clears the pool, interrupting the commands in flight, which then fail as
    // network errors (503). A server that stops answering costs a request at most about 4 s.
    heartbeatFrequencyMS: 1_000,
    connectTimeoutMS: 2_500,
    // A read interrupted that way is not sent again: the client gets 503 with Retry-After instead
    // of waiting out a second round.
    retryReads: false,
    maxPoolSize: 20,
  });
  mongoose.connection.getClient().on('commandStarted', (event) => databaseCommandCounter.record(event));
  // Mongoose also builds indexes in the background when a model meets the connection (autoIndex);
  // waiting for that too keeps its `createIndexes` commands out of the first requests' round trips.
  await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  // `init` builds them for models with autoIndex on; the few with it off (built here, before any request) are left.
  await Promise.all(Object.values(mongoose.connection.models).filter((model) => model.schema.get('autoIndex') === false).map((model) => model.createIndexes()));
  logger.info({ database: mongoose.connection.name }, 'connected to MongoDB');
  return mongoose;
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

/**
 * Starts a real mongod through mongodb-memory-server, keeping its files in `dataDir` so data
 * survives restarts. Imported lazily: production deployments never load it.
 */
export async function startEmbeddedMongo(dataDir: string, logger: Logger): Promise<{ uri: string; stop: () => Promise<void> }> {
  const { mkdirSync } = await import('node:fs');
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  mkdirSync(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath: dataDir, storageEngine: 'wiredTiger', port: 27027 } });
  const uri = server.getUri('skillatlas');
  logger.warn({ dataDir }, 'MONGODB_URI is not set: started an embedded MongoDB (mongodb-memory-server)');
  return { uri, stop: async () => void (await server.stop({ doCleanup: false })) };
}
