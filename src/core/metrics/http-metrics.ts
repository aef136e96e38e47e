import type { RequestListener, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { LabelledHistogram, type HistogramSeries } from './labelled-histogram';

/**
 * Paths worth a series of their own. Anything else is `other`: the path comes from the client, and a
 * label per path would let anyone create series without end (one per 404 URL).
 */
const KNOWN_ROUTES = new Set(['/graphql', '/health/live', '/health/ready', '/metrics', '/metrics/cache']);
const KNOWN_METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

/** From a response-cache hit (~0.1 ms) to a request that reaches REQUEST_TIMEOUT_MS (10 s by default). */
const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The label `route` of a request: its path if known, else `other`. */
export function routeOf(url: string | undefined): string {
  // Most requests: a known path with no query string, found without splitting.
  if (url !== undefined && KNOWN_ROUTES.has(url)) return url;
  const path = (url ?? '').split('?', 1)[0];
  return KNOWN_ROUTES.has(path) ? path : 'other';
}

type HttpLabel = 'method' | 'route' | 'status';

/**
 * `skillatlas_http_request_duration_seconds{method,route,status}`: every HTTP request, including the
 * response-cache hits answered before express, timed from its first byte to the end of the response
 * (its `_count` is the request count). A request the client abandoned has status `aborted`.
 */
export function createHttpMetrics(registry: Registry) {
  const durations = new LabelledHistogram<HttpLabel>(
    'skillatlas_http_request_duration_seconds',
    'HTTP requests by method, route and status: seconds from the request to the end of the response (_count: requests).',
    ['method', 'route', 'status'],
    DURATION_BUCKETS_SECONDS,
    registry,
  );
  // The few label sets there are, each series kept by its labels in one string.
  const seriesByLabels = new Map<string, HistogramSeries>();
  const seriesOf = (method: string, route: string, status: string) => {
    const key = `${method} ${route} ${status}`;
    let series = seriesByLabels.get(key);
    if (!series) seriesByLabels.set(key, (series = durations.seriesOf({ method, route, status })));
    return series;
  };
  const record = (method: string, route: string, response: ServerResponse, startedAt: number) => {
    const status = response.writableFinished ? String(response.statusCode) : 'aborted';
    durations.observe(seriesOf(method, route, status), (performance.now() - startedAt) / 1000);
  };
  return {
    /** Wraps the server's request listener so that each request is timed. */
    timeRequests(listener: RequestListener): RequestListener {
      return (request, response) => {
        const startedAt = performance.now();
        // Read now: express rewrites request.url for its mounted routers.
        const method = KNOWN_METHODS.has(request.method ?? '') ? request.method! : 'other';
        const route = routeOf(request.url);
        response.once('close', () => record(method, route, response, startedAt));
        listener(request, response);
      };
    },
  };
}
