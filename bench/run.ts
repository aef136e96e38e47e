import { fork, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/core/project-root';
import { BENCH_ADMIN_TOKEN, positiveInteger } from './bench-settings';
import { RESOURCE_PAGE_QUERY, ROLE_QUERY, TAXONOMY_QUERY } from './cpu-profile';
import { listeningProcess, type ProcessCpuReader } from './process-cpu';

/**
 * `npm run bench`: throughput and latency of SkillAtlas against two baselines measured in the same
 * run (docs/DESIGN.md §5), written to bench/REPORT.md.
 *
 * Needs MONGODB_URI (a fresh database is created on it, seeded with `seedDatabase`, and dropped);
 * uses REDIS_URL for the caches when set, else the in-process cache. The servers run in a child
 * process (bench/servers.ts) so autocannon does not compete with them for the event loop.
 *
 * BENCH_DURATION (seconds per measurement, default 5), BENCH_ROUNDS (default 3) and
 * BENCH_CONNECTIONS (default 10) shorten or lengthen the run.
 */

interface Scenario {
  name: string;
  title: string;
  query: string;
}

/** The operation name of a scenario's query: the key of its round trips in the servers' `/metrics/cache`. */
const operationNameOf = (scenario: Scenario) => /^\s*query\s+(\w+)/.exec(scenario.query)?.[1] ?? 'anonymous';

const SCENARIOS: Scenario[] = [
  {
    name: 'page50',
    title: 'Page of 50 resources with provider, skills and each skill’s category',
    query: RESOURCE_PAGE_QUERY,
  },
  {
    name: 'role',
    title: 'A role with its required skills and the top 3 resources of each',
    query: ROLE_QUERY,
  },
  {
    name: 'taxonomy',
    title: 'The whole taxonomy: categories with their skills',
    query: TAXONOMY_QUERY,
  },
];

/** What each scenario is measured on. */
const TARGETS = ['nodeHttp', 'apolloMinimal', 'databaseFloor', 'cold', 'entity', 'warm', 'warmTwo'] as const;
type Target = (typeof TARGETS)[number];

const TARGET_LABELS: Record<Target, string> = {
  nodeHttp: 'baseline: node:http, bytes from memory',
  databaseFloor:
    "baseline: node:http sending, with the bare MongoDB driver, the very commands one cold SkillAtlas request sent (captured, replayed in the same concurrent waves), then the stored bytes: the database's own cost, with no GraphQL, mongoose or loaders",
  apolloMinimal: 'baseline: minimal Apollo Server on express, data from memory',
  cold: 'SkillAtlas, caches off (MongoDB every time)',
  entity: 'SkillAtlas, entity cache only',
  warm: 'SkillAtlas, response cache warm',
  warmTwo:
    'SkillAtlas, two API processes of their own sharing MongoDB and the Redis, response cache warm, the connections split between them',
};

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /**
   * MongoDB commands per request, as each request's scope attributed them (AsyncLocalStorage, reported by
   * the server per operation at `/metrics/cache`), over every request sent in the window once all of
   * them have finished. Null for the baselines.
   */
  databaseCommandsPerRequest: number | null;
  /** The same from the process-wide counter (by command name: find, aggregate, getMore, …), over the same requests. */
  databaseCommandsByName: Record<string, number>;
  /** Commands the process-wide counter saw beyond those attributed to requests, per request (should be 0). */
  unattributedPerRequest: number;
  /** CPU milliseconds (user + system) the servers' process spent per request served in the window. */
  serverCpuMsPerRequest: number;
  /** CPU milliseconds the MongoDB server process spent per request served; null when it is not a local process. */
  databaseCpuMsPerRequest: number | null;
}

interface OperationCounts {
  operations: number;
  databaseCommands: number;
}

const durationSeconds = positiveInteger('BENCH_DURATION', 5);
const rounds = positiveInteger('BENCH_ROUNDS', 3);
const connections = positiveInteger('BENCH_CONNECTIONS', 10);

