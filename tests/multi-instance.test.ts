import net from 'node:net';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { createLogger } from '../src/core/logger';
import { connectMongo } from '../src/core/mongo';
import { toGlobalId } from '../src/core/relay/global-id';
import { RoleModel } from '../src/modules/role/role.model';
import { resourceGlobalId, seedCatalog, type CatalogFixture } from './helpers/catalog-fixture';
import { RedisServerProcess } from './helpers/redis-server-process';
import { ServerProcess } from './helpers/server-process';
import { mongoServerUri, stopMemoryServer, TEST_ADMIN_TOKEN, uniqueDatabaseName, withDatabase } from './helpers/test-app';

/**
 * Many instances, never stale: two API processes (real servers, `src/index.ts`) share MongoDB and a
 * Redis of the test's own, with every cache on. A write through either is seen by the next read on
 * both, for every entity type and a relation, while concurrent readers hammer both instances, and
 * while the epoch messages are attacked: the subscriber connection killed, Redis restarted, a
 * process stalled so its messages arrive late. A warm hit with the messages healthy sends Redis
 * nothing at all (MONITOR).
 */

interface Answer {
  status: number;
  cache: string | null;
  data?: Record<string, unknown>;
  errors?: unknown[];
}

async function post(server: ServerProcess, query: string, variables?: Record<string, unknown>, admin = false): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  return { status: response.status, cache: response.headers.get('x-cache'), ...body };
}

