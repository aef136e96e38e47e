/**
 * Errors that mean "MongoDB cannot answer now" rather than "this request is wrong": no server
 * reachable within the selection timeout, a connection lost or timed out mid-command, a command
 * stopped by maxTimeMS, mongoose giving up waiting for a connection. Such requests get HTTP 503 with
 * Retry-After (SERVICE_UNAVAILABLE), never a masked 500: the client did nothing wrong and may retry.
 */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

/**
 * Socket errors the driver sometimes lets through unwrapped (a write to a connection the server just
 * closed fails with a bare EPIPE). Redis errors never get here: the cache store swallows its own.
 */
const NETWORK_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** MongoDB's error code for a command stopped by maxTimeMS. */
const MAX_TIME_MS_EXPIRED = 50;

/** True when `error` (or an error it wraps, through `originalError` or `cause`) says the database is unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, hops = 0; current && typeof current === 'object' && hops < 5; hops += 1) {
    const candidate = current as { name?: unknown; code?: unknown; message?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof candidate.name === 'string' && UNAVAILABLE_ERROR_NAMES.has(candidate.name)) return true;
    if (candidate.code === MAX_TIME_MS_EXPIRED || (typeof candidate.code === 'string' && NETWORK_ERROR_CODES.has(candidate.code)))
      return true;
    // mongoose's buffering timeout is a plain MongooseError; only its message tells it apart.
    if (candidate.name === 'MongooseError' && typeof candidate.message === 'string' && /buffering timed out/.test(candidate.message))
      return true;
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}
