import type { CacheInvalidation } from '../src/core/cache/cache-invalidation';
import { SkillModel } from '../src/modules/skill/skill.model';
import { backfillSearchFields } from '../src/modules/search/search-indexing';
import { seedProviders } from './database/seed-providers';
import { seedSourceBatch } from './database/seed-resources';
import { seedCategories, seedRoles, seedSkills } from './database/seed-taxonomy';
import { providers as defaultProviders, type ProviderSeed } from './providers/providers';
import { addSkipped, emptySeedCounts, type SeedCounts, type SeedReport, type SourceSeedReport } from './seed-report';
import { loadSourceBatches, SEED_DATA_DIR } from './sources/load-source-batches';
import { taxonomy as defaultTaxonomy } from './taxonomy';
import type { Taxonomy } from './taxonomy/taxonomy.types';
import { validateTaxonomy } from './taxonomy/validate-taxonomy';

export interface SeedLogger {
  info(...args: any[]): void;
  warn(...args: any[]): void;
}

export interface SeedOptions {
  /** Receives progress messages (`info`) and data problems (`warn`). Default: silent. */
  logger?: SeedLogger;
  /** Default: the article's taxonomy from seeds/taxonomy. */
  taxonomy?: Taxonomy;
  /** Default: seeds/providers/providers.ts. */
  providers?: readonly ProviderSeed[];
  /** Folder holding the feeds' data files. Default: seeds/data. */
  dataDir?: string;
  /**
   * The caches of the database being seeded: flushed once the writes are done, since the seeder
   * writes in bulk without collecting ids. Default: none (a database no server has cached yet).
   */
  cache?: CacheInvalidation;
}

const silentLogger: SeedLogger = { info: () => undefined, warn: () => undefined };

/** The resource collection's counts: the sum of what each feed wrote. */
function sumWrittenCounts(written: readonly { feed: string; counts: SeedCounts }[]): SeedCounts {
  const total = emptySeedCounts();
  for (const { feed, counts } of written) {
    total.read += counts.read;
    total.created += counts.created;
    total.updated += counts.updated;
    total.unchanged += counts.unchanged;
    for (const entry of counts.skipped) addSkipped(total.skipped, `${feed}: ${entry.reason}`, entry.count);
  }
  return total;
}

/**
 * Seeds the taxonomy (categories, skills, roles), the providers and the feeds' resources into the
 * database mongoose is already connected to. Idempotent: documents are upserted by slug (resources by
 * source feed and external id) and only fields that differ are written, so a second run over the same
 * data reports nothing created or updated. Never deletes a document. Throws, before writing anything,
 * when the taxonomy is inconsistent (see `validateTaxonomy`).
 */
export async function seedDatabase(options: SeedOptions = {}): Promise<SeedReport> {
  const startedAt = Date.now();
  const logger = options.logger ?? silentLogger;
  const taxonomy = options.taxonomy ?? defaultTaxonomy;
  const providers = options.providers ?? defaultProviders;

  const problems = validateTaxonomy(taxonomy);
  if (problems.length > 0) throw new Error(`seedDatabase: the taxonomy is inconsistent:\n- ${problems.join('\n- ')}`);
  const batches = await loadSourceBatches(taxonomy, providers, options.dataDir ?? SEED_DATA_DIR);
  logger.info({ feeds: batches.map((batch) => ({ feed: batch.feed, read: batch.read, resources: batch.resources.length })) }, 'seed data parsed');

  const categories = await seedCategories(taxonomy.categories);
  const skills = await seedSkills(taxonomy.skills, categories.ids);
  const roles = await seedRoles(taxonomy.roles, skills.ids);
  const seededProviders = await seedProviders(providers);
  logger.info({ categories: categories.counts, skills: skills.counts, roles, providers: seededProviders.counts }, 'taxonomy and providers seeded');

  const sources: SourceSeedReport[] = [];
  const written: { feed: string; counts: SeedCounts }[] = [];
  const takenSlugs = new Set<string>();
  for (const batch of batches) {
    const { report, written: counts } = await seedSourceBatch(batch, seededProviders.ids, skills.ids, takenSlugs);
    sources.push(report);
    written.push({ feed: batch.feed, counts });
    logger.info({ feed: report.feed, read: report.read, created: report.created, updated: report.updated, unchanged: report.unchanged }, 'feed seeded');
    if (counts.skipped.length > 0) logger.warn({ feed: report.feed, skipped: counts.skipped }, 'some resources were not written');
  }

  // Resources the feeds did not write (created through the API before search existed) get their search fields too.
  const searchBackfilled = await backfillSearchFields();
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
      resources: sumWrittenCounts(written),
    },
    sources,
    unmappedTerms,
    durationMs: Date.now() - startedAt,
  };
}

/**
 * Seeds on start-up when the database holds no skills yet (the first run of an embedded MongoDB).
 * Returns null when it found data and left it alone.
 */
export async function seedIfEmpty(logger: SeedLogger, cache?: CacheInvalidation): Promise<SeedReport | null> {
  if (await SkillModel.exists({})) {
    logger.info({}, 'database already holds the taxonomy: not seeding');
    return null;
  }
  const report = await seedDatabase({ logger, cache });
  logger.info({ durationMs: report.durationMs, resources: report.collections.resources.created }, 'seeded an empty database');
  return report;
}
