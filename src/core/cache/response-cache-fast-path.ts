import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { now, utcDayOf } from '../clock';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom } from '../context';
import { ErrorCode } from '../errors';
import { CACHED_HITS_EXCEEDED, INVALID_JSON_MESSAGE, sendErrorResponse, tooDeepMessage } from '../http/error-response';
import { jsonNestedDeeperThan } from '../http/json-depth';
import { noteArrival } from '../http/request-deadline';
import type { Logger } from '../logger';
import { sendsCredentials, responseKeyOf, responseLifetimeSeconds } from './response-cache-key';
import { storedResponseParts, type ResponseCacheLookUp } from './response-cache-lookup';
import { noteResponseCacheLookUp } from './request-scope';

/** Settings of the response cache's HTTP fast path (see `createResponseCachePlugin(...).createHttpFastPath`). */
export interface ResponseCacheHttpFastPathOptions {
  /** Largest anonymous body (MAX_BODY_BYTES); larger ones go to express, which refuses them. */
  maxBodyBytes: number;
  /** Deepest JSON nesting accepted (MAX_JSON_DEPTH), checked on the bytes before parsing. */
  maxJsonDepth: number;
  /** CORS headers for a hit answered here (express adds them to everything else). */
  corsHeadersFor: (origin: string | undefined) => Record<string, string>;
  /** Whether a cached hit may be served to this request now (counts it: a per-address check in the process, no network trip). Default: always. */
  admitCachedHit?: (request: IncomingMessage) => boolean;
  logger: Logger;
}

/** The HTTP server's request listener: answers hits itself, calls `handOver` (express) for everything else. */
export type ResponseCacheHttpFastPath = (request: IncomingMessage, response: ServerResponse, handOver: () => void) => void;

/** Characters of request bodies whose response keys are kept (about 8 MB of UTF-16). */
const KEYS_BY_BODY_MAX_CHARS = 4_000_000;

const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

/**
 * The response cache's fast path, run as the HTTP server's request listener, before express: for an
 * anonymous JSON POST to /graphql it reads the body itself and looks it up with the plugin's key and
 * look-up. A hit is answered with one store read and a write of the stored bytes: no express, no
 * GraphQL parsing, validation or execution. On a miss it hands the parsed body to express
 * (body-parser skips a request whose body was read) with the look-up noted for the request scope,
 * where the plugin finds the slot to store the response in. It exists for speed: hits are most of
 * the traffic.
 */
export function createResponseCacheHttpFastPath(
  lookUp: ResponseCacheLookUp,
  enabled: boolean,
  options: ResponseCacheHttpFastPathOptions,
): ResponseCacheHttpFastPath {
  const { maxBodyBytes, maxJsonDepth, corsHeadersFor, admitCachedHit, logger } = options;

  function answer(stored: Buffer, request: IncomingMessage, response: ServerResponse, cacheStatus: 'HIT' | 'COALESCED'): void {
    if (admitCachedHit && !admitCachedHit(request)) {
      sendErrorResponse(response, 429, ErrorCode.RateLimited, CACHED_HITS_EXCEEDED, {
        'retry-after': '1',
      });
      return;
    }
    const { maxAge, operationName, payload } = storedResponseParts(stored);
    lookUp.served(operationName, cacheStatus);
    if (response.headersSent || response.destroyed) return;
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': payload.length,
      'cache-control': `public, max-age=${responseLifetimeSeconds(Number(maxAge))}`,
      'x-cache': cacheStatus,
      // A hit never reaches the context, so it honours the caller's request id the same way here.
      'x-request-id': requestIdFrom(request.headers['x-request-id']) ?? randomUUID(),
      ...corsHeadersFor(request.headers.origin),
    });
    response.end(payload);
  }

  /**
   * Response keys by the exact body text that gave them, for the day they were made on: a client
   * repeating a request (most hits) is answered without parsing its JSON, stripping its query or hashing
   * anything. Bounded by the bodies' total size; an entry of another day is computed again.
   */
  const keysByBody = new LRUCache<string, { key: string; day: string }>({
    maxSize: KEYS_BY_BODY_MAX_CHARS,
    sizeCalculation: (_entry, body) => body.length + 100,
  });

  /** The body of an anonymous request, parsed, or undefined after answering a refusal itself. */
  function parseBody(bytes: Buffer, text: string, response: ServerResponse): { body: unknown } | undefined {
    if (jsonNestedDeeperThan(bytes, maxJsonDepth)) {
      sendErrorResponse(response, 400, ErrorCode.BadUserInput, tooDeepMessage(maxJsonDepth));
      return undefined;
    }
    try {
      return { body: JSON.parse(text) };
    } catch {
      sendErrorResponse(response, 400, ErrorCode.BadUserInput, INVALID_JSON_MESSAGE);
      return undefined;
    }
  }

  function failed(error: unknown, response: ServerResponse): void {
    logger.error({ err: error }, 'unexpected error in the response-cache fast path');
    sendErrorResponse(response, 500, ErrorCode.InternalServerError, 'Internal server error.');
  }

  return (request, response, handOver) => {
    noteArrival(request);
    const length = Number(request.headers['content-length']);
    const encoding = request.headers['content-encoding'];
    // Credentials, other paths and content types, compressed bodies, and bodies without a length or
    // over the limit go to express untouched, which handles (and refuses) them as usual.
    if (
      !enabled ||
      request.method !== 'POST' ||
      request.url !== '/graphql' ||
      sendsCredentials((name) => request.headers[name]) ||
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
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        const day = utcDayOf(now());
        const known = keysByBody.get(text);
        let parsed: { body: unknown } | undefined;
        /** Parses the body for express (once), or answers its refusal and says so. */
        const parseForExpress = (): boolean => {
          parsed ??= parseBody(bytes, text, response);
          if (parsed) (request as IncomingMessage & { body?: unknown }).body = parsed.body;
          return parsed !== undefined;
        };
        let key = known?.day === day ? known.key : undefined;
        if (key === undefined) {
          if (!parseForExpress()) return;
          // The day the memo files the key under is the day the key was made for.
          key = responseKeyOf(parsed!.body, day);
          if (!key) {
            noteResponseCacheLookUp(request);
            handOver();
            return;
          }
          keysByBody.set(text, { key, day });
        }
        // Most hits: a copy in this process that epoch messages vouch for, answered without a promise.
        const vouched = lookUp.localHit(key);
        if (vouched) {
          answer(vouched, request, response, 'HIT');
          return;
        }
        lookUp
          .lookUp(key)
          .then((found) => {
            if (found && 'stored' in found) {
              answer(found.stored, request, response, found.cacheStatus);
              return;
            }
            if (!parseForExpress()) {
              // Cannot happen for a body that parsed before, but a flight must never be left open.
              found?.slot.flight?.settle(undefined);
              return;
            }
            // However the request ends, the waiters on its flight must not wait forever.
            if (found?.slot.flight) response.once('close', () => found.slot.flight!.settle(undefined));
            noteResponseCacheLookUp(request, found?.slot);
            handOver();
          })
          // A throw while answering or handing over is caught too, not left to wait for the deadline.
          .catch((error: unknown) => failed(error, response));
      } catch (error) {
        failed(error, response);
      }
    });
  };
}
