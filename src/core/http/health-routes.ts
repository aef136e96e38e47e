import { Router, type RequestHandler } from 'express';
import mongoose from 'mongoose';
import type { Caches } from '../cache';
import { ErrorCode } from '../errors';
import type { GraphQLRequestLocals } from './graphql-body';
import { sendErrorResponse } from './error-response';

/** A readiness probe waits at most this long for MongoDB to answer a ping. */
const MONGO_PING_TIMEOUT_MS = 1_000;

async function mongoAnswers(): Promise<boolean> {
  const database = mongoose.connection.readyState === mongoose.ConnectionStates.connected ? mongoose.connection.db : undefined;
  if (!database) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), MONGO_PING_TIMEOUT_MS)));
  try {
    return await Promise.race([
      database
        .admin()
        .ping()
        .then(() => true as const),
      timeout,
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Health and operations endpoints:
 * - `/health/live`: the process answers (restart it if not);
 * - `/health/ready`: MongoDB and Redis reported separately; ready (200) when MongoDB answers. A Redis
 *   outage is "degraded", still ready: reads are then served from MongoDB;
 * - `/metrics/cache`: cache and round-trip counters; they name clients' operations, so only ADMIN
 *   callers (ADMIN_TOKEN or an ADMIN API key) may read them.
 */
export function createHealthRoutes({ caches, identifyCaller }: { caches: Caches; identifyCaller: RequestHandler }): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_request, response) => {
    const mongo = await mongoAnswers();
    const redis = caches.store.kind === 'memory' ? 'not-configured' : caches.store.isAvailable() ? 'up' : 'down';
    const status = !mongo ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok';
    response.status(mongo ? 200 : 503).json({ status, mongo: mongo ? 'up' : 'down', redis });
  });
  router.get('/metrics/cache', identifyCaller, (_request, response) => {
    const { caller } = response.locals as GraphQLRequestLocals;
    if (caller.kind === 'anonymous') {
      sendErrorResponse(
        response,
        401,
        ErrorCode.Unauthenticated,
        'Cache metrics need an ADMIN credential: send "Authorization: Bearer <ADMIN_TOKEN>" or an ADMIN API key.',
      );
      return;
    }
    if (caller.kind !== 'admin') {
      sendErrorResponse(response, 403, ErrorCode.Forbidden, 'Cache metrics are for ADMIN callers only.');
      return;
    }
    response.set('cache-control', 'private, no-store').json({ store: caches.store.kind, ...caches.metrics.snapshot() });
  });
  return router;
}
