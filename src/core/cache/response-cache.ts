import { createHash, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { getNamedType, isAbstractType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { requestIdFrom, type Context } from '../context';
import { ErrorCode } from '../errors';
import type { CacheMetrics } from './cache-metrics';
import type { CacheStore } from './cache-store';
import { createRequestScope, currentRequestScope, requestScopeStorage, type ResponseCacheSlot } from './request-scope';

const HOUR = 3600;

/**
 * Cache hints: how long a response may be cached, in seconds, by the types it contains. A response
 * gets the smallest hint of its fields' types. The taxonomy is edited by hand, rarely; resources are
 * rewritten by feeds; events change most (dates, places, cancellations).
 */
export const MAX_AGE_BY_TYPE: Readonly<Record<string, number>> = {
  Category: 6 * HOUR,
  Skill: 6 * HOUR,
  Role: 6 * HOUR,
  RoleSkill: 6 * HOUR,
  Provider: 6 * HOUR,
  Course: 10 * 60,
  OpenSourceProject: 10 * 60,
  Resource: 10 * 60,
  Event: 2 * 60,
};
/** Hint of a response whose fields name none of the types above (e.g. `{ __typename }`). */
const DEFAULT_MAX_AGE = 10 * 60;

/** `Cache-Control` of everything that is not a public cacheable response. */
export const PRIVATE_NO_STORE = 'private, no-store';

/** How a document may be cached: only queries are, for `maxAge` seconds. */
export interface CachePolicy {
  cacheable: boolean;
  maxAge: number;
}

/**
 * The cache policy of a document from its text alone (a static walk of its selections), computed
 * once per document hash: cheaper than a per-field hook on every execution, and the same answer,
 * since a type's hint does not depend on the data.
 */
export class CachePolicyAnalyser {
  private readonly policies = new LRUCache<string, CachePolicy>({ max: 1_000 });

  constructor(private readonly schema: GraphQLSchema) {}

  policyOf(documentHash: string, document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
    const key = `${documentHash}|${operation.name?.value ?? ''}`;
    let policy = this.policies.get(key);
    if (!policy) {
      policy = this.analyse(document, operation);
      this.policies.set(key, policy);
    }
    return policy;
  }

  private analyse(document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
    if (operation.operation !== 'query') return { cacheable: false, maxAge: 0 };
    const schema = this.schema;
    const typeInfo = new TypeInfo(schema);
    let maxAge = Number.POSITIVE_INFINITY;
    // The operation and every fragment of the document: a fragment the operation does not spread
    // can only lower the hint, never raise it.
    const walked: DocumentNode = { ...document, definitions: document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) };
    visit(
      walked,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const type = typeInfo.getType();
          if (!type) return;
          const named = getNamedType(type);
          const typeNames = isAbstractType(named) ? [named.name, ...schema.getPossibleTypes(named).map((possible) => possible.name)] : [named.name];
          for (const typeName of typeNames) maxAge = Math.min(maxAge, MAX_AGE_BY_TYPE[typeName] ?? Number.POSITIVE_INFINITY);
        },
      }),
    );
    return { cacheable: true, maxAge: Number.isFinite(maxAge) ? maxAge : DEFAULT_MAX_AGE };
  }
}

export interface ResponseCacheOptions {
  store: CacheStore;
  metrics: CacheMetrics;
  /** RESPONSE_CACHE_ENABLED. When false, responses are neither stored nor served (the scope still counts round trips). */
  enabled: boolean;
}

const SHA256_HEX = /^[a-f0-9]{64}$/;
const NEWLINE = 0x0a;
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

/** The error body express's JSON parser leads to (see server.ts); the fast path answers the same. */
export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.';

/** Set on a request whose cache look-up the fast path already did: where its response may be stored. */
const LOOKED_UP = Symbol('responseCacheLookedUp');
type LookedUpRequest = IncomingMessage & { [LOOKED_UP]?: { slot?: ResponseCacheSlot }; body?: unknown };

