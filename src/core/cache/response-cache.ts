import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { stripIgnoredCharacters } from 'graphql';
import { LRUCache } from 'lru-cache';
import { requestIdFrom } from '../context';
import { ErrorCode } from '../errors';
import { INVALID_JSON_MESSAGE, sendErrorResponse, tooDeepMessage } from '../http/error-response';
import { jsonNestedDeeperThan } from '../http/json-depth';
import { noteArrival } from '../http/request-deadline';
import type { Logger } from '../logger';
import type { CacheMetrics } from './cache-metrics';
import { LOCAL_RESPONSE_COPY_TTL_SECONDS } from './cache-policy';
import type { CacheStore } from './cache-store';
import { MissCoalescer } from './miss-coalescing';
import { createRequestScope, requestScopeStorage, type ResponseCacheSlot } from './request-scope';

export { CachePolicyAnalyser, PRIVATE_NO_STORE } from './response-cache-policy';

export interface ResponseCacheOptions {
  store: CacheStore;
  metrics: CacheMetrics;
  /** RESPONSE_CACHE_ENABLED. When false, responses are neither stored nor served (the scope still counts round trips). */
  enabled: boolean;
}

export interface FastPathOptions {
  /** Largest anonymous body (MAX_BODY_BYTES); larger ones go to express, which refuses them. */
  maxBodyBytes: number;
  /** Deepest JSON nesting accepted (MAX_JSON_DEPTH), checked on the bytes before parsing. */
  maxJsonDepth: number;
  /** CORS headers for a hit answered here (express adds them to everything else). */
  corsHeadersFor(origin: string | undefined): Record<string, string>;
  /** Whether a cached hit may be served to this request now (counts it: a per-address check in the process, no network trip). */
  admitCachedHit?(request: IncomingMessage): boolean;
  logger: Logger;
}

const SHA256_HEX = /^[a-f0-9]{64}$/;
const NEWLINE = 0x0a;
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

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
 * The hash a document is cached under. A persisted-query hash is used as it is (a hash-only request
 * and its registration share an entry). A plain query is hashed without comments and insignificant
 * white space, so the same query padded with a unique comment is the same entry, not a new key in the
 * store per request; a query that does not even lex goes to Apollo, which refuses it.
 */
function documentHashOf(query: unknown, persistedHash: unknown): string | undefined {
  if (persistedHash !== undefined) {
    if (typeof persistedHash !== 'string' || !SHA256_HEX.test(persistedHash)) return undefined;
    // A query sent with a hash that does not match it goes to Apollo, which refuses it.
    if (query !== undefined && (typeof query !== 'string' || sha256(query) !== persistedHash)) return undefined;
    return persistedHash;
  }
  if (typeof query !== 'string') return undefined;
  try {
    return sha256(stripIgnoredCharacters(query));
  } catch {
    return undefined;
  }
}

/**
 * Key of a response: the document hash, the operation name, the variables and the caller's scope.
 * Only anonymous callers are cached today, so the scope is always `public`. The body's depth was
 * bounded before it was parsed, so serialising the variables cannot overflow the stack.
 */
function responseKeyOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const { query, operationName, variables, extensions } = body as Record<string, any>;
  const documentHash = documentHashOf(query, extensions?.persistedQuery?.sha256Hash);
  if (!documentHash) return undefined;
  return `response:${sha256(JSON.stringify([documentHash, operationName ?? null, variables ?? null, 'public']))}`;
}

/**
 * The response cache in front of Apollo. Hits are answered with one store read and a write of the
 * stored bytes: no GraphQL parsing, validation or execution.
 * - `fastPath` runs in the HTTP server's request listener, before express: for an anonymous JSON
 *   POST to /graphql it reads the body itself, and on a miss hands the parsed body to express
 *   (body-parser skips a request whose body was read) with the look-up done;
 * - `middleware` runs after the body parser: it opens the request scope (round trips and tags, see
 *   request-scope.ts) and does the look-up for requests the fast path let through untouched.
 * Concurrent misses of one key wait for the first (see miss-coalescing.ts).
 */
