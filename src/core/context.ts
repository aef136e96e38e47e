import { randomUUID } from 'node:crypto';
import type { Caller } from './auth';
import type { EntityCache } from './cache/entity-cache';
import { createLoaders, type Loaders } from './loaders';
import type { Logger } from './logger';
import type { RateLimitStatus } from './rate-limit/rate-limit.plugin';
import type { Services } from './services';

/** What every resolver receives. One per request. */
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

export interface ContextDependencies {
  logger: Logger;
  services: Services;
  /** The shared entity cache the by-id loaders read through; absent: they read MongoDB only. */
  entityCache?: EntityCache;
}

/** Who sent one request. */
export interface RequestOrigin {
  caller: Caller;
  clientAddress: string;
  /** The caller's request id when it sent a usable one (`requestIdFrom`); otherwise a new UUID is made. */
  requestId?: string;
  /** Fires when the request is abandoned (see request-deadline.ts). */
  abortSignal?: AbortSignal;
}

/** Builds the context of one request: a request id, a child logger and fresh DataLoaders. */
export function createContext(dependencies: ContextDependencies, { caller, clientAddress, requestId = randomUUID(), abortSignal }: RequestOrigin): Context {
  return {
    requestId,
    abortSignal,
    logger: dependencies.logger.child({ requestId }),
    caller,
    clientAddress,
    loaders: createLoaders({ entityCache: dependencies.entityCache }),
    services: dependencies.services,
  };
}

/** Accepts a caller's request id only when it looks like one, so logs cannot be forged with arbitrary text. */
export function requestIdFrom(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(header) ? header : undefined;
}
