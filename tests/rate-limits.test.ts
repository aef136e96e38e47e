import { createClient } from 'redis';
import { toGlobalId } from '../src/core/relay/global-id';
import { createLogger } from '../src/core/logger';
import { OPERATION_COST, QUERY_COST } from '../src/core/rate-limit';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { createApp } from '../src/server';
import { cacheStores, dataOf, startTestApp, TEST_ADMIN_TOKEN, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * Rate limits by query cost, through the real server on both budget stores (in-process, and Redis
 * shared by every process). Requests come from 127.0.0.1; with TRUST_PROXY=1 each test gives itself
 * fresh client addresses in X-Forwarded-For. Windows are an hour, so none ends during a test, except
 * where a test is about the end of a window.
 */

const SEARCH = `query Search($q: String!) { search(query: $q) { totalCount } }`;
/** search + 20 results × totalCount */
const SEARCH_COST = OPERATION_COST + QUERY_COST.SEARCH + 20;
const RATE_LIMIT = `{ rateLimit { limit cost remaining used resetAt } }`;
/** rateLimit + its 5 fields */
const RATE_LIMIT_COST = OPERATION_COST + 1 + 5;
const ONE_RESOURCE = `{ resources(first: 1) { edges { node { id } } } }`;
/** resources + 1 × (edges + node + id) */
const ONE_RESOURCE_COST = OPERATION_COST + QUERY_COST.LIST_QUERY + 3;

const WINDOW = 3600;
const LIMITS = { anonymous: 5000, analyst: 8000, partner: 6000, admin: 1_000_000 };
const BUDGET_SETTINGS = {
  TRUST_PROXY: '1',
  RATE_LIMIT_WINDOW_SECONDS: String(WINDOW),
  RATE_LIMIT_ANONYMOUS_POINTS: String(LIMITS.anonymous),
  RATE_LIMIT_ANALYST_POINTS: String(LIMITS.analyst),
  RATE_LIMIT_PARTNER_POINTS: String(LIMITS.partner),
  RATE_LIMIT_ADMIN_POINTS: String(LIMITS.admin),
  // Past its timeout (100 ms by default) a budget check is answered by the process's own counters; a
  // loaded test machine can take that long, and these tests are about the budget in Redis.
  REDIS_COMMAND_TIMEOUT_MS: '2000',
};

let addressCount = 0;
/** A client address no other test has used. */
function newAddress(): string {
  addressCount += 1;
  return `198.51.${Math.floor(addressCount / 250)}.${(addressCount % 250) + 1}`;
}

interface Reply {
  status: number;
  headers: Headers;
  body: UntypedJson;
  sentAt: number;
  receivedAt: number;
}

async function post(
  url: string,
  query: string,
  options: { address: string; variables?: Record<string, unknown>; headers?: Record<string, string> },
): Promise<Reply> {
  const sentAt = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': options.address, ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = await response.json();
  return { status: response.status, headers: response.headers, body, sentAt, receivedAt: Date.now() };
}

function redisClientOf(app: TestApp) {
  return createClient({ url: app.config.redisUrl });
}

async function withRedis<T>(app: TestApp, work: (client: ReturnType<typeof redisClientOf>) => Promise<T>): Promise<T> {
  const client = redisClientOf(app);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

/** What Redis holds for one budget (`<role>:<caller key>`). */
function readBudgetKey(app: TestApp, key: string): Promise<string | null> {
  return withRedis(app, (client) => client.get(`${app.config.cacheKeyPrefix}:ratelimit:${key}`));
}

/** The budget keys a test app wrote in the shared Redis (its own CACHE_KEY_PREFIX). */
async function deleteBudgetKeys(app: TestApp): Promise<void> {
  if (!app.config.redisUrl) return;
  await withRedis(app, async (client) => {
    for await (const keys of client.scanIterator({ MATCH: `${app.config.cacheKeyPrefix}:ratelimit:*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  });
}

function expectRefusedForBudget(reply: Reply, cost: number, remaining: number, limit: number) {
  expect(reply.status).toBe(429);
  expect(reply.body.data).toBeUndefined();
  expect(reply.body.errors).toHaveLength(1);
  expect(reply.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  expect(reply.body.errors[0].message).toContain(
    `this operation costs ${cost} points and ${remaining} of your ${limit} points per ${WINDOW} s remain`,
  );
  expect(reply.body.errors[0].message).toMatch(/The budget resets at \d{4}-\d\d-\d\dT[\d:.]+Z \(in \d+ s\)\./);
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(Math.abs(retryAfter - Number(reply.headers.get('ratelimit-reset')))).toBeLessThanOrEqual(1);
  expect(retryAfter).toBeGreaterThan(WINDOW - 120);
  expect(reply.body.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);
  expect(reply.body.extensions.cost).toMatchObject({ requestedQueryCost: cost, limit, remaining });
}

describe.each(cacheStores('t_ratelimit'))('budgets with the %s', (_storeName, environment) => {
  let app: TestApp;
  let analystKeys: string[];
  let partnerKey: string;

  beforeAll(async () => {
    // Budgets alone: the response cache would answer repeated anonymous queries before they are charged.
    app = await startTestApp({ ...environment(), ...BUDGET_SETTINGS, RESPONSE_CACHE_ENABLED: 'false' });
    const provider = await ProviderModel.create({
      slug: 'acme',
      name: 'Acme',
      nameKey: 'acme',
      kind: 'MARKETPLACE',
      url: 'https://acme.example',
    });
    const createKey = async (input: Record<string, unknown>) => {
      const payload = dataOf(
        await app.graphql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`, { input }, { admin: true }),
      );
      return payload.createApiKey.secret as string;
    };
    analystKeys = [await createKey({ name: 'analyst one', role: 'ANALYST' }), await createKey({ name: 'analyst two', role: 'ANALYST' })];
    partnerKey = await createKey({ name: 'partner', role: 'PARTNER', providerId: toGlobalId('Provider', provider._id) });
  });

  afterAll(async () => {
    if (app) await deleteBudgetKeys(app);
    await app?.stop();
  });

  const search = (address: string, headers?: Record<string, string>) =>
    post(app.url, SEARCH, { address, variables: { q: 'docker' }, headers });

  it('charges an operation its cost and says so exactly: RateLimit headers, extensions.cost and the rateLimit field', async () => {
    const address = newAddress();
    const first = await search(address);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('ratelimit-limit')).toBe(String(LIMITS.anonymous));
    expect(first.headers.get('ratelimit-remaining')).toBe(String(LIMITS.anonymous - SEARCH_COST));
    expect(first.headers.get('ratelimit-policy')).toBe(`${LIMITS.anonymous};w=${WINDOW}`);
    const reset = Number(first.headers.get('ratelimit-reset'));
    expect(reset).toBeGreaterThan(WINDOW - 60);
    expect(reset).toBeLessThanOrEqual(WINDOW);
    expect(first.body.extensions.cost).toEqual({
      requestedQueryCost: SEARCH_COST,
      limit: LIMITS.anonymous,
      remaining: LIMITS.anonymous - SEARCH_COST,
      resetAt: expect.any(String),
    });
    // The window began with this charge.
    const resetAt = Date.parse(first.body.extensions.cost.resetAt);
    expect(resetAt).toBeGreaterThanOrEqual(first.sentAt + WINDOW * 1000 - 1000);
    expect(resetAt).toBeLessThanOrEqual(first.receivedAt + WINDOW * 1000 + 1000);

    const status = await post(app.url, RATE_LIMIT, { address });
    const remaining = LIMITS.anonymous - SEARCH_COST - RATE_LIMIT_COST;
    expect(status.body.data.rateLimit).toEqual({
      limit: LIMITS.anonymous,
      cost: RATE_LIMIT_COST,
      remaining,
      used: SEARCH_COST + RATE_LIMIT_COST,
      resetAt: expect.any(String),
    });
    expect(Math.abs(Date.parse(status.body.data.rateLimit.resetAt) - resetAt)).toBeLessThan(1000);
    expect(status.headers.get('ratelimit-remaining')).toBe(String(remaining));
    expect(status.body.extensions.cost.remaining).toBe(remaining);
    // With Redis, the budget is kept there (not in the process's insurance counters).
    if (app.config.redisUrl) expect(await readBudgetKey(app, `anonymous:address:${address}`)).toBe(String(SEARCH_COST + RATE_LIMIT_COST));
  });

  it('charges one document what its variables ask for, each time', async () => {
    const address = newAddress();
    const page = `query Page($n: Int) { resources(first: $n) { edges { node { id } } } }`;
    const costs = [];
    for (const n of [1, 50, 1])
      costs.push((await post(app.url, page, { address, variables: { n } })).body.extensions.cost.requestedQueryCost);
    expect(costs).toEqual([1, 50, 1].map((n) => OPERATION_COST + QUERY_COST.LIST_QUERY + n * 3));
  });

  it('refuses with 429, Retry-After and RATE_LIMITED once the budget is spent, runs nothing, and does not charge the refusal', async () => {
    const address = newAddress();
    for (let index = 0; index < 3; index += 1) expect((await search(address)).status).toBe(200);
    const left = LIMITS.anonymous - 3 * SEARCH_COST;

    const { result: refused, commands } = await app.countDatabaseCommands(() => search(address));
    expect(commands).toBe(0);
    expectRefusedForBudget(refused, SEARCH_COST, left, LIMITS.anonymous);

    // What was left is still there: an operation that fits runs.
    const cheap = await post(app.url, ONE_RESOURCE, { address });
    expect(cheap.status).toBe(200);
    expect(cheap.body.extensions.cost.remaining).toBe(left - ONE_RESOURCE_COST);
  });

  it('keeps a budget per client address and per API key, whatever address the key comes from', async () => {
    const [spent, fresh] = [newAddress(), newAddress()];
    const facets = await post(app.url, `{ resourceFacets { total } }`, { address: spent });
    const facetsCost = OPERATION_COST + QUERY_COST.FACETS + 1;
    expect(facets.body.extensions.cost.remaining).toBe(LIMITS.anonymous - facetsCost);
    expectRefusedForBudget(await search(spent), SEARCH_COST, LIMITS.anonymous - facetsCost, LIMITS.anonymous);

    expect((await search(fresh)).body.extensions.cost.remaining).toBe(LIMITS.anonymous - SEARCH_COST);

    // From the spent address, each key spends its own budget; a key's budget follows it to another address.
    const [analystOne, analystTwo] = analystKeys;
    const one = await search(spent, { 'x-api-key': analystOne });
    expect(one.status).toBe(200);
    expect(one.headers.get('ratelimit-limit')).toBe(String(LIMITS.analyst));
    expect(one.body.extensions.cost.remaining).toBe(LIMITS.analyst - SEARCH_COST);
    expect((await search(spent, { 'x-api-key': analystTwo })).body.extensions.cost.remaining).toBe(LIMITS.analyst - SEARCH_COST);
    expect((await search(fresh, { 'x-api-key': analystOne })).body.extensions.cost.remaining).toBe(LIMITS.analyst - 2 * SEARCH_COST);

    const partner = await search(spent, { 'x-api-key': partnerKey });
    expect(partner.body.extensions.cost).toMatchObject({ limit: LIMITS.partner, remaining: LIMITS.partner - SEARCH_COST });
    const admin = await search(spent, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(admin.headers.get('ratelimit-limit')).toBe(String(LIMITS.admin));
  });

  it('refuses an operation above the cost ceiling (30 aliased searches or facet counts) before it runs, and charges nothing', async () => {
    const address = newAddress();
    const searches = Array.from({ length: 30 }, (_, index) => `s${index}: search(query: "docker") { totalCount }`).join(' ');
    const facets = Array.from({ length: 30 }, (_, index) => `f${index}: resourceFacets { total }`).join(' ');
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const adminBefore = (await post(app.url, RATE_LIMIT, { address, headers: admin })).body.data.rateLimit.remaining;
    const cases = [
      { query: `{ ${searches} }`, cost: OPERATION_COST + 30 * (QUERY_COST.SEARCH + 20) },
      { query: `{ ${facets} }`, cost: OPERATION_COST + 30 * (QUERY_COST.FACETS + 1) },
    ];
    for (const { query, cost } of cases) {
      // Above MAX_OPERATION_COST (20,000 by default) for any caller, even the admin with a budget of a million.
      const { result: refused, commands } = await app.countDatabaseCommands(() => post(app.url, query, { address, headers: admin }));
      expect(commands).toBe(0);
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          message: `This operation costs ${cost} points; one operation may cost at most 20000. Ask for fewer items (\`first\`), fewer fields or fewer aliases, or split it into several operations.`,
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost: 20000 }),
        }),
      ]);
    }
    // An anonymous caller may not spend more than its whole budget on one operation: no wait would let it run.
    const twoFacets = await post(app.url, `{ a: resourceFacets { total } b: resourceFacets { total } }`, { address });
    expect(twoFacets.status).toBe(400);
    expect(twoFacets.body.errors[0].message).toContain(
      `costs ${OPERATION_COST + 2 * (QUERY_COST.FACETS + 1)} points; more than your whole budget of ${LIMITS.anonymous} points per ${WINDOW} s`,
    );
    // None of the refusals was charged.
    expect((await post(app.url, RATE_LIMIT, { address })).body.data.rateLimit.used).toBe(RATE_LIMIT_COST);
    expect((await post(app.url, RATE_LIMIT, { address, headers: admin })).body.data.rateLimit.remaining).toBe(
      adminBefore - RATE_LIMIT_COST,
    );
  });

  it('never lets requests racing for one budget spend more than it holds', async () => {
    const address = newAddress();
    const replies = await Promise.all(Array.from({ length: 20 }, () => search(address)));
    const fits = Math.floor(LIMITS.anonymous / SEARCH_COST);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(fits);
    expect(replies.filter((reply) => reply.status === 429)).toHaveLength(20 - fits);
    for (const reply of replies.filter((each) => each.status === 429)) expect(reply.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    const status = await post(app.url, RATE_LIMIT, { address });
    expect(status.body.data.rateLimit.remaining).toBe(LIMITS.anonymous - fits * SEARCH_COST - RATE_LIMIT_COST);
  });
});

