import { bool, cleanEnv, makeValidator, port, str } from 'envalid';
import type { LagTolerantReads } from './mongo';
import { parseRedisTarget, type RedisTarget } from './redis-target';

/** Settings of one SkillAtlas process. This module is the only reader of `process.env`. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** MongoDB connection string; when absent an embedded mongod (mongodb-memory-server) is started. */
  mongodbUri: string | undefined;
  /** Where the embedded MongoDB keeps its files. */
  embeddedMongoDataDir: string;
  /** Redis connection string of a single server (REDIS_URL); absent with a cluster or Sentinel. */
  redisUrl: string | undefined;
  /**
   * Where Redis is: one server (REDIS_URL), a Redis Cluster (REDIS_CLUSTER_NODES) or a primary watched
   * by Sentinels (REDIS_SENTINELS + REDIS_SENTINEL_NAME). Absent: caches and budgets in this process.
   */
  redis: RedisTarget | undefined;
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
  /**
   * Who may introspect the schema: everyone, only ANALYST and ADMIN callers (`privileged`, the
   * production default: Sandbox and Apollo Client's possibleTypes work for them), or nobody.
   */
  introspection: 'all' | 'privileged' | 'none';
  sandbox: boolean;
  maxQueryDepth: number;
  maxAliases: number;
  /** Largest request body from an anonymous caller. */
  maxBodyBytes: number;
  /** Largest request body from a caller with valid credentials (partners send batches of resources). */
  maxBodyBytesAuthenticated: number;
  /** Deepest nesting of arrays and objects accepted in a JSON body, checked before it is parsed. */
  maxJsonDepth: number;
  /** Longest a request may take; then it is answered 503 and its remaining work is abandoned. */
  requestTimeoutMs: number;
  /** How long a MongoDB operation waits for a reachable server before it fails (a request gets 503; start-up says what to check). */
  mongoServerSelectionTimeoutMs: number;
  /** Longest a MongoDB operation may run (maxTimeMS on the server, a socket timeout on the client). */
  mongoOperationTimeoutMs: number;
  /** Where the analytics aggregations and facet counts read on a replica set (docs/SCALING-DATA.md); default primary. */
  mongoLagTolerantReads: LagTolerantReads;
  /** Browser origins allowed to call the API from another origin (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** How often each API process reads the cache change log that other processes (CLIs, other servers) write. */
  cacheChangePollMs: number;
  /** Seed the database on start when it holds no skills yet (default true, with or without MONGODB_URI). */
  seedOnStart: boolean;
  /**
   * How many reverse proxies stand in front of the API. 0: the client address is the socket's and
   * `X-Forwarded-For` is ignored (a client could write anything there); N: the N-th address from the
   * right of `X-Forwarded-For` + socket address, the one the outermost trusted proxy saw.
   */
  trustProxy: number;
  /** Most an operation may cost (src/core/rate-limit/query-cost.ts), whatever the caller's budget. */
  maxOperationCost: number;
  rateLimit: RateLimitConfig;
  metrics: MetricsConfig;
  /** OpenTelemetry tracing; undefined (the default) when off: its packages are then never loaded. */
  tracing: TracingConfig | undefined;
}

/** Prometheus metrics (src/core/metrics); who may read them is docs/OPERATIONS.md's "Metrics". */
export interface MetricsConfig {
  /** Collect metrics and serve them at `/metrics` (default true). */
  enabled: boolean;
  /** Bearer token a scraper sends to read `/metrics`; without it only ADMIN callers may, on the API port. */
  token: string | undefined;
  /** A second port serving only `/metrics` (on `host`), for scrapers that must not need the API port. */
  port: number | undefined;
  /** Interface of the metrics port (default 127.0.0.1). */
  host: string;
}

