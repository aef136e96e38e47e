import './production-mode';
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { connectMongo } from '../src/core/mongo';
import { createApp } from '../src/server';
import { seedDatabase } from '../seeds/seed';
import { BENCH_ADMIN_TOKEN, BENCH_RATE_LIMIT_SETTINGS, positiveInteger } from './bench-settings';
import { cpuMs, cpuProfileOf, SCENARIO_QUERIES, topSelfTime } from './cpu-profile';
import { captureCommandWaves, replayCommandWaves } from './database-floor';

/**
 * CPU of this process per cold request (caches off; a page of 50 unless BENCH_SCENARIO says otherwise) against the database-floor baseline (the same
 * MongoDB commands replayed with the bare driver), measured in one run, and a V8 CPU profile of the
 * cold requests alone (the same profiler as `node --cpu-prof`, started and stopped around them).
 * The load comes from a child process, so only the server's work is counted here.
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27017/bench_cold node -r ./tests/helpers/typescript-register.js bench/cold-profile.ts
 *
 * BENCH_SCENARIO (page50, role or taxonomy: `npm run bench`'s queries; or search; default page50),
 * BENCH_REQUESTS (default 200) and BENCH_CONNECTIONS (default 2) per measurement, BENCH_ROUNDS (default 5); BENCH_PROFILE=path
 * writes the .cpuprofile (open it in Chrome DevTools or speedscope for the flame graph). Prints the
 * ratio and the top 20 functions and packages by self time as Markdown.
 */
const requests = positiveInteger('BENCH_REQUESTS', 200);
const connections = positiveInteger('BENCH_CONNECTIONS', 2);
const rounds = positiveInteger('BENCH_ROUNDS', 5);
const scenario = process.env.BENCH_SCENARIO ?? 'page50';
const query = SCENARIO_QUERIES[scenario];
if (!query) throw new Error(`BENCH_SCENARIO: one of ${Object.keys(SCENARIO_QUERIES).join(', ')}, not ${scenario}`);

/** Sends `count` requests over `connections` concurrent loops from a child process. */
function load(url: string, count: number): Promise<void> {
  const script = `
    const [url, query, count, connections] = process.argv.slice(1);
    let left = Number(count);
    const loop = async () => { while (left-- > 0) { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query }); if (r.status !== 200) throw new Error('status ' + r.status); await r.text(); } };
    Promise.all(Array.from({ length: Number(connections) }, loop)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, url, JSON.stringify({ query }), String(count), String(connections)], {
      stdio: 'inherit',
    });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited with ${code}`))));
  });
}

async function cpuPerRequest(url: string): Promise<number> {
  const before = cpuMs();
  await load(url, requests);
  return (cpuMs() - before) / requests;
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('set MONGODB_URI (a database this script may drop)');
  const logger = createLogger('warn');
  await connectMongo(uri, logger, { serverSelectionTimeoutMs: 3_000, operationTimeoutMs: 60_000 });
  // Seeding takes minutes on mongo-java-server: a database seeded by an earlier run is reused (BENCH_KEEP=1 keeps it).
  if ((await mongoose.connection.collection('resources').estimatedDocumentCount()) === 0) await seedDatabase();
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    ...BENCH_RATE_LIMIT_SETTINGS,
    RESPONSE_CACHE_ENABLED: 'false',
    ENTITY_CACHE_ENABLED: 'false',
    SEED_ON_START: 'false',
    // This measures CPU, not latency: a slow shared machine must not turn requests into 503s.
    REQUEST_TIMEOUT_MS: '120000',
    MONGODB_OPERATION_TIMEOUT_MS: '60000',
  });
  const { httpServer, apollo } = await createApp({ config, logger });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const coldUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;

  const client = mongoose.connection.getClient();
  // Captured from a second request: the first one also pays for one-off look-ups (indexes, API-key collections).
  await load(coldUrl, 2);
  let body = '';
  const waves = await captureCommandWaves(client, async () => {
    body = await (
      await fetch(coldUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      })
    ).text();
  });
  const stored = Buffer.from(body);
  const floor = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      replayCommandWaves(client, waves).then(
        () => response.writeHead(200, { 'content-type': 'application/json', 'content-length': stored.length }).end(stored),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  const floorUrl = `http://127.0.0.1:${(floor.address() as AddressInfo).port}/`;

  // Warm-up first: the first rounds measured ran 20-50 % above the later ones (code not yet optimised).
  await load(coldUrl, requests);
  await load(floorUrl, requests);
  // Interleaved rounds; the ratio is taken within each round and its median reported: a busy patch of
  // a shared machine hits both of a round's measurements, and cancels out of their ratio.
  const cold: number[] = [];
  const floorCpu: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    cold.push(await cpuPerRequest(coldUrl));
    floorCpu.push(await cpuPerRequest(floorUrl));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratios = cold.map((value, round) => value / floorCpu[round]);

  const profile = await cpuProfileOf(() => load(coldUrl, requests), 200);

  console.log(
    `Commands per cold page: ${waves.map((wave) => wave.length).join(' + ')} in ${waves.length} waves (${waves
      .map((wave) => wave.map((command) => Object.entries(command)[0].join(' ')).join(', '))
      .join(' | ')}); response ${stored.length} bytes.`,
  );
  console.log(
    `CPU ms per request (median of ${rounds} rounds of ${requests}, ${connections} connections): cold ${median(cold).toFixed(2)} (${cold.map((v) => v.toFixed(2)).join(' / ')}), ` +
      `DB floor ${median(floorCpu).toFixed(2)} (${floorCpu.map((v) => v.toFixed(2)).join(' / ')}); cold ÷ floor per round ${ratios.map((v) => v.toFixed(2)).join(' / ')}, median ${median(ratios).toFixed(2)}`,
  );
  console.log(`\nTop 20 by self time, of the cold requests (${profile.samples?.length ?? 0} samples):\n`);
  console.log(topSelfTime(profile, 20));

  await apollo.stop();
  await new Promise((resolve) => floor.close(resolve));
  if (process.env.BENCH_KEEP !== '1') await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