describe('budgets shared through Redis by two servers', () => {
  const [, redisEnvironment] = cacheStores('t_ratelimit_shared')[1];
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ...redisEnvironment(), ...BUDGET_SETTINGS, RESPONSE_CACHE_ENABLED: 'false' });
  });

  afterAll(async () => {
    if (app) await deleteBudgetKeys(app);
    await app?.stop();
  });

  it('never lets requests racing through two servers spend more than the one budget', async () => {
    // A second server on the same Redis and database: its own budget client and limiters, as another process has.
    const second = await createApp({ config: app.config, logger: createLogger('silent') });
    await new Promise<void>((resolve) => second.httpServer.listen(0, '127.0.0.1', resolve));
    const secondUrl = `http://127.0.0.1:${(second.httpServer.address() as { port: number }).port}/graphql`;
    try {
      const address = newAddress();
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          post(index % 2 === 0 ? app.url : secondUrl, SEARCH, { address, variables: { q: 'docker' } }),
        ),
      );
      const fits = Math.floor(LIMITS.anonymous / SEARCH_COST);
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(fits);
      expect(replies.filter((reply) => reply.status === 429)).toHaveLength(20 - fits);
      const status = await post(secondUrl, RATE_LIMIT, { address });
      expect(status.body.data.rateLimit.remaining).toBe(LIMITS.anonymous - fits * SEARCH_COST - RATE_LIMIT_COST);
    } finally {
      await second.apollo.stop();
    }
  });
});