/** Where spans go when tracing is on (OTEL_ENABLED, or OTEL_EXPORTER_OTLP_ENDPOINT set). */
export interface TracingConfig {
  /** OTLP/HTTP base URL; spans are posted to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName: string;
}

/** Budgets and throttles of src/core/rate-limit (defaults and reasons in .env.example). */
export interface RateLimitConfig {
  /** Length of a budget window; a caller's budget is whole again when its window ends. */
  windowSeconds: number;
  /** Points per window: per client address for anonymous callers, per API key (or the admin token) otherwise. */
  points: { anonymous: number; analyst: number; partner: number; admin: number };
  /** Operations one caller may have in flight in this process at once. */
  concurrentOperations: number;
  /** Response-cache hits one client address may get per second from this process (`allowCachedHit`). */
  cachedHitsPerSecond: number;
  /** Failed credential checks one client address may cause per `authFailureWindowSeconds` before it gets 429s. */
  authFailures: number;
  authFailureWindowSeconds: number;
}

export class ConfigError extends Error {}

const positiveInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`must be a positive integer, got "${input}"`);
  return value;
});

const nonNegativeInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 0) throw new Error(`must be a whole number, 0 or more, got "${input}"`);
  return value;
});

const mongoUri = makeValidator<string>((input) => {
  if (!/^mongodb(\+srv)?:\/\/\S+$/.test(input)) throw new Error(`must start with mongodb:// or mongodb+srv://`);
  return input;
});

const httpUrl = makeValidator<string>((input) => {
  if (!/^https?:\/\/\S+$/.test(input)) throw new Error(`must be an http:// or https:// URL, got "${input}"`);
  return input.replace(/\/+$/, '');
});

/** The OTLP/HTTP receiver's default address (an OpenTelemetry Collector on the same host). */
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

const redisUri = makeValidator<string>((input) => {
  if (!/^rediss?:\/\/\S+$/.test(input)) throw new Error(`must start with redis:// or rediss://`);
  return input;
});

/** Every environment variable SkillAtlas reads, with its validator and default (.env.example documents each). */
const ENVIRONMENT_SPEC = {
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
  PORT: port({ default: 4000 }),
  // Loopback unless told otherwise: a development server (Sandbox, introspection) is not for the network. Containers set 0.0.0.0.
  HOST: str({ default: '127.0.0.1' }),
  MONGODB_URI: mongoUri({ default: undefined }),
  EMBEDDED_MONGO_DATA_DIR: str({ default: '.data/mongodb' }),
  REDIS_URL: redisUri({ default: undefined }),
  REDIS_CLUSTER_NODES: str({ default: undefined }),
  REDIS_SENTINELS: str({ default: undefined }),
  REDIS_SENTINEL_NAME: str({ default: undefined }),
  REDIS_USERNAME: str({ default: undefined }),
  REDIS_PASSWORD: str({ default: undefined }),
  REDIS_COMMAND_TIMEOUT_MS: positiveInt({ default: 100 }),
  CACHE_KEY_PREFIX: str({ default: 'sa' }),
  RESPONSE_CACHE_ENABLED: bool({ default: true }),
  ENTITY_CACHE_ENABLED: bool({ default: true }),
  ADMIN_TOKEN: str({ default: undefined }),
  LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  GRAPHQL_INTROSPECTION: str({ choices: ['true', 'false', 'all', 'privileged', 'none'], default: undefined }),
  GRAPHQL_SANDBOX: bool({ default: undefined }),
  MAX_QUERY_DEPTH: positiveInt({ default: 12 }),
  MAX_ALIASES: positiveInt({ default: 30 }),
  MAX_BODY_BYTES: positiveInt({ default: 100_000 }),
  MAX_BODY_BYTES_AUTHENTICATED: positiveInt({ default: 2_000_000 }),
  MAX_JSON_DEPTH: positiveInt({ default: 32 }),
  REQUEST_TIMEOUT_MS: positiveInt({ default: 10_000 }),
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: positiveInt({ default: 3_000 }),
  MONGODB_OPERATION_TIMEOUT_MS: positiveInt({ default: 4_000 }),
  MONGODB_ANALYTICS_READ_PREFERENCE: str({
    choices: ['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'],
    default: 'primary',
  }),
  MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: positiveInt({ default: undefined }),
  CORS_ORIGINS: str({ default: '' }),
  CACHE_CHANGE_POLL_MS: positiveInt({ default: 250 }),
  SEED_ON_START: bool({ default: undefined }),
  TRUST_PROXY: nonNegativeInt({ default: 0 }),
  MAX_OPERATION_COST: positiveInt({ default: 20_000 }),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt({ default: 60 }),
  RATE_LIMIT_ANONYMOUS_POINTS: positiveInt({ default: 10_000 }),
  RATE_LIMIT_ANALYST_POINTS: positiveInt({ default: 100_000 }),
  RATE_LIMIT_PARTNER_POINTS: positiveInt({ default: 50_000 }),
  RATE_LIMIT_ADMIN_POINTS: positiveInt({ default: 1_000_000 }),
  RATE_LIMIT_CONCURRENT_OPERATIONS: positiveInt({ default: 8 }),
  RATE_LIMIT_CACHED_HITS_PER_SECOND: positiveInt({ default: 100 }),
  RATE_LIMIT_AUTH_FAILURES: positiveInt({ default: 10 }),
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: positiveInt({ default: 300 }),
  METRICS_ENABLED: bool({ default: true }),
  METRICS_TOKEN: str({ default: undefined }),
  METRICS_PORT: port({ default: undefined }),
  METRICS_HOST: str({ default: '127.0.0.1' }),
  OTEL_ENABLED: bool({ default: undefined }),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl({ default: undefined }),
  OTEL_SERVICE_NAME: str({ default: 'skillatlas' }),
};

