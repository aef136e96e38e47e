import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { createClient } from 'redis';
import { createLogger } from '../../src/core/logger';
import { connectMongo } from '../../src/core/mongo';
import { toGlobalId } from '../../src/core/relay/global-id';
import { ApiKeyService } from '../../src/modules/api-key/api-key.service';
import { RoleModel } from '../../src/modules/role/role.model';
import { resourceGlobalId, seedCatalog } from './catalog-fixture';
import { deployedApiRuntime } from './deployed-runtime';
import { ServerProcess } from './server-process';
import { mongoServerUri, stopMemoryServer, TEST_ADMIN_TOKEN, uniqueDatabaseName, withDatabase } from './test-app';

/** Real values of the target's catalogue and credentials, so generated requests reach real data and real resolvers. */
export interface FuzzVocabulary {
  slugs: string[];
  globalIds: string[];
  /** Cursors the server handed out, one per list and ordering. */
  cursors: string[];
  adminToken: string;
  partnerKey: string;
  analystKey: string;
  /** A persisted-query hash the server knows (registered at start), for hash-only requests. */
  knownQueryHash: string;
}

export interface FuzzTarget {
  server: ServerProcess;
  vocabulary: FuzzVocabulary;
  /** Stops the server, drops the database and deletes the Redis keys of its prefix. */
  stop(): Promise<void>;
}

const REGISTERED_QUERY = '{ providers(first: 1) { totalCount } }';

const CURSOR_QUERY = `{
  providers(first: 1) { pageInfo { endCursor } }
  skills(first: 1) { pageInfo { endCursor } }
  skillsByName: skills(first: 1, orderBy: { field: NAME }) { pageInfo { endCursor } }
  roles(first: 1) { pageInfo { endCursor } }
  resources(first: 1) { pageInfo { endCursor } }
  byPrice: resources(first: 1, orderBy: { field: PRICE }) { pageInfo { endCursor } }
  byRating: resources(first: 1, orderBy: { field: RATING, direction: ASC }) { pageInfo { endCursor } }
  byStart: resources(first: 1, orderBy: { field: START_DATE }) { pageInfo { endCursor } }
  byTitle: resources(first: 1, orderBy: { field: TITLE }) { pageInfo { endCursor } }
  search(query: "python", first: 1) { pageInfo { endCursor } }
}`;

/**
 * Seeds a small catalogue (catalog-fixture, one role, a partner and an analyst key) into a fresh
 * database and starts the real server on it as a child process in production mode, with Redis
 * under a prefix of its own.
 */
export async function startFuzzTarget(): Promise<FuzzTarget> {
  const databaseUri = withDatabase(await mongoServerUri(), uniqueDatabaseName());
  await connectMongo(databaseUri, createLogger('silent'));
  const fixture = await seedCatalog();
  const role = await RoleModel.create({
    slug: 'backend-developer',
    title: 'Backend Developer',
    titleKey: 'backend developer',
    requiredSkills: [{ skillId: fixture.skillIds.python, level: 'INTERMEDIATE', weight: 0.8 }],
    additionalSkills: [{ skillId: fixture.skillIds.docker, level: 'BEGINNER', weight: 0.3 }],
  });
  const apiKeys = new ApiKeyService();
  const partner = await apiKeys.create({ name: 'fuzz partner', role: 'PARTNER', provider: { globalId: fixture.ids.provider.coursera } });
  const analyst = await apiKeys.create({ name: 'fuzz analyst', role: 'ANALYST' });

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const cacheKeyPrefix = `fuzz_${process.pid}_${Date.now().toString(36)}`;
  // Its memory is measured: started with its sources already compiled (see startCompiled), and with
  // the heap cap it is deployed with. Without a cap V8 on a 24 GB machine lets garbage pile up for
  // hundreds of megabytes before a full collection, and resident size measured that, not what requests keep.
  const server = await ServerProcess.startCompiled({
    NODE_OPTIONS: deployedApiRuntime().nodeOptions,
    NODE_ENV: 'production',
    MONGODB_URI: databaseUri,
    REDIS_URL: redisUrl,
    CACHE_KEY_PREFIX: cacheKeyPrefix,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    SEED_ON_START: 'false',
    // One fuzzer is one address firing thousands of requests: budgets far above them, so requests reach
    // the resolvers instead of stopping at 429 (the cost ceiling per operation keeps its default).
    RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
    RATE_LIMIT_PARTNER_POINTS: '1000000000',
    RATE_LIMIT_ANALYST_POINTS: '1000000000',
    RATE_LIMIT_ADMIN_POINTS: '1000000000',
    RATE_LIMIT_CONCURRENT_OPERATIONS: '1000',
    RATE_LIMIT_CACHED_HITS_PER_SECOND: '1000000',
    RATE_LIMIT_AUTH_FAILURES: '1000000',
  });

  const graphql = async (body: object) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: Record<string, { pageInfo: { endCursor: string | null } }>; errors?: unknown };
    if (json.errors) throw new Error(`the fuzz target's set-up query failed: ${JSON.stringify(json.errors)}`);
    return json;
  };
  const knownQueryHash = createHash('sha256').update(REGISTERED_QUERY).digest('hex');
  await graphql({ query: REGISTERED_QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: knownQueryHash } } });
  const { data } = await graphql({ query: CURSOR_QUERY });
  const cursors = Object.values(data!).flatMap((connection) => (connection.pageInfo.endCursor ? [connection.pageInfo.endCursor] : []));

  const vocabulary: FuzzVocabulary = {
    slugs: [
      ...fixture.resources.map((resource) => resource.slug),
      'coursera',
      'udemy',
      'python',
      'docker',
      'databases',
      'devops',
      role.slug,
    ],
    globalIds: [
      ...fixture.resources.map(resourceGlobalId),
      ...Object.values(fixture.ids.provider),
      ...Object.values(fixture.ids.skill),
      ...Object.values(fixture.categoryIds).map((id) => toGlobalId('Category', id)),
      toGlobalId('Role', role._id),
    ],
    cursors,
    adminToken: TEST_ADMIN_TOKEN,
    partnerKey: partner.secret!,
    analystKey: analyst.secret!,
    knownQueryHash,
  };

  return {
    server,
    vocabulary,
    async stop() {
      await server.stop();
      await mongoose.connection.dropDatabase().catch(() => undefined);
      await mongoose.disconnect();
      await stopMemoryServer();
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${cacheKeyPrefix}:*`, COUNT: 1000 }))
        if (keys.length > 0) await redis.unlink(keys);
      await redis.close();
    },
  };
}
