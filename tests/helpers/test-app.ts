import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Caches } from '../../src/core/cache';
import { loadConfig, type AppConfig } from '../../src/core/config';
import type { EntityChanges } from '../../src/core/entity-changes';
import { createLogger, type Logger } from '../../src/core/logger';
import { connectMongo, databaseCommandCounter } from '../../src/core/mongo';
import { createApp } from '../../src/server';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/**
 * A JSON value a test reads without declaring its shape: the `data` of a GraphQL response whose test
 * names no type for it, or a raw HTTP body. Tests read it field by field and check each value with
 * expect(), so a wrong guess about its shape fails the test; declaring a type for each of the hundreds of
 * queries would add casts, not safety. Callbacks over its arrays still name the fields they read
 * (`(edge: { node: { title: string } }) => ...`), and a test that wants a checked shape passes one
 * (`app.graphql<{ skill: { slug: string } }>(...)`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one loosely typed value tests share, for the reason above
export type UntypedJson = any;

export interface GraphQLResponse<TData = UntypedJson> {
  data?: TData;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestApp {
  url: string;
  config: AppConfig;
  databaseName: string;
  /** This app's database on the server it uses: what a writer in another process (a CLI, a child) connects to. */
  databaseUri: string;
  /** Sends one GraphQL operation over HTTP; `admin: true` adds the admin bearer token. */
  graphql<TData = UntypedJson>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { admin?: boolean; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TData>>;
  /** Runs `work` and returns how many commands the MongoDB driver sent meanwhile. */
  countDatabaseCommands<T>(work: () => Promise<T>): Promise<{ result: T; commands: number; byCommand: Record<string, number> }>;
  /** Empties the response and entity caches: call it after writing fixtures straight into MongoDB. */
  flushCaches(): Promise<void>;
  caches: Caches;
  /** Where writers made by a test (an IngestionService) announce their changes, as the app's services do. */
  entityChanges: EntityChanges;
  /**
   * Starts another API instance on the same database (its own caches, settings merged over this
   * app's; an empty value removes one): what a second replica behind a load balancer is. Stopped by `stop()`.
   */
  startAnotherInstance(
    overrides?: Record<string, string>,
  ): Promise<Omit<TestApp, 'startAnotherInstance' | 'stop' | 'databaseName' | 'databaseUri' | 'countDatabaseCommands'>>;
  stop(): Promise<void>;
}

/**
 * Tests check what happens, not how fast: a loaded CI machine must not turn a slow search over the real
 * seed into a timeout. Tests of the deadline itself set REQUEST_TIMEOUT_MS.
 */
const TEST_REQUEST_TIMEOUT_MS = '60000';

/**
 * Every request of a test file comes from 127.0.0.1, and many files fire bursts in parallel: budgets
 * and throttles far above what any file uses, unless a test sets its own (tests/rate-limits.test.ts).
 * The cost ceiling (MAX_OPERATION_COST) keeps its default.
 */
const GENEROUS_RATE_LIMITS = {
  RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
  RATE_LIMIT_ANALYST_POINTS: '1000000000',
  RATE_LIMIT_PARTNER_POINTS: '1000000000',
  RATE_LIMIT_ADMIN_POINTS: '1000000000',
  RATE_LIMIT_CONCURRENT_OPERATIONS: '1000',
  RATE_LIMIT_CACHED_HITS_PER_SECOND: '1000000',
  RATE_LIMIT_AUTH_FAILURES: '1000000',
};

let memoryServer: { getUri(): string; stop(): Promise<unknown> } | undefined;

/**
 * The MongoDB server tests use: MONGODB_URI when set (CI runs mongo-java-server), otherwise a real
 * mongod from mongodb-memory-server. If neither can be had, this throws: tests never pass silently.
 */
export async function mongoServerUri(): Promise<string> {
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  memoryServer = await MongoMemoryServer.create();
  return memoryServer.getUri();
}

/** Gives each test file its own database on the shared server, so files can run in parallel. */
export function uniqueDatabaseName(): string {
  const testFile = path
    .basename(expect.getState().testPath ?? 'test')
    .replace(/\.test\.ts$/, '')
    .replace(/[^a-zA-Z0-9]/g, '_');
  return `t_${testFile}_${process.pid}_${Date.now().toString(36)}`.slice(0, 60);
}

/** `uri` with its path set to `databaseName`. */
export function withDatabase(uri: string, databaseName: string): string {
  const parsed = new URL(uri);
  parsed.pathname = `/${databaseName}`;
  return parsed.toString();
}

/** Stops the mongodb-memory-server `mongoServerUri` started, if it started one. */
export async function stopMemoryServer(): Promise<void> {
  await memoryServer?.stop();
  memoryServer = undefined;
}

