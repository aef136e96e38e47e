import { RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from 'rate-limiter-flexible';
import type { Logger } from '../logger';
import { createRedisConnection, type RedisConnection, type RedisTarget } from '../redis';
import { WindowCounters } from './window-counters';

/** Callers are given budgets by role; anonymous callers by client address, the others by API key. */
export type BudgetRole = 'anonymous' | 'analyst' | 'partner' | 'admin';

/** The outcome of one `consume`, and the caller's budget after it. */
export interface BudgetCharge {
  /** Whether the cost fitted in the budget and was charged. */
  allowed: boolean;
  /** What was asked for. */
  cost: number;
  /** Points per window for this caller. */
  limit: number;
  /** Points left in the current window (after this charge, when allowed). */
  remaining: number;
  /** When the window ends and the whole budget is available again. */
  resetAt: Date;
}

/**
 * Points budgets per caller and window. The contract:
 * - `consume` never throws and never answers "unlimited": every failure below is answered by a limiter.
 * - Check and charge are one atomic step (a Lua script in Redis; synchronous in the process), so
 *   requests racing for one budget can never spend more than it holds, however many processes serve them.
 * - A refused request is not charged: the budget it reports is what the caller can still spend.
 * - Redis (when configured) holds the budgets, so every process shares them. While Redis is unavailable
 *   or slower than its timeout, in-process counters answer instead ("insurance"): each process then
 *   grants the whole budget on its own, which is a weaker limit but still one. The outage is logged once
 *   when it starts and once when it ends.
 * - Windows are fixed: a caller's window starts with its first charge and lasts `windowSeconds`.
 */
export interface CostBudget {
  consume(callerKey: string, role: BudgetRole, cost: number): Promise<BudgetCharge>;
  /** Points per window of a role. */
  limitOf(role: BudgetRole): number;
  close(): Promise<void>;
}

export interface CostBudgetOptions {
  windowSeconds: number;
  points: Readonly<Record<BudgetRole, number>>;
  logger: Logger;
  /** Where the budgets live; absent: in this process only. */
  redis?: {
    /** A single server, a cluster or Sentinels. Each budget is one key touched by one script: any slot will do. */
    target: RedisTarget;
    /** First segment of the keys, e.g. `sa:ratelimit` (outside the cache's namespace, which is flushed at times). */
    keyPrefix: string;
    /** How long a budget check may wait for Redis before the in-process counters answer. */
    commandTimeoutMs: number;
  };
}

/**
 * Charges `ARGV[1]` points to `KEYS[1]` when they fit under the limit `ARGV[3]`, in a window of
 * `ARGV[2]` seconds. rate-limiter-flexible's own script charges a refused request too; this one returns
 * what the total would have been (so the library sees it is over) without storing it.
 */
const CHARGE_WITHIN_BUDGET = `
redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local cost = tonumber(ARGV[1])
local used = tonumber(redis.call('get', KEYS[1]))
if used + cost <= tonumber(ARGV[3]) then
  used = redis.call('incrby', KEYS[1], cost)
else
  used = used + cost
end
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return {used, ttl}`;

const ROLES: readonly BudgetRole[] = ['anonymous', 'analyst', 'partner', 'admin'];

/**
 * Builds the budgets: in Redis with in-process insurance when `redis` is given, else in process.
 * Waits at most a second for Redis to connect: the API starts, limiting in process, when Redis is down.
 */
export async function createCostBudget(options: CostBudgetOptions): Promise<CostBudget> {
  const budgets = new CostBudgets(options);
  await budgets.connect(1_000);
  return budgets;
}

class CostBudgets implements CostBudget {
  private readonly points: Readonly<Record<BudgetRole, number>>;
  private readonly local: WindowCounters;
  private readonly logger: Logger;
  private readonly connection: RedisConnection | undefined;
  private readonly redisLimiters: Record<BudgetRole, RLWrapperTimeouts> | undefined;
  private redisAnswering = true;

  constructor({ windowSeconds, points, logger, redis }: CostBudgetOptions) {
    this.points = points;
    this.logger = logger;
    this.local = new WindowCounters({ windowMs: windowSeconds * 1000 });
    if (!redis) return;
    // A client of its own: budgets must not wait behind the caches' traffic, and its failures are its own.
    // Commands fail at once while disconnected instead of queueing: the insurance answers.
    this.connection = createRedisConnection(redis.target);
    this.connection.onError((error: unknown) => this.redisFailed(error));
    const client = this.connection.client;
    this.redisLimiters = Object.fromEntries(
      ROLES.map((role) => [
        role,
        new RLWrapperTimeouts({
          // node-redis's own timeout stops counting once a command is written; this covers a Redis that hangs.
          timeoutMs: redis.commandTimeoutMs,
          limiter: new RateLimiterRedis({
            storeClient: client,
            useRedisPackage: true,
            rejectIfRedisNotReady: true,
            customIncrTtlLuaScript: CHARGE_WITHIN_BUDGET,
            keyPrefix: `${redis.keyPrefix}:${role}`,
            points: points[role],
            duration: windowSeconds,
          }),
        }),
      ]),
    ) as Record<BudgetRole, RLWrapperTimeouts>;
  }

  async connect(waitMs: number): Promise<void> {
    if (!this.connection) return;
    const connecting = this.connection.connect().catch((error: unknown) => this.redisFailed(error));
    await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  limitOf(role: BudgetRole): number {
    return this.points[role];
  }

  async consume(callerKey: string, role: BudgetRole, cost: number): Promise<BudgetCharge> {
    const limit = this.points[role];
    const now = Date.now();
    if (this.redisLimiters) {
      try {
        const charged = await this.redisLimiters[role].consume(callerKey, cost);
        this.redisAnswered();
        return { allowed: true, cost, limit, remaining: limit - charged.consumedPoints, resetAt: new Date(now + charged.msBeforeNext) };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) {
          this.redisAnswered();
          // The script reports the total the cost would have made; what is stored is that minus the cost.
          return {
            allowed: false,
            cost,
            limit,
            remaining: Math.max(0, limit - (outcome.consumedPoints - cost)),
            resetAt: new Date(now + outcome.msBeforeNext),
          };
        }
        this.redisFailed(outcome);
      }
    }
    const count = this.local.addWithin(`${role}:${callerKey}`, cost, limit, now);
    return { allowed: count.added, cost, limit, remaining: Math.max(0, limit - count.used), resetAt: new Date(count.resetAt) };
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }

  private redisFailed(error: unknown): void {
    if (!this.redisAnswering) return;
    this.redisAnswering = false;
    this.logger.warn(
      { err: error },
      'Rate limits: Redis is not answering; each process limits with its own counters until it answers again',
    );
  }

  private redisAnswered(): void {
    if (this.redisAnswering) return;
    this.redisAnswering = true;
    this.logger.info('Rate limits: Redis answers again; budgets are shared again');
  }
}