async function metricsOf(server: ServerProcess): Promise<{ epochMessages: Record<string, number> }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/metrics/cache`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  return (await response.json()) as { epochMessages: Record<string, number> };
}

/** The version a name carries: `Python v3` → 3; a name without one is version 0. */
function versionOf(text: string): number {
  return Number(/ v(\d+)$/.exec(text)?.[1] ?? 0);
}

/** One kind of data: how to read its version on an instance and how to write the next one. */
interface Subject {
  name: string;
  query: string;
  version(data: Record<string, unknown>): number;
  write(server: ServerProcess, version: number): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL data read field by field; a wrong guess fails the test
type Data = any;

async function mutate(server: ServerProcess, mutation: string, input: Record<string, unknown>): Promise<void> {
  const answer = await post(server, mutation, { input }, true);
  expect(answer.errors).toBeUndefined();
  const payload = Object.values(answer.data ?? {})[0] as { userErrors: unknown[] };
  expect(payload.userErrors).toEqual([]);
}

/** Resources that get the Kubernetes skill one per write, in this order: the relation's version is how many show. */
const JOINING_KUBERNETES = ['advanced-python', 'intro-js', 'js-testing', 'python-pipelines', 'express', 'postgres-beginners'];

/** Planned hours are this plus the version (a course of 101 hours is version 1). */
const PLANNED_HOURS_BASE = 100;

function subjectsOf(fixture: CatalogFixture): Subject[] {
  const languages = toGlobalId('Category', fixture.categoryIds.languages);
  const resourceId = (slug: string) => resourceGlobalId(fixture.bySlug[slug]);
  return [
    {
      name: 'skill',
      query: `query { skill(slug: "python") { name } }`,
      version: (data: Data) => versionOf(data.skill.name),
      write: (server, version) =>
        mutate(server, `mutation($input: UpdateSkillInput!) { updateSkill(input: $input) { userErrors { code } } }`, {
          id: fixture.ids.skill.python,
          name: `Python v${version}`,
        }),
    },
    {
      name: 'category, also as skill.category (an entity-cache relation)',
      query: `query { category(slug: "programming-languages") { name } skill(slug: "python") { category { name } } }`,
      version: (data: Data) => Math.min(versionOf(data.category.name), versionOf(data.skill.category.name)),
      write: (server, version) =>
        mutate(server, `mutation($input: UpdateCategoryInput!) { updateCategory(input: $input) { userErrors { code } } }`, {
          id: languages,
          name: `Programming Languages v${version}`,
        }),
    },
    {
      name: 'role',
      query: `query { role(slug: "backend-developer") { title requiredSkills { skill { slug } } } }`,
      version: (data: Data) => versionOf(data.role.title),
      write: async (server, version) => {
        const role = await RoleModel.findOne({ slug: 'backend-developer' }).lean();
        await mutate(server, `mutation($input: UpdateRoleInput!) { updateRole(input: $input) { userErrors { code } } }`, {
          id: toGlobalId('Role', role!._id),
          title: `Backend Developer v${version}`,
        });
      },
    },
    {
      name: 'provider, also as resource.provider',
      query: `query { provider(slug: "udemy") { name } resource(slug: "advanced-python") { provider { name } } }`,
      version: (data: Data) => Math.min(versionOf(data.provider.name), versionOf(data.resource.provider.name)),
      write: (server, version) =>
        mutate(server, `mutation($input: UpdateProviderInput!) { updateProvider(input: $input) { userErrors { code } } }`, {
          id: toGlobalId('Provider', fixture.bySlug['advanced-python'].providerId),
          name: `Udemy v${version}`,
        }),
    },
    {
      name: 'resource',
      query: `query { resource(slug: "docker-deep-dive") { title } }`,
      version: (data: Data) => versionOf(data.resource.title),
      write: (server, version) =>
        mutate(server, `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { code } } }`, {
          id: resourceId('docker-deep-dive'),
          title: `Docker Deep Dive v${version}`,
        }),
    },
    {
      // A plan is computed from the catalogue and kept in the plan cache (and its response in the response cache):
      // a course's new duration must show in the next plan on both instances.
      name: 'learning plan: the hours of the course planned for Python',
      query: `query { learningPlan(input: { role: "backend-developer", kinds: [COURSE] }) { steps { skill { slug } resources { why { hours } } } } }`,
      version: (data: Data) => {
        const python = (data.learningPlan.steps as Array<{ skill: { slug: string }; resources: Array<{ why: { hours: number } }> }>).find(
          (step) => step.skill.slug === 'python',
        )!;
        return python.resources[0].why.hours - PLANNED_HOURS_BASE;
      },
      // Every Python course gets the version's duration, so whichever the planner picks shows it.
      write: async (server, version) => {
        for (const course of fixture.resources.filter(
          (resource) => resource.kind === 'COURSE' && resource.skills.some((entry) => entry.skillId.equals(fixture.skillIds.python)),
        ))
          await mutate(server, `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { code } } }`, {
            id: resourceGlobalId(course),
            course: { durationMinutes: (PLANNED_HOURS_BASE + version) * 60 },
          });
      },
    },
    {
      name: 'relation: skill.resources after a resource gets the skill',
      query: `query { skill(slug: "kubernetes") { resources(first: 50) { edges { node { slug } } } } }`,
      version: (data: Data) => {
        const slugs = new Set((data.skill.resources.edges as Array<{ node: { slug: string } }>).map((edge) => edge.node.slug));
        return JOINING_KUBERNETES.filter((slug) => slugs.has(slug)).length;
      },
      write: async (server, version) => {
        const resource = fixture.bySlug[JOINING_KUBERNETES[version - 1]];
        const skills = [
          ...resource.skills.map((entry) => ({
            skillId: toGlobalId('Skill', entry.skillId),
            ...(entry.level ? { level: entry.level } : {}),
          })),
          { skillId: fixture.ids.skill.kubernetes, level: 'BEGINNER' },
        ];
        await mutate(server, `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { userErrors { code } } }`, {
          id: resourceGlobalId(resource),
          skills,
        });
      },
    },
  ];
}

/**
 * Readers hammering both instances with every subject's query. Each read records when it STARTED
 * and the version it saw; a read that started after a write was acknowledged must show it.
 */
class Hammer {
  readonly reads: Array<{ subject: string; startedAt: number; version: number; cache: string | null }> = [];
  private running = true;
  private readonly loops: Array<Promise<void>>;
  failures: string[] = [];

  constructor(servers: ServerProcess[], subjects: Subject[], perServer: number) {
    this.loops = servers.flatMap((server) =>
      Array.from({ length: perServer }, async (_, index) => {
        let turn = index;
        while (this.running) {
          const subject = subjects[turn++ % subjects.length];
          const startedAt = performance.now();
          try {
            const answer = await post(server, subject.query);
            if (answer.errors || !answer.data) this.failures.push(`${subject.name}: ${JSON.stringify(answer.errors)}`);
            else this.reads.push({ subject: subject.name, startedAt, version: subject.version(answer.data), cache: answer.cache });
          } catch (error) {
            // A request in flight when a server is stopped (SIGSTOP test) may fail; a wrong answer may not.
            if (this.running) this.failures.push(`${subject.name}: ${String(error)}`);
          }
        }
      }),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

/** The reads that started after a write of `subject` at `version` was acknowledged and still showed an older version. */
function staleReads(hammer: Hammer, acknowledged: Array<{ subject: string; version: number; at: number }>) {
  return hammer.reads.filter((read) =>
    acknowledged.some((write) => write.subject === read.subject && read.startedAt > write.at && read.version < write.version),
  );
}

/** Commands Redis received from clients while `work` ran (MONITOR), beats excepted; commands run by scripts are not clients'. */
async function redisCommandsDuring(port: number, channel: string, work: () => Promise<void>): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  let text = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.startsWith('+OK\r\n')) resolve();
    });
    socket.write('MONITOR\r\n');
  });
  await work();
  // Let MONITOR's last lines arrive.
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
  return text
    .split('\r\n')
    .filter((line) => line.startsWith('+') && line !== '+OK')
    .filter((line) => !/\[\d+ lua\]/.test(line))
    .filter((line) => !(line.includes('"EVAL"') && line.includes(`"${channel}"`) && !line.includes('UNLINK')));
}

describe('two API processes sharing MongoDB and Redis, every cache on', () => {
  const prefix = `t_multi_${process.pid}_${Date.now().toString(36)}`;
  let redis: RedisServerProcess;
  let servers: ServerProcess[];
  let fixture: CatalogFixture;
  let subjects: Subject[];
  const versions = new Map<string, number>();

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    const databaseUri = withDatabase(await mongoServerUri(), uniqueDatabaseName());
    await connectMongo(databaseUri, createLogger('silent'));
    fixture = await seedCatalog();
    await RoleModel.create({
      slug: 'backend-developer',
      title: 'Backend Developer',
      titleKey: 'backend developer',
      requiredSkills: [{ skillId: fixture.skillIds.python, level: 'INTERMEDIATE', weight: 0.8 }],
    });
    subjects = subjectsOf(fixture);
    const environment = {
      NODE_ENV: 'test',
      MONGODB_URI: databaseUri,
      REDIS_URL: redis.url,
      CACHE_KEY_PREFIX: prefix,
      RESPONSE_CACHE_ENABLED: 'true',
      ENTITY_CACHE_ENABLED: 'true',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      REQUEST_TIMEOUT_MS: '60000',
      RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
      RATE_LIMIT_ADMIN_POINTS: '1000000000',
      RATE_LIMIT_CONCURRENT_OPERATIONS: '1000',
      RATE_LIMIT_CACHED_HITS_PER_SECOND: '1000000',
    };
    servers = [await ServerProcess.start(environment), await ServerProcess.start(environment)];
  }, 120_000);

  afterAll(async () => {
    for (const server of servers ?? []) await server.stop();
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await stopMemoryServer();
    await redis?.stop();
  });

  /**
   * Runs `work` with `perServer` hammering readers on each instance, stopped however `work` ends: a
   * failed expectation must end the test, not leave readers spinning against stopped servers.
   */
  async function hammered<T>(perServer: number, work: () => Promise<T>): Promise<{ hammer: Hammer; result: T }> {
    const hammer = new Hammer(servers, subjects, perServer);
    try {
      return { hammer, result: await work() };
    } finally {
      await hammer.stop();
    }
  }

  /**
   * Until both instances say the epoch messages flow (a beat of their own came back). With `reading`,
   * each poll also reads through both, as traffic would; without, the instances are left idle.
   */
  async function channelsUp({ reading = true } = {}): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (reading) for (const server of servers) await post(server, subjects[0].query);
      const up = await Promise.all(servers.map(async (server) => (await metricsOf(server)).epochMessages.channelUp));
      if (up.every((value) => value === 1)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the epoch messages did not come back within 15 s');
  }

  /**
   * For every subject: writes the next version through one instance, then the next read on each
   * instance must show it; alternates the writing instance. `during` runs between write and reads
   * (an attack). Returns the acknowledged writes (with when), for the hammer's check.
   */
  async function writeAndReadEverywhere(
    rounds: number,
    attack: (round: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<Array<{ subject: string; version: number; at: number }>> {
    const acknowledged: Array<{ subject: string; version: number; at: number }> = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const subject of subjects) {
        // Warm both instances first, so a stale copy would be there to serve.
        for (const server of servers) for (let read = 0; read < 3; read += 1) await post(server, subject.query);
        const version = (versions.get(subject.name) ?? 0) + 1;
        versions.set(subject.name, version);
        const writer = servers[(round + version) % 2];
        await attack(round);
        await subject.write(writer, version);
        acknowledged.push({ subject: subject.name, version, at: performance.now() });
        for (const server of [...servers].reverse()) {
          const answer = await post(server, subject.query);
          expect({ subject: subject.name, version: subject.version(answer.data!) }).toEqual({ subject: subject.name, version });
        }
      }
    }
    return acknowledged;
  }

  it('a warm hit sends Redis no command while the epoch messages flow (MONITOR), and is served from the copy in the process', async () => {
    await channelsUp();
    const query = subjects[0].query;
    for (const server of servers) for (let read = 0; read < 3; read += 1) expect((await post(server, query)).status).toBe(200);
    const before = await Promise.all(servers.map(metricsOf));
    const hits = 200;
    const caches: Array<string | null> = [];
    const commands = await redisCommandsDuring(redis.port, `{${prefix}:v1}:epoch-messages`, async () => {
      for (let hit = 0; hit < hits; hit += 1) caches.push((await post(servers[hit % 2], query)).cache);
    });
    expect(caches.filter((cache) => cache === 'HIT')).toHaveLength(hits);
    expect(commands).toEqual([]);
    const after = await Promise.all(servers.map(metricsOf));
    const unchecked = after.reduce(
      (sum, metrics, index) => sum + metrics.epochMessages.localHitsUnchecked - before[index].epochMessages.localHitsUnchecked,
      0,
    );
    expect(unchecked).toBe(hits);
  });

  it('shows a write through either instance on the next read of both, for every entity type and a relation, under concurrent readers', async () => {
    const { hammer, result: acknowledged } = await hammered(3, () => writeAndReadEverywhere(2));
    expect(hammer.failures).toEqual([]);
    expect(staleReads(hammer, acknowledged)).toEqual([]);
    // The caches were on and hit: most hammer reads were answered from them.
    expect(hammer.reads.filter((read) => read.cache === 'HIT').length).toBeGreaterThan(hammer.reads.length / 4);
  });

  it('never stale while the subscriber connections are killed again and again (CLIENT KILL TYPE pubsub)', async () => {
    const resyncsBefore = (await Promise.all(servers.map(metricsOf))).map((metrics) => metrics.epochMessages.resyncs);
    const { hammer, result: acknowledged } = await hammered(2, () =>
      writeAndReadEverywhere(1, () => redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub')),
    );
    expect(hammer.failures).toEqual([]);
    expect(staleReads(hammer, acknowledged)).toEqual([]);
    // Both came back and re-synced after the kills: hits are again served with no network trip.
    await channelsUp();
    const resyncsAfter = (await Promise.all(servers.map(metricsOf))).map((metrics) => metrics.epochMessages.resyncs);
    resyncsAfter.forEach((resyncs, index) => expect(resyncs).toBeGreaterThan(resyncsBefore[index]));
  });

  it('never stale across a Redis restart without its data, writes made while it is down included', async () => {
    // One restart at a time: the next outage begins only once the last restart has finished (on a
    // loaded machine a fast subject could otherwise start Redis twice, or stop it while it starts).
    let restarted = Promise.resolve();
    const { hammer, result: acknowledged } = await hammered(2, () =>
      writeAndReadEverywhere(1, async () => {
        await restarted;
        await redis.stop();
        // The write below is made while Redis is down; it starts again 50 ms later, before or during the reads.
        restarted = new Promise((resolve) => setTimeout(resolve, 50)).then(() => redis.start());
      }),
    );
    await restarted;
    expect(hammer.failures).toEqual([]);
    expect(staleReads(hammer, acknowledged)).toEqual([]);
    await channelsUp();
  });

  it('an idle instance gets its messages back by itself after Redis restarts without its data', async () => {
    await channelsUp();
    await redis.stop();
    await redis.start();
    // No request from here on: the beats find no epoch in the empty Redis, and must restore one themselves.
    await channelsUp({ reading: false });
    for (const server of servers) expect((await post(server, subjects[0].query)).status).toBe(200);
  });

  it('a stalled instance whose messages arrive late checks before it serves (the writer waits out its lease)', async () => {
    await channelsUp();
    const [writer, stalled] = servers;
    const subject = subjects[0];
    for (const server of servers) for (let read = 0; read < 3; read += 1) await post(server, subject.query);
    expect((await post(stalled, subject.query)).cache).toBe('HIT');
    const version = (versions.get(subject.name) ?? 0) + 1;
    versions.set(subject.name, version);
    process.kill(stalled.pid!, 'SIGSTOP');
    let resumed = false;
    try {
      await subject.write(writer, version);
      // The read is sent while the stalled process cannot take its message in: both wait in its sockets.
      const reading = post(stalled, subject.query);
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.kill(stalled.pid!, 'SIGCONT');
      resumed = true;
      expect(subject.version((await reading).data!)).toBe(version);
    } finally {
      if (!resumed) process.kill(stalled.pid!, 'SIGCONT');
    }
    const writerMetrics = await metricsOf(writer);
    expect(writerMetrics.epochMessages.acknowledgementTimeouts).toBeGreaterThanOrEqual(1);
  });

  it('an epoch changed without a message (an older writer) is noticed by the next beat', async () => {
    await channelsUp();
    const subject = subjects[4];
    for (const server of servers) for (let read = 0; read < 3; read += 1) await post(server, subject.query);
    const before = await Promise.all(servers.map(metricsOf));
    await redis.command('SET', `{${prefix}:v1}:epoch`, `999999:changed-without-a-message`);
    const deadline = Date.now() + 5_000;
    let noticed = false;
    while (!noticed && Date.now() < deadline) {
      const after = await Promise.all(servers.map(metricsOf));
      noticed = after.every(
        (metrics, index) => metrics.epochMessages.epochChangesWithoutMessage > before[index].epochMessages.epochChangesWithoutMessage,
      );
      if (!noticed) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(noticed).toBe(true);
    // The copies kept at the old epoch no longer match: the next hits are read from Redis again.
    for (const server of servers) expect((await post(server, subject.query)).status).toBe(200);
  });
});