export function createResponseCache({ store, metrics, enabled }: ResponseCacheOptions, options: FastPathOptions) {
  const { maxBodyBytes, maxJsonDepth, corsHeadersFor, admitCachedHit, logger } = options;
  /**
   * With Redis, recent hits are also kept in this process with the epoch they were read at. Every
   * invalidation (by any process) changes the epoch to a value never used before, so while it is
   * unchanged the local copy is exactly what Redis holds: a hit then costs a read of the epoch (a few
   * bytes) instead of the body.
   */
  const localCopies =
    store.kind === 'redis' ? new LRUCache<string, { stored: Buffer; epoch: string }>({ maxSize: 32 * 1024 * 1024, sizeCalculation: (copy) => copy.stored.length + 100, ttl: LOCAL_RESPONSE_COPY_TTL_SECONDS * 1000 }) : undefined;
  const coalescer = new MissCoalescer<Buffer>();

  /** Answers from the cache and returns true, or returns the slot to store the response in on a miss. */
  async function lookUp(key: string, request: IncomingMessage, response: ServerResponse): Promise<true | ResponseCacheSlot | undefined> {
    const local = localCopies?.get(key);
    if (local) {
      const epoch = await store.currentEpoch('response');
      if (epoch === local.epoch) return answer(local.stored, request, response, 'HIT');
      localCopies!.delete(key);
    }
    // Bytes, not a string: the body is written out as stored, without decoding and encoding it again.
    const cached = await store.mgetBuffers('response', [key]);
    // The store is unavailable (counted by the store as an error, not also as a miss): no epoch to
    // vouch for a shared result, so no coalescing either.
    if (!cached) return undefined;
    const stored = cached.values[0];
    if (stored) {
      localCopies?.set(key, { stored, epoch: cached.epoch });
      return answer(stored, request, response, 'HIT');
    }
    metrics.miss('response');
    const flight = coalescer.join(key, cached.epoch);
    if (flight.joined) {
      metrics.coalesced('response');
      const shared = await flight.result;
      if (shared) return answer(shared, request, response, 'COALESCED');
      return { key, epoch: cached.epoch };
    }
    // However the request ends, its waiters must not wait forever.
    response.once('close', () => flight.flight.settle(undefined));
    return { key, epoch: cached.epoch, flight: flight.flight };
  }

  function answer(stored: Buffer, request: IncomingMessage, response: ServerResponse, cacheStatus: 'HIT' | 'COALESCED'): true {
    if (admitCachedHit && !admitCachedHit(request)) {
      sendErrorResponse(response, 429, ErrorCode.RateLimited, 'Too many requests from this address this second; slow down.', { 'retry-after': '1' });
      return true;
    }
    // Stored as "<max-age>\n<operation name>\n<JSON body>" (see response-cache.plugin.ts).
    const firstNewline = stored.indexOf(NEWLINE);
    const secondNewline = stored.indexOf(NEWLINE, firstNewline + 1);
    const payload = stored.subarray(secondNewline + 1);
    if (cacheStatus === 'HIT') metrics.hit('response');
    metrics.operation(stored.toString('utf8', firstNewline + 1, secondNewline), 0);
    if (response.headersSent || response.destroyed) return true;
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': payload.length,
      'cache-control': `public, max-age=${stored.toString('latin1', 0, firstNewline)}`,
      'x-cache': cacheStatus,
      // A hit never reaches the context, so it honours the caller's request id the same way here.
      'x-request-id': requestIdFrom(request.headers['x-request-id']) ?? randomUUID(),
      ...corsHeadersFor(request.headers.origin),
    });
    response.end(payload);
    return true;
  }

  /** The body of an anonymous request, parsed, or undefined after answering a refusal itself. */
  function parseBody(bytes: Buffer, response: ServerResponse): { body: unknown } | undefined {
    if (jsonNestedDeeperThan(bytes, maxJsonDepth)) {
      sendErrorResponse(response, 400, ErrorCode.BadUserInput, tooDeepMessage(maxJsonDepth));
      return undefined;
    }
    try {
      return { body: JSON.parse(bytes.toString('utf8')) };
    } catch {
      sendErrorResponse(response, 400, ErrorCode.BadUserInput, INVALID_JSON_MESSAGE);
      return undefined;
    }
  }

  function fastPath(request: IncomingMessage, response: ServerResponse, handOver: () => void): void {
    noteArrival(request);
    const length = Number(request.headers['content-length']);
    const encoding = request.headers['content-encoding'];
    // Credentials, other paths and content types, compressed bodies, and bodies without a length or
    // over the limit go to express untouched, which handles (and refuses) them as usual.
    if (
      !enabled ||
      request.method !== 'POST' ||
      request.url !== '/graphql' ||
      sendsCredentials(request.headers) ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
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
      // Nothing a client sends may throw out of this listener: an exception here would end the process.
      try {
        const parsed = parseBody(Buffer.concat(chunks), response);
        if (!parsed) return;
        const lookedUp = request as LookedUpRequest;
        lookedUp.body = parsed.body;
        const key = responseKeyOf(parsed.body);
        if (!key) {
          lookedUp[LOOKED_UP] = {};
          handOver();
          return;
        }
        lookUp(key, request, response).then(
          (result) => {
            if (result === true) return;
            lookedUp[LOOKED_UP] = { slot: result };
            handOver();
          },
          (error: unknown) => failed(error, response),
        );
      } catch (error) {
        failed(error, response);
      }
    });
  }

  function failed(error: unknown, response: ServerResponse): void {
    logger.error({ err: error }, 'unexpected error in the response-cache fast path');
    sendErrorResponse(response, 500, ErrorCode.InternalServerError, 'Internal server error.');
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
    lookUp(key, request, response).then(
      (result) => {
        if (result === true) return;
        scope.responseCacheSlot = result;
        requestScopeStorage.run(scope, next);
      },
      (error: unknown) => next(error),
    );
  }

  return { fastPath, middleware, coalescer };
}