describe.each(cacheStores('t_ratelimit_window'))('the end of a window with the %s', (_storeName, environment) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      ...environment(),
      TRUST_PROXY: '1',
      RATE_LIMIT_WINDOW_SECONDS: '1',
      RATE_LIMIT_ANONYMOUS_POINTS: '2000',
      RESPONSE_CACHE_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    if (app) await deleteBudgetKeys(app);
    await app?.stop();
  });

  it('gives the whole budget back when the window the server announced has ended', async () => {
    const address = newAddress();
    const first = await post(app.url, SEARCH, { address, variables: { q: 'docker' } });
    expect(first.body.extensions.cost.remaining).toBe(2000 - SEARCH_COST);
    const resetAt = Date.parse(first.body.extensions.cost.resetAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, resetAt - Date.now()) + 100));
    const next = await post(app.url, SEARCH, { address, variables: { q: 'docker' } });
    expect(next.status).toBe(200);
    expect(next.body.extensions.cost.remaining).toBe(2000 - SEARCH_COST);
  });
});

describe.each(cacheStores('t_ratelimit_cache'))('budgets and the response cache with the %s', (_storeName, environment) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ...environment(), ...BUDGET_SETTINGS });
  });

  afterAll(async () => {
    if (app) await deleteBudgetKeys(app);
    await app?.caches.invalidation.flushAll();
    await app?.stop();
  });

  it('stores a response without the budget of the caller who filled it', async () => {
    const [filler, reader] = [newAddress(), newAddress()];
    const query = `{ providers(first: 3) { edges { node { name } } } }`;
    const miss = await post(app.url, query, { address: filler });
    expect(miss.body.extensions.cost.remaining).toBe(LIMITS.anonymous - miss.body.extensions.cost.requestedQueryCost);
    const hit = await post(app.url, query, { address: reader });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.body).toEqual({ data: miss.body.data });
  });

  it("never serves one caller's rateLimit to another from the cache", async () => {
    const [first, second] = [newAddress(), newAddress()];
    const once = await post(app.url, RATE_LIMIT, { address: first });
    const twice = await post(app.url, RATE_LIMIT, { address: first });
    const other = await post(app.url, RATE_LIMIT, { address: second });
    for (const reply of [once, twice, other]) {
      expect(reply.headers.get('x-cache')).toBeNull();
      expect(reply.headers.get('cache-control')).toBe('private, no-store');
    }
    expect(once.body.data.rateLimit.remaining).toBe(LIMITS.anonymous - RATE_LIMIT_COST);
    expect(twice.body.data.rateLimit.remaining).toBe(LIMITS.anonymous - 2 * RATE_LIMIT_COST);
    expect(other.body.data.rateLimit.remaining).toBe(LIMITS.anonymous - RATE_LIMIT_COST);
  });
});

