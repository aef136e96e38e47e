import mongoose, { mongo } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import type { Logger } from './logger';
import { StartupError } from './startup-error';

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

/** Where reads that tolerate lag go on a replica set or sharded cluster (docs/SCALING-DATA.md). */
export interface LagTolerantReads {
  /** MONGODB_ANALYTICS_READ_PREFERENCE: `primary` (the default) keeps every read on the primary. */
  mode: 'primary' | 'primaryPreferred' | 'secondary' | 'secondaryPreferred' | 'nearest';
  /** MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: skip secondaries further behind (90 at least; MongoDB's rule). */
  maxStalenessSeconds?: number;
}

/**
 * The read preference of the analytics aggregations and the facet counts, set by `connectMongo`:
 * process-wide, like mongoose's connection itself. Every other read stays on the primary.
 */
let lagTolerantReadPreference: mongo.ReadPreference = mongo.ReadPreference.primary;

/** The read preference for a read that tolerates lag (analytics, facet counts); `primary` unless configured. */
export function lagTolerantRead(): mongo.ReadPreference {
  return lagTolerantReadPreference;
}

/** The driver's read preference for `reads` (primary takes no staleness bound). */
export function readPreferenceOf(reads: LagTolerantReads): mongo.ReadPreference {
  if (reads.mode === 'primary') return mongo.ReadPreference.primary;
  return new mongo.ReadPreference(reads.mode, undefined, { maxStalenessSeconds: reads.maxStalenessSeconds });
}

/**
 * Connects mongoose's default connection with command monitoring on, and builds the indexes.
 * Bounded waits, so that a MongoDB that is down or hung costs a request seconds, not forever:
 * - an operation waits at most `serverSelectionTimeoutMs` for a server, and mongoose does not buffer
 *   operations longer than that while it reconnects;
 * - every query and aggregation carries maxTimeMS, so MongoDB itself stops work nobody waits for;
 * - a server that stops answering (hung) is noticed by the driver's monitor within about 3 s.
 * With the defaults a request learns that MongoDB is down or hung within 5 s. A server that cannot be
 * reached at start (or refuses the credentials) is a StartupError naming its host and port, never the
 * password, and what to check.
 */
export async function connectMongo(
  uri: string,
  logger: Logger,
  timeouts: MongoTimeouts = DEFAULT_MONGO_TIMEOUTS,
  lagTolerantReads: LagTolerantReads = { mode: 'primary' },
): Promise<typeof mongoose> {
  lagTolerantReadPreference = readPreferenceOf(lagTolerantReads);
  mongoose.set('strictQuery', true);
  mongoose.set('maxTimeMS', timeouts.operationTimeoutMs);
  mongoose.set('bufferTimeoutMS', timeouts.serverSelectionTimeoutMs);
  try {
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
      // A write interrupted by a failover (primary stepped down, election) is sent once more to the new
      // primary: safe, since the server recognises a retried write by its session and transaction number.
      // Only single-document writes and bulk writes of them are retryable; updateMany/deleteMany are not.
      // The connection string may say otherwise (retryWrites=false, w=1): it wins.
      ...(/[?&]retryWrites=/i.test(uri) ? {} : { retryWrites: true }),
      // Acknowledged by a majority: a write the API confirmed survives the primary's loss (no rollback).
      // Waiting for a majority is bounded like any operation: a timeout is a 503, and the write may
      // still have been applied on the primary (a retried ingestion is decided again against what is stored).
      ...(/[?&](w|writeConcern)=/i.test(uri) ? {} : { writeConcern: { w: 'majority' as const, wtimeoutMS: timeouts.operationTimeoutMs } }),
      maxPoolSize: 20,
    });
  } catch (error) {
    throw new StartupError(
      `SkillAtlas could not connect to MongoDB at ${mongoHostsOf(uri)} (MONGODB_URI) within ${timeouts.serverSelectionTimeoutMs} ms: ${withoutPassword(firstLine(error), uri)}. ` +
        'Check that MongoDB is running and reachable from this machine at that host and port, that MONGODB_URI names them ' +
        '(with the user, password and authSource if the server needs them), and for a hosted database that this machine may connect. ' +
        'MONGODB_SERVER_SELECTION_TIMEOUT_MS sets how long to wait. Without MONGODB_URI, SkillAtlas starts an embedded MongoDB of its own.',
    );
  }
  mongoose.connection.getClient().on('commandStarted', (event) => databaseCommandCounter.record(event));
  // Mongoose also builds indexes in the background when a model meets the connection (autoIndex);
  // waiting for that too keeps its `createIndexes` commands out of the first requests' round trips.
  await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  // `init` builds them for models with autoIndex on; the few with it off (built here, before any request) are left.
  await Promise.all(
    Object.values(mongoose.connection.models)
      .filter((model) => model.schema.get('autoIndex') === false)
      .map((model) => model.createIndexes()),
  );
  logger.info({ database: mongoose.connection.name }, 'connected to MongoDB');
  return mongoose;
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

