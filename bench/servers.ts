import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema as buildSchemaFromSdl } from 'graphql';
import mongoose from 'mongoose';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { connectMongo, databaseCommandCounter } from '../src/core/mongo';
import { printAppSchema } from '../src/schema';
import { createApp } from '../src/server';
import { seedDatabase } from '../seeds/seed';
import { RedisServerProcess } from '../tests/helpers/redis-server-process';
import { BENCH_ADMIN_TOKEN, BENCH_RATE_LIMIT_SETTINGS } from './bench-settings';
import { captureCommandWaves, replayCommandWaves, type CommandWave } from './database-floor';

/**
 * The servers under test, in a child process of bench/run.ts so that the load generator does not
 * share their event loop. Messages from the parent:
 *   { type: 'start', mongodbUri, redisUrl?, cachePrefix }  → seeds a fresh database, starts the
 *      SkillAtlas servers (cold: caches off; entity: entity cache only; warm: both caches)
 *      and replies { type: 'started', ports, seed }
 *   { type: 'baselines', responses: { [name]: { query, body } } }  → starts the two baselines that
 *      answer from memory and replies { type: 'baselines-started', ports }
 *   { type: 'count' }  → replies { type: 'count', commands, byCommand } (MongoDB commands sent so far)
 *   { type: 'cpu' }    → replies { type: 'cpu', cpuMs } (user + system CPU of this process so far)
 *   { type: 'outage-start', cachePrefix } → starts a redis-server of its own and a SkillAtlas server
 *      with both caches on it, replies { type: 'outage-started', port }
 *   { type: 'redis-stop' } / { type: 'redis-start' } → kills that redis-server / starts it again on
 *      its port, replies { type: 'redis-stopped' } / { type: 'redis-started' }
 *   { type: 'start-warm', mongodbUri, redisUrl?, cachePrefix } → one SkillAtlas server with both caches
 *      on the database seeded by another child (no seeding), replies { type: 'warm-started', port }: one
 *      of the API processes of the two-instance variant
 *   { type: 'stop' }   → drops the database (if this child seeded it), stops everything, exits
 */
type Message =
  | { type: 'start'; mongodbUri: string; redisUrl?: string; cachePrefix: string }
  | { type: 'start-warm'; mongodbUri: string; redisUrl?: string; cachePrefix: string }
  | { type: 'baselines'; responses: Record<string, { query: string; body: string }> }
  | { type: 'count' }
  | { type: 'cpu' }
  | { type: 'outage-start'; cachePrefix: string }
  | { type: 'redis-stop' }
  | { type: 'redis-start' }
  | { type: 'stop' };

const closers: Array<() => Promise<unknown>> = [];
/** The port of the SkillAtlas server with every cache off: the database-floor baseline captures its commands. */
let coldPort = 0;
/** The redis-server of the outage measurement, once started. */
let ownRedis: RedisServerProcess | undefined;
const logger = createLogger('warn');
/** True in the child that seeded the database: it drops it at the end. */
let seededDatabase = false;

function send(message: unknown): void {
  process.send?.(message);
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A SkillAtlas server on the seeded database with these settings; returns its port. */
async function startVariant(settings: Record<string, string>): Promise<number> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    ...BENCH_RATE_LIMIT_SETTINGS,
    ...settings,
  });
  const { httpServer, apollo, caches } = await createApp({ config, logger });
  await caches.invalidation.flushAll();
  const port = await listen(httpServer);
  closers.push(async () => {
    await caches.invalidation.flushAll().catch(() => undefined);
    await apollo.stop();
  });
  return port;
}

async function startSkillAtlas(mongodbUri: string, redisUrl: string | undefined, cachePrefix: string) {
  await connectMongo(mongodbUri, logger);
  seededDatabase = true;
  const seedStartedAt = Date.now();
  const report = await seedDatabase();
  const seed = { durationMs: Date.now() - seedStartedAt, resources: await mongoose.connection.collection('resources').countDocuments() };
  const variants = {
    cold: { RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'false' },
    entity: { RESPONSE_CACHE_ENABLED: 'false', ENTITY_CACHE_ENABLED: 'true' },
    warm: { RESPONSE_CACHE_ENABLED: 'true', ENTITY_CACHE_ENABLED: 'true' },
  };
  const ports: Record<string, number> = {};
  for (const [name, caches] of Object.entries(variants)) {
    ports[name] = await startVariant({
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      CACHE_KEY_PREFIX: `${cachePrefix}_${name}`,
      ...caches,
    });
  }
  coldPort = ports.cold;
  return { ports, seed: { ...seed, created: report.collections.resources.created }, store: redisUrl ? 'redis' : 'memory' };
}

