import path from 'node:path';
import type { CacheInvalidation } from '../src/core/cache/cache-invalidation';
import { noCacheInvalidation } from '../src/core/cache/cache-invalidation';
import { createEntityChanges } from '../src/app/entity-change-listeners';
import { IngestionService, type IngestionReport } from '../src/modules/ingestion/ingestion.service';
import { backfillResourceUrlKeys } from '../src/modules/resource/resource-url-claims';
import { backfillHonestFields } from '../src/modules/ingestion/honest-fields-backfill';
import { SkillModel } from '../src/modules/skill/skill.model';
import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { backfillSearchVocabulary } from '../src/modules/search/search-vocabulary';
import { seedProviders } from './database/seed-providers';
import { seedCategories, seedRoles, seedSkills } from './database/seed-taxonomy';
import { seedOccupations } from './database/seed-occupations';
import { idsBySlug } from './database/seed-counts';
import { RoleModel } from '../src/modules/role/role.model';
import { readOnetData, type OnetData } from '../src/modules/occupation/onet-files';
import { roleOccupations } from './onet/role-occupations';
import { skillTechnologies } from './onet/skill-technologies';
import { providers as defaultProviders, type ProviderSeed } from '../src/modules/provider/known-providers';
import { addSkipped, emptySeedCounts, type SeedCounts, type SeedReport, type SourceSeedReport } from './seed-report';
import { ONET_FOLDER, readSeedFeed, SEED_DATA_DIR, SEED_FEEDS } from './sources/seed-feeds';
import { taxonomy as defaultTaxonomy } from './taxonomy';
import type { Taxonomy } from './taxonomy/taxonomy.types';
import { validateTaxonomy } from './taxonomy/validate-taxonomy';

export interface SeedLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
}

export interface SeedOptions {
  /** Receives progress messages (`info`) and data problems (`warn`). Default: silent. */
  logger?: SeedLogger;
  /** Default: the article's taxonomy from seeds/taxonomy. */
  taxonomy?: Taxonomy;
  /** Default: the known providers (src/modules/provider/known-providers.ts). */
  providers?: readonly ProviderSeed[];
  /** Folder holding the feeds' data files. Default: seeds/data. */
  dataDir?: string;
  /**
   * The caches of the database being seeded: told about every resource the feeds change (as any
   * ingestion does), and flushed once the writes are done, since the taxonomy is written in bulk
   * without collecting ids. Default: none (a database no server has cached yet).
   */
  cache?: CacheInvalidation;
}

/**
 * Records per bulk write when seeding: larger than `npm run ingest`'s default (a seed is one trusted
 * local run, and fewer round trips keep it at a few seconds); the writes are the same either way.
 */
export const SEED_BATCH_SIZE = 1000;

const silentLogger: SeedLogger = { info: () => undefined, warn: () => undefined };

/** The resource collection's counts: the sum of what each feed wrote (retired ones count as updated, listed as unchanged). */
function sumWrittenCounts(sources: readonly SourceSeedReport[]): SeedCounts {
  const total = emptySeedCounts();
  for (const source of sources) {
    total.read += source.resources;
    total.created += source.created;
    total.updated += source.updated + source.retired;
    total.unchanged += source.unchanged + source.listed;
    for (const rejection of source.rejected) addSkipped(total.skipped, `${source.feed}: ${rejection.reason.replace(/^.*?line \d+: /, '')}`);
  }
  return total;
}

/** The seed's view of one feed's ingestion: records read counts every listing, merged ones too. */
function sourceReportOf(report: IngestionReport): SourceSeedReport {
  const merged = report.merged.reduce((sum, entry) => sum + entry.count, 0);
  const skipped = report.merged.map((entry) => ({ ...entry }));
  for (const rejection of report.rejected) addSkipped(skipped, `rejected: ${rejection.reason}`);
  return {
    feed: report.feed,
    read: report.read + merged,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    listed: report.listed,
    retired: report.retired,
    rejected: report.rejected,
    skipped,
    resources: report.created + report.updated + report.unchanged + report.listed,
    resourcesWithoutSkills: report.withoutSkills,
    unmappedTerms: report.unmappedTerms,
  };
}

/**
 * Everything but the resources: the taxonomy, the providers and the O*NET occupations and technology
 * rows (idempotent, as the rest of the seed). `npm run ingest` writes resources only, so a database it
 * fills needs this first.
 */
export async function seedReferenceData(
  taxonomy: Taxonomy = defaultTaxonomy,
  providers: readonly ProviderSeed[] = defaultProviders,
  onet?: OnetData,
) {
  const categories = await seedCategories(taxonomy.categories);
  const skills = await seedSkills(taxonomy.skills, categories.ids);
  const roles = await seedRoles(taxonomy.roles, skills.ids);
  const seededProviders = await seedProviders(providers);
  const onetCounts = await seedOccupations({
    onet: onet ?? (await readOnetData(path.join(SEED_DATA_DIR, ONET_FOLDER))),
    roleOccupations,
    skillTechnologies,
    roleIds: await idsBySlug(
      RoleModel,
      taxonomy.roles.map((role) => role.slug),
    ),
    skillIds: skills.ids,
  });
  return { categories, skills, roles, seededProviders, onetCounts };
}

