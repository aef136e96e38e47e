import { ConfigError, loadConfig } from '../config';

describe('loadConfig', () => {
  it('starts with no configuration at all, on an embedded MongoDB that is seeded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, mongodbUri: undefined, redisUrl: undefined, seedOnStart: true, introspection: true, sandbox: true });
  });

  it('listens on loopback unless HOST says otherwise, and seeds an empty database unless SEED_ON_START=false, with or without MONGODB_URI', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', mongodbServerSelectionTimeoutMs: 10_000 });
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/skillatlas' }).seedOnStart).toBe(true);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/skillatlas', SEED_ON_START: 'false' }).seedOnStart).toBe(false);
    expect(loadConfig({ SEED_ON_START: 'false' }).seedOnStart).toBe(false);
    expect(() => loadConfig({ MONGODB_SERVER_SELECTION_TIMEOUT_MS: '0' })).toThrow(/MONGODB_SERVER_SELECTION_TIMEOUT_MS/);
  });

  it('turns Sandbox and introspection off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: false, sandbox: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_SANDBOX: 'true' }).sandbox).toBe(true);
  });

  it('names every bad value in one error', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'http://db', REDIS_URL: 'localhost:6379', MAX_ALIASES: '0', LOG_LEVEL: 'loud', ADMIN_TOKEN: 'short' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ['PORT', 'MONGODB_URI', 'REDIS_URL', 'MAX_ALIASES', 'LOG_LEVEL', 'ADMIN_TOKEN']) {
      expect(message).toContain(`${name}:`);
    }
  });

  it('does not echo connection strings, which may hold passwords', () => {
    expect(() => loadConfig({ MONGODB_URI: 'postgres://user:secret@db' })).toThrow(/^(?!.*secret)/s);
  });
});
