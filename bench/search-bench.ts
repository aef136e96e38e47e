import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { createLogger } from '../src/core/logger';
import { connectMongo, databaseCommandCounter } from '../src/core/mongo';
import { PROJECT_ROOT } from '../src/core/project-root';
import { AnalyticsService } from '../src/modules/analytics/analytics.service';
import { CatalogDimension } from '../src/modules/analytics/analytics.type';
import { ResourceService } from '../src/modules/resource/resource.service';
import { SearchService } from '../src/modules/search/search.service';
import { ResourceKind } from '../src/modules/resource/resource.type';
import { positiveInteger } from './bench-settings';
import { GENERATED_EVENTS_FROM, generateCatalog } from './generate-catalog';

/**
 * `npm run bench:search`: search, facets and analyst aggregates over a generated catalogue
 * (bench/generate-catalog.ts), each compared with `resources(first: 20)` measured in the same run,
 * written to bench/SEARCH-REPORT.md.
 *
 * Needs MONGODB_URI (a fresh database is created on it and dropped afterwards).
 * BENCH_SEARCH_RESOURCES (default 100000) and BENCH_SEARCH_RUNS (rounds timing every scenario once, after one
 * warm-up, default 20 so that p95 is not just the slowest run) size the run. Services are called directly: the figures are the database work
 * of each operation (GraphQL and HTTP overheads are bench/run.ts's subject).
 */

interface Scenario {
  name: string;
  run: () => Promise<unknown>;
}

const resources = new ResourceService();
const search = new SearchService();
const analytics = new AnalyticsService();

/** Reads the lazy `totalCount` and `facets` of a connection, as a client selecting them would. */
async function withCountAndFacets(result: unknown): Promise<void> {
  const connection = result as { totalCount: unknown; facets?: unknown };
  await connection.totalCount;
  if ('facets' in connection) await connection.facets;
}

const SCENARIOS: Scenario[] = [
  { name: 'baseline: resources(first: 20)', run: () => resources.list({ first: 20 }) },
  { name: 'resources(first: 20) + totalCount', run: () => resources.list({ first: 20 }).then(withCountAndFacets) },
  { name: 'search "kubernetes" (first 20)', run: () => search.search({ query: 'kubernetes', first: 20 }) },
  { name: 'search "python tutorial for beginners"', run: () => search.search({ query: 'python tutorial for beginners', first: 20 }) },
  { name: 'search "kubernets" (typo)', run: () => search.search({ query: 'kubernets', first: 20 }) },
  { name: 'search "kube" (prefix)', run: () => search.search({ query: 'kube', first: 20 }) },
  {
    name: 'search "k8s" + filter (courses, free, en)',
    run: () => search.search({ query: 'k8s', first: 20, filter: { kinds: [ResourceKind.COURSE], free: true, languages: ['en'] } }),
  },
  // As the resolver calls it when the GraphQL selection has `totalCount` and `facets`: one aggregation.
  {
    name: 'search "docker" + totalCount + facets',
    run: () => search.search({ query: 'docker', first: 20 }, { include: { totalCount: true, facets: true } }).then(withCountAndFacets),
  },
  {
    name: 'search "docker" + totalCount',
    run: () => search.search({ query: 'docker', first: 20 }, { include: { totalCount: true } }).then((result) => result.totalCount),
  },
  { name: 'resourceFacets (query "docker")', run: () => search.facets({ query: 'docker' }) },
  { name: 'resourceFacets (whole catalogue)', run: () => search.facets({}) },
  { name: 'suggest "ku"', run: () => search.suggest({ prefix: 'ku' }) },
  {
    name: 'catalogStats [PROVIDER, KIND]',
    run: () => analytics.catalogStats({ groupBy: [CatalogDimension.PROVIDER, CatalogDimension.KIND] }),
  },
  { name: 'catalogStats [SKILL]', run: () => analytics.catalogStats({ groupBy: [CatalogDimension.SKILL] }) },
  {
    name: 'catalogStats [CATEGORY, MONTH]',
    run: () => analytics.catalogStats({ groupBy: [CatalogDimension.CATEGORY, CatalogDimension.MONTH] }),
  },
  { name: 'skillCoverage', run: () => analytics.skillCoverage() },
  { name: 'roleCoverage "backend-software-engineer"', run: () => analytics.roleCoverage('backend-software-engineer') },
  {
    name: 'upcomingEvents (by skill, 12 months)',
    run: () => analytics.upcomingEvents({ bySkill: true, months: 12, from: GENERATED_EVENTS_FROM }),
  },
];

