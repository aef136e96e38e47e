import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestListener } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Caches } from '../cache';
import { registerCacheTierMetrics } from './cache-tier-metrics';
import { createGraphQLMetricsPlugin } from './graphql-metrics.plugin';
import { createHttpMetrics } from './http-metrics';
import { watchMongoCommands } from './mongo-command-metrics';

export { createMetricsRoute, startMetricsServer, type MetricsServer } from './metrics-endpoint';

/** Every metric of one API instance, in a registry of its own (two instances in one test process do not mix). */
export interface AppMetrics {
  registry: Registry;
  /** Wraps the HTTP server's request listener: every request timed, response-cache fast path included. */
  timeHttpRequests(listener: RequestListener): RequestListener;
  /** Counts GraphQL operations and the operation rate-limit decisions. */
  plugin: ApolloServerPlugin;
  /** Counts one decision of the per-address response-cache hit throttle and passes it on. */
  countCachedHitDecision(allowed: boolean): boolean;
  /** Stops listening to the MongoDB driver (when Apollo stops). */
  close(): void;
}

/**
 * Builds the metrics of one API instance (names and meanings: docs/OPERATIONS.md "Metrics"). Process
 * metrics (CPU, memory, GC, `nodejs_eventloop_lag_seconds` and its percentiles) are prom-client's
 * defaults, without prefix, as dashboards for Node expect them.
 */
export function createMetrics({ caches, tracingEnabled }: { caches: Caches; tracingEnabled: boolean }): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'skillatlas_build_info',
    help: 'Always 1; the labels say which Node.js runs this instance.',
    labelNames: ['node_version'] as const,
    registers: [registry],
  }).set({ node_version: process.version }, 1);
  new Gauge({
    name: 'skillatlas_tracing_enabled',
    help: 'Whether OpenTelemetry tracing is on (1) in this process.',
    registers: [registry],
  }).set(tracingEnabled ? 1 : 0);
  // Cached-hit decisions come with every hit; counted in plain numbers and added when scraped (prom-client
  // hashes the labels on every inc).
  const cachedHitDecisions = { allowed: 0, limited: 0 };
  const rateLimitDecisions = new Counter({
    name: 'skillatlas_rate_limit_decisions_total',
    help: 'Rate-limit checks by check (operation: cost budget and concurrency; cached_hit: response-cache hits per address) and outcome (allowed, limited).',
    labelNames: ['check', 'outcome'] as const,
    registers: [registry],
    collect() {
      for (const outcome of ['allowed', 'limited'] as const) {
        if (cachedHitDecisions[outcome] === 0) continue;
        this.inc({ check: 'cached_hit', outcome }, cachedHitDecisions[outcome]);
        cachedHitDecisions[outcome] = 0;
      }
    },
  });
  registerCacheTierMetrics(registry, caches.metrics, caches.store);
  const http = createHttpMetrics(registry);
  const stopWatchingMongo = watchMongoCommands(registry);
  return {
    registry,
    timeHttpRequests: (listener) => http.timeRequests(listener),
    plugin: createGraphQLMetricsPlugin(registry, rateLimitDecisions),
    countCachedHitDecision(allowed) {
      cachedHitDecisions[allowed ? 'allowed' : 'limited'] += 1;
      return allowed;
    },
    close: stopWatchingMongo,
  };
}