/**
 * Three yardsticks measured in the same run:
 * - `nodeHttp`: plain node:http writing the stored response bytes of each scenario (by URL path);
 * - `apolloMinimal`: Apollo Server 5 on express 5 with the same SDL, no resolvers but the default
 *   ones over the scenario's response data (so it parses, validates and executes the same query);
 * - `databaseFloor`: node:http that, per request, sends the MongoDB commands one cold SkillAtlas
 *   request sent for the scenario (captured once, replayed with the bare driver: database-floor.ts)
 *   and then writes the stored response bytes.
 */
async function startBaselines(responses: Record<string, { query: string; body: string }>) {
  const bodies = new Map(Object.entries(responses).map(([name, { body }]) => [`/${name}`, Buffer.from(body)]));
  /** Writes the stored response of the scenario named by the request's path. */
  const sendStored = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const body = bodies.get(request.url ?? '') ?? Buffer.from('{}');
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  };
  const nodeHttp = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => sendStored(request, response));
  });
  const nodeHttpPort = await listen(nodeHttp);
  closers.push(() => new Promise((resolve) => nodeHttp.close(resolve)));

  const rootValue: Record<string, unknown> = {};
  for (const { body } of Object.values(responses)) Object.assign(rootValue, (JSON.parse(body) as { data: Record<string, unknown> }).data);
  const apollo = new ApolloServer({ schema: buildSchemaFromSdl(await printAppSchema()), rootValue, csrfPrevention: true });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const apolloServer = http.createServer(app);
  const apolloPort = await listen(apolloServer);
  closers.push(async () => {
    await apollo.stop();
    await new Promise((resolve) => apolloServer.close(resolve));
  });
  const wavesByPath = new Map<string, CommandWave[]>();
  const client = mongoose.connection.getClient();
  for (const [name, { query }] of Object.entries(responses)) {
    const waves = await captureCommandWaves(client, async () => {
      const response = await fetch(`http://127.0.0.1:${coldPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      await response.text();
    });
    wavesByPath.set(`/${name}`, waves);
  }
  const databaseFloor = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      replayCommandWaves(client, wavesByPath.get(request.url ?? '') ?? []).then(
        () => sendStored(request, response),
        (error: unknown) => {
          response.writeHead(500).end(String(error));
        },
      );
    });
  });
  const databaseFloorPort = await listen(databaseFloor);
  closers.push(() => new Promise((resolve) => databaseFloor.close(resolve)));
  const commands = Object.fromEntries([...wavesByPath].map(([pathName, waves]) => [pathName.slice(1), waves.map((wave) => wave.length)]));
  return { nodeHttp: nodeHttpPort, apolloMinimal: apolloPort, databaseFloor: databaseFloorPort, databaseFloorWaves: commands };
}

process.on('message', (message: Message) => {
  const handle = async () => {
    switch (message.type) {
      case 'start':
        send({ type: 'started', ...(await startSkillAtlas(message.mongodbUri, message.redisUrl, message.cachePrefix)) });
        break;
      case 'start-warm': {
        await connectMongo(message.mongodbUri, logger);
        const port = await startVariant({
          ...(message.redisUrl ? { REDIS_URL: message.redisUrl } : {}),
          CACHE_KEY_PREFIX: `${message.cachePrefix}_warmTwo`,
          RESPONSE_CACHE_ENABLED: 'true',
          ENTITY_CACHE_ENABLED: 'true',
        });
        send({ type: 'warm-started', port });
        break;
      }
      case 'baselines':
        send({ type: 'baselines-started', ports: await startBaselines(message.responses) });
        break;
      case 'count':
        send({ type: 'count', commands: databaseCommandCounter.count, byCommand: databaseCommandCounter.countsByCommand() });
        break;
      case 'cpu': {
        const usage = process.cpuUsage();
        send({ type: 'cpu', cpuMs: (usage.user + usage.system) / 1000 });
        break;
      }
      case 'outage-start': {
        ownRedis = await RedisServerProcess.start();
        closers.push(() => ownRedis!.stop());
        const port = await startVariant({
          REDIS_URL: ownRedis.url,
          CACHE_KEY_PREFIX: `${message.cachePrefix}_outage`,
          RESPONSE_CACHE_ENABLED: 'true',
          ENTITY_CACHE_ENABLED: 'true',
        });
        send({ type: 'outage-started', port });
        break;
      }
      case 'redis-stop':
        await ownRedis?.stop();
        send({ type: 'redis-stopped' });
        break;
      case 'redis-start':
        await ownRedis?.start();
        send({ type: 'redis-started' });
        break;
      case 'stop':
        for (const close of closers.reverse()) await close().catch(() => undefined);
        if (seededDatabase) await mongoose.connection.dropDatabase().catch(() => undefined);
        await mongoose.disconnect();
        send({ type: 'stopped' });
        process.exit(0);
    }
  };
  handle().catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
    process.exit(1);
  });
});
