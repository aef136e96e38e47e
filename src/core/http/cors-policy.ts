import cors from 'cors';
import type { RequestHandler } from 'express';

/** Request headers a browser app may send: credentials, request ids and Apollo Client's own. */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'x-request-id',
  'apollo-require-preflight',
  'apollographql-client-name',
  'apollographql-client-version',
];

/** Response headers a browser app may read: rate limits, request id, cache status. */
const EXPOSED_HEADERS = [
  'x-request-id',
  'x-cache',
  'retry-after',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface CorsPolicy {
  /** express middleware for /graphql: answers preflights and adds the headers for allowed origins. */
  middleware: RequestHandler;
  /** The CORS headers of a response to a request from `origin` (the response-cache fast path writes them itself). */
  headersFor: (origin: string | undefined) => Record<string, string>;
}

/**
 * Cross-origin access from an allow-list of exact origins (CORS_ORIGINS); other origins get no CORS
 * headers, so browsers keep their answers from the calling page. Credentials travel in headers
 * (API keys, bearer tokens), never cookies, so `Access-Control-Allow-Credentials` is not sent.
 * CSRF prevention stays on: a JSON POST is not a "simple" request, so a browser always preflights it.
 */
export function createCorsPolicy(allowedOrigins: readonly string[]): CorsPolicy {
  const allowed = new Set(allowedOrigins);
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
  const exposed = EXPOSED_HEADERS.join(',');
  return {
    middleware,
    headersFor(origin): Record<string, string> {
      if (origin === undefined || !allowed.has(origin)) return allowed.size > 0 ? { vary: 'Origin' } : {};
      return { 'access-control-allow-origin': origin, 'access-control-expose-headers': exposed, vary: 'Origin' };
    },
  };
}
