import { timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { ErrorCode } from '../errors';
import type { GraphQLRequestLocals } from '../http/graphql-body';
import { sendErrorResponse } from '../http/error-response';
import { listenFailure } from '../startup-error';

/** True when the request carries `Authorization: Bearer <token>`; compared in constant time. */
function presentsToken(request: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return false;
  const header = request.headers.authorization ?? '';
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function sendMetrics(registry: Registry, response: ServerResponse): Promise<void> {
  const body = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'private, no-store' });
  response.end(body);
}

/**
 * `GET /metrics` on the API port. The metrics name clients' operations and show the traffic, so they are
 * not public: a scraper sends `Authorization: Bearer <METRICS_TOKEN>`; an ADMIN caller (ADMIN_TOKEN or an
 * ADMIN API key) may read them too. Any other bearer goes through the caller check, so guessing the
 * token is throttled like guessing an API key.
 */
export function createMetricsRoute({
  registry,
  token,
  identifyCaller,
}: {
  registry: Registry;
  token: string | undefined;
  identifyCaller: RequestHandler;
}): Router {
  const router = Router();
  router.get(
    '/metrics',
    (request, response, next) => {
      if (presentsToken(request, token)) void sendMetrics(registry, response).catch(next);
      else next();
    },
    identifyCaller,
    (_request, response, next) => {
      const { caller } = response.locals as GraphQLRequestLocals;
      if (caller.kind === 'admin') {
        void sendMetrics(registry, response).catch(next);
        return;
      }
      const how =
        token === undefined
          ? 'an ADMIN credential, or set METRICS_TOKEN (or METRICS_PORT) for a scraper'
          : 'Authorization: Bearer <METRICS_TOKEN>';
      if (caller.kind === 'anonymous') sendErrorResponse(response, 401, ErrorCode.Unauthenticated, `Metrics need ${how}.`);
      else sendErrorResponse(response, 403, ErrorCode.Forbidden, `Metrics need ${how}.`);
    },
  );
  return router;
}

export interface MetricsServer {
  /** The port it listens on (the configured one, or the one the system gave for port 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own that answers only `GET /metrics` (METRICS_PORT on METRICS_HOST, 127.0.0.1 by
 * default), so Prometheus can scrape a port that is never published. With METRICS_TOKEN set it asks
 * for the token there too.
 */
export async function startMetricsServer({
  registry,
  port,
  host,
  token,
}: {
  registry: Registry;
  port: number;
  host: string;
  token: string | undefined;
}): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?', 1)[0] !== '/metrics') {
      sendErrorResponse(response, 404, ErrorCode.NotFound, 'This port serves GET /metrics only.');
      return;
    }
    if (token !== undefined && !presentsToken(request, token)) {
      sendErrorResponse(response, 401, ErrorCode.Unauthenticated, 'Metrics need Authorization: Bearer <METRICS_TOKEN>.');
      return;
    }
    sendMetrics(registry, response).catch(() => sendErrorResponse(response, 500, ErrorCode.InternalServerError, 'Metrics failed.'));
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenFailure(error, port, host) ?? error);
    server.once('error', failed);
    server.listen(port, host, () => resolve(void server.off('error', failed)));
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
