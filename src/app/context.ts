import { randomUUID } from 'node:crypto';
import type { Caller } from '../core/auth';
import type { EntityCache } from '../core/cache/entity-cache';
import type { Context } from '../core/context';
import type { Logger } from '../core/logger';
import type { Services } from '../core/services';
import { createLoaders } from './loaders';

export type { Context } from '../core/context';

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
export function createContext(
  dependencies: ContextDependencies,
  { caller, clientAddress, requestId = randomUUID(), abortSignal }: RequestOrigin,
): Context {
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
