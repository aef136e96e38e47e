import mongoose from 'mongoose';
import { loadConfig } from '../src/core/config';
import { CategoryModel } from '../src/modules/category/category.model';
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
  const uri = loadConfig().mongodbUri;
  if (!uri) {
    console.error('run-seed: MONGODB_URI is not set. Example: MONGODB_URI=mongodb://127.0.0.1:27017/skillatlas npx tsx seeds/run-seed.ts');
    process.exitCode = 2;
    return;
  }
  const logger: SeedLogger = { info: () => undefined, warn: (...args: unknown[]) => console.warn('warning:', ...args) };
  await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await Promise.all([CategoryModel, SkillModel, RoleModel, ProviderModel, ResourceModel].map((model) => model.createIndexes()));
    const report = await seedDatabase({ logger });
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
