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
import { cpuProfileOf, cpuMs, RESOURCE_PAGE_QUERY, topSelfTime } from './cpu-profile';

/**
 * CPU of this process per warm response-cache hit (a page of 50) against node:http sending the same
 * bytes, in one run, and V8 CPU profiles of the hits alone and of node:http's responses. Load: autocannon in a child process.
 *
 *   MONGODB_URI=… REDIS_URL=… node -r ./tests/helpers/typescript-register.js bench/warm-profile.ts
 *
 * BENCH_DURATION (seconds per measurement, default 3); BENCH_PROFILE=path writes the .cpuprofile; prints the top 20 functions and packages by self time.
 */
const durationSeconds = positiveInteger('BENCH_DURATION', 3);

/** Runs autocannon against `url` from a child process for the set duration; resolves to the requests it completed. */
function load(url: string, seconds: number): Promise<number> {
  const script = `
    const [url, body, seconds] = process.argv.slice(1);
    require('autocannon')({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 10, duration: Number(seconds) },
      (error, result) => { if (error || result.non2xx) { console.error(error ?? result.non2xx + ' non-2xx'); process.exit(1); } console.log(result.requests.total); process.exit(0); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, url, JSON.stringify({ query: RESOURCE_PAGE_QUERY }), String(seconds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(Number(output.trim())) : reject(new Error(`load generator exited with ${code}`))));
  });
}

async function cpuPerRequest(url: string): Promise<{ cpu: number; rate: number }> {
  const before = cpuMs();
  const requests = await load(url, durationSeconds);
  return { cpu: (cpuMs() - before) / requests, rate: requests / durationSeconds };
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  const redisUrl = process.env.REDIS_URL;
  if (!uri || !redisUrl) throw new Error('set MONGODB_URI and REDIS_URL');
  const logger = createLogger('warn');
  await connectMongo(uri, logger, { serverSelectionTimeoutMs: 3_000, operationTimeoutMs: 60_000 });
  if ((await mongoose.connection.collection('resources').estimatedDocumentCount()) === 0) await seedDatabase();
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    ...BENCH_RATE_LIMIT_SETTINGS,
    REDIS_URL: redisUrl,
    CACHE_KEY_PREFIX: `warm_profile_${process.pid}`,
    SEED_ON_START: 'false',
  });
  const { httpServer, apollo } = await createApp({ config, logger });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const warmUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  const body = await (
    await fetch(warmUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: RESOURCE_PAGE_QUERY }),
    })
  ).text();
  const stored = Buffer.from(body);
  const plain = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json', 'content-length': stored.length }).end(stored));
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;

  const warm: Array<{ cpu: number; rate: number }> = [];
  const baseline: Array<{ cpu: number; rate: number }> = [];
  for (let round = 0; round < 3; round += 1) {
    warm.push(await cpuPerRequest(warmUrl));
    baseline.push(await cpuPerRequest(plainUrl));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratios = warm.map((round, index) => round.rate / baseline[index].rate);

  const profile = await cpuProfileOf(() => load(warmUrl, durationSeconds), 100);
  // node:http's own profile, to tell what a hit adds from what any Node HTTP response costs.
  const baselineProfile = await cpuProfileOf(() => load(plainUrl, durationSeconds), 100);

  const show = (values: number[], digits: number) => values.map((value) => value.toFixed(digits)).join(' / ');
  console.log(
    `CPU µs per request (3 rounds of ${durationSeconds} s, 10 connections): warm ${show(
      warm.map((round) => round.cpu * 1000),
      1,
    )}, node:http ${show(
      baseline.map((round) => round.cpu * 1000),
      1,
    )}; req/s warm ${show(
      warm.map((round) => round.rate),
      0,
    )}, node:http ${show(
      baseline.map((round) => round.rate),
      0,
    )}; warm ÷ node:http (median of rounds) ${median(ratios).toFixed(3)}`,
  );
  console.log(`\nTop 20 by self time, of the warm hits:\n`);
  console.log(topSelfTime(profile, 20));
  console.log(`\nTop 20 by self time, of node:http sending the same bytes:\n`);
  console.log(topSelfTime(baselineProfile, 20));
  await apollo.stop();
  await new Promise((resolve) => plain.close(resolve));
  await mongoose.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
