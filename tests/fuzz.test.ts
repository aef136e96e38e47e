import type fc from 'fast-check';
import { bodyCases } from './helpers/fuzz-bodies';
import { operationCases } from './helpers/fuzz-operations';
import type { FuzzCase } from './helpers/fuzz-requests';
import { FuzzRunner } from './helpers/fuzz-runner';
import { startFuzzTarget, type FuzzTarget } from './helpers/fuzz-target';
import { transportCases } from './helpers/fuzz-transport';
import { graphQLShapeProblems } from './helpers/response-hygiene';
import type { UntypedJson } from './helpers/test-app';

/**
 * Fuzz: thousands of generated requests (bodies, transport, operations from the schema) against the
 * real server running as a child process in production mode. For every request: the process is
 * still alive, the status is not a 5xx (but 503), JSON answers have the GraphQL shape and no masked
 * internal error, and nothing internal (stack, paths, driver errors, suggestions) is in the status
 * line, headers or body. Then the server's memory and ordinary requests are checked.
 *
 * Reproduce a failure with the seed fast-check prints:
 *   FUZZ_SEED=<seed> npx jest tests/fuzz.test.ts -t '<test name>'
 * FUZZ_RUNS=<n> sends n requests per property instead of its default (20 for a quick look, 5000 for a soak).
 * FUZZ_SURVEY=1 sends every case and lists each class of failure with its smallest request,
 * instead of stopping (and shrinking) at the first.
 *
 * The default requests (about 2,950, four at a time) take about 55 s on the 2-core test machine
 * under a load of 10 when every check passes; a failure adds its shrinking (at most 40 steps per
 * request) and a crash two restarts of about 5 s.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_130;
const RUNS_OVERRIDE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const SURVEY = process.env.FUZZ_SURVEY === '1';

/**
 * The server's resident memory (VmRSS) may not exceed this at any sample (after warm-up, after each
 * property, at the end). The server runs with the heap cap of its Deployment (fuzz-target), so garbage
 * is collected as in production instead of piling up under V8's default limit for a 24 GB machine.
 * Measured on the 2-core test machine (Node 24, production mode, Redis store, default requests):
 * about 200 MB after warm-up and peaks of 300–310 MB, reached after the hostile document shapes, with
 * the deployed cap (384 MB of heap); with no cap the same run peaked at 402 MB, and with a 160 MB cap
 * at 299 MB, so what requests keep is far below the bound. A request class that keeps what it read
 * fails the suite either way: it crashes the server against the heap cap (the process must be the one
 * that started), or, kept outside the heap, passes this bound.
 */
const RESIDENT_MEMORY_BOUND_BYTES = 400 * 1024 * 1024;

/** Per-test timeout: the runs, and shrinking a failure (each shrink step is one more request). */
const PROPERTY_TIMEOUT_MS = 300_000;

let target: FuzzTarget;
let runner: FuzzRunner;
const memory = { afterWarmUp: 0, peak: 0 };

beforeAll(async () => {
  target = await startFuzzTarget();
  runner = new FuzzRunner(target.server);
  // Warm-up: every code path once (schema, loaders, caches, JIT) before the baseline is taken.
  for (let round = 0; round < 3; round += 1) {
    for (const query of [
      '{ providers { totalCount edges { node { name resources(first: 3) { totalCount } } } } }',
      '{ search(query: "python") { totalCount } }',
      '{ resourceFacets { kinds { kind count } } }',
      '{ catalogStats(groupBy: [PROVIDER]) { count } }',
    ]) {
      await graphql(query);
    }
  }
  memory.afterWarmUp = target.server.residentSetBytes();
  memory.peak = memory.afterWarmUp;
}, 120_000);

afterAll(async () => {
  console.info(
    `fuzz: ${runner?.requestsSent} requests; server RSS after warm-up ${megabytes(memory.afterWarmUp)} MB, peak ${megabytes(memory.peak)} MB, bound ${megabytes(RESIDENT_MEMORY_BOUND_BYTES)} MB; server starts: ${target?.server.launches}\n${runner?.outcomeSummary()}`,
  );
  await target?.stop();
});

