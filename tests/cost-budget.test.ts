import { createClient } from 'redis';
import { createLogger } from '../src/core/logger';
import { createCostBudget, type CostBudget } from '../src/core/rate-limit';

/**
 * The budget store on its own, attacked with charges fired in one tick (no HTTP in between to space
 * them out): in process, and in Redis with two budget instances standing for two processes.
 */
const POINTS = { anonymous: 5000, analyst: 8000, partner: 6000, admin: 1_000_000 };
const logger = createLogger('silent');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `t_budget_${process.pid}_${Date.now().toString(36)}:ratelimit`;

const stores: Array<[string, () => Promise<CostBudget>]> = [
  ['in-process', () => createCostBudget({ windowSeconds: 3600, points: POINTS, logger })],
  // A generous timeout: past it the process's own counters answer, and this is about Redis.
  [
    'Redis',
    () =>
      createCostBudget({
        windowSeconds: 3600,
        points: POINTS,
        logger,
        redis: { target: { topology: 'standalone', url: redisUrl }, keyPrefix, commandTimeoutMs: 2000 },
      }),
  ],
];

const budgets: CostBudget[] = [];
async function open(make: () => Promise<CostBudget>): Promise<CostBudget> {
  const budget = await make();
  budgets.push(budget);
  return budget;
}

afterAll(async () => {
  await Promise.all(budgets.map((budget) => budget.close()));
  const client = createClient({ url: redisUrl });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 1000 })) {
    if (keys.length > 0) await client.unlink(keys);
  }
  await client.close();
});

describe.each(stores)('the %s budget', (storeName, make) => {
  it('charges atomically: 50 charges fired at once never spend more than the budget', async () => {
    const budget = await open(make);
    const charges = await Promise.all(Array.from({ length: 50 }, () => budget.consume(`race-${storeName}`, 'anonymous', 300)));
    expect(charges.filter((charge) => charge.allowed)).toHaveLength(16);
    expect(Math.min(...charges.map((charge) => charge.remaining))).toBe(5000 - 16 * 300);
    const after = await budget.consume(`race-${storeName}`, 'anonymous', 200);
    expect(after).toMatchObject({ allowed: true, remaining: 0, limit: 5000, cost: 200 });
  });

  it('does not charge a refused request: what is left can still be spent', async () => {
    const budget = await open(make);
    expect(await budget.consume(`refusal-${storeName}`, 'analyst', 7000)).toMatchObject({ allowed: true, remaining: 1000, limit: 8000 });
    expect(await budget.consume(`refusal-${storeName}`, 'analyst', 1500)).toMatchObject({ allowed: false, remaining: 1000 });
    expect(await budget.consume(`refusal-${storeName}`, 'analyst', 1000)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps each caller and each role apart', async () => {
    const budget = await open(make);
    await budget.consume(`apart-${storeName}`, 'partner', 6000);
    expect((await budget.consume(`apart-${storeName}`, 'partner', 1)).allowed).toBe(false);
    expect(await budget.consume(`apart-${storeName}-other`, 'partner', 1)).toMatchObject({ allowed: true, remaining: 5999 });
    expect(await budget.consume(`apart-${storeName}`, 'admin', 1)).toMatchObject({ allowed: true, remaining: POINTS.admin - 1 });
  });
});

it('shares one budget between two Redis budget instances (two processes) racing for it', async () => {
  const [first, second] = [await open(stores[1][1]), await open(stores[1][1])];
  const charges = await Promise.all(
    Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? first : second).consume('shared-race', 'anonymous', 300)),
  );
  expect(charges.filter((charge) => charge.allowed)).toHaveLength(16);
});
