import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { loadConfig } from '../src/core/config';
import { PROJECT_ROOT } from '../src/core/project-root';
import { toGlobalId } from '../src/core/relay/global-id';
import { ApiKeyService } from '../src/modules/api-key/api-key.service';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { seedDatabase } from '../seeds/seed';
import { BENCH_ADMIN_TOKEN, BENCH_RATE_LIMIT_SETTINGS, positiveInteger } from './bench-settings';

/**
 * `npm run bench:stability`: how SkillAtlas holds up over time, against a real server process (the
 * built `dist/src/index.js`, production settings) on a seeded database, written to
 * bench/STABILITY-REPORT.md:
 * 1. Stampede: warm reads of popular queries, with and without one partner write every
 *    STABILITY_WRITE_INTERVAL_MS (default 1000; every write purges every cached list). The target:
 *    p99 with writes at most 3x the write-free p99, measured in interleaved rounds of one run.
 * 2. Soak: mixed reads (cached and uncached) and writes at about 80 % of the peak throughput measured
 *    first, for STABILITY_SOAK_SECONDS (default 300); errors, latency and the server's resident memory
 *    sampled every 5 s. The target: 0 errors, memory flat after warm-up.
 *
 * Needs MONGODB_URI (a fresh database is created on it and dropped); uses REDIS_URL when set.
 * STABILITY_DURATION (seconds per stampede window, default 10), STABILITY_ROUNDS (default 3),
 * STABILITY_CONNECTIONS (default 20).
 */

const windowSeconds = positiveInteger('STABILITY_DURATION', 10);
const rounds = positiveInteger('STABILITY_ROUNDS', 3);
const connections = positiveInteger('STABILITY_CONNECTIONS', 20);
const writeIntervalMs = positiveInteger('STABILITY_WRITE_INTERVAL_MS', 1_000);
const soakSeconds = positiveInteger('STABILITY_SOAK_SECONDS', 300);
const RSS_SAMPLE_SECONDS = 5;
/** The first minute of the soak is warm-up: caches, JIT and V8's heap settle. */
const WARM_UP_SECONDS = Math.min(60, Math.floor(soakSeconds / 3));

/** What a catalogue's visitors ask most: pages, filters, a skill, a role, the taxonomy, a search. */
const POPULAR_QUERIES = [
  `query Page { resources(first: 20) { edges { node { title url provider { name } } } } }`,
  `query Courses { resources(first: 20, filter: { kinds: [COURSE] }) { totalCount edges { node { title } } } }`,
  `query Events { resources(first: 20, filter: { kinds: [EVENT] }, orderBy: { field: START_DATE }) { edges { node { title ... on Event { startDate city } } } } }`,
  `query Projects { resources(first: 20, filter: { kinds: [OPEN_SOURCE_PROJECT] }) { edges { node { title } } } }`,
  `query FreeCourses { resources(first: 20, filter: { kinds: [COURSE], free: true }) { totalCount edges { node { title } } } }`,
  `query Skill { skill(slug: "docker") { name resources(first: 10) { totalCount edges { node { title } } } } }`,
  `query Role { role(slug: "devops-engineer") { title requiredSkills { level skill { name } } } }`,
  `query Taxonomy { categories { name skills { name } } }`,
  `query Providers { providers(first: 20) { edges { node { name } } } }`,
  `query Search { search(query: "kubernetes", first: 10) { totalCount edges { node { title } } } }`,
];

/** Words for uncached searches in the soak: every one a different key, so each is a miss. */
const SEARCH_WORDS = [
  'python',
  'docker',
  'kubernetes',
  'rust',
  'postgres',
  'security',
  'graphql',
  'linux',
  'java',
  'react',
  'testing',
  'cloud',
  'data',
  'design',
  'go',
];

interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

