import { Counter, Registry } from 'prom-client';
import { startMetricsServer } from '../src/core/metrics';
import { OPERATION_COST, QUERY_COST } from '../src/core/rate-limit';
import { createApiKeyAsAdmin } from './helpers/api-keys';
import { seedCatalog } from './helpers/catalog-fixture';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/test-app';

/**
 * Prometheus metrics at /metrics: who may read them, that each family moves when its event happens,
 * and that clients cannot grow the series without end (names and paths they choose).
 */
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    METRICS_TOKEN,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    CACHE_KEY_PREFIX: `t_metrics_${process.pid}_${Date.now().toString(36)}`,
    REDIS_COMMAND_TIMEOUT_MS: '2000',
  });
  await seedCatalog();
  await app.flushCaches();
});
afterAll(async () => {
  await app?.flushCaches();
  await app?.stop();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format (the lines with a value; comments skipped). */
function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]] = label[2];
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

const endpoint = (path: string) => app.url.replace(/\/graphql$/, path);

async function scrape(target: TestApp = app, headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) {
  const response = await fetch(target.url.replace(/\/graphql$/, '/metrics'), { headers });
  expect(response.status).toBe(200);
  return parseSamples(await response.text());
}

/** The value of the one sample named `name` whose labels include `labels`; 0 when there is none yet. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const matching = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  expect(matching.length).toBeLessThanOrEqual(1);
  return matching[0]?.value ?? 0;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await response.text();
  return response.status;
}

describe('who may read /metrics', () => {
  it('answers the METRICS_TOKEN bearer and ADMIN callers, and refuses everyone else', async () => {
    const read = (headers: Record<string, string>) => fetch(endpoint('/metrics'), { headers });
    const anonymous = await read({});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('METRICS_TOKEN');
    expect((await read({ authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await read({ authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}` })).status).toBe(401);
    const analyst = await createApiKeyAsAdmin(app, { name: 'metrics analyst', role: 'ANALYST' });
    expect((await read({ 'x-api-key': analyst.secret })).status).toBe(403);
    const scraper = await read({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(scraper.status).toBe(200);
    expect(scraper.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(scraper.headers.get('cache-control')).toBe('private, no-store');
    expect((await read({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(200);
  });

  it('is absent when METRICS_ENABLED=false', async () => {
    const off = await app.startAnotherInstance({ METRICS_ENABLED: 'false' });
    const response = await fetch(off.url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(404);
    expect(await post(off.url, { query: '{ providers(first: 1) { totalCount } }' })).toBe(200);
  });
});

describe('what the metrics count', () => {
  it('exports the process metrics, event-loop lag and which Node runs', async () => {
    const samples = await scrape();
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(samples.some((sample) => sample.name === name)).toBe(true);
    }
    expect(valueOf(samples, 'skillatlas_build_info', { node_version: process.version })).toBe(1);
    expect(valueOf(samples, 'skillatlas_tracing_enabled')).toBe(0);
    expect(valueOf(samples, 'skillatlas_cache_store_up', { store: 'redis' })).toBe(1);
  });

  it('counts HTTP requests by route and status, response-cache hits answered before express included', async () => {
    const query = { query: 'query MetricsHttpProbe { providers(first: 2) { totalCount } }' };
    const labels = { method: 'POST', route: '/graphql', status: '200' };
    const before = await scrape();
    expect(await post(app.url, query)).toBe(200);
    expect(await post(app.url, query)).toBe(200);
    expect(await post(app.url, query)).toBe(200);
    await fetch(endpoint('/no/such/path-1'));
    await fetch(endpoint('/no/such/path-2?x=1'));
    const after = await scrape();
    const count = 'skillatlas_http_request_duration_seconds_count';
    expect(valueOf(after, count, labels) - valueOf(before, count, labels)).toBe(3);
    expect(
      valueOf(after, count, { method: 'GET', route: 'other', status: '404' }) -
        valueOf(before, count, { method: 'GET', route: 'other', status: '404' }),
    ).toBe(2);
    // Every path a client made up shares one series.
    expect(
      after.filter(
        (sample) => sample.name === count && !/^(\/graphql|\/health\/(live|ready)|\/metrics(\/cache)?|other)$/.test(sample.labels.route),
      ),
    ).toEqual([]);
    // Two of the three were response-cache hits: the cache's own counter moved by as much, and /metrics shows its value, not a second count.
    expect(
      valueOf(after, 'skillatlas_cache_hits_total', { tier: 'response' }) -
        valueOf(before, 'skillatlas_cache_hits_total', { tier: 'response' }),
    ).toBe(2);
    const json = (await (await fetch(endpoint('/metrics/cache'), { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json()) as {
      tiers: Record<string, { hits: number; misses: number }>;
    };
    const latest = await scrape();
    for (const tier of ['response', 'entity', 'apq']) {
      expect(valueOf(latest, 'skillatlas_cache_hits_total', { tier })).toBe(json.tiers[tier].hits);
      expect(valueOf(latest, 'skillatlas_cache_misses_total', { tier })).toBe(json.tiers[tier].misses);
    }
  });

  it('counts GraphQL operations by name, type and outcome, and MongoDB commands by name', async () => {
    const before = await scrape();
    const cold = { query: 'query MetricsOperationProbe { resources(first: 3) { edges { node { id title } } } }' };
    expect(await post(app.url, cold, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).toBe(200);
    expect(await post(app.url, { query: 'query MetricsBroken { resources(first: 3) { nope } }' })).toBe(400);
    expect(await post(app.url, { query: '{ resources(first: ' })).toBe(400);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    const operations = 'skillatlas_graphql_operations_total';
    expect(delta(operations, { operation_name: 'MetricsOperationProbe', operation_type: 'query', outcome: 'success' })).toBe(1);
    expect(delta(operations, { operation_name: 'MetricsBroken', operation_type: 'unknown', outcome: 'error' })).toBe(1);
    expect(delta(operations, { operation_name: 'anonymous', operation_type: 'unknown', outcome: 'error' })).toBe(1);
    expect(
      delta('skillatlas_graphql_operation_duration_seconds_count', { operation_type: 'query', outcome: 'success' }),
    ).toBeGreaterThanOrEqual(1);
    expect(delta('skillatlas_rate_limit_decisions_total', { check: 'operation', outcome: 'allowed' })).toBeGreaterThanOrEqual(1);
    // An admin's query is not served from the response cache: it reached MongoDB.
    expect(delta('skillatlas_mongodb_command_duration_seconds_count', { command: 'find', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    // The change follower polls MongoDB every 250 ms on its own: none of that is counted as a request's command.
    const idle = await scrape();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const later = await scrape();
    const commandTotal = (samples: Sample[]) =>
      samples
        .filter((sample) => sample.name === 'skillatlas_mongodb_command_duration_seconds_count')
        .reduce((sum, sample) => sum + sample.value, 0);
    expect(commandTotal(later)).toBe(commandTotal(idle));
  });

  it('keeps at most 200 operation names, however many a client invents', async () => {
    for (let batch = 0; batch < 23; batch += 1) {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          post(app.url, { query: `query Invented${batch * 10 + index} { providers(first: 1) { totalCount } }` }),
        ),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
    const names = new Set(
      (await scrape())
        .filter((sample) => sample.name === 'skillatlas_graphql_operations_total')
        .map((sample) => sample.labels.operation_name),
    );
    expect(names.size).toBeLessThanOrEqual(201);
    expect(names.has('other')).toBe(true);
  });

  it('counts rate-limit decisions: an exhausted budget and the per-address cached-hit throttle', async () => {
    const oneResourceCost = OPERATION_COST + QUERY_COST.LIST_QUERY + 3;
    const limited = await app.startAnotherInstance({
      RESPONSE_CACHE_ENABLED: 'false',
      // Budgets of its own: the first instance's requests in this window are charged under its prefix.
      CACHE_KEY_PREFIX: `t_metrics_limited_${process.pid}_${Date.now().toString(36)}`,
      RATE_LIMIT_ANONYMOUS_POINTS: String(oneResourceCost * 3),
    });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push(await post(limited.url, { query: '{ resources(first: 1) { edges { node { id } } } }' }));
    const allowed = statuses.filter((status) => status === 200).length;
    const refused = statuses.filter((status) => status === 429).length;
    expect(allowed).toBeGreaterThanOrEqual(1);
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(allowed + refused).toBe(statuses.length);
    const samples = await scrape(limited as TestApp);
    expect(valueOf(samples, 'skillatlas_rate_limit_decisions_total', { check: 'operation', outcome: 'allowed' })).toBe(allowed);
    expect(valueOf(samples, 'skillatlas_rate_limit_decisions_total', { check: 'operation', outcome: 'limited' })).toBe(refused);
    expect(valueOf(samples, 'skillatlas_graphql_operations_total', { operation_name: 'anonymous', outcome: 'rate_limited' })).toBe(refused);

    const throttled = await app.startAnotherInstance({ RATE_LIMIT_CACHED_HITS_PER_SECOND: '1' });
    const warm = { query: 'query MetricsWarm { providers(first: 3) { totalCount } }' };
    const hitStatuses: number[] = [];
    for (let index = 0; index < 4; index += 1) hitStatuses.push(await post(throttled.url, warm));
    expect(hitStatuses).toContain(429);
    const hitSamples = await scrape(throttled as TestApp);
    const limitedHits = valueOf(hitSamples, 'skillatlas_rate_limit_decisions_total', { check: 'cached_hit', outcome: 'limited' });
    expect(limitedHits).toBe(hitStatuses.filter((status) => status === 429).length);
  });
});

describe('the metrics port (METRICS_PORT)', () => {
  it('serves GET /metrics only, with the token when one is set', async () => {
    const registry = new Registry();
    new Counter({ name: 'probe_total', help: 'a probe', registers: [registry] }).inc(3);
    const open = await startMetricsServer({ registry, port: 0, host: '127.0.0.1', token: undefined });
    const guarded = await startMetricsServer({ registry, port: 0, host: '127.0.0.1', token: METRICS_TOKEN });
    try {
      const openResponse = await fetch(`http://127.0.0.1:${open.port}/metrics`);
      expect(openResponse.status).toBe(200);
      expect(await openResponse.text()).toContain('probe_total 3');
      expect((await fetch(`http://127.0.0.1:${open.port}/graphql`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${open.port}/metrics`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${guarded.port}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`http://127.0.0.1:${guarded.port}/metrics`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).status,
      ).toBe(401);
      expect(
        (await fetch(`http://127.0.0.1:${guarded.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status,
      ).toBe(200);
    } finally {
      await open.close();
      await guarded.close();
    }
  });
});
