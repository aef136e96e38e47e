import { ApiKeyService } from '../src/modules/api-key/api-key.service';
import { seedCatalog } from './helpers/catalog-fixture';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * Requests an attacker or a careless client sends: nested JSON deep enough to overflow any recursive
 * walk, bodies past the caller's limit, syntax errors, schema probing in production, cross-origin
 * calls. None may crash the process, leak internals or cost more than refusing it.
 */
const ALLOWED_ORIGIN = 'https://app.example.com';

let app: TestApp;
let analystKey: string;
let partnerKey: string;

beforeAll(async () => {
  app = await startTestApp({
    NODE_ENV: 'production',
    CORS_ORIGINS: `${ALLOWED_ORIGIN},https://admin.example.com`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    CACHE_KEY_PREFIX: `t_hostile_${process.pid}_${Date.now().toString(36)}`,
    REDIS_COMMAND_TIMEOUT_MS: '2000',
  });
  const fixture = await seedCatalog();
  const keys = new ApiKeyService();
  analystKey = (await keys.create({ name: 'analyst', role: 'ANALYST' })).secret!;
  partnerKey = (await keys.create({ name: 'partner', role: 'PARTNER', provider: { globalId: fixture.ids.provider.udemy } })).secret!;
});
afterAll(async () => {
  await app?.flushCaches();
  await app?.stop();
});

