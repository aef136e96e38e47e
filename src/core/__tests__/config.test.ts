import { ConfigError, loadConfig } from '../config';

describe('loadConfig', () => {
  it('starts with no configuration at all, on an embedded MongoDB that is seeded', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, mongodbUri: undefined, redisUrl: undefined, seedOnStart: true, introspection: 'all', sandbox: true });
  });

  it('turns Sandbox off and introspection to analysts and admins only in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: 'privileged', sandbox: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' }).introspection).toBe('none');
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