/** The scheme and the credentials of a connection string; credentials end at the last "@" before the options (a password may hold an unescaped "/"). */
const SCHEME_AND_CREDENTIALS = /^mongodb(?:\+srv)?:\/\/(?:([^?]*)@)?/;

/** The hosts of a connection string (`host:port,…`, or an SRV name), without its credentials. */
export function mongoHostsOf(uri: string): string {
  return uri.replace(SCHEME_AND_CREDENTIALS, '').split(/[/?]/)[0] || 'an unreadable address';
}

/** `text` with the connection string's password blanked, should a driver message ever quote it. */
function withoutPassword(text: string, uri: string): string {
  const credentials = SCHEME_AND_CREDENTIALS.exec(uri)?.[1];
  const password = credentials?.includes(':') ? credentials.slice(credentials.indexOf(':') + 1) : '';
  if (!password) return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // Not valid percent-encoding: only the spelling as written can appear.
  }
  return text.split(password).join('***').split(decoded).join('***');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim().replace(/[.:]$/, '') || (error as Error)?.name || 'unknown error';
}

/**
 * Starts a real mongod through mongodb-memory-server, keeping its files in `dataDir` so data
 * survives restarts. Imported lazily: production deployments never load it. When the binary cannot
 * be downloaded or started, throws a StartupError saying what to set instead.
 */
export async function startEmbeddedMongo(dataDir: string, logger: Logger): Promise<{ uri: string; stop: () => Promise<void> }> {
  const { mkdirSync } = await import('node:fs');
  const { MongoMemoryServer, errors } = await import('mongodb-memory-server');
  mkdirSync(dataDir, { recursive: true });
  let server: InstanceType<typeof MongoMemoryServer>;
  try {
    server = await withLibraryWarningsLogged(logger, () =>
      MongoMemoryServer.create({ instance: { dbPath: dataDir, storageEngine: 'wiredTiger', port: 27027 } }),
    );
  } catch (error) {
    const reason = error instanceof errors.DownloadError ? `downloading mongod from ${error.url} failed (${error.msg})` : firstLine(error);
    throw new StartupError(
      `SkillAtlas could not start its embedded MongoDB: ${reason}. MONGODB_URI is not set, so SkillAtlas runs a mongod of its own ` +
        `(mongodb-memory-server), which is downloaded on the first start and keeps its data in ${dataDir}. ` +
        'To use a MongoDB you have, set MONGODB_URI, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/skillatlas npm start ' +
        '(docker run -d -p 27017:27017 mongo:8 starts one); to run the API with MongoDB and Redis in containers: ADMIN_TOKEN=<16+ characters> docker compose up --build. ' +
        'If only the download is blocked, set MONGOMS_DOWNLOAD_MIRROR to a mirror of fastdl.mongodb.org, or MONGOMS_SYSTEM_BINARY to an installed mongod.',
    );
  }
  const uri = server.getUri('skillatlas');
  logger.warn({ dataDir }, 'MONGODB_URI is not set: started an embedded MongoDB (mongodb-memory-server)');
  return { uri, stop: async () => void (await server.stop({ doCleanup: false })) };
}

/**
 * Runs `work` with console warnings captured: on a failed start mongodb-memory-server prints the error
 * with its stack (console.warn) before throwing it, and only its debug mode stops that, while start-up
 * reports the failure once, as one paragraph. Warnings of a start that succeeds (a distribution it has
 * no build for) go to the log; those of a failed one only at debug level.
 */
async function withLibraryWarningsLogged<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) =>
    void warnings.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
  try {
    const result = await work();
    for (const warning of warnings) logger.warn({ warning }, 'mongodb-memory-server');
    return result;
  } catch (error) {
    for (const warning of warnings) logger.debug({ warning }, 'mongodb-memory-server');
    throw error;
  } finally {
    console.warn = warn;
  }
}
