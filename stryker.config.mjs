// @ts-check
import { createRequire } from 'node:module';

/**
 * Mutation testing of the caches and the ingestion writer (`npm run mutation`; not run in CI: a full
 * run takes hours). StrykerJS plants one small bug (a mutant) at a time and runs the tests that cover
 * it; a mutant no test notices "survives", and shows a guarantee no test guards.
 *
 * Needs MongoDB and Redis like the tests: MONGODB_URI and REDIS_URL come from the environment
 * (without MONGODB_URI the tests start mongodb-memory-server). Reports go to reports/mutation/.
 * Narrow a run with `npm run mutation -- --mutate src/core/cache/cache-invalidation.ts`; add
 * `--concurrency 2` on a machine with cores to spare.
 */
const require = createRequire(import.meta.url);
const baseJestConfig = require('./jest.config.js');

/**
 * The test files that exercise the mutated code, and only those: every integration test starts the
 * server (and so runs the cache code), but these are the ones that check what the caches and the
 * writer do. Files that run the code in a child process (the CLI and seed tests) are left out: the
 * mutant is active in this process only.
 */
const MUTATION_TESTS = [
  'src/core/cache/__tests__/*.test.ts',
  'tests/cache-guarantees.test.ts',
  'tests/cache-store-epoch.test.ts',
  'tests/cache-invalidation.test.ts',
  'tests/response-cache.test.ts',
  'tests/redis-failure.test.ts',
  'tests/round-trips.test.ts',
  'tests/feed-listing-guarantees.test.ts',
  'tests/writer-guarantees.test.ts',
  'tests/ingestion.test.ts',
  'tests/partner-access.test.ts',
  'tests/search-vocabulary.test.ts',
  'tests/cache-stampede.test.ts',
  'tests/cache-staleness.test.ts',
  'tests/cache-invalidation-delivery.test.ts',
  'tests/hostile-requests.test.ts',
  'tests/write-races.test.ts',
  'tests/one-write-path.test.ts',
  'tests/redis-store-availability.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  mutate: ['src/core/cache/**/*.ts', '!src/core/cache/**/__tests__/**', 'src/modules/ingestion/resource-writer.ts'],
  jest: {
    projectType: 'custom',
    config: { ...baseJestConfig, testMatch: MUTATION_TESTS.map((pattern) => `<rootDir>/${pattern}`) },
    enableFindRelatedTests: false,
  },
  // Each mutant runs only the tests that reached it during the first (dry) run.
  coverageAnalysis: 'perTest',
  // Code run outside a test counts as "static" for Stryker, and the integration tests build their
  // fixtures in beforeAll (server, seed, ingestion), so most mutants are static and would each run
  // every test (about 2 minutes a mutant here). With this, a mutant also reached by tests runs only
  // those (their beforeAll included, with the mutant active); one reached only outside tests (a
  // module-level constant such as the Lua scripts) is reported as Ignored. `--ignoreStatic false`
  // runs them all.
  ignoreStatic: true,
  // A mutant's run costs its tests plus every covered file's setup (server, seed), which varies with
  // the machine's load; Stryker counts a timeout as a kill, so a survivor slowed down by load must not
  // reach it. Generous: a real endless loop only costs a minute more.
  timeoutMS: 60_000,
  timeoutFactor: 2,
  // The first run of every test takes 2–3 minutes here, more on a busy machine; the default allows 5.
  dryRunTimeoutMinutes: 20,
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // `--incremental` reuses the results of mutants whose code and tests did not change since the last run.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
