import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { sparePort } from './helpers/redis-server-process';
import { ServerProcess } from './helpers/server-process';
import { mongoServerUri, uniqueDatabaseName, withDatabase } from './helpers/test-app';

/**
 * OpenTelemetry tracing is off unless configured, and once on it must never cost a request anything:
 * a collector that is down loses spans, not answers. The real server runs in a child process (the
 * SDK patches modules as they load, which only a fresh process shows), with its metrics on a port of
 * their own (METRICS_PORT), which these tests read.
 */
const QUERY = JSON.stringify({ query: 'query TracingProbe { providers(first: 1) { totalCount } }' });

let databaseUri: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  databaseUri = withDatabase(await mongoServerUri(), uniqueDatabaseName());
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await mongoose.connect(databaseUri);
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

async function startServer(environment: Record<string, string>): Promise<{ server: ServerProcess; metricsPort: number }> {
  const metricsPort = await sparePort();
  const server = await ServerProcess.start({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: databaseUri,
    SEED_ON_START: 'false',
    METRICS_PORT: String(metricsPort),
    ...environment,
  });
  servers.push(server);
  return { server, metricsPort };
}

async function query(server: ServerProcess): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUERY,
  });
  const body = (await response.json()) as { data?: { providers: { totalCount: number } } };
  expect(body.data?.providers.totalCount).toBe(0);
  return response.status;
}

async function tracingGauge(metricsPort: number): Promise<string | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  return /^skillatlas_tracing_enabled (\d)$/m.exec(text)?.[1];
}

it('stays off by default: the start-up log says nothing of it and the gauge reads 0', async () => {
  const { server, metricsPort } = await startServer({});
  expect(await query(server)).toBe(200);
  expect(await tracingGauge(metricsPort)).toBe('0');
  expect(server.recentOutput()).not.toMatch(/OpenTelemetry/);
});

it('with an unreachable collector, every request is still answered', async () => {
  const closedPort = await sparePort();
  const { server, metricsPort } = await startServer({
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closedPort}`,
    // The SDK's own setting: export every 100 ms, so that failed exports happen while the requests run.
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
  expect(await tracingGauge(metricsPort)).toBe('1');
  expect(server.recentOutput()).toContain('OpenTelemetry tracing is on');
  const statuses: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    statuses.push(...(await Promise.all(Array.from({ length: 5 }, () => query(server)))));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(statuses).toEqual(Array<number>(50).fill(200));
  expect(server.alive).toBe(true);
});

it('sends spans of the HTTP request, the GraphQL operation and the MongoDB commands to a collector that answers', async () => {
  const received: string[] = [];
  const collector = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') received.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const { server } = await startServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'skillatlas-tracing-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    expect(await query(server)).toBe(200);
    const deadline = Date.now() + 15_000;
    const all = () => received.join('\n');
    while (Date.now() < deadline && !(all().includes('TracingProbe') && all().includes('mongodb'))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(all()).toContain('skillatlas-tracing-test');
    expect(all()).toContain('TracingProbe');
    expect(all()).toMatch(/"name":"(POST|POST \/graphql)"/);
    expect(all()).toContain('mongodb');
    // Probes and scrapes are not traced: ServerProcess polled /health/ready until the server was ready.
    expect(all()).not.toContain('/health/ready');
  } finally {
    await new Promise((resolve) => collector.close(resolve));
  }
});