/**
 * Seeds the taxonomy (categories, skills, roles), the providers, the O*NET occupations of the roles
 * with the technology rows naming each skill (seeds/onet), and the feeds' resources into the
 * database mongoose is already connected to. The resources go in the one way every feed does: each
 * data set through its ingestion adapter, the normaliser and the resource writer
 * (`IngestionService.ingest`, as `npm run ingest` runs it), with `source.fetchedAt` the upstream
 * commit date from SOURCE.md. So seeding and ingesting the same files give the same documents, and
 * either after the other writes nothing. Idempotent: documents are upserted by slug (resources by
 * source feed and external id) and only fields that differ are written, so a second run over the same
 * data reports nothing created or updated. Never deletes a document (a resource its data set no
 * longer lists is retired, as ingestion does). Throws, before writing anything, when the taxonomy is
 * inconsistent (see `validateTaxonomy`) or a data file is unreadable.
 */
export async function seedDatabase(options: SeedOptions = {}): Promise<SeedReport> {
  const startedAt = Date.now();
  const logger = options.logger ?? silentLogger;
  const taxonomy = options.taxonomy ?? defaultTaxonomy;
  const providers = options.providers ?? defaultProviders;

  const problems = validateTaxonomy(taxonomy);
  if (problems.length > 0) throw new Error(`seedDatabase: the taxonomy is inconsistent:\n- ${problems.join('\n- ')}`);
  const dataDir = options.dataDir ?? SEED_DATA_DIR;
  const [feeds, onet] = await Promise.all([
    Promise.all(SEED_FEEDS.map((feed) => readSeedFeed(dataDir, feed))),
    readOnetData(path.join(dataDir, ONET_FOLDER)),
  ]);
  logger.info(
    {
      feeds: feeds.map(({ adapter, reading }) => ({
        feed: adapter.feed,
        records: reading.records.length,
        rejected: reading.rejected.length,
      })),
    },
    'seed data parsed',
  );

  const { categories, skills, roles, seededProviders, onetCounts } = await seedReferenceData(taxonomy, providers, onet);
  logger.info(
    { categories: categories.counts, skills: skills.counts, roles, providers: seededProviders.counts, ...onetCounts },
    'taxonomy, providers and O*NET occupations seeded',
  );

  // A database from before URL claims: its resources claim their URLs first, so the feeds find them.
  const urlClaims = await backfillResourceUrlKeys();
  if (urlClaims.unclaimed.length > 0)
    logger.warn({ unclaimed: urlClaims.unclaimed }, 'live resources share a URL with an older one: merge or retire them');
  // A database from before tri-state prices: its records say UNKNOWN, not "not free", before the feeds run.
  const honestFields = await backfillHonestFields();
  logger.info({ honestFields }, 'stored resources migrated to tri-state prices and level sources');
  const ingestion = new IngestionService(createEntityChanges({ invalidation: options.cache ?? noCacheInvalidation }));
  const sources: SourceSeedReport[] = [];
  for (const { adapter, reading, fetchedAt } of feeds) {
    // Each data set is read whole, so it is a complete feed. Its copy is committed with the code: a
    // large drop in what it lists is a reviewed change of the data, not a truncated download.
    const report = sourceReportOf(
      await ingestion.ingest(adapter.feed, reading, { now: fetchedAt, batchSize: SEED_BATCH_SIZE, full: true, allowMassRetire: true }),
    );
    sources.push(report);
    logger.info(
      {
        feed: report.feed,
        read: report.read,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        listed: report.listed,
        retired: report.retired,
      },
      'feed seeded',
    );
    if (report.rejected.length > 0) logger.warn({ feed: report.feed, rejected: report.rejected }, 'some records were rejected');
  }

  // Resources the feeds did not write (created through the API before search existed) get their search fields too.
  const searchBackfilled = await backfillSearchFields();
  await backfillSearchVocabulary();
  if (searchBackfilled > 0) logger.info({ resources: searchBackfilled }, 'search fields backfilled');
  await options.cache?.flushAll();

  const unmappedTerms = sources
    .flatMap((source) => source.unmappedTerms.map((entry) => ({ ...entry, feed: source.feed })))
    .sort((left, right) => right.count - left.count || left.term.localeCompare(right.term));
  return {
    collections: {
      categories: categories.counts,
      skills: skills.counts,
      roles,
      providers: seededProviders.counts,
      occupations: onetCounts.occupations,
      skillTechnologies: onetCounts.skillTechnologies,
      resources: sumWrittenCounts(sources),
    },
    sources,
    unmappedTerms,
    durationMs: Date.now() - startedAt,
  };
}

/**
 * Seeds on start-up when the database holds no skills yet (the first start on a new database, embedded
 * or at MONGODB_URI). Returns null when it found data and left it alone.
 */
export async function seedIfEmpty(logger: SeedLogger, cache?: CacheInvalidation): Promise<SeedReport | null> {
  if (await SkillModel.exists({})) {
    logger.info({}, 'database already holds the taxonomy: not seeding');
    return null;
  }
  logger.info({}, 'database holds no skills: seeding it (taxonomy, providers, the three data sets; SEED_ON_START=false turns this off)');
  const report = await seedDatabase({ logger, cache });
  logger.info({ durationMs: report.durationMs, resources: report.collections.resources.created }, 'seeded an empty database');
  return report;
}
