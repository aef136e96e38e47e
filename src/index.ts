import 'reflect-metadata';
import { ConfigError, loadConfig } from './core/config';
import { createLogger } from './core/logger';
import { listenFailure, StartupError } from './core/startup-error';
import { startTracing } from './core/tracing';

/** Start-up: config → connections → (seed) → server → listen; stops gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Off by default (its packages are then never loaded). When on, it starts before anything loads express,
  // graphql or the MongoDB driver, hence the imports below: its instrumentations patch them as they load.
  const tracing = config.tracing ? await startTracing(config.tracing, logger) : undefined;
  const { createCaches } = await import('./core/cache');
  const { connectMongo, disconnectMongo, startEmbeddedMongo } = await import('./core/mongo');
  const { startMetricsServer } = await import('./core/metrics');
  const { backfillResourceUrlKeys } = await import('./modules/resource/resource-url-claims');
  const { backfillHonestFields } = await import('./modules/ingestion/honest-fields-backfill');
  const { backfillSearchFields } = await import('./modules/search/search-indexing');
  const { backfillSearchVocabulary } = await import('./modules/search/search-vocabulary');
  const { createApp } = await import('./server');

  const embedded = config.mongodbUri ? undefined : await startEmbeddedMongo(config.embeddedMongoDataDir, logger);
  await connectMongo(
    config.mongodbUri ?? embedded!.uri,
    logger,
    {
      serverSelectionTimeoutMs: config.mongoServerSelectionTimeoutMs,
      operationTimeoutMs: config.mongoOperationTimeoutMs,
    },
    config.mongoLagTolerantReads,
  );
  if (!config.redis)
    logger.warn('No Redis is configured (REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS): caches are kept in this process only');
  if (!config.adminToken) logger.warn('ADMIN_TOKEN is not set: admin mutations are refused');

  // Made before seeding: a seed writes in bulk, so it flushes the (possibly shared) caches afterwards.
  const caches = await createCaches(config, logger);
  if (config.seedOnStart) {
    const { seedIfEmpty } = await import('../seeds/seed');
    await seedIfEmpty(logger, caches.invalidation);
  } else {
    logger.info('SEED_ON_START is false: not seeding, whatever the database holds');
  }

  // Resources written before URL claims existed claim their URLs (one live resource per URL): before any write.
  const urlClaims = await backfillResourceUrlKeys();
  if (urlClaims.claimed > 0) logger.info({ resources: urlClaims.claimed }, 'resource URLs claimed');
  if (urlClaims.unclaimed.length > 0)
    logger.warn({ unclaimed: urlClaims.unclaimed }, 'live resources share a URL with an older one: merge or retire them');

  // Resources stored before prices were tri-state: "not free" becomes UNKNOWN unless something said paid.
  const honestFields = await backfillHonestFields();
  const honestChanged = honestFields.pricing.FREE + honestFields.pricing.PAID + honestFields.pricing.UNKNOWN + honestFields.levelSource > 0;
  if (honestChanged) logger.info({ honestFields }, 'resources migrated to tri-state prices and level sources');

  // Resources written before search existed (or by an older analysis) get their search fields; a no-op otherwise.
  const searchBackfilled = await backfillSearchFields();
  // The title vocabulary typo queries look words up in: filled once from an existing catalogue.
  const vocabularyFilled = await backfillSearchVocabulary();
  const searchChanged = searchBackfilled > 0 || vocabularyFilled > 0;
  if (searchChanged) logger.info({ resources: searchBackfilled, vocabularyWords: vocabularyFilled }, 'search fields backfilled');
  // Answers cached before either migration may show the old fields or miss what search now finds: one flush for both.
  if (honestChanged || searchChanged) await caches.invalidation.flushAll();

  const { httpServer, apollo, metrics } = await createApp({ config, logger, caches });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenFailure(error, config.port, config.host) ?? error);
    httpServer.once('error', failed);
    httpServer.listen(config.port, config.host, () => resolve(void httpServer.off('error', failed)));
  });
  logger.info({ url: `http://localhost:${config.port}/graphql`, sandbox: config.sandbox }, 'SkillAtlas is serving GraphQL');
  const metricsServer =
    metrics && config.metrics.port !== undefined
      ? await startMetricsServer({
          registry: metrics.registry,
          port: config.metrics.port,
          host: config.metrics.host,
          token: config.metrics.token,
        })
      : undefined;
  if (metricsServer) logger.info({ url: `http://${config.metrics.host}:${metricsServer.port}/metrics` }, 'serving metrics');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining requests');
    const forceExit = setTimeout(() => process.exit(1), 15_000).unref();
    await apollo.stop();
    await metricsServer?.close();
    logger.debug('HTTP server drained');
    await caches.close();
    await disconnectMongo();
    logger.debug('MongoDB disconnected');
    await embedded?.stop();
    await tracing?.stop();
    clearTimeout(forceExit);
    logger.info('stopped');
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A promise rejected with nobody listening (a bug: every request path handles its own) would end
  // the process by Node's default, taking every other client's request with it. Log it loudly instead.
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection (a bug): logged, the server goes on'),
  );
}

main().catch((error) => {
  // An expected failure is one paragraph saying what to set; anything else is a bug and keeps its stack.
  if (error instanceof StartupError) console.error(error.message);
  else console.error('SkillAtlas failed to start:', error);
  process.exit(1);
});