/** The names of every setting the configuration reads: what deploy manifests and compose files may set. */
export const CONFIG_VARIABLE_NAMES: readonly string[] = Object.keys(ENVIRONMENT_SPEC);

/**
 * Parses and validates the environment once. Every bad value is reported by name in one error,
 * so an operator fixes them all in one go instead of one restart per mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const parsed = cleanEnv(env, ENVIRONMENT_SPEC, {
    reporter: ({ errors }) => {
      for (const [name, error] of Object.entries(errors)) {
        problems.push(`${name}: ${error?.message ?? 'invalid value'}`);
      }
    },
  });
  if (parsed.ADMIN_TOKEN !== undefined && parsed.ADMIN_TOKEN.length < 16) {
    problems.push('ADMIN_TOKEN: must be at least 16 characters long');
  }
  if (parsed.METRICS_TOKEN !== undefined && parsed.METRICS_TOKEN.length < 16) {
    problems.push('METRICS_TOKEN: must be at least 16 characters long');
  }
  if (parsed.METRICS_PORT !== undefined && parsed.METRICS_PORT === parsed.PORT) {
    problems.push(`METRICS_PORT: must differ from PORT (${parsed.PORT})`);
  }
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(parsed.CACHE_KEY_PREFIX)) {
    problems.push(`CACHE_KEY_PREFIX: must be 1 to 40 letters, digits, "_" or "-", got "${parsed.CACHE_KEY_PREFIX}"`);
  }
  const corsOrigins = parsed.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!isOrigin(origin))
      problems.push(
        `CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com (scheme, host and optional port, nothing else)`,
      );
  }
  if (parsed.MAX_BODY_BYTES_AUTHENTICATED < parsed.MAX_BODY_BYTES) {
    problems.push(
      `MAX_BODY_BYTES_AUTHENTICATED: must be at least MAX_BODY_BYTES (${parsed.MAX_BODY_BYTES}), got ${parsed.MAX_BODY_BYTES_AUTHENTICATED}`,
    );
  }
  // envalid throws when a value it rejected is read: a bad REDIS_URL is already reported.
  const redisUrlRejected = problems.some((problem) => problem.startsWith('REDIS_URL:'));
  const redis = parseRedisTarget(
    {
      url: redisUrlRejected ? undefined : parsed.REDIS_URL,
      clusterNodes: parsed.REDIS_CLUSTER_NODES,
      sentinels: parsed.REDIS_SENTINELS,
      sentinelName: parsed.REDIS_SENTINEL_NAME,
      username: parsed.REDIS_USERNAME,
      password: parsed.REDIS_PASSWORD,
    },
    problems,
  );
  const maxStaleness = problems.some((problem) => problem.startsWith('MONGODB_ANALYTICS_MAX_STALENESS_SECONDS:'))
    ? undefined
    : parsed.MONGODB_ANALYTICS_MAX_STALENESS_SECONDS;
  if (maxStaleness !== undefined && maxStaleness < 90)
    problems.push(`MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: must be at least 90 (MongoDB's smallest staleness bound), got ${maxStaleness}`);
  if (maxStaleness !== undefined && parsed.MONGODB_ANALYTICS_READ_PREFERENCE === 'primary')
    problems.push('MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: only applies to secondaries; set MONGODB_ANALYTICS_READ_PREFERENCE too');
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const isProduction = parsed.NODE_ENV === 'production';
  return {
    nodeEnv: parsed.NODE_ENV,
    port: parsed.PORT,
    host: parsed.HOST,
    mongodbUri: parsed.MONGODB_URI,
    embeddedMongoDataDir: parsed.EMBEDDED_MONGO_DATA_DIR,
    redisUrl: parsed.REDIS_URL,
    redis,
    redisCommandTimeoutMs: parsed.REDIS_COMMAND_TIMEOUT_MS,
    cacheKeyPrefix: parsed.CACHE_KEY_PREFIX,
    responseCacheEnabled: parsed.RESPONSE_CACHE_ENABLED,
    entityCacheEnabled: parsed.ENTITY_CACHE_ENABLED,
    adminToken: parsed.ADMIN_TOKEN,
    logLevel: parsed.LOG_LEVEL,
    introspection: introspectionPolicy(parsed.GRAPHQL_INTROSPECTION, isProduction),
    sandbox: parsed.GRAPHQL_SANDBOX ?? !isProduction,
    maxQueryDepth: parsed.MAX_QUERY_DEPTH,
    maxAliases: parsed.MAX_ALIASES,
    maxBodyBytes: parsed.MAX_BODY_BYTES,
    maxBodyBytesAuthenticated: parsed.MAX_BODY_BYTES_AUTHENTICATED,
    maxJsonDepth: parsed.MAX_JSON_DEPTH,
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
    mongoServerSelectionTimeoutMs: parsed.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
    mongoOperationTimeoutMs: parsed.MONGODB_OPERATION_TIMEOUT_MS,
    mongoLagTolerantReads: {
      mode: parsed.MONGODB_ANALYTICS_READ_PREFERENCE,
      maxStalenessSeconds: maxStaleness,
    },
    corsOrigins,
    cacheChangePollMs: parsed.CACHE_CHANGE_POLL_MS,
    seedOnStart: parsed.SEED_ON_START ?? true,
    trustProxy: parsed.TRUST_PROXY,
    maxOperationCost: parsed.MAX_OPERATION_COST,
    rateLimit: {
      windowSeconds: parsed.RATE_LIMIT_WINDOW_SECONDS,
      points: {
        anonymous: parsed.RATE_LIMIT_ANONYMOUS_POINTS,
        analyst: parsed.RATE_LIMIT_ANALYST_POINTS,
        partner: parsed.RATE_LIMIT_PARTNER_POINTS,
        admin: parsed.RATE_LIMIT_ADMIN_POINTS,
      },
      concurrentOperations: parsed.RATE_LIMIT_CONCURRENT_OPERATIONS,
      cachedHitsPerSecond: parsed.RATE_LIMIT_CACHED_HITS_PER_SECOND,
      authFailures: parsed.RATE_LIMIT_AUTH_FAILURES,
      authFailureWindowSeconds: parsed.RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS,
    },
    metrics: { enabled: parsed.METRICS_ENABLED, token: parsed.METRICS_TOKEN, port: parsed.METRICS_PORT, host: parsed.METRICS_HOST },
    // An endpoint alone turns tracing on; OTEL_ENABLED=false keeps it off whatever the endpoint.
    tracing:
      (parsed.OTEL_ENABLED ?? parsed.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined)
        ? { endpoint: parsed.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_OTLP_ENDPOINT, serviceName: parsed.OTEL_SERVICE_NAME }
        : undefined,
  };
}

/** `true`/`false` are kept for configurations written before the per-role policy existed. */
function introspectionPolicy(value: string | undefined, isProduction: boolean): AppConfig['introspection'] {
  if (value === 'true') return 'all';
  if (value === 'false') return 'none';
  if (value === 'all' || value === 'privileged' || value === 'none') return value;
  return isProduction ? 'privileged' : 'all';
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
