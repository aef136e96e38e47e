import type { ServerResponse } from 'node:http';
import { ErrorCode, RETRY_AFTER_SECONDS, UNAVAILABLE_CODES } from '../errors';

/**
 * Answers a request with one GraphQL-shaped error (`{ errors: [{ message, extensions: { code } }] }`),
 * for refusals that happen before Apollo runs: body limits, malformed JSON, credentials, timeouts.
 * Clients then parse every answer the same way. Does nothing if an answer was already sent.
 */
export function sendErrorResponse(
  response: ServerResponse,
  status: number,
  code: ErrorCode | string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const payload = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'private, no-store',
    ...(UNAVAILABLE_CODES.has(code) ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
    ...headers,
  });
  response.end(payload);
}

/** The message of a refused body nested too deep (the fast path and express answer alike). */
/** The refusal of a cached hit over the per-address rate (both the HTTP fast path and the plugin path). */
export const CACHED_HITS_EXCEEDED = 'Too many requests from this address this second; slow down.';

export function tooDeepMessage(maxDepth: number): string {
  return `The request body nests arrays and objects more than ${maxDepth} levels deep.`;
}

export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.';

export function tooLargeMessage(limit: number, authenticated: boolean): string {
  return authenticated
    ? `The request body is larger than ${limit} bytes.`
    : `The request body is larger than ${limit} bytes, the limit for anonymous callers (callers with an API key may send more).`;
}
