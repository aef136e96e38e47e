import type { Caller } from './auth';
import type { Loaders } from './loaders';
import type { Logger } from './logger';
import type { RateLimitStatus } from './rate-limit/rate-limit-status';
import type { Services } from './services';

/**
 * What every resolver receives. One per request, built by the composition root (src/app/context.ts).
 * `loaders` and `services` hold what the feature modules register (see src/core/loaders.ts and
 * src/core/services.ts); core itself knows no feature.
 */
export interface Context {
  requestId: string;
  logger: Logger;
  caller: Caller;
  /** The client's address (src/core/client-address.ts): the socket's, or a trusted proxy's report of it. */
  clientAddress: string;
  /** The caller's budget after this operation was charged; set by the rate-limit plugin before execution. */
  rateLimit?: RateLimitStatus;
  loaders: Loaders;
  services: Services;
  /** Fires when the request was abandoned (deadline passed, client gone): resolvers stop starting (abandoned-requests.ts). */
  abortSignal?: AbortSignal;
}

/** Accepts a caller's request id only when it looks like one, so logs cannot be forged with arbitrary text. */
export function requestIdFrom(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(header) ? header : undefined;
}
