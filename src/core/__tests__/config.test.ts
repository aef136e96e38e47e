import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { PROJECT_ROOT } from '../project-root';

describe('loadConfig', () => {
  it('starts with no configuration at all, on an embedded MongoDB that is seeded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      mongodbUri: undefined,
      redisUrl: undefined,
      seedOnStart: true,
      introspection: 'all',
      sandbox: true,
    });
  });

  it('listens on loopback unless HOST says otherwise, and seeds an empty database unless SEED_ON_START=false, with or without MONGODB_URI', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', mongoServerSelectionTimeoutMs: 3_000 });
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/skillatlas' }).seedOnStart).toBe(true);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/skillatlas', SEED_ON_START: 'false' }).seedOnStart).toBe(false);
    expect(loadConfig({ SEED_ON_START: 'false' }).seedOnStart).toBe(false);
    expect(() => loadConfig({ MONGODB_SERVER_SELECTION_TIMEOUT_MS: '0' })).toThrow(/MONGODB_SERVER_SELECTION_TIMEOUT_MS/);
  });

  it('turns Sandbox off and introspection to analysts and admins only in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: 'privileged', sandbox: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe('none');
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_SANDBOX: 'true' }).sandbox).toBe(true);
  });

  it('names every bad value in one error', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'eighty',
        MONGODB_URI: 'http://db',
        REDIS_URL: 'localhost:6379',
        MAX_ALIASES: '0',
        LOG_LEVEL: 'loud',
        ADMIN_TOKEN: 'short',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['PORT', 'MONGODB_URI', 'REDIS_URL', 'MAX_ALIASES', 'LOG_LEVEL', 'ADMIN_TOKEN']) {
      expect(message).toContain(`${name}:`);
    }
  });

  it('checks the lag-tolerant read settings: a known mode, a staleness bound of 90 s or more, and only with a secondary mode', () => {
    expect(loadConfig({}).mongoLagTolerantReads).toEqual({ mode: 'primary', maxStalenessSeconds: undefined });
    expect(
      loadConfig({ MONGODB_ANALYTICS_READ_PREFERENCE: 'secondaryPreferred', MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: '90' })
        .mongoLagTolerantReads,
    ).toEqual({ mode: 'secondaryPreferred', maxStalenessSeconds: 90 });
    expect(() =>
      loadConfig({ MONGODB_ANALYTICS_READ_PREFERENCE: 'secondaryPreferred', MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: '30' }),
    ).toThrow(/MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: must be at least 90/);
    expect(() => loadConfig({ MONGODB_ANALYTICS_MAX_STALENESS_SECONDS: '120' })).toThrow(/only applies to secondaries/);
    expect(() => loadConfig({ MONGODB_ANALYTICS_READ_PREFERENCE: 'tertiary' })).toThrow(/MONGODB_ANALYTICS_READ_PREFERENCE/);
  });

  it('reads a Redis Cluster or Sentinels instead of REDIS_URL, and refuses two at once', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000' }).redis).toMatchObject({ topology: 'cluster' });
    expect(loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379', REDIS_SENTINEL_NAME: 'mymaster' }).redis).toMatchObject({
      topology: 'sentinel',
    });
    expect(loadConfig({ REDIS_URL: 'redis://a:1' }).redis).toEqual({ topology: 'standalone', url: 'redis://a:1' });
    expect(() => loadConfig({ REDIS_URL: 'redis://a:1', REDIS_SENTINELS: 'b:2', REDIS_SENTINEL_NAME: 'x' })).toThrow(/set one of them/);
  });

  it('does not echo connection strings, which may hold passwords', () => {
    expect(() => loadConfig({ MONGODB_URI: 'postgres://user:secret@db' })).toThrow(/^(?!.*secret)/s);
  });
});

describe('rate-limit settings', () => {
  it('defaults to the values .env.example documents', () => {
    const example = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const documented = Object.fromEntries(
      example
        .split('\n')
        .map((line) => /^(TRUST_PROXY|MAX_OPERATION_COST|RATE_LIMIT_[A-Z_]+)=(.*)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => [match[1], match[2]]),
    );
    expect(Object.keys(documented)).toHaveLength(11);
    const defaults = loadConfig({});
    const fromExample = loadConfig(documented);
    expect(fromExample.rateLimit).toEqual(defaults.rateLimit);
    expect([fromExample.trustProxy, fromExample.maxOperationCost]).toEqual([defaults.trustProxy, defaults.maxOperationCost]);
    expect(defaults.rateLimit.points.anonymous).toBeLessThan(defaults.rateLimit.points.partner);
    expect(defaults.rateLimit.points.partner).toBeLessThan(defaults.rateLimit.points.analyst);
  });

  it('names every bad rate-limit value', () => {
    let message = '';
    try {
      loadConfig({ TRUST_PROXY: '-1', RATE_LIMIT_ANONYMOUS_POINTS: '0', MAX_OPERATION_COST: 'lots' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('TRUST_PROXY: must be a whole number, 0 or more, got "-1"');
    expect(message).toContain('RATE_LIMIT_ANONYMOUS_POINTS: must be a positive integer, got "0"');
    expect(message).toContain('MAX_OPERATION_COST: must be a positive integer, got "lots"');
  });
});

describe('metrics and tracing settings', () => {
  it('collects metrics by default, with no token and no port of their own, and keeps tracing off', () => {
    expect(loadConfig({})).toMatchObject({
      metrics: { enabled: true, token: undefined, port: undefined, host: '127.0.0.1' },
      tracing: undefined,
    });
  });

  it('turns tracing on with an endpoint or OTEL_ENABLED, and OTEL_ENABLED=false wins over an endpoint', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      endpoint: 'http://collector:4318',
      serviceName: 'skillatlas',
    });
    expect(loadConfig({ OTEL_ENABLED: 'true' }).tracing?.endpoint).toBe('http://localhost:4318');
    expect(loadConfig({ OTEL_ENABLED: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toBeUndefined();
  });

  it('names every bad metrics or tracing value', () => {
    let message = '';
    try {
      loadConfig({ METRICS_TOKEN: 'short', METRICS_PORT: '4000', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', METRICS_ENABLED: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('METRICS_TOKEN: must be at least 16 characters long');
    expect(message).toContain('METRICS_PORT: must differ from PORT (4000)');
    expect(message).toContain('OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:// or https:// URL');
    expect(message).toContain('METRICS_ENABLED');
  });
});
