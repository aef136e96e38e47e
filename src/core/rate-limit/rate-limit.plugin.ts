import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Caller } from '../auth';
import type { Context } from '../context';
import { ErrorCode, RateLimitedError } from '../errors';
import { settleNow } from '../settle-now';
import { addressBucket } from './address-throttles';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import type { BudgetCharge, BudgetRole, CostBudget } from './cost-budget';
import { operationCost, OperationCostError } from './query-cost';
import type { RateLimitStatus } from './rate-limit-status';
import { currentRequestScope } from '../cache/request-scope';
import { CACHED_HITS_EXCEEDED } from '../http/error-response';

export interface RateLimitPluginOptions {
  schema: GraphQLSchema;
  /** Closed when Apollo stops. */
  budget: CostBudget;
  concurrency: ConcurrencyLimiter;
  /** Most an operation may cost, whatever the caller's budget (MAX_OPERATION_COST). */
  maxOperationCost: number;
  /** Length of a budget window, for `RateLimit-Policy`. */
  windowSeconds: number;
  /**
   * Whether a response-cache hit may be served to this client address now (the same per-address check
   * the HTTP fast path makes). Hits are not charged to the budget. Default: always.
   */
  allowCachedHit?: (clientAddress: string) => boolean;
}

/** Whose budget an operation is charged to: an API key's (or the admin token's), else the client address's. */
export function budgetIdentityOf(caller: Caller, clientAddress: string): { key: string; role: BudgetRole } {
  switch (caller.kind) {
    case 'anonymous':
      return { key: `address:${addressBucket(clientAddress)}`, role: 'anonymous' };
    case 'admin':
      return { key: caller.apiKeyId ? `key:${caller.apiKeyId}` : 'admin-token', role: 'admin' };
    case 'analyst':
    case 'partner':
      return { key: `key:${caller.apiKeyId}`, role: caller.kind };
  }
}

function secondsUntil(date: Date): number {
  return Math.max(0, Math.ceil((date.getTime() - Date.now()) / 1000));
}

function statusOf(charge: BudgetCharge): RateLimitStatus {
  return {
    limit: charge.limit,
    cost: charge.cost,
    remaining: charge.remaining,
    used: charge.limit - charge.remaining,
    resetAt: charge.resetAt,
  };
}

function tooExpensive(cost: number, ceiling: number, budgetLimit: number, windowSeconds: number): GraphQLError {
  const limitText =
    ceiling < budgetLimit
      ? `one operation may cost at most ${ceiling}`
      : `more than your whole budget of ${budgetLimit} points per ${windowSeconds} s, so it can never run`;
  return new GraphQLError(
    `This operation costs ${cost} points; ${limitText}. Ask for fewer items (\`first\`), fewer fields or fewer aliases, or split it into several operations.`,
    {
      extensions: { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED, cost, maxCost: ceiling, http: { status: 400 } },
    },
  );
}

/**
 * Rate limits by query cost, before anything executes (Apollo's `didResolveOperation`):
 * 1. the operation's cost (query-cost.ts) above MAX_OPERATION_COST, or above the caller's whole
 *    budget, is refused with GRAPHQL_VALIDATION_FAILED (400): no wait would let it through;
 * 2. a caller with `concurrency.maxInFlight` operations in flight in this process gets RATE_LIMITED (429);
 * 3. the cost is charged to the caller's budget (cost-budget.ts); when it does not fit: RATE_LIMITED (429)
 *    with `Retry-After`, saying what was asked, what remains and when the window resets.
 * Every operation that got as far as 3 answers with `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset` (seconds) and `RateLimit-Policy` headers and `extensions.cost`, and the budget is
 * put in the context for the `rateLimit` query field.
 *
 * Order: list this plugin AFTER the response-cache plugin. Both add to the response in
 * `willSendResponse`, which Apollo calls for every plugin in list order; the cache stores the body
 * synchronously in its call, so from a later plugin `extensions.cost`, which belongs to one caller,
 * never reaches a stored response that another caller is served.
 */
