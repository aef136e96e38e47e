import { randomUUID } from 'node:crypto';
import type { Caller } from './auth';
import { createLoaders, type Loaders } from './loaders';
import type { Logger } from './logger';
import type { Services } from './services';

/** What every resolver receives. One per request. */
export interface Context {
  requestId: string;
  logger: Logger;
  caller: Caller;
  loaders: Loaders;
  services: Services;
}

export interface ContextDependencies {
  logger: Logger;
  services: Services;
}

/** Builds the context of one request: a request id, a child logger and fresh DataLoaders. */
export function createContext(dependencies: ContextDependencies, caller: Caller, requestId: string = randomUUID()): Context {
  return {
    requestId,
    logger: dependencies.logger.child({ requestId }),
    caller,
    loaders: createLoaders(),
    services: dependencies.services,
  };
}