/**
 * Whether a request carries credentials (admin token, API key). Such requests are never answered from
 * the shared cache: their responses may depend on the caller, a bad credential must get its 401, and
 * per-key accounting must see every request.
 */
function sendsCredentials(headers: IncomingMessage['headers']): boolean {
  return headers.authorization !== undefined || headers['x-api-key'] !== undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Key of a response: the document (its sha256, the same as the persisted-query hash, so a hash-only
 * request and a full one share an entry), the operation name, the variables and the caller's scope.
 * Only anonymous callers are cached today, so the scope is always `public`.
 */
function responseKeyOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, any>;
  const persistedHash = extensions?.persistedQuery?.sha256Hash;
  const documentHash = typeof query === 'string' ? sha256(query) : typeof persistedHash === 'string' && SHA256_HEX.test(persistedHash) ? persistedHash : undefined;
  // A query sent with a hash that does not match it goes to Apollo, which refuses it.
  if (!documentHash || (persistedHash !== undefined && persistedHash !== documentHash)) return undefined;
  return `response:${sha256(JSON.stringify([documentHash, operationName ?? null, variables ?? null, 'public']))}`;
}

/**
 * The response cache in front of Apollo. Hits are answered with one store read and a write of the
 * stored bytes: no GraphQL parsing, validation or execution.
 * - `fastPath` runs in the HTTP server's request listener, before express: for an anonymous JSON
 *   POST to /graphql it reads the body itself, and on a miss hands the parsed body to express
 *   (body-parser skips a request whose body was read) with the look-up done;
 * - `middleware` runs after express.json: it opens the request scope (round trips and tags, see
 *   request-scope.ts) and does the look-up for requests the fast path let through untouched.
 */