function summary(result: autocannon.Result): LoadResult {
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function residentMegabytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** The production server, built, as an operator starts it; resolves once it is ready. */
async function startServer(environment: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
    env: { ...process.env, ...environment, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    const ready = await fetch(`${base}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { child, url: `${base}/graphql` };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not get ready within 60 s');
}

function readLoad(url: string, seconds: number, options: { rate?: number; uncachedShare?: number } = {}): Promise<autocannon.Result> {
  let counter = 0;
  const bodies = POPULAR_QUERIES.map((query) => JSON.stringify({ query }));
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          counter += 1;
          const uncached = options.uncachedShare !== undefined && counter % Math.round(1 / options.uncachedShare) === 0;
          const body = uncached
            ? JSON.stringify({
                query: `query SoakSearch($q: String!) { search(query: $q, first: 5) { totalCount edges { node { title } } } }`,
                variables: { q: `${SEARCH_WORDS[counter % SEARCH_WORDS.length]} ${counter}` },
              })
            : bodies[counter % bodies.length];
          return { ...request, body };
        },
      },
    ],
  });
}

/** One partner write every `intervalMs` until stopped: a title change, which purges every cached list. */
function startWriter(url: string, partnerKey: string, intervalMs: number) {
  let writes = 0;
  let failures = 0;
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      writes += 1;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': partnerKey },
        body: JSON.stringify({
          query: `mutation($input: UpsertResourcesInput!) { upsertResources(input: $input) { createdCount updatedCount userErrors { message } } }`,
          variables: {
            input: {
              items: [
                {
                  externalId: 'stability-1',
                  kind: 'COURSE',
                  title: `Stability course, edition ${writes}`,
                  url: 'https://www.udemy.com/course/stability-bench/',
                  skills: ['Docker'],
                },
              ],
            },
          },
        }),
      }).catch(() => undefined);
      const body = response
        ? ((await response.json().catch(() => ({}))) as { errors?: unknown; data?: { upsertResources?: { userErrors: unknown[] } } })
        : undefined;
      if (!response?.ok || body?.errors || body?.data?.upsertResources?.userErrors.length) failures += 1;
      latencies.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      latencies.sort((left, right) => left - right);
      return { writes, failures, p50: latencies[Math.floor(latencies.length / 2)] ?? 0, max: latencies[latencies.length - 1] ?? 0 };
    },
  };
}

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.mongodbUri) throw new Error('bench:stability needs MONGODB_URI');
  const database = new URL(config.mongodbUri);
  database.pathname = `/bench_stability_${Date.now().toString(36)}`;
  await mongoose.connect(database.toString());
  console.log('seeding…');
  await seedDatabase();
  const udemy = await ProviderModel.findOne({ slug: 'udemy' }).lean();
  const partnerKey = (
    await new ApiKeyService().create({
      name: 'stability bench',
      role: 'PARTNER',
      provider: { globalId: toGlobalId('Provider', udemy!._id) },
    })
  ).secret!;

  const environment = {
    MONGODB_URI: database.toString(),
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl, CACHE_KEY_PREFIX: `bench_stability_${Date.now().toString(36)}` } : {}),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_ON_START: 'false',
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    ...BENCH_RATE_LIMIT_SETTINGS,
  };
  const { child, url } = await startServer(environment);
  try {
    for (const query of POPULAR_QUERIES)
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

    console.log(`stampede: ${rounds} rounds of ${windowSeconds} s without and with a write every ${writeIntervalMs} ms…`);
    const quiet: LoadResult[] = [];
    const writing: LoadResult[] = [];
    const writerStats: Array<{ writes: number; failures: number; p50: number; max: number }> = [];
    for (let round = 0; round < rounds; round += 1) {
      quiet.push(summary(await readLoad(url, windowSeconds)));
      const writer = startWriter(url, partnerKey, writeIntervalMs);
      writing.push(summary(await readLoad(url, windowSeconds)));
      writerStats.push(await writer.stop());
    }

    console.log('peak throughput…');
    const peak = summary(await readLoad(url, 10, { uncachedShare: 0.1 }));
    const rate = Math.max(1, Math.floor(peak.requestsPerSecond * 0.8));
    console.log(`soak: ${soakSeconds} s at ${rate} requests/s with a write every ${writeIntervalMs} ms…`);
    const rss: Array<{ second: number; megabytes: number }> = [{ second: 0, megabytes: residentMegabytes(child.pid!) }];
    const started = Date.now();
    const sampler = setInterval(
      () => rss.push({ second: Math.round((Date.now() - started) / 1000), megabytes: residentMegabytes(child.pid!) }),
      RSS_SAMPLE_SECONDS * 1000,
    );
    const writer = startWriter(url, partnerKey, writeIntervalMs);
    const soak = summary(await readLoad(url, soakSeconds, { rate, uncachedShare: 0.1 }));
    const soakWrites = await writer.stop();
    clearInterval(sampler);
    rss.push({ second: soakSeconds, megabytes: residentMegabytes(child.pid!) });
    const alive = child.exitCode === null;

    writeFileSync(
      path.join(PROJECT_ROOT, 'bench', 'STABILITY-REPORT.md'),
      report({ quiet, writing, writerStats, peak, rate, soak, soakWrites, rss, alive, redis: Boolean(config.redisUrl) }),
    );
    console.log('wrote bench/STABILITY-REPORT.md');
  } finally {
    child.kill('SIGTERM');
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  }
}

function report(results: {
  quiet: LoadResult[];
  writing: LoadResult[];
  writerStats: Array<{ writes: number; failures: number; p50: number; max: number }>;
  peak: LoadResult;
  rate: number;
  soak: LoadResult;
  soakWrites: { writes: number; failures: number; p50: number; max: number };
  rss: Array<{ second: number; megabytes: number }>;
  alive: boolean;
  redis: boolean;
}): string {
  const { quiet, writing, writerStats, peak, rate, soak, soakWrites, rss, alive, redis } = results;
  const ratios = quiet.map((round, index) => writing[index].p99 / Math.max(round.p99, 1));
  const afterWarmUp = rss.filter((sample) => sample.second >= WARM_UP_SECONDS);
  const [warm, end] = [afterWarmUp[0]?.megabytes ?? Number.NaN, rss[rss.length - 1].megabytes];
  const rows = quiet.map(
    (round, index) =>
      `| ${index + 1} | ${Math.round(round.requestsPerSecond)} | ${ms(round.p50)} / ${ms(round.p99)} / ${ms(round.max)} | ${round.errors} | ${Math.round(writing[index].requestsPerSecond)} | ${ms(writing[index].p50)} / ${ms(writing[index].p99)} / ${ms(writing[index].max)} | ${writing[index].errors} | ${writerStats[index].writes} (${writerStats[index].failures} failed) | ${ratios[index].toFixed(2)} |`,
  );
  return [
    '# Stability report (`npm run bench:stability`)',
    '',
    `Run ${new Date().toISOString()} on ${process.version}, against the built server (NODE_ENV=production) in its own process, ${redis ? 'with Redis' : 'caching in process (no REDIS_URL)'}, on the seeded catalogue. ${connections} connections.`,
    '',
    '## Stampede: warm reads with and without writes',
    '',
    `${POPULAR_QUERIES.length} popular queries in turn, all warm. In the "with writes" windows a partner updates one resource every ${writeIntervalMs} ms; each write purges every cached list, so every popular query misses at once. Rounds are interleaved (each round measures both), so a slow patch of the shared machine hits both columns.`,
    '',
    '| round | req/s quiet | p50 / p99 / max quiet | errors | req/s writing | p50 / p99 / max writing | errors | writes | p99 ratio |',
    '| ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `**Median p99 ratio (writing / quiet): ${median(ratios).toFixed(2)}** (target at most 3). Errors: ${quiet.reduce((sum, round) => sum + round.errors, 0) + writing.reduce((sum, round) => sum + round.errors, 0)}.`,
    '',
    '## Soak',
    '',
    `Peak (10 s, 10 % uncached searches): ${Math.round(peak.requestsPerSecond)} req/s, p99 ${ms(peak.p99)}. Soak: ${soakSeconds} s at ${rate} req/s (80 %), the same mix, plus a partner write every ${writeIntervalMs} ms.`,
    '',
    `| requests | req/s | p50 | p99 | max | errors (errors + timeouts + non-2xx) | writes | failed writes | write p50 / max |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    `| ${soak.requests} | ${Math.round(soak.requestsPerSecond)} | ${ms(soak.p50)} | ${ms(soak.p99)} | ${ms(soak.max)} | ${soak.errors} | ${soakWrites.writes} | ${soakWrites.failures} | ${ms(soakWrites.p50)} / ${ms(soakWrites.max)} |`,
    '',
    `Server resident memory (MB) every ${RSS_SAMPLE_SECONDS} s: ${rss.map((sample) => Math.round(sample.megabytes)).join(', ')}.`,
    '',
    `After the ${WARM_UP_SECONDS} s warm-up: ${Math.round(warm)} MB; at the end: ${Math.round(end)} MB (${end >= warm ? '+' : ''}${Math.round(end - warm)} MB, ${(((end - warm) / warm) * 100).toFixed(1)} %); highest after warm-up ${Math.round(Math.max(...afterWarmUp.map((sample) => sample.megabytes)))} MB. The server ${alive ? 'was still running' : 'HAD EXITED'} at the end.`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
