import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { AppConfig } from '../config';
import type { Context } from '../context';
import type { Logger } from '../logger';
import { CachedHitThrottle, CredentialFailureThrottle } from './address-throttles';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { createCostBudget } from './cost-budget';
import { createRateLimitPlugin } from './rate-limit.plugin';

export { addressBucket, CachedHitThrottle, CredentialFailureThrottle } from './address-throttles';
export { ConcurrencyLimiter } from './concurrency-limiter';
export { createCostBudget, type BudgetCharge, type BudgetRole, type CostBudget } from './cost-budget';
export { OPERATION_COST, QUERY_COST, operationCost } from './query-cost';
export { budgetIdentityOf, createRateLimitPlugin } from './rate-limit.plugin';
export type { RateLimitStatus } from './rate-limit-status';

/** The rate limits of one process, built from the config (see `createRateLimits`). */
export interface RateLimits {
  /** Cost ceiling, concurrency and budgets of every GraphQL operation; closes the budget's Redis client when Apollo stops. */
  plugin: ApolloServerPlugin<Context>;
  /**
   * Whether a response-cache hit may be served to `address` now (counts it): the in-process check for
   * the cache's fast path, which answers before Apollo. False: answer 429 without the hit.
   */
  allowCachedHit(address: string): boolean;
  /** Failed credential checks per client address, for `identifyRequestCaller`. */
  credentialFailures: CredentialFailureThrottle;
}

/**
 * Builds the rate limits from the config: budgets in Redis when one is configured (a client of their
 * own, keys under `<CACHE_KEY_PREFIX>:ratelimit:`; waits at most a second for it), else in this process.
 */
export async function createRateLimits(config: AppConfig, logger: Logger, schema: GraphQLSchema): Promise<RateLimits> {
  const { rateLimit } = config;
  const budget = await createCostBudget({
    windowSeconds: rateLimit.windowSeconds,
    points: rateLimit.points,
    logger,
    redis: config.redis
      ? { target: config.redis, keyPrefix: `${config.cacheKeyPrefix}:ratelimit`, commandTimeoutMs: config.redisCommandTimeoutMs }
      : undefined,
  });
  const cachedHits = new CachedHitThrottle(rateLimit.cachedHitsPerSecond);
  const allowCachedHit = (address: string) => cachedHits.allowCachedHit(address);
  return {
    plugin: createRateLimitPlugin({
      schema,
      budget,
      concurrency: new ConcurrencyLimiter(rateLimit.concurrentOperations),
      maxOperationCost: config.maxOperationCost,
      windowSeconds: rateLimit.windowSeconds,
      allowCachedHit,
    }),
    allowCachedHit,
    credentialFailures: new CredentialFailureThrottle(rateLimit.authFailures, rateLimit.authFailureWindowSeconds),
  };
}
