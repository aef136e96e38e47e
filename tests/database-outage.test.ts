import { ApiKeyService } from '../src/modules/api-key/api-key.service';
import { isDatabaseUnavailable } from '../src/core/database-errors';
import { aggregateLean, readLean } from '../src/core/lean-read';
import { databaseCommandCounter } from '../src/core/mongo';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedCatalog } from './helpers/catalog-fixture';
import { TcpFaultProxy } from './helpers/tcp-fault-proxy';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * MongoDB down or hung must cost a request seconds, not forever, and answer 503 with Retry-After and
 * a clear code, never a masked 500; work for requests nobody waits for any more must stop; and the
 * API must recover on its own. A fault-injecting TCP proxy sits between the API and the MongoDB
 * server, so these tests run the same against mongo-java-server or a real mongod.
 */
let proxy: TcpFaultProxy;
const throughProxy = async (server: { host: string; port: number }) => {
  proxy = await TcpFaultProxy.start(server.host, server.port);
  return { host: '127.0.0.1', port: proxy.port };
};

async function post(app: TestApp, query: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const started = Date.now();
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    signal,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text, elapsedMs: Date.now() - started };
}

async function readiness(app: TestApp) {
  const response = await fetch(app.url.replace('/graphql', '/health/ready'));
  return { status: response.status, body: await response.json() };
}

/** Retries `read` until it answers without errors: how the API comes back once MongoDB does. */
async function recovered(app: TestApp, query: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const { status, body } = await post(app, query);
    if (status === 200 && !body.errors) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const uncached = (tag: string) => `query Outage_${tag} { providers(first: 5) { totalCount edges { node { name } } } }`;

describe('MongoDB down or hung', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(
      {
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: '1500',
        MONGODB_OPERATION_TIMEOUT_MS: '1500',
        RESPONSE_CACHE_ENABLED: 'false',
        ENTITY_CACHE_ENABLED: 'false',
      },
      { mongoAddress: throughProxy },
    );
    await seedCatalog();
  });
  afterEach(() => proxy.setMode('forward'));
  afterAll(async () => {
    proxy.setMode('forward');
    await app?.stop();
    await proxy?.stop();
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After within 5 s when MongoDB is down, reports it in readiness, and recovers by itself', async () => {
    expect((await post(app, uncached('before'))).status).toBe(200);
    proxy.setMode('refuse');

    const down = await post(app, uncached('down'));
    expect(down.status).toBe(503);
    expect(down.elapsedMs).toBeLessThan(5_000);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.body.errors[0].message).toMatch(/database is unavailable/);
    expect(down.text).not.toMatch(/Mongo|ECONNREFUSED|at .*:\d+:\d+/);

    const ready = await readiness(app);
    expect(ready).toEqual({ status: 503, body: { status: 'unavailable', mongo: 'down', redis: 'not-configured' } });

    proxy.setMode('forward');
    expect(await recovered(app, uncached('after'), 15_000)).toBe(true);
    expect(await readiness(app)).toEqual({ status: 200, body: { status: 'ok', mongo: 'up', redis: 'not-configured' } });
  });

  it('answers 503 within 5 s when MongoDB accepts connections but never answers', async () => {
    proxy.setMode('hang');
    const hung = await post(app, uncached('hung'));
    expect(hung.status).toBe(503);
    expect(hung.elapsedMs).toBeLessThan(5_000);
    expect(hung.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    proxy.setMode('forward');
    expect(await recovered(app, uncached('afterHang'), 15_000)).toBe(true);
  });

  it('fails the reads that skip mongoose queries (readLean, aggregateLean) as unavailable within 5 s, down or hung, and reads again after', async () => {
    // Top-level queries reach them only behind other reads; called directly, each one is the read that meets the fault.
    const rawReads = [() => readLean(ProviderModel, {}), () => aggregateLean(ResourceModel, [{ $match: {} }, { $limit: 3 }])];
    for (const mode of ['refuse', 'hang'] as const) {
      proxy.setMode(mode);
      for (const read of rawReads) {
        const started = Date.now();
        const error = await read().then(
          () => undefined,
          (failure: unknown) => failure,
        );
        expect({ mode, unavailable: isDatabaseUnavailable(error) }).toEqual({ mode, unavailable: true });
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      proxy.setMode('forward');
      expect(await recovered(app, uncached(`raw_${mode}`), 15_000)).toBe(true);
      for (const read of rawReads) expect((await read()).length).toBeGreaterThan(0);
    }
  });

  it('answers 503, not 500, to a caller whose API key cannot be checked while MongoDB is down', async () => {
    // A well-formed key no cache has seen: checking it needs MongoDB.
    const { secret } = await new ApiKeyService().create({ name: 'outage analyst', role: 'ANALYST' });
    proxy.setMode('refuse');
    const response = await post(app, uncached('keyed'), { 'x-api-key': secret! });
    expect(response.status).toBe(503);
    expect(response.elapsedMs).toBeLessThan(5_000);
    expect(response.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('abandoned requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(
      {
        REQUEST_TIMEOUT_MS: '800',
        MONGODB_OPERATION_TIMEOUT_MS: '8000',
        MONGODB_SERVER_SELECTION_TIMEOUT_MS: '8000',
        RESPONSE_CACHE_ENABLED: 'false',
        ENTITY_CACHE_ENABLED: 'false',
      },
      { mongoAddress: throughProxy },
    );
    await seedCatalog();
  });
  afterAll(async () => {
    proxy.setMode('forward');
    await app?.stop();
    await proxy?.stop();
  });

  // Two levels: the page (one find) and, for its resources, their providers and skills (more finds).
  const twoLevels = `query { resources(first: 5) { edges { node { title provider { name } skills { skill { name } } } } } }`;

  /** Commands sent after MongoDB answers again: an abandoned request must start no second level. */
  async function commandsAfterRelease(): Promise<number> {
    const before = databaseCommandCounter.count;
    proxy.setMode('forward');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return databaseCommandCounter.count - before;
  }

  it('stops a request at its deadline with 503 REQUEST_TIMEOUT and starts none of its remaining work', async () => {
    proxy.setMode('hang');
    const timedOut = await post(app, twoLevels);
    expect(timedOut.status).toBe(503);
    expect(timedOut.elapsedMs).toBeLessThan(3_000);
    expect(timedOut.headers.get('retry-after')).toBe('5');
    expect(timedOut.body.errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
    expect(await commandsAfterRelease()).toBe(0);
    // The same query runs to the end once MongoDB answers: the abandoned one stopped, the server did not.
    const fine = await post(app, twoLevels);
    expect(fine.status).toBe(200);
    expect(fine.body.data.resources.edges.length).toBe(5);
  });

  it('stops the work of a request whose client went away', async () => {
    proxy.setMode('hang');
    const controller = new AbortController();
    const pending = post(app, twoLevels, {}, controller.signal).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    expect(await commandsAfterRelease()).toBe(0);
  });
});