let child: ChildProcess;
/** The local MongoDB server process, when MONGODB_URI points at one on this machine. */
let databaseProcess: ProcessCpuReader | null = null;
/** Per scenario, the commands per wave the database-floor baseline replays (from one cold request). */
let databaseFloorWaves: Record<string, number[]> = {};
/** A message from the servers' child process: its `type` names the request it answers. */
interface ServerMessage {
  type: string;
  message?: string;
}
const waiting = new Map<string, (message: ServerMessage) => void>();

/** One API process of the two-instance variant (bench/servers.ts started with 'start-warm'). */
interface SplitInstance {
  port: number;
  request<T>(message: Record<string, unknown>, replyType: string): Promise<T>;
  stop(): Promise<void>;
}
let splitInstances: SplitInstance[] = [];

async function startSplitInstance(mongodbUri: string, redisUrl: string | undefined, cachePrefix: string): Promise<SplitInstance> {
  const instance = fork(path.join(__dirname, 'servers.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = new Map<string, (message: ServerMessage) => void>();
  instance.on('message', (message: ServerMessage) => {
    if (message.type === 'error') {
      console.error('bench instance failed:', message.message);
      process.exit(1);
    }
    const resolve = replies.get(message.type);
    replies.delete(message.type);
    resolve?.(message);
  });
  const ask = <T>(message: Record<string, unknown>, replyType: string) =>
    new Promise<T>((resolve) => {
      replies.set(replyType, (reply) => resolve(reply as T));
      instance.send(message);
    });
  const { port } = await ask<{ port: number }>({ type: 'start-warm', mongodbUri, redisUrl, cachePrefix }, 'warm-started');
  return { port, request: ask, stop: () => ask({ type: 'stop' }, 'stopped').then(() => undefined) };
}

function request<T>(message: Record<string, unknown>, replyType: string): Promise<T> {
  return new Promise((resolve) => {
    waiting.set(replyType, (reply) => resolve(reply as T));
    child.send(message);
  });
}

async function serverCpuMs(): Promise<number> {
  return (await request<{ cpuMs: number }>({ type: 'cpu' }, 'cpu')).cpuMs;
}

async function databaseCommands(): Promise<{ commands: number; byCommand: Record<string, number> }> {
  return request<{ commands: number; byCommand: Record<string, number> }>({ type: 'count' }, 'count');
}

function urlOf(ports: Record<Target, number>, target: Target, scenario: Scenario): string {
  return isBaseline(target) && target !== 'apolloMinimal'
    ? `http://127.0.0.1:${ports[target]}/${scenario.name}`
    : `http://127.0.0.1:${ports[target]}/graphql`;
}

/** What an answer says, without its extensions (the caller's budget and cost, which differ per request). */
function answerData(body: string): unknown {
  const { data, errors } = JSON.parse(body) as { data?: unknown; errors?: unknown };
  return { data, errors };
}

async function post(url: string, query: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const text = await response.text();
  if (response.status !== 200 || (JSON.parse(text) as { errors?: unknown }).errors)
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}

const isBaseline = (target: Target) => target === 'nodeHttp' || target === 'apolloMinimal' || target === 'databaseFloor';
const isSkillAtlas = (target: Target) => !isBaseline(target);

/** The server's own count of this operation's requests and of the MongoDB commands attributed to them. */
async function operationCounts(port: number, operationName: string): Promise<OperationCounts> {
  const metrics = (await (
    await fetch(`http://127.0.0.1:${port}/metrics/cache`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } })
  ).json()) as { operations: Record<string, OperationCounts> };
  return metrics.operations[operationName] ?? { operations: 0, databaseCommands: 0 };
}

/**
 * Autocannon stops at the end of its duration with up to `connections` requests still in flight; the server
 * finishes them anyway. Waits until it has (the operation count reaches `expected`, or stops moving), so that
 * their MongoDB commands and CPU neither inflate this window's db/req nor slow the next target down.
 */
async function drain(port: number, operationName: string, since: OperationCounts, expected: number): Promise<OperationCounts> {
  let last = await operationCounts(port, operationName);
  let unchangedSince = Date.now();
  const deadline = Date.now() + 60_000;
  while (last.operations - since.operations < expected && Date.now() - unchangedSince < 5_000 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await operationCounts(port, operationName);
    if (now.operations !== last.operations) unchangedSince = Date.now();
    last = now;
  }
  return last;
}