describe.each(cacheStores('t_ratelimit_hits'))('cached hits on both paths with the %s', (_storeName, environment) => {
  const HITS_PER_SECOND = 3;
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ...environment(), ...BUDGET_SETTINGS, RATE_LIMIT_CACHED_HITS_PER_SECOND: String(HITS_PER_SECOND) });
  });

  afterAll(async () => {
    if (app) await deleteBudgetKeys(app);
    await app?.caches.invalidation.flushAll();
    await app?.stop();
  });

  // A query string on the path sends a request past the HTTP fast path: the plugin answers its hits.
  const paths = { 'the HTTP fast path': () => app.url, 'the plugin path': () => `${app.url}?via=express` };

  it.each(Object.keys(paths) as Array<keyof typeof paths>)(
    'serves hits on %s free of charge: no budget spent, no RateLimit headers, no extensions.cost',
    async (path) => {
      const query = `query FreeHits { providers(first: 2) { edges { node { name } } } }`;
      await post(app.url, query, { address: newAddress() });
      const reader = newAddress();
      const hit = await post(paths[path](), query, { address: reader });
      expect(hit.status).toBe(200);
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('ratelimit-remaining')).toBeNull();
      expect(hit.body.extensions).toBeUndefined();
      const after = await post(app.url, RATE_LIMIT, { address: reader });
      expect(after.body.data.rateLimit.remaining).toBe(LIMITS.anonymous - RATE_LIMIT_COST);
    },
  );

  it.each(Object.keys(paths) as Array<keyof typeof paths>)(
    'refuses hits on %s over the per-address rate with 429 and Retry-After',
    async (path) => {
      const query = `query ThrottledHits { providers(first: 1) { edges { node { name } } } }`;
      await post(app.url, query, { address: newAddress() });
      const reader = newAddress();
      const replies = await Promise.all(Array.from({ length: 10 }, () => post(paths[path](), query, { address: reader })));
      const refused = replies.filter((reply) => reply.status === 429);
      // 10 at once: at most HITS_PER_SECOND in each of the (at most two) seconds they span are served.
      expect(refused.length).toBeGreaterThanOrEqual(10 - 2 * HITS_PER_SECOND);
      for (const reply of refused) {
        expect(reply.headers.get('retry-after')).toBe('1');
        expect(reply.body.errors[0].extensions.code).toBe('RATE_LIMITED');
        expect(reply.body.errors[0].message).toBe('Too many requests from this address this second; slow down.');
      }
      for (const reply of replies.filter((each) => each.status === 200)) expect(reply.headers.get('x-cache')).toBe('HIT');
    },
  );
});