export interface TestAppOptions {
  logger?: Logger;
  /** Connects through this instead of the MongoDB server's own address (a fault-injecting proxy). */
  mongoAddress?: (server: { host: string; port: number }) => Promise<{ host: string; port: number }>;
}

/** Starts the real HTTP server on an ephemeral port against a fresh database. */
export async function startTestApp(overrides: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const databaseName = uniqueDatabaseName();
  // What every instance of this app is configured with; another instance adds or removes settings.
  const settings: Record<string, string> = {
    NODE_ENV: 'test',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    REQUEST_TIMEOUT_MS: TEST_REQUEST_TIMEOUT_MS,
    ...GENEROUS_RATE_LIMITS,
    ...overrides,
  };
  const config = loadConfig(settings);
  const logger = options.logger ?? createLogger(config.logLevel);
  let serverUri = await mongoServerUri();
  if (options.mongoAddress) {
    const parsed = new URL(serverUri);
    const address = await options.mongoAddress({ host: parsed.hostname, port: Number(parsed.port || 27017) });
    parsed.host = `${address.host}:${address.port}`;
    parsed.searchParams.set('directConnection', 'true');
    serverUri = parsed.toString();
  }
  await connectMongo(
    withDatabase(serverUri, databaseName),
    logger,
    {
      serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
      operationTimeoutMs: config.mongoOperationTimeoutMs,
    },
    config.mongoLagTolerantReads,
  );
  const instances: Array<{ stop(): Promise<void> }> = [];
  const startInstance = async (instanceConfig: AppConfig) => {
    const { httpServer, apollo, caches, entityChanges } = await createApp({ config: instanceConfig, logger });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    instances.push({ stop: () => apollo.stop() });
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
    return {
      url,
      config: instanceConfig,
      caches,
      entityChanges,
      flushCaches: () => caches.invalidation.flushAll(),
      graphql: graphqlAt(url),
    };
  };
  const first = await startInstance(config);

  return {
    ...first,
    databaseName,
    databaseUri: withDatabase(serverUri, databaseName),
    startAnotherInstance: (more = {}) => {
      // An empty value removes a setting of the first app (`{ REDIS_URL: '' }`: cache in process).
      const anotherSettings = Object.entries({ ...settings, ...more }).filter(([, value]) => value !== '');
      return startInstance(loadConfig(Object.fromEntries(anotherSettings)));
    },
    async countDatabaseCommands(work) {
      const before = databaseCommandCounter.count;
      const beforeByCommand = databaseCommandCounter.countsByCommand();
      const result = await work();
      const byCommand = Object.fromEntries(
        Object.entries(databaseCommandCounter.countsByCommand())
          .map(([name, count]) => [name, count - (beforeByCommand[name] ?? 0)] as const)
          .filter(([, count]) => count > 0),
      );
      return { result, commands: databaseCommandCounter.count - before, byCommand };
    },
    async stop() {
      for (const instance of instances.reverse()) await instance.stop();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await stopMemoryServer();
    },
  };
}

/** Sends one GraphQL operation over HTTP to `url`; `admin: true` adds the admin bearer token. */
function graphqlAt(url: string): TestApp['graphql'] {
  return async (query, variables, options = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.admin ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
}

/** Fails the test with the GraphQL errors when a response has any, else returns its data. */
export function dataOf<TData>(response: GraphQLResponse<TData>): TData {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as TData;
}

/** The one error of a response that must have exactly one: its code, the argument it names, its message. */
export function errorOf(response: GraphQLResponse): { code: string; argumentName?: string; message: string } {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  return {
    code: error.extensions?.code as string,
    argumentName: error.extensions?.argumentName as string | undefined,
    message: error.message,
  };
}

/**
 * The two cache stores, for `describe.each`: the in-process LRU (no REDIS_URL) and Redis (REDIS_URL, or
 * the local default), each with the settings `startTestApp` takes; `prefix` keeps a file's Redis keys apart.
 */
export function cacheStores(prefix: string): Array<[string, () => Record<string, string>]> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  return [
    ['in-process store', () => ({})],
    // A command timeout far above the default 100 ms: on a busy machine a slow reply would be a miss, and
    // the tests here count misses and round trips. Tests of a slow or failing Redis set their own.
    [
      'Redis store',
      () => ({
        REDIS_URL: redisUrl,
        REDIS_COMMAND_TIMEOUT_MS: '2000',
        CACHE_KEY_PREFIX: `${prefix}_${process.pid}_${Date.now().toString(36)}`,
      }),
    ],
  ];
}