export function createRateLimitPlugin({
  schema,
  budget,
  concurrency,
  maxOperationCost,
  windowSeconds,
  allowCachedHit = () => true,
}: RateLimitPluginOptions): ApolloServerPlugin<Context> {
  // Walking a document costs ~0.1–0.3 ms; clients send the same operations again and again. Keys with
  // long variables are not kept, so the memo stays small whatever clients send.
  const costs = new LRUCache<string, number>({ max: 1_000 });
  const costOf = (
    queryHash: string | undefined,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
  ) => {
    const variablesText = JSON.stringify(variables ?? {});
    const key =
      queryHash === undefined || variablesText.length > 1_000 ? undefined : `${queryHash}|${operation.name?.value ?? ''}|${variablesText}`;
    let cost = key === undefined ? undefined : costs.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, operation, variables);
      if (key !== undefined) costs.set(key, cost);
    }
    return cost;
  };
  return {
    serverWillStart() {
      return Promise.resolve({ serverWillStop: () => budget.close() });
    },
    requestDidStart() {
      let slotKey: string | undefined;
      let status: RateLimitStatus | undefined;
      return Promise.resolve({
        async didResolveOperation({ document, operation, request, queryHash, contextValue, response }) {
          if (!operation) return;
          // A cached answer costs no execution: it is admitted as the fast path admits hits.
          if (currentRequestScope()?.answeredFromResponseCache) {
            if (!allowCachedHit(contextValue.clientAddress)) throw new RateLimitedError(CACHED_HITS_EXCEEDED, 1);
            return;
          }
          const { key, role } = budgetIdentityOf(contextValue.caller, contextValue.clientAddress);
          let cost: number;
          try {
            cost = costOf(queryHash, document, operation, request.variables);
          } catch (error) {
            if (!(error instanceof OperationCostError)) throw error;
            const code = error.reason === 'variables' ? ErrorCode.BadUserInput : ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED;
            throw new GraphQLError(error.message, { extensions: { code, http: { status: 400 } } });
          }
          const budgetLimit = budget.limitOf(role);
          const ceiling = Math.min(maxOperationCost, budgetLimit);
          if (cost > ceiling) throw tooExpensive(cost, ceiling, budgetLimit, windowSeconds);

          if (!concurrency.tryAcquire(key)) {
            throw new RateLimitedError(
              `Too many operations in flight: at most ${concurrency.maxInFlight} at a time per caller. Wait for one to finish.`,
              1,
            );
          }
          slotKey = key;

          const charge = await budget.consume(key, role, cost);
          status = statusOf(charge);
          contextValue.rateLimit = status;
          const headers = response.http.headers;
          headers.set('ratelimit-limit', String(charge.limit));
          headers.set('ratelimit-remaining', String(charge.remaining));
          headers.set('ratelimit-reset', String(secondsUntil(charge.resetAt)));
          headers.set('ratelimit-policy', `${charge.limit};w=${windowSeconds}`);
          if (!charge.allowed) {
            throw new RateLimitedError(
              `Rate limit exceeded: this operation costs ${cost} points and ${charge.remaining} of your ${charge.limit} points per ${windowSeconds} s remain. ` +
                `The budget resets at ${charge.resetAt.toISOString()} (in ${secondsUntil(charge.resetAt)} s).`,
              secondsUntil(charge.resetAt),
            );
          }
        },
        willSendResponse({ response }) {
          return settleNow(() => {
            if (slotKey !== undefined) concurrency.release(slotKey);
            slotKey = undefined;
            if (!status || response.body.kind !== 'single') return;
            const single = response.body.singleResult;
            const cost = {
              requestedQueryCost: status.cost,
              limit: status.limit,
              remaining: status.remaining,
              resetAt: status.resetAt.toISOString(),
            };
            response.body = { kind: 'single', singleResult: { ...single, extensions: { ...single.extensions, cost } } };
          });
        },
      });
    },
  };
}