async function send(body: string | Buffer, headers: Record<string, string> = {}, method = 'POST', path = '/graphql') {
  const response = await fetch(app.url.replace('/graphql', path), {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: method === 'GET' || method === 'OPTIONS' ? undefined : body,
  });
  const text = await response.text();
  let json: UntypedJson;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const alive = async () => (await fetch(app.url.replace('/graphql', '/health/live'))).status === 200;
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const QUERY = 'query { providers(first: 2) { totalCount } }';

describe('bodies nested too deep for any recursive walk', () => {
  it.each([
    ['variables', (deep: string) => `{"query":${JSON.stringify(QUERY)},"variables":{"v":${deep}}}`],
    ['extensions', (deep: string) => `{"query":${JSON.stringify(QUERY)},"extensions":{"x":${deep}}}`],
    ['operationName', (deep: string) => `{"query":${JSON.stringify(QUERY)},"operationName":${deep}}`],
    ['the whole body', (deep: string) => deep],
  ])(
    'refuses %s nested 5,000 deep with 400 BAD_USER_INPUT, anonymous (fast path) or with credentials (express)',
    async (_where, bodyOf) => {
      const body = bodyOf(nested(5_000));
      for (const headers of [{}, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, { 'x-api-key': analystKey }] as Array<
        Record<string, string>
      >) {
        const response = await send(body, headers);
        expect(response.status).toBe(400);
        expect(response.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(response.json.errors[0].message).toMatch(/more than 32 levels deep/);
      }
      expect(await alive()).toBe(true);
    },
  );

  it('still accepts ordinary nesting: a mutation input a few levels deep', async () => {
    const response = await send(
      JSON.stringify({
        query: 'query($f: ResourceFilter) { resources(first: 1, filter: $f) { totalCount } }',
        variables: { f: { kinds: ['COURSE'], free: true } },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.json.data.resources.totalCount).toBeGreaterThanOrEqual(0);
  });
});

describe('body limits by caller', () => {
  const padded = (bytes: number) => {
    const skeleton = JSON.stringify({ query: QUERY, variables: { pad: '' } });
    return JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(bytes - skeleton.length) } });
  };

  it('refuses an anonymous body over 100 kB with 413 and accepts one just under it', async () => {
    expect((await send(padded(100_000))).status).toBe(200);
    const over = await send(padded(100_001));
    expect(over.status).toBe(413);
    expect(over.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(over.json.errors[0].message).toMatch(/100000 bytes, the limit for anonymous callers/);
  });

  it('lets partners and admins send up to 2 MB, and no more', async () => {
    for (const headers of [{ 'x-api-key': partnerKey }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }] as Array<Record<string, string>>) {
      expect((await send(padded(1_900_000), headers)).status).toBe(200);
      expect((await send(padded(2_000_001), headers)).status).toBe(413);
    }
  });

  it('answers a large body with a wrong credential 401, without the larger limit', async () => {
    const response = await send(padded(1_000_000), { 'x-api-key': 'sa_live_notarealkeyatall0000000000000000' });
    expect(response.status).toBe(401);
    expect(response.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('errors that tell nothing about the schema or the server', () => {
  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    for (const query of ['{ providers { ', 'query {', '}}}}', '"unterminated']) {
      const response = await send(JSON.stringify({ query }));
      expect(response.status).toBe(400);
      expect(response.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
  });

  it('answers a document of too many tokens with 400, not 500', async () => {
    const response = await send(JSON.stringify({ query: `query { ${'__typename '.repeat(6_000)} }` }));
    expect(response.status).toBe(400);
    expect(response.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('suggests nothing in production: no field, argument, type or enum value names', async () => {
    const probes = [
      { query: '{ providers { totalCont } }' },
      { query: '{ resources(orderBy: { field: TITEL }) { totalCount } }' },
      { query: 'query($f: ResourceOrderField!) { resources(orderBy: { field: $f }) { totalCount } }', variables: { f: 'TITEL' } },
      { query: '{ resources(filtr: { free: true }) { totalCount } }' },
      { query: 'query($f: ResourceFiltr) { resources(filter: $f) { totalCount } }' },
      { query: '{ resources(filter: { kinds: [COURS] }) { totalCount } }' },
    ];
    for (const probe of probes) {
      const response = await send(JSON.stringify(probe));
      expect(response.json.errors.length).toBeGreaterThan(0);
      expect(response.text).not.toMatch(/did you mean|suggestion/i);
    }
  });
});

describe('introspection in production', () => {
  const introspection = JSON.stringify({ query: '{ __schema { types { name } } }' });
  const typeProbe = JSON.stringify({ query: '{ __type(name: "Course") { fields { name } } }' });

  it('is refused to anonymous callers and partners with 403 FORBIDDEN saying what to send', async () => {
    for (const headers of [{}, { 'x-api-key': partnerKey }] as Array<Record<string, string>>) {
      for (const body of [introspection, typeProbe]) {
        const response = await send(body, headers);
        expect(response.status).toBe(403);
        expect(response.json.errors[0].extensions.code).toBe('FORBIDDEN');
        expect(response.json.errors[0].message).toMatch(/ANALYST or ADMIN API key/);
        expect(response.json.data).toBeUndefined();
      }
    }
  });

  it('is open to analysts and admins (Sandbox, possibleTypes)', async () => {
    for (const headers of [{ 'x-api-key': analystKey }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }] as Array<Record<string, string>>) {
      const response = await send(introspection, headers);
      expect(response.status).toBe(200);
      expect(response.json.data.__schema.types.map((type: { name: string }) => type.name)).toContain('Course');
    }
  });

  it('always allows __typename', async () => {
    const response = await send(JSON.stringify({ query: '{ __typename providers(first: 1) { __typename } }' }));
    expect(response.json.data).toEqual({ __typename: 'Query', providers: { __typename: 'ProviderConnection' } });
  });
});

describe('operations endpoints', () => {
  const metrics = (headers: Record<string, string> = {}) => send('', headers, 'GET', '/metrics/cache');

  it('shows cache metrics to admins only', async () => {
    expect((await metrics()).status).toBe(401);
    expect((await metrics({ 'x-api-key': partnerKey })).status).toBe(403);
    expect((await metrics({ 'x-api-key': analystKey })).status).toBe(403);
    const admin = await metrics({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(admin.status).toBe(200);
    expect(admin.json).toMatchObject({ store: 'redis', tiers: { response: expect.any(Object) } });
  });

  it('reports MongoDB and Redis separately in readiness', async () => {
    const ready = await send('', {}, 'GET', '/health/ready');
    expect(ready).toMatchObject({ status: 200, json: { status: 'ok', mongo: 'up', redis: 'up' } });
  });
});

describe('CORS from an allow-list', () => {
  it('answers a preflight from an allowed origin with the methods and headers a GraphQL client needs', async () => {
    const response = await fetch(app.url, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-api-key');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives an allowed origin the CORS headers on misses and on cache hits, and another origin none', async () => {
    const body = JSON.stringify({ query: 'query CorsProbe { providers(first: 3) { totalCount } }' });
    const miss = await send(body, { origin: ALLOWED_ORIGIN });
    const hit = await send(body, { origin: ALLOWED_ORIGIN });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    for (const response of [miss, hit]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(response.headers.get('vary')).toContain('Origin');
    }
    for (const response of [
      await send(body, { origin: 'https://evil.example' }),
      await send(JSON.stringify({ query: 'query CorsOther { providers(first: 4) { totalCount } }' }), { origin: 'https://evil.example' }),
    ]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('keeps CSRF prevention: a simple cross-site request is refused', async () => {
    const response = await send(JSON.stringify({ query: QUERY }), { 'content-type': 'text/plain', origin: 'https://evil.example' });
    expect(response.status).toBe(400);
  });
});
