import mongoose from 'mongoose';
import { createCaches } from '../src/core/cache';
import { loadConfig } from '../src/core/config';
import { createLogger } from '../src/core/logger';
import { CategoryModel } from '../src/modules/category/category.model';
import { DuplicateCandidateModel } from '../src/modules/ingestion/duplicate-candidate.model';
import { ProviderModel } from '../src/modules/provider/provider.model';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { RoleModel } from '../src/modules/role/role.model';
import { SkillModel } from '../src/modules/skill/skill.model';
import { seedDatabase, type SeedLogger } from './seed';
import { formatSeedReport } from './seed-report';

/**
 * Command line: `MONGODB_URI=mongodb://… tsx seeds/run-seed.ts`. Connects, builds the models' indexes
 * (the unique ones make the upserts safe), seeds, prints a summary and disconnects.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const uri = config.mongodbUri;
  if (!uri) {
    console.error('run-seed: MONGODB_URI is not set. Example: MONGODB_URI=mongodb://127.0.0.1:27017/skillatlas npx tsx seeds/run-seed.ts');
    process.exitCode = 2;
    return;
  }
  const logger: SeedLogger = { info: () => undefined, warn: (...args: unknown[]) => console.warn('warning:', ...args) };
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await Promise.all(
      [CategoryModel, SkillModel, RoleModel, ProviderModel, ResourceModel, DuplicateCandidateModel].map((model) => model.createIndexes()),
    );
    // Servers may have cached what the seed changes: its flush reaches their caches through the cache
    // change log (within a second), and a shared Redis at REDIS_URL directly.
    const caches = await createCaches(config, createLogger('warn'));
    const report = await seedDatabase({ logger, cache: caches.invalidation }).finally(() => caches.close());
    console.log(`Seeded ${mongoose.connection.name}`);
    console.log(formatSeedReport(report, Number.POSITIVE_INFINITY));
  } finally {
    await mongoose.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error('run-seed failed:', error);
  process.exitCode = 1;
});