export function createResponseCache({ store, metrics, enabled }: ResponseCacheOptions, maxBodyBytes: number) {
  /**
   * With Redis, recent hits are also kept in this process with the epoch they were read at. Every
   * invalidation (by any process) increments the epoch, so while it is unchanged the local copy is
   * exactly what Redis holds: a hit then costs a read of the epoch (a few bytes) instead of the body.
   */
  const localCopies =
    store.kind === 'redis' ? new LRUCache<string, { stored: Buffer; epoch: string }>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (copy) => copy.stored.length + 100, ttl: 60_000 }) : undefined;

  /** Answers from the cache and returns true, or returns the slot to store the response in on a miss. */
  async function lookUp(key: string, response: ServerResponse): Promise<true | ResponseCacheSlot | undefined> {
    const local = localCopies?.get(key);
    if (local) {
      const epoch = await store.currentEpoch('response');
      if (epoch === local.epoch) return answer(local.stored, response);
      localCopies!.delete(key);
    }
    // Bytes, not a string: the body is written out as stored, without decoding and encoding it again.
    const cached = await store.mgetBuffers('response', [key]);
    const stored = cached?.values[0];
    // A failed read is counted by the store as an error, not also as a miss (like the other tiers).
    if (!cached) return undefined;
    if (!stored) {
      metrics.miss('response');
      return { key, epoch: cached.epoch };
    }
    localCopies?.set(key, { stored, epoch: cached.epoch });
    return answer(stored, response);
  }

  function answer(stored: Buffer, response: ServerResponse): true {
    // Stored as "<max-age>\n<operation name>\n<JSON body>" (see the plugin below).
    const firstNewline = stored.indexOf(NEWLINE);
    const secondNewline = stored.indexOf(NEWLINE, firstNewline + 1);
    const payload = stored.subarray(secondNewline + 1);
    metrics.hit('response');
    metrics.operation(stored.toString('utf8', firstNewline + 1, secondNewline), 0);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': payload.length,
      'cache-control': `public, max-age=${stored.toString('latin1', 0, firstNewline)}`,
      'x-cache': 'HIT',
      // A hit never reaches the context, so it honours the caller's request id the same way here.
      'x-request-id': requestIdFrom(response.req?.headers['x-request-id']) ?? randomUUID(),
    });
    response.end(payload);
    return true;
  }

  function fastPath(request: IncomingMessage, response: ServerResponse, handOver: () => void): void {
    const length = Number(request.headers['content-length']);
    // Credentials, other paths and content types, and bodies without a length or over the limit go
    // to express untouched, which handles (and refuses) them as usual.
    if (
      !enabled ||
      request.method !== 'POST' ||
      request.url !== '/graphql' ||
      sendsCredentials(request.headers) ||
      !JSON_CONTENT_TYPE.test(request.headers['content-type'] ?? '') ||
      !(length > 0 && length <= maxBodyBytes)
    ) {
      handOver();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('error', () => response.destroy());
    request.once('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        const payload = JSON.stringify({ errors: [{ message: INVALID_JSON_MESSAGE, extensions: { code: ErrorCode.BadUserInput } }] });
        response.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
        response.end(payload);
        return;
      }
      const lookedUp = request as LookedUpRequest;
      lookedUp.body = body;
      const key = responseKeyOf(body);
      if (!key) {
        lookedUp[LOOKED_UP] = {};
        handOver();
        return;
      }
      lookUp(key, response).then(
        (result) => {
          if (result === true) return;
          lookedUp[LOOKED_UP] = { slot: result };
          handOver();
        },
        () => handOver(),
      );
    });
  }

  function middleware(request: Request, response: Response, next: NextFunction): void {
    const scope = createRequestScope();
    const lookedUp = (request as unknown as LookedUpRequest)[LOOKED_UP];
    if (lookedUp) {
      scope.responseCacheSlot = lookedUp.slot;
      requestScopeStorage.run(scope, next);
      return;
    }
    const key = enabled && request.method === 'POST' && !sendsCredentials(request.headers) ? responseKeyOf(request.body) : undefined;
    if (!key) {
      requestScopeStorage.run(scope, next);
      return;
    }
    lookUp(key, response).then(
      (result) => {
        if (result === true) return;
        scope.responseCacheSlot = result;
        requestScopeStorage.run(scope, next);
      },
      (error: unknown) => next(error),
    );
  }

  return { fastPath, middleware };
}

/**
 * Apollo plugin: sets `Cache-Control` from the document's policy (`public, max-age=N` for an
 * anonymous query answered without errors, `private, no-store` otherwise), records the operation's
 * MongoDB round trips, and on a miss stores the response tagged with everything it read, unless a
 * write was invalidated meanwhile (the epoch check).
 */
export function createResponseCachePlugin({ store, metrics, enabled }: ResponseCacheOptions, analyser: CachePolicyAnalyser): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, operationName, document, queryHash }) {
          const scope = currentRequestScope();
          if (scope) metrics.operation(operationName, scope.databaseCommands);
          const anonymous = contextValue?.caller?.kind === 'anonymous';
          const single = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const policy =
            operation && document && queryHash && anonymous && single && !single.errors?.length && !scope?.wrote && (response.http.status ?? 200) === 200
              ? analyser.policyOf(queryHash, document, operation)
              : undefined;
          if (!policy?.cacheable || policy.maxAge <= 0) {
            response.http.headers.set('cache-control', PRIVATE_NO_STORE);
            return;
          }
          response.http.headers.set('cache-control', `public, max-age=${policy.maxAge}`);
          const slot = scope?.responseCacheSlot;
          if (!enabled || !slot || !single) return;
          await store.setManyIfEpoch('response', [{ key: slot.key, value: `${policy.maxAge}\n${operationName ?? ''}\n${JSON.stringify(single)}`, ttlSeconds: policy.maxAge, tags: [...scope.tags] }], slot.epoch);
        },
      };
    },
  };
}
