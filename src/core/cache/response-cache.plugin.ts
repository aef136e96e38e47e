import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import type { ResponseCacheOptions } from './response-cache';
import { PRIVATE_NO_STORE, type CachePolicyAnalyser } from './response-cache-policy';
import { currentRequestScope } from './request-scope';

/**
 * Apollo plugin: sets `Cache-Control` from the document's policy (`public, max-age=N` for an
 * anonymous query answered without errors, `private, no-store` otherwise), records the operation's
 * MongoDB round trips, and on a miss stores the response tagged with everything it read, unless a
 * write was invalidated meanwhile (the epoch check). Requests waiting on this one's result (see
 * miss-coalescing.ts) get the stored bytes, or nothing when the answer is not shareable.
 */
export function createResponseCachePlugin({ store, metrics, enabled }: ResponseCacheOptions, analyser: CachePolicyAnalyser): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, operationName, document, queryHash }) {
          const scope = currentRequestScope();
          if (scope) metrics.operation(operationName, scope.databaseCommands);
          const slot = scope?.responseCacheSlot;
          const anonymous = contextValue?.caller?.kind === 'anonymous';
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const policy =
            operation && document && queryHash && anonymous && single && !single.errors?.length && !scope?.wrote && (response.http.status ?? 200) === 200
              ? analyser.policyOf(queryHash, document, operation)
              : undefined;
          if (!policy?.cacheable || policy.maxAge <= 0) {
            response.http.headers.set('cache-control', PRIVATE_NO_STORE);
            slot?.flight?.settle(undefined);
            return;
          }
          response.http.headers.set('cache-control', `public, max-age=${policy.maxAge}`);
          if (!enabled || !slot || !single) {
            slot?.flight?.settle(undefined);
            return;
          }
          const stored = `${policy.maxAge}\n${operationName ?? ''}\n${JSON.stringify(single)}`;
          try {
            await store.setManyIfEpoch('response', [{ key: slot.key, value: stored, ttlSeconds: policy.maxAge, tags: [...scope.tags] }], slot.epoch);
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
