import pino, { Logger } from 'pino';

export type { Logger };

/** One structured JSON logger per process; requests log through child loggers carrying their id. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'skillatlas' },
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]'], remove: true },
  });
}