const REPORT_FILE = path.join(PROJECT_ROOT, 'bench', 'SEARCH-REPORT.md');
/** The report's hand-written part starts at this line; the bench regenerates what is above it and keeps the rest. */
const NOTES_MARKER = '<!-- hand-written notes below: npm run bench:search keeps them -->';

function handWrittenNotes(): string {
  const previous = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '';
  const start = previous.indexOf(NOTES_MARKER);
  return start === -1 ? `\n${NOTES_MARKER}\n` : `\n${previous.slice(start)}`;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is required: the bench creates a fresh database on it.');
  const count = positiveInteger('BENCH_SEARCH_RESOURCES', 100_000);
  const runs = positiveInteger('BENCH_SEARCH_RUNS', 20);
  const databaseName = `bench_search_${Date.now().toString(36)}`;
  const target = new URL(uri);
  target.pathname = `/${databaseName}`;
  await connectMongo(target.toString(), createLogger('warn'));
  try {
    const generated = await generateCatalog(count, {
      onProgress: (written) => written % 20_000 === 0 && console.log(`generated ${written} resources`),
    });
    console.log(`catalogue of ${count} resources generated in ${(generated.durationMs / 1000).toFixed(1)} s`);

    for (const scenario of SCENARIOS) await scenario.run();
    // Rounds, each running every scenario once: the baseline and the searches meet the same moments
    // of a shared machine (and of the database server's garbage collector), so their ratio holds.
    const timings = SCENARIOS.map((): number[] => []);
    const roundTrips = SCENARIOS.map(() => 0);
    for (let run = 0; run < runs; run += 1) {
      for (const [index, scenario] of SCENARIOS.entries()) {
        const before = databaseCommandCounter.count;
        const startedAt = process.hrtime.bigint();
        await scenario.run();
        timings[index].push(Number(process.hrtime.bigint() - startedAt) / 1e6);
        roundTrips[index] = databaseCommandCounter.count - before;
      }
      console.log(`round ${run + 1}/${runs} done`);
    }
    const rows = SCENARIOS.map((scenario, index) => {
      const sorted = [...timings[index]].sort((left, right) => left - right);
      console.log(`${scenario.name}: median ${percentile(sorted, 0.5).toFixed(1)} ms, ${roundTrips[index]} round trips`);
      return { name: scenario.name, median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), roundTrips: roundTrips[index] };
    });

    const baseline = rows[0];
    const report = [
      '# Search and aggregates benchmark',
      '',
      `Generated by \`npm run bench:search\` (bench/search-bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${count.toLocaleString('en')} generated resources ` +
        `(bench/generate-catalog.ts, deterministic), ${runs} rounds after one warm-up, each timing every scenario once in turn; services called directly.`,
      `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}; MongoDB server at ${target.host}.`,
      '',
      'Latency is reported as a ratio to `resources(first: 20)` measured in the same run, so the figures survive a noisy machine (docs/DESIGN.md §5):',
      '"median ×" is median / baseline median, "p95 ×" is p95 / baseline p95. The target of the search work is p95 × ≤ 5 for every search.',
      `p95 is the nearest-rank percentile of the ${runs} rounds${runs < 20 ? ': with fewer than 20 rounds that is the slowest run' : ''}.`,
      'Round trips are the MongoDB commands one call sends (the loaders that resolve providers and skills in a GraphQL response add one batched query per type).',
      'The "+ totalCount + facets" scenarios call the service as the resolver does when the GraphQL selection has those fields (`include`).',
      '',
      'Reading the figures: mongo-java-server (the CI server) has no query planner: every `$match` visits every document. What a visit costs',
      'is what matters: a query `$in` on an array compares every (array element, listed value) pair through a generic comparator, and',
      '`$setIntersection` is slower still, while the expression `$in` is a plain string equality. Search therefore matches with',
      '`{$expr: <any key, looked up in short untagged arrays>, searchKeys: {$in: keys}}` (the cheap test first; a real mongod uses the',
      'multikey index on `searchKeys`) and scores with expression `$in`s (docs/SEARCH.md). These numbers are an upper bound, not a forecast for a real mongod.',
      'A typo query first asks the title vocabulary which of its deletion keys some title word has (its third, small round trip) and looks up only those.',
      '',
      '| scenario | median ms | p95 ms | median × | p95 × | round trips |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (row) =>
          `| ${row.name} | ${row.median.toFixed(1)} | ${row.p95.toFixed(1)} | ${(row.median / baseline.median).toFixed(1)} | ${(row.p95 / baseline.p95).toFixed(1)} | ${row.roundTrips} |`,
      ),
      '',
    ].join('\n');
    writeFileSync(REPORT_FILE, report + handWrittenNotes());
    console.log('wrote bench/SEARCH-REPORT.md');
  } finally {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