/** `connections` clients posting the scenario's query to `url` for `seconds`. */
function load(url: string, scenario: Scenario, seconds: number, clients = connections): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: scenario.query }),
    connections: clients,
    duration: seconds,
  });
}

/**
 * The two-instance variant: `connections` split between the two API processes, loaded at once;
 * throughput is their sum, latency the worse of the two, CPU both processes' per request served.
 */
async function measureSplit(scenario: Scenario): Promise<Measurement> {
  const operationName = operationNameOf(scenario);
  const cpu = async () => {
    let total = 0;
    for (const instance of splitInstances) total += (await instance.request<{ cpuMs: number }>({ type: 'cpu' }, 'cpu')).cpuMs;
    return total;
  };
  const operationsBefore = await Promise.all(splitInstances.map((instance) => operationCounts(instance.port, operationName)));
  const [cpuBefore, databaseCpuBefore] = [await cpu(), databaseProcess?.cpuMs() ?? null];
  const each = Math.max(1, Math.floor(connections / splitInstances.length));
  const results = await Promise.all(
    splitInstances.map((instance) => load(`http://127.0.0.1:${instance.port}/graphql`, scenario, durationSeconds, each)),
  );
  const operationsAfter = await Promise.all(
    splitInstances.map((instance, index) => drain(instance.port, operationName, operationsBefore[index], results[index].requests.sent)),
  );
  const served = Math.max(
    operationsAfter.reduce((sum, after, index) => sum + after.operations - operationsBefore[index].operations, 0),
    1,
  );
  const attributed = operationsAfter.reduce(
    (sum, after, index) => sum + after.databaseCommands - operationsBefore[index].databaseCommands,
    0,
  );
  return {
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.average, 0),
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    requests: results.reduce((sum, result) => sum + result.requests.total, 0),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0),
    databaseCommandsPerRequest: attributed / served,
    databaseCommandsByName: {},
    unattributedPerRequest: 0,
    serverCpuMsPerRequest: ((await cpu()) - cpuBefore) / served,
    databaseCpuMsPerRequest: databaseProcess && databaseCpuBefore !== null ? (databaseProcess.cpuMs() - databaseCpuBefore) / served : null,
  };
}

async function measure(ports: Record<Target, number>, target: Target, scenario: Scenario): Promise<Measurement> {
  if (target === 'warmTwo') return measureSplit(scenario);
  const operationName = operationNameOf(scenario);
  const counted = isSkillAtlas(target);
  const before = await databaseCommands();
  const operationsBefore = counted ? await operationCounts(ports[target], operationName) : undefined;
  const [serverCpuBefore, databaseCpuBefore] = [await serverCpuMs(), databaseProcess?.cpuMs() ?? null];
  const result = await load(urlOf(ports, target, scenario), scenario, durationSeconds);
  const measurement: Measurement = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    databaseCommandsPerRequest: null,
    databaseCommandsByName: {},
    unattributedPerRequest: 0,
    serverCpuMsPerRequest: 0,
    databaseCpuMsPerRequest: null,
  };
  // CPU is divided by the requests the server answered, in-flight ones included, once it has answered them.
  const recordCpu = async (served: number) => {
    measurement.serverCpuMsPerRequest = ((await serverCpuMs()) - serverCpuBefore) / served;
    if (databaseProcess && databaseCpuBefore !== null)
      measurement.databaseCpuMsPerRequest = (databaseProcess.cpuMs() - databaseCpuBefore) / served;
  };
  if (!operationsBefore) {
    // Up to `connections` requests are still in flight: wait as long as the slowest one took, so that the
    // database-floor baseline's last commands land in its own window, not in the next target's.
    await new Promise((resolve) => setTimeout(resolve, Math.min(result.latency.max, 10_000) + 200));
    await recordCpu(Math.max(result.requests.sent, 1));
    return measurement;
  }
  const operationsAfter = await drain(ports[target], operationName, operationsBefore, result.requests.sent);
  const after = await databaseCommands();
  const served = Math.max(operationsAfter.operations - operationsBefore.operations, 1);
  await recordCpu(served);
  const attributed = operationsAfter.databaseCommands - operationsBefore.databaseCommands;
  measurement.databaseCommandsPerRequest = attributed / served;
  measurement.unattributedPerRequest = (after.commands - before.commands - attributed) / served;
  measurement.databaseCommandsByName = Object.fromEntries(
    Object.entries(after.byCommand)
      .map(([name, count]) => [name, (count - (before.byCommand[name] ?? 0)) / served] as const)
      .filter(([, perRequest]) => perRequest > 0),
  );
  return measurement;
}

