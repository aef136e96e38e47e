import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Caches } from '../../src/core/cache';
import { loadConfig, type AppConfig } from '../../src/core/config';
import { createLogger, type Logger } from '../../src/core/logger';
import { connectMongo, databaseCommandCounter } from '../../src/core/mongo';
import { createApp } from '../../src/server';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface GraphQLResponse<TData = any> {
  data?: TData;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface TestApp {
  url: string;
  config: AppConfig;
  databaseName: string;
  /** Sends one GraphQL operation over HTTP; `admin: true` adds the admin bearer token. */
  graphql<TData = any>(query: string, variables?: Record<string, unknown>, options?: { admin?: boolean; headers?: Record<string, string> }): Promise<GraphQLResponse<TData>>;
  /** Runs `work` and returns how many commands the MongoDB driver sent meanwhile. */
  countDatabaseCommands<T>(work: () => Promise<T>): Promise<{ result: T; commands: number; byCommand: Record<string, number> }>;
  /** Empties the response and entity caches: call it after writing fixtures straight into MongoDB. */
  flushCaches(): Promise<void>;
  caches: Caches;
  stop(): Promise<void>;
}

let memoryServer: { getUri(): string; stop(): Promise<unknown> } | undefined;

/**
 * The MongoDB server tests use: MONGODB_URI when set (CI runs mongo-java-server), otherwise a real
 * mongod from mongodb-memory-server. If neither can be had, this throws: tests never pass silently.
 */
async function mongoServerUri(): Promise<string> {
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  memoryServer = await MongoMemoryServer.create();
  return memoryServer.getUri();
}

/** Gives each test file its own database on the shared server, so files can run in parallel. */
function uniqueDatabaseName(): string {
  const testFile = path.basename(expect.getState().testPath ?? 'test').replace(/\.test\.ts$/, '').replace(/[^a-zA-Z0-9]/g, '_');
  return `t_${testFile}_${process.pid}_${Date.now().toString(36)}`.slice(0, 60);
}

function withDatabase(uri: string, databaseName: string): string {
  const parsed = new URL(uri);
  parsed.pathname = `/${databaseName}`;
  return parsed.toString();
}

/** Starts the real HTTP server on an ephemeral port against a fresh database. */
export async function startTestApp(overrides: Record<string, string> = {}, options: { logger?: Logger } = {}): Promise<TestApp> {
  const databaseName = uniqueDatabaseName();
  const config = loadConfig({ NODE_ENV: 'test', ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: 'silent', ...overrides });
  const logger = options.logger ?? createLogger(config.logLevel);
  await connectMongo(withDatabase(await mongoServerUri(), databaseName), logger);
  const { httpServer, apollo, caches } = await createApp({ config, logger });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;

  return {
    url,
    config,
    databaseName,
    caches,
    flushCaches: () => caches.invalidation.flushAll(),
    async graphql(query, variables, options = {}) {
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
      await apollo.stop();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await memoryServer?.stop();
    },
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
  return { code: error.extensions?.code as string, argumentName: error.extensions?.argumentName as string | undefined, message: error.message };
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
    ['Redis store', () => ({ REDIS_URL: redisUrl, REDIS_COMMAND_TIMEOUT_MS: '2000', CACHE_KEY_PREFIX: `${prefix}_${process.pid}_${Date.now().toString(36)}` })],
  ];
}
