import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { settleNow } from '../settle-now';
import type { CacheMetrics } from './cache-metrics';
import type { EpochCheckedValues } from './cache-store';
import {
  createResponseCacheHttpFastPath,
  type ResponseCacheHttpFastPath,
  type ResponseCacheHttpFastPathOptions,
} from './response-cache-fast-path';
import { responseKeyOf, responseLifetimeSeconds, sendsCredentials } from './response-cache-key';
import { ResponseCacheLookUp, storedResponseOf, storedResponseParts } from './response-cache-lookup';
import { CachePolicyAnalyser, PRIVATE_NO_STORE } from './response-cache-policy';
import { currentRequestScope } from './request-scope';

export { PRIVATE_NO_STORE } from './response-cache-policy';

export interface ResponseCachePluginOptions {
  /** Where responses are kept: the process's shared store (Redis or the in-process LRU). */
  store: EpochCheckedValues;
  /** Counts hits, misses and round trips per operation. */
  metrics: CacheMetrics;
  /** The served schema: a document's max-age comes from the types it selects (see cache-policy.ts). */
  schema: GraphQLSchema;
  /**
   * RESPONSE_CACHE_ENABLED. When false, responses are neither stored nor served; `Cache-Control` is
   * still set and round trips still counted. Default: true.
   */
  enabled?: boolean;
}

/** The response-cache plugin, and the HTTP fast path that shares its look-up. */
export interface ResponseCachePlugin extends ApolloServerPlugin<Context> {
  /**
   * The fast path for the HTTP server's request listener (see response-cache-fast-path.ts). Optional:
   * without it the plugin alone looks responses up and stores them, only slower on hits.
   */
  createHttpFastPath(options: ResponseCacheHttpFastPathOptions): ResponseCacheHttpFastPath;
}

/**
 * The response cache, for anonymous queries. Every request to /graphql runs in a request scope
 * (request-scope.ts: its MongoDB round trips and the tags of everything it read). The plugin:
 * - looks the response up when the HTTP fast path did not (a request the fast path does not read:
 *   compressed, chunked, another path or content type) and answers a hit without executing;
 * - sets `Cache-Control` from the document's policy (`public, max-age=N` for an anonymous query
 *   answered without errors, `private, no-store` otherwise) and records the operation's round trips;
 * - on a miss stores the response tagged with everything it read, unless a write was invalidated
 *   meanwhile (the epoch check). Requests waiting on this one's result (see miss-coalescing.ts) get
 *   the stored bytes, or nothing when the answer is not shareable.
 * List it BEFORE the rate-limit plugin (see there).
 */
export function createResponseCachePlugin({ store, metrics, schema, enabled = true }: ResponseCachePluginOptions): ResponseCachePlugin {
  const lookUp = new ResponseCacheLookUp(store, metrics);
  const analyser = new CachePolicyAnalyser(schema);
  return {
    createHttpFastPath: (options) => createResponseCacheHttpFastPath(lookUp, enabled, options),

    async requestDidStart({ request }) {
      const scope = currentRequestScope();
      // A hit found here (the fast path did not look this request up), served without executing.
      let hit: { stored: Buffer; cacheStatus: 'HIT' | 'COALESCED' } | undefined;
      if (
        enabled &&
        scope &&
        !scope.responseCacheLookedUp &&
        request.http?.method === 'POST' &&
        !sendsCredentials((name) => request.http!.headers.get(name))
      ) {
        const key = responseKeyOf({
          query: request.query,
          operationName: request.operationName,
          variables: request.variables,
          extensions: request.extensions,
        });
        const found = key === undefined ? undefined : await lookUp.lookUp(key);
        if (found && 'stored' in found) {
          hit = found;
          scope.answeredFromResponseCache = true;
        } else if (found) {
          scope.responseCacheSlot = found.slot;
        }
      }
      return {
        responseForOperation(): Promise<GraphQLResponse | null> {
          return settleNow(() => {
            if (!hit) return null;
            return {
              http: { status: 200, headers: new HeaderMap() },
              body: {
                kind: 'single',
                singleResult: JSON.parse(storedResponseParts(hit.stored).payload.toString('utf8')) as FormattedExecutionResult,
              },
            };
          });
        },

        async willSendResponse({ response, contextValue, operation, operationName, document, queryHash }) {
          if (
            hit &&
            (response.http.status ?? 200) === 200 &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors?.length
          ) {
            const stored = storedResponseParts(hit.stored);
            response.http.headers.set('cache-control', `public, max-age=${responseLifetimeSeconds(Number(stored.maxAge))}`);
            response.http.headers.set('x-cache', hit.cacheStatus);
            // Counted once served: a hit refused by the rate limit (429) is not one.
            lookUp.served(stored.operationName, hit.cacheStatus);
            return;
          }
          if (scope && !hit) metrics.operation(operationName, scope.databaseCommands);
          const slot = scope?.responseCacheSlot;
          const anonymous = contextValue?.caller?.kind === 'anonymous';
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const policy =
            !hit &&
            operation &&
            document &&
            queryHash &&
            anonymous &&
            single &&
            !single.errors?.length &&
            !scope?.wrote &&
            (response.http.status ?? 200) === 200
              ? analyser.policyOf(queryHash, document, operation)
              : undefined;
          const maxAge = policy?.cacheable ? responseLifetimeSeconds(policy.maxAge) : 0;
          if (maxAge <= 0) {
            response.http.headers.set('cache-control', PRIVATE_NO_STORE);
            slot?.flight?.settle(undefined);
            return;
          }
          response.http.headers.set('cache-control', `public, max-age=${maxAge}`);
          if (!enabled || !slot || !single) {
            slot?.flight?.settle(undefined);
            return;
          }
          const stored = storedResponseOf(maxAge, operationName, single);
          try {
            await store.setManyIfEpoch(
              'response',
              [{ key: slot.key, value: stored, ttlSeconds: maxAge, tags: [...scope.tags] }],
              slot.epoch,
            );
          } finally {
            // Settled after the write-back, so a request arriving in between finds the stored entry, not
            // an empty slot it would lead again. Waiters get the answer even if the epoch moved before
            // the write-back: they arrived before that write.
            slot.flight?.settle(Buffer.from(stored));
          }
        },
      };
    },
  };
}