interface OutageResult {
  phases: Array<{ name: string; measurement: Measurement }>;
  /** Milliseconds from redis-server answering again to the first response served from the cache; null if not within 15 s. */
  recoveredAfterMs: number | null;
}

/**
 * What a Redis outage does to a warm scenario: a SkillAtlas server with both caches on a redis-server
 * of its own (bench/servers.ts), measured with Redis up, after killing it, and after starting it again.
 */
async function measureRedisOutage(ports: Record<Target, number>, scenario: Scenario, cachePrefix: string): Promise<OutageResult> {
  const { port } = await request<{ port: number }>({ type: 'outage-start', cachePrefix }, 'outage-started');
  const onOwnRedis = { ...ports, warm: port };
  const url = urlOf(onOwnRedis, 'warm', scenario);
  const operationName = operationNameOf(scenario);
  const phase = async (name: string) => {
    const measurement = await measure(onOwnRedis, 'warm', scenario);
    console.log(
      `redis outage: ${name.padEnd(44)} ${measurement.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${measurement.p50} ms  p99 ${measurement.p99} ms  db/req ${measurement.databaseCommandsPerRequest?.toFixed(2)}`,
    );
    return { name, measurement };
  };
  await load(url, scenario, 1);
  const phases = [await phase('Redis up, response cache warm')];
  await request({ type: 'redis-stop' }, 'redis-stopped');
  phases.push(await phase('Redis killed (SIGKILL) before the window'));
  await request({ type: 'redis-start' }, 'redis-started');
  const restartedAt = Date.now();
  let recoveredAfterMs: number | null = null;
  while (recoveredAfterMs === null && Date.now() - restartedAt < 15_000) {
    const before = await operationCounts(port, operationName);
    await post(url, scenario.query);
    const after = await operationCounts(port, operationName);
    if (after.databaseCommands === before.databaseCommands) recoveredAfterMs = Date.now() - restartedAt;
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  phases.push(await phase('Redis started again, caching resumed'));
  return { phases, recoveredAfterMs };
}

function outageReport(outage: OutageResult, scenario: Scenario): string {
  return [
    '',
    `## Redis outage: ${scenario.title.toLowerCase()}`,
    '',
    'A SkillAtlas server with both caches on a redis-server of its own, measured (one window each) with Redis up,',
    'after killing it with SIGKILL, and after starting it again on the same port. While Redis is down every request',
    'is answered from MongoDB; the outage and the recovery are logged once each (tests/redis-failure.test.ts checks it).',
    '',
    '| phase | req/s | p50 ms | p99 ms | db/req | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...outage.phases.map(
      ({ name, measurement: m }) =>
        `| ${name} | ${m.requestsPerSecond.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.databaseCommandsPerRequest?.toFixed(2) ?? '–'} | ${m.errors} |`,
    ),
    '',
    outage.recoveredAfterMs === null
      ? 'Caching had not resumed 15 s after redis-server answered again.'
      : `Caching resumed ${outage.recoveredAfterMs} ms after redis-server answered again (the client reconnects with a back-off of up to a second).`,
    '',
  ].join('\n');
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The driver mongoose runs on: its own nested copy when npm installed one, else the top-level package. */
function mongooseDriverVersion(): string {
  const nested = packageVersion('mongoose/node_modules/mongodb');
  return nested === 'unknown' ? packageVersion('mongodb') : nested;
}

function redisVersion(): string {
  try {
    return execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const mongodbUri = process.env.MONGODB_URI;
  if (!mongodbUri) {
    console.error('bench: set MONGODB_URI (a fresh database is created on that server and dropped afterwards).');
    process.exitCode = 2;
    return;
  }
  const redisUrl = process.env.REDIS_URL;
  const runId = `bench_${Date.now().toString(36)}`;
  const databaseUri = new URL(mongodbUri);
  databaseUri.pathname = `/${runId}`;
  databaseProcess = listeningProcess(databaseUri.hostname, Number(databaseUri.port || 27017));

  // NODE_ENV=production as in the image (Dockerfile): graphql-js and express skip their development-mode checks.
  child = fork(path.join(__dirname, 'servers.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  child.on('message', (message: ServerMessage) => {
    if (message.type === 'error') {
      console.error('bench servers failed:', message.message);
      process.exit(1);
    }
    const resolve = waiting.get(message.type);
    waiting.delete(message.type);
    resolve?.(message);
  });

  console.log(`seeding ${runId} on ${databaseUri.host} and starting the servers…`);
  const started = await request<{
    ports: Record<'cold' | 'entity' | 'warm', number>;
    seed: { durationMs: number; resources: number };
    store: string;
  }>({ type: 'start', mongodbUri: databaseUri.toString(), redisUrl, cachePrefix: runId }, 'started');
  console.log(`seeded ${started.seed.resources} resources in ${started.seed.durationMs} ms; cache store: ${started.store}`);

  // The two-instance variant: two more API processes on the seeded database, sharing one cache namespace.
  splitInstances = [
    await startSplitInstance(databaseUri.toString(), redisUrl, runId),
    await startSplitInstance(databaseUri.toString(), redisUrl, runId),
  ];

  // Every SkillAtlas variant must answer each scenario with the same bytes; the baselines serve those.
  const responses: Record<string, { query: string; body: string }> = {};
  for (const scenario of SCENARIOS) {
    const cold = await post(`http://127.0.0.1:${started.ports.cold}/graphql`, scenario.query);
    const others = [
      ...(['entity', 'warm', 'warm'] as const).map((variant) => ({ variant, port: started.ports[variant] })),
      ...splitInstances.flatMap((instance) => [instance, instance]).map(({ port }) => ({ variant: 'warmTwo', port })),
    ];
    for (const { variant, port } of others) {
      const other = await post(`http://127.0.0.1:${port}/graphql`, scenario.query);
      // The data must match; extensions differ by design (each answer's rate-limit budget and reset time).
      if (JSON.stringify(answerData(other)) !== JSON.stringify(answerData(cold)))
        throw new Error(`${variant} answers ${scenario.name} differently from cold`);
    }
    responses[scenario.name] = { query: scenario.query, body: cold };
  }
  const baselines = await request<{
    ports: Record<'nodeHttp' | 'apolloMinimal' | 'databaseFloor', number> & { databaseFloorWaves: Record<string, number[]> };
  }>({ type: 'baselines', responses }, 'baselines-started');
  databaseFloorWaves = baselines.ports.databaseFloorWaves;
  const ports = { ...started.ports, ...baselines.ports, warmTwo: splitInstances[0].port } as Record<Target, number>;
  for (const scenario of SCENARIOS) {
    const fromApollo = answerData(await post(urlOf(ports, 'apolloMinimal', scenario), scenario.query));
    if (JSON.stringify(fromApollo) !== JSON.stringify(answerData(responses[scenario.name].body)))
      throw new Error(`the Apollo baseline answers ${scenario.name} differently`);
  }

  // Warm-up: let the JIT and the connection pools settle, outside the measurements.
  for (const scenario of SCENARIOS) {
    for (const instance of splitInstances) await load(`http://127.0.0.1:${instance.port}/graphql`, scenario, 1);
    for (const target of TARGETS) {
      if (target === 'warmTwo') continue;
      const since = isSkillAtlas(target) ? await operationCounts(ports[target], operationNameOf(scenario)) : undefined;
      const warmUp = await load(urlOf(ports, target, scenario), scenario, 1);
      if (since) await drain(ports[target], operationNameOf(scenario), since, warmUp.requests.sent);
    }
  }

  const results = new Map<string, Measurement[]>();
  for (let round = 1; round <= rounds; round += 1) {
    for (const scenario of SCENARIOS) {
      // Interleaved, in a different order each round, so a slow patch of the machine hits every target alike.
      const order = round % 2 === 1 ? [...TARGETS] : [...TARGETS].reverse();
      for (const target of order) {
        const measurement = await measure(ports, target, scenario);
        const key = `${scenario.name}/${target}`;
        results.set(key, [...(results.get(key) ?? []), measurement]);
        console.log(
          `round ${round} ${key.padEnd(24)} ${measurement.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${measurement.p50} ms  p99 ${measurement.p99} ms  db/req ${measurement.databaseCommandsPerRequest?.toFixed(2) ?? '–'}  cpu ms/req ${measurement.serverCpuMsPerRequest.toFixed(2)}${measurement.databaseCpuMsPerRequest !== null ? ` + db ${measurement.databaseCpuMsPerRequest.toFixed(2)}` : ''}${measurement.unattributedPerRequest ? `  UNATTRIBUTED ${measurement.unattributedPerRequest.toFixed(2)}/req` : ''}${measurement.errors ? `  ERRORS ${measurement.errors}` : ''}`,
        );
      }
    }
  }

  const outage = await measureRedisOutage(ports, SCENARIOS[0], runId);

  for (const instance of splitInstances) await instance.stop().catch(() => undefined);
  await request({ type: 'stop' }, 'stopped').catch(() => undefined);
  writeFileSync(path.join(PROJECT_ROOT, 'bench', 'REPORT.md'), report(results, started) + outageReport(outage, SCENARIOS[0]));
  console.log('wrote bench/REPORT.md');
}

function report(results: Map<string, Measurement[]>, started: { seed: { resources: number }; store: string }): string {
  const cpus = os.cpus();
  const lines: string[] = [
    '# SkillAtlas benchmark',
    '',
    `Generated by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString()}. Numbers depend on the machine; compare the`,
    'ratios, which are measured against baselines in the same run (docs/DESIGN.md §5).',
    '',
    '## Set-up',
    '',
    `- ${rounds} interleaved rounds per scenario and target, ${durationSeconds} s each, ${connections} connections (autocannon), after a 1 s warm-up of each.`,
    `- Tables give the **median** of the rounds. "db/req": MongoDB commands (driver command monitoring) per request, as the`,
    `  request scope attributed them to each request (the server's \`/metrics/cache\`), over every request autocannon sent in the`,
    `  window, counted once the server has finished them all: autocannon stops with up to ${connections} requests in flight, which`,
    `  the server still answers. The process-wide counter is checked against it (commands no request sent: "unattributed").`,
    `- Data: the seed (\`seedDatabase\`), ${started.seed.resources} resources, in a fresh database; cache store: **${started.store}**.`,
    `- Servers in one child process; autocannon in the parent. All on 127.0.0.1.`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}.`,
    `- Load average (1, 5, 15 min) when the report was written: ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(', ')}; far above ${cpus.length} means other work shared the machine and every figure is noisy.`,
    `- Versions: Node ${process.version}; @apollo/server ${packageVersion('@apollo/server')}, express ${packageVersion('express')}, graphql ${packageVersion('graphql')}, type-graphql ${packageVersion('type-graphql')}, mongoose ${packageVersion('mongoose')}, mongodb driver ${mongooseDriverVersion()}, redis (node-redis) ${packageVersion('redis')}, autocannon ${packageVersion('autocannon')}; ${redisVersion()}; MongoDB at ${new URL(process.env.MONGODB_URI!).host}.`,
    '',
    'Targets:',
    '',
    ...TARGETS.map((target) => `- **${target}**: ${TARGET_LABELS[target]}`),
    '',
    'Reading the numbers:',
    '',
    '- **warm** answers before express from the response cache: the body is kept in the process while the epoch is',
    '  unchanged, and epoch messages (Redis pub/sub, src/core/cache/epoch-messages.ts) vouch for the epoch, so a hit',
    '  sends nothing to Redis (it reads the epoch only while the messages are down) and 0 MongoDB commands.',
    '- **warmTwo**: the same with two API processes sharing one Redis namespace, the connections split between them;',
    '  the two processes and autocannon then compete for the same CPUs.',
    '- **cold** and **entity** are bound by the database behind MONGODB_URI; against mongo-java-server (the CI',
    '  server, in-memory, no query planner) a sorted page of resources matches every document, then sorts all of them',
    '  with a comparator that re-parses the sort path on every comparison, under a lock held per collection, one page',
    '  at a time ("MongoDB CPU ms/req" below). **databaseFloor** shows what that database allows at best: the same',
    '  commands with nothing of ours around them. Run the bench on a real mongod for production figures. "entity"',
    '  saves the by-id look-ups but not the list queries.',
    `- Autocannon, the servers, Redis and MongoDB share ${cpus.length} CPUs: **node:http** is partly limited by the load`,
    '  generator itself, which makes the ratios to it conservative.',
    '',
  ];
  const summary: string[] = [
    '## Summary',
    '',
    'Ratios of throughput (req/s). Each is the median over the rounds of the ratio *within* a round, where the',
    'targets ran back to back, so a slow patch of a shared machine cancels out.',
    '',
    '| scenario | warm ÷ node:http | warm two-instance ÷ node:http | warm ÷ Apollo minimal | cold ÷ node:http | cold ÷ Apollo minimal | DB floor ÷ Apollo minimal | cold ÷ DB floor | entity ÷ cold | warm ÷ cold | db/req cold | db/req entity | db/req warm |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const cpuSummary: string[] = [
    '### Where the time goes: CPU per request',
    '',
    "Milliseconds of CPU (user + system) per request answered, median over the rounds: our servers' process (the",
    'SkillAtlas variants and the baselines live in it and are loaded one at a time), and the MongoDB server',
    `process (${databaseProcess ? `\`${databaseProcess.command}\`, pid ${databaseProcess.pid}` : 'not a local process: not measured'}). The last column, Apollo minimal's CPU`,
    'per request over ours when cold, is the cold ÷ Apollo minimal throughput ratio that a CPU-bound server would',
    'reach if the database server cost it nothing. "DB floor" is the same for the bare driver sending the same',
    'commands: the client-side cost of talking to MongoDB at all, which no GraphQL layer can go below.',
    '',
    '| scenario | Apollo minimal | DB floor: ours | cold: ours | cold: MongoDB | entity: ours | warm: ours | Apollo minimal ÷ DB floor (ours) | Apollo minimal ÷ cold (ours) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of SCENARIOS) {
    const medianOf = (target: Target) => {
      const runs = results.get(`${scenario.name}/${target}`) ?? [];
      return {
        requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
        p50: median(runs.map((run) => run.p50)),
        p99: median(runs.map((run) => run.p99)),
        databaseCommandsPerRequest: median(runs.map((run) => run.databaseCommandsPerRequest ?? 0)),
        serverCpuMsPerRequest: median(runs.map((run) => run.serverCpuMsPerRequest)),
        databaseCpuMsPerRequest: runs.some((run) => run.databaseCpuMsPerRequest === null)
          ? null
          : median(runs.map((run) => run.databaseCpuMsPerRequest ?? 0)),
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
        perRound: runs.map((run) => run.requestsPerSecond.toFixed(0)).join(' / '),
      };
    };
    const nodeHttp = medianOf('nodeHttp');
    const apolloMinimal = medianOf('apolloMinimal');
    lines.push(`## ${scenario.title}`, '', '```graphql', scenario.query, '```', '');
    lines.push(
      '| target | req/s (median) | req/s per round | p50 ms | p99 ms | db/req | server CPU ms/req | MongoDB CPU ms/req | ÷ node:http | ÷ Apollo minimal | errors |',
      '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const target of TARGETS) {
      const m = medianOf(target);
      const replayed = (databaseFloorWaves[scenario.name] ?? []).reduce((sum, wave) => sum + wave, 0);
      const databaseColumn =
        target === 'databaseFloor' ? `${replayed} (replayed)` : isBaseline(target) ? '–' : m.databaseCommandsPerRequest.toFixed(2);
      lines.push(
        `| ${target} | ${m.requestsPerSecond.toFixed(0)} | ${m.perRound} | ${m.p50} | ${m.p99} | ${databaseColumn} | ${m.serverCpuMsPerRequest.toFixed(2)} | ${m.databaseCpuMsPerRequest?.toFixed(2) ?? '–'} | ${(m.requestsPerSecond / nodeHttp.requestsPerSecond).toFixed(3)} | ${(m.requestsPerSecond / apolloMinimal.requestsPerSecond).toFixed(3)} | ${m.errors} |`,
      );
    }
    const coldRuns = results.get(`${scenario.name}/cold`) ?? [];
    const byName = coldRuns[coldRuns.length - 1]?.databaseCommandsByName ?? {};
    const unattributed = [...TARGETS]
      .flatMap((target) => results.get(`${scenario.name}/${target}`) ?? [])
      .reduce((most, run) => Math.max(most, run.unattributedPerRequest), 0);
    lines.push(
      '',
      `Database floor: ${(databaseFloorWaves[scenario.name] ?? []).length} waves of ${(databaseFloorWaves[scenario.name] ?? []).join(' + ')} command(s).`,
      `MongoDB commands per request, cold, last round (process-wide counter): ${
        Object.entries(byName)
          .map(([name, perRequest]) => `${name} ${perRequest.toFixed(2)}`)
          .join(', ') || 'none'
      }; unattributed to a request, most in any run: ${unattributed.toFixed(2)}.`,
      '',
    );
    const ratio = (target: Target, baseline: Target, digits = 3) => {
      const runs = results.get(`${scenario.name}/${target}`) ?? [];
      const baselineRuns = results.get(`${scenario.name}/${baseline}`) ?? [];
      return median(runs.map((run, round) => run.requestsPerSecond / baselineRuns[round].requestsPerSecond)).toFixed(digits);
    };
    const cpu = (target: Target) => medianOf(target).serverCpuMsPerRequest;
    const databaseCpu = medianOf('cold').databaseCpuMsPerRequest;
    cpuSummary.push(
      `| ${scenario.name} | ${cpu('apolloMinimal').toFixed(2)} | ${cpu('databaseFloor').toFixed(2)} | ${cpu('cold').toFixed(2)} | ${databaseCpu?.toFixed(2) ?? '–'} | ${cpu('entity').toFixed(2)} | ${cpu('warm').toFixed(2)} | ${(cpu('apolloMinimal') / cpu('databaseFloor')).toFixed(2)} | ${(cpu('apolloMinimal') / cpu('cold')).toFixed(2)} |`,
    );
    summary.push(
      `| ${scenario.name} | ${ratio('warm', 'nodeHttp')} | ${ratio('warmTwo', 'nodeHttp')} | ${ratio('warm', 'apolloMinimal')} | ${ratio('cold', 'nodeHttp')} | ${ratio('cold', 'apolloMinimal')} | ${ratio('databaseFloor', 'apolloMinimal')} | ${ratio('cold', 'databaseFloor', 2)} | ${ratio('entity', 'cold', 2)} | ${ratio('warm', 'cold', 1)} | ${medianOf('cold').databaseCommandsPerRequest.toFixed(2)} | ${medianOf('entity').databaseCommandsPerRequest.toFixed(2)} | ${medianOf('warm').databaseCommandsPerRequest.toFixed(2)} |`,
    );
  }
  const firstSection = lines.indexOf(`## ${SCENARIOS[0].title}`);
  return [...lines.slice(0, firstSection), ...summary, '', ...cpuSummary, '', ...lines.slice(firstSection)].join('\n') + '\n';
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  child?.kill();
  process.exitCode = 1;
});
