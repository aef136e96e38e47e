import pino from 'pino';
import { OPERATION_COST, QUERY_COST } from '../src/core/rate-limit';
import { RedisServerProcess } from './helpers/redis-server-process';
import { startTestApp, type TestApp, type UntypedJson } from './helpers/test-app';

/**
 * Rate limits when Redis fails, and per-caller concurrency, on a redis-server of this file's own:
 * killed, the budgets are kept by each process's own counters (still limited, never an error); hanging,
 * a budget check waits no longer than its timeout; and an operation held in flight (here: by a Redis
 * that sleeps, DEBUG SLEEP) holds one of its caller's slots.
 */
let redis: RedisServerProcess;

beforeAll(async () => {
  redis = await RedisServerProcess.start();
});

afterAll(async () => {
  await redis?.stop();
});

const SEARCH = `query Search($q: String!) { search(query: $q) { totalCount } }`;
const SEARCH_COST = OPERATION_COST + QUERY_COST.SEARCH + 20;
const LIMIT = 5000;

async function post(app: TestApp, query: string, address: string, variables?: Record<string, unknown>) {
  const started = Date.now();
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as UntypedJson,
    elapsedMs: Date.now() - started,
    finishedAt: Date.now(),
  };
}

function settings(overrides: Record<string, string>): Record<string, string> {
  return {
    REDIS_URL: redis.url,
    TRUST_PROXY: '1',
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    RATE_LIMIT_ANONYMOUS_POINTS: String(LIMIT),
    // Nothing but the budgets talks to Redis, so a sleeping Redis holds requests at the budget check only.
    RESPONSE_CACHE_ENABLED: 'false',
    ENTITY_CACHE_ENABLED: 'false',
    ...overrides,
  };
}

describe('Redis killed and hanging', () => {
  let app: TestApp;
  const logs: Array<{ level: number; msg: string }> = [];
  const messages = (pattern: RegExp) => logs.filter((entry) => pattern.test(entry.msg));

  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    app = await startTestApp(settings({ REDIS_COMMAND_TIMEOUT_MS: '300' }), { logger });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('keeps limiting in the process while Redis is down, without an error, and shares the budget again when it is back', async () => {
    const search = () => post(app, SEARCH, '203.0.113.10', { q: 'docker' });
    expect((await search()).body.extensions.cost.remaining).toBe(LIMIT - SEARCH_COST);

    await redis.stop();
    // The process's own counters start this caller afresh: 3 searches fit in 5000, the 4th does not.
    const during = [await search(), await search(), await search(), await search()];
    expect(during.map((reply) => reply.status)).toEqual([200, 200, 200, 429]);
    expect(during.map((reply) => reply.body.extensions.cost.remaining)).toEqual([
      LIMIT - SEARCH_COST,
      LIMIT - 2 * SEARCH_COST,
      LIMIT - 3 * SEARCH_COST,
      LIMIT - 3 * SEARCH_COST,
    ]);
    expect(during[3].body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(messages(/Rate limits: Redis is not answering/)).toHaveLength(1);

    await redis.start();
    // The client reconnects by itself (backing off up to a second); the restarted Redis has no budgets.
    const deadline = Date.now() + 10_000;
    while (messages(/Rate limits: Redis answers again/).length === 0 && Date.now() < deadline) {
      await post(app, `{ __typename }`, '203.0.113.11');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(messages(/Rate limits: Redis answers again/)).toHaveLength(1);
    // Redis answers again: a fresh budget there, where the process's counters would have refused.
    const after = await search();
    expect(after.status).toBe(200);
    expect(after.body.extensions.cost.remaining).toBe(LIMIT - SEARCH_COST);
    expect(messages(/Rate limits: Redis is not answering/)).toHaveLength(1);
  });

  it('does not let a hanging Redis hold a budget check past its timeout', async () => {
    const wokeAt = redis.command('DEBUG', 'SLEEP', '5').then(() => Date.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await post(app, SEARCH, '203.0.113.20', { q: 'docker' });
    expect(during.status).toBe(200);
    expect(during.body.extensions.cost.remaining).toBe(LIMIT - SEARCH_COST);
    // Answered (by the process's counters, after the 300 ms timeout) while Redis still slept.
    expect(during.finishedAt).toBeLessThan(await wokeAt);
  });
});

describe('operations in flight per caller', () => {
  let app: TestApp;

  beforeAll(async () => {
    // A budget check waits for Redis as long as it sleeps, so the operations that got a slot stay in flight.
    app = await startTestApp(settings({ REDIS_COMMAND_TIMEOUT_MS: '20000', RATE_LIMIT_CONCURRENT_OPERATIONS: '2' }));
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('serves at most N operations of one caller at once and refuses the rest at once with 429, while other callers are served', async () => {
    // Long enough for the five requests to arrive on a loaded machine while the first two are held.
    const wokeAt = redis.command('DEBUG', 'SLEEP', '6').then(() => Date.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const busy = Array.from({ length: 5 }, () => post(app, `{ __typename }`, '203.0.113.30'));
    const other = post(app, `{ __typename }`, '203.0.113.31');
    const replies = await Promise.all(busy);
    const served = replies.filter((reply) => reply.status === 200);
    const refused = replies.filter((reply) => reply.status === 429);
    expect(served).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const reply of refused) {
      expect(reply.body.errors[0]).toMatchObject({
        message: 'Too many operations in flight: at most 2 at a time per caller. Wait for one to finish.',
        extensions: { code: 'RATE_LIMITED' },
      });
      expect(reply.headers.get('retry-after')).toBe('1');
      // Refused at once, while the served ones were still held by the sleeping Redis.
      expect(reply.finishedAt).toBeLessThan(await wokeAt);
    }
    for (const reply of served) expect(reply.finishedAt).toBeGreaterThanOrEqual(await wokeAt);
    expect((await other).status).toBe(200);
    // The slots are given back when an operation ends.
    const later = await Promise.all([post(app, `{ __typename }`, '203.0.113.30'), post(app, `{ __typename }`, '203.0.113.30')]);
    expect(later.map((reply) => reply.status)).toEqual([200, 200]);
  });
});
