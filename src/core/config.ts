import { bool, cleanEnv, makeValidator, num, port, str, url } from 'envalid';

/** Settings of one SkillAtlas process. This module is the only reader of `process.env`. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** MongoDB connection string; when absent an embedded mongod (mongodb-memory-server) is started. */
  mongodbUri: string | undefined;
  /** How long start-up waits for a reachable MongoDB before it gives up and says what to check. */
  mongodbServerSelectionTimeoutMs: number;
  /** Where the embedded MongoDB keeps its files. */
  embeddedMongoDataDir: string;
  /** Redis connection string; when absent an in-process cache is used. */
  redisUrl: string | undefined;
  /** Longest a Redis command may take before it counts as a miss, so a slow Redis cannot stall requests. */
  redisCommandTimeoutMs: number;
  /** First segment of every cache key (`<prefix>:v1:…`), so several deployments can share one Redis. */
  cacheKeyPrefix: string;
  /** Serve repeated anonymous queries from the response cache. */
  responseCacheEnabled: boolean;
  /** Keep documents read by id in the shared entity cache behind the DataLoaders. */
  entityCacheEnabled: boolean;
  /** Bearer token that grants the admin role. Mutations are refused when it is unset. */
  adminToken: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  introspection: boolean;
  sandbox: boolean;
  maxQueryDepth: number;
  maxAliases: number;
  maxBodyBytes: number;
  /** Seed the database on start when it holds no skills yet (default true, with or without MONGODB_URI). */
  seedOnStart: boolean;
}

export class ConfigError extends Error {}

const positiveInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`must be a positive integer, got "${input}"`);
  return value;
});

const mongoUri = makeValidator<string>((input) => {
  if (!/^mongodb(\+srv)?:\/\/\S+$/.test(input)) throw new Error(`must start with mongodb:// or mongodb+srv://`);
  return input;
});

const redisUri = makeValidator<string>((input) => {
  if (!/^rediss?:\/\/\S+$/.test(input)) throw new Error(`must start with redis:// or rediss://`);
  return input;
});

/**
 * Parses and validates the environment once. Every bad value is reported by name in one error,
 * so an operator fixes them all in one go instead of one restart per mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const parsed = cleanEnv(
    env,
    {
      NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
      PORT: port({ default: 4000 }),
      // Loopback unless told otherwise: a development server (Sandbox, introspection) is not for the network. Containers set 0.0.0.0.
      HOST: str({ default: '127.0.0.1' }),
      MONGODB_URI: mongoUri({ default: undefined }),
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: positiveInt({ default: 10_000 }),
      EMBEDDED_MONGO_DATA_DIR: str({ default: '.data/mongodb' }),
      REDIS_URL: redisUri({ default: undefined }),
      REDIS_COMMAND_TIMEOUT_MS: positiveInt({ default: 100 }),
      CACHE_KEY_PREFIX: str({ default: 'sa' }),
      RESPONSE_CACHE_ENABLED: bool({ default: true }),
      ENTITY_CACHE_ENABLED: bool({ default: true }),
      ADMIN_TOKEN: str({ default: undefined }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      GRAPHQL_INTROSPECTION: bool({ default: undefined }),
      GRAPHQL_SANDBOX: bool({ default: undefined }),
      MAX_QUERY_DEPTH: positiveInt({ default: 12 }),
      MAX_ALIASES: positiveInt({ default: 30 }),
      MAX_BODY_BYTES: positiveInt({ default: 1_000_000 }),
      SEED_ON_START: bool({ default: undefined }),
    },
    {
      reporter: ({ errors }) => {
        for (const [name, error] of Object.entries(errors)) {
          problems.push(`${name}: ${error?.message ?? 'invalid value'}`);
        }
      },
    },
  );
  if (parsed.ADMIN_TOKEN !== undefined && parsed.ADMIN_TOKEN.length < 16) {
    problems.push('ADMIN_TOKEN: must be at least 16 characters long');
  }
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(parsed.CACHE_KEY_PREFIX)) {
    problems.push(`CACHE_KEY_PREFIX: must be 1 to 40 letters, digits, "_" or "-", got "${parsed.CACHE_KEY_PREFIX}"`);
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const isProduction = parsed.NODE_ENV === 'production';
  return {
    nodeEnv: parsed.NODE_ENV as AppConfig['nodeEnv'],
    port: parsed.PORT,
    host: parsed.HOST,
    mongodbUri: parsed.MONGODB_URI,
    mongodbServerSelectionTimeoutMs: parsed.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
    embeddedMongoDataDir: parsed.EMBEDDED_MONGO_DATA_DIR,
    redisUrl: parsed.REDIS_URL,
    redisCommandTimeoutMs: parsed.REDIS_COMMAND_TIMEOUT_MS,
    cacheKeyPrefix: parsed.CACHE_KEY_PREFIX,
    responseCacheEnabled: parsed.RESPONSE_CACHE_ENABLED,
    entityCacheEnabled: parsed.ENTITY_CACHE_ENABLED,
    adminToken: parsed.ADMIN_TOKEN,
    logLevel: parsed.LOG_LEVEL as AppConfig['logLevel'],
    introspection: parsed.GRAPHQL_INTROSPECTION ?? !isProduction,
    sandbox: parsed.GRAPHQL_SANDBOX ?? !isProduction,
    maxQueryDepth: parsed.MAX_QUERY_DEPTH,
    maxAliases: parsed.MAX_ALIASES,
    maxBodyBytes: parsed.MAX_BODY_BYTES,
    seedOnStart: parsed.SEED_ON_START ?? true,
  };
}