beforeEach(async () => {
  // A crash fails the property that caused it; the next one gets a fresh server rather than a string of refusals.
  if (target && !target.server.alive) await target.server.restart();
});

afterEach(() => {
  if (target?.server.alive) memory.peak = Math.max(memory.peak, target.server.residentSetBytes());
});

function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

async function graphql(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${target.server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { data?: UntypedJson; errors?: Array<{ message: string; extensions?: { code?: string } }> },
  };
}

function fuzz(cases: fc.Arbitrary<FuzzCase>, requests: number): Promise<void> {
  return runner.run(cases, { seed: SEED, requests, requestsOverride: RUNS_OVERRIDE, survey: SURVEY });
}

describe('fuzz: no request crashes the server, gets a 5xx or leaks internal detail', () => {
  describe('bodies', () => {
    const requests: Record<string, number> = {
      'random bytes': 150,
      'truncated and corrupted JSON': 200,
      'JSON of the wrong shape': 200,
      'deep nesting in every member': 150,
      'batched arrays': 60,
      'unicode trouble': 150,
      'duplicate keys and prototype pollution': 60,
      'bodies near the size limits': 30,
      'huge strings': 40,
    };
    for (const [name, count] of Object.entries(requests)) {
      it(name, () => fuzz(bodyCases(target.vocabulary)[name], count), PROPERTY_TIMEOUT_MS);
    }
  });

  describe('headers and transport', () => {
    const name = 'methods, paths, content types, credentials and framing';
    it(name, () => fuzz(transportCases(target.vocabulary)[name], 500), PROPERTY_TIMEOUT_MS);
  });

  describe('operations', () => {
    const requests: Record<string, number> = {
      'queries from the schema': 600,
      'mutations from the schema, with and without credentials': 250,
      'hostile document shapes': 150,
      'persisted queries': 150,
      'syntax garbage': 250,
    };
    for (const [name, count] of Object.entries(requests)) {
      it(name, () => fuzz(operationCases(target.vocabulary)[name], count), PROPERTY_TIMEOUT_MS);
    }
  });
});

describe('after the fuzz', () => {
  it('the server process is still the one that started, and its memory stayed bounded', () => {
    expect({ alive: target.server.alive, starts: target.server.launches }).toEqual({ alive: true, starts: 1 });
    memory.peak = Math.max(memory.peak, target.server.residentSetBytes());
    expect(megabytes(memory.peak)).toBeLessThan(megabytes(RESIDENT_MEMORY_BOUND_BYTES));
  });

  it('still answers ordinary requests correctly: a write, a read of it, a cached read, a refusal', async () => {
    const slug = `after-fuzz-${Date.now().toString(36)}`;
    const created = await graphql(
      `mutation { createProvider(input: { slug: "${slug}", name: "After Fuzz", kind: EVENTS, url: "https://after-fuzz.example.com" }) { provider { slug name } userErrors { code } } }`,
      { authorization: `Bearer ${target.vocabulary.adminToken}` },
    );
    expect(created.body.data).toEqual({ createProvider: { provider: { slug, name: 'After Fuzz' }, userErrors: [] } });
    expect(created.body.errors).toBeUndefined();

    const read = `{ provider(slug: "${slug}") { name kind url } }`;
    const first = await graphql(read);
    const second = await graphql(read);
    expect(first.body.data).toEqual({ provider: { name: 'After Fuzz', kind: 'EVENTS', url: 'https://after-fuzz.example.com' } });
    // A cached answer carries no caller's extensions.cost: compare the data.
    expect(second.body.data).toEqual(first.body.data);
    expect(second.headers.get('x-cache')).toBe('HIT');

    const refused = await graphql('{ provider(slug: 1) { name } }');
    expect(refused.status).toBe(400);
    expect(graphQLShapeProblems(refused.body)).toEqual([]);
    expect(refused.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const ready = await fetch(`http://127.0.0.1:${target.server.port}/health/ready`);
    expect(ready.status).toBe(200);
  });
});
