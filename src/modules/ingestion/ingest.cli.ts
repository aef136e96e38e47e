import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import mongoose from 'mongoose';
import { createCaches } from '../../core/cache';
import { ConfigError, loadConfig } from '../../core/config';
import { createLogger } from '../../core/logger';
import { ResourceModel } from '../resource/resource.model';
import { backfillResourceUrlKeys } from '../resource/resource-url-claims';
import { DuplicateCandidateModel } from './duplicate-candidate.model';
import { FeedFormatError, SOURCE_ADAPTERS } from './adapters';
import { FeedFetchError, HttpFeedFetcher, readFeedFiles } from './feed-fetcher';
import { DEFAULT_INGEST_BATCH_SIZE, IngestionService, type IngestionReport } from './ingestion.service';
import { snapshotDateOf } from './source-notes';

const USAGE = `Usage: npm run ingest -- --source <name> <file-or-dir> [--partial] [--batch-size N] [--json]
       npm run ingest -- --source <name> --url <first-page-url> [--header "Name: value"]… [--partial] [--json]

  --source      one of: ${Object.keys(SOURCE_ADAPTERS).join(', ')}
  --partial     the feed is not complete: do not retire resources it does not list
  --batch-size  records per bulk write (default ${DEFAULT_INGEST_BATCH_SIZE})
  --json        print the report as JSON instead of a table
  --header      an HTTP request header for --url feeds (an API token), repeatable
A file or directory with a SOURCE.md recording "committed YYYY-MM-DD" (seeds/data/*) is a snapshot:
its resources' source.fetchedAt is that date, as \`npm run seed\` writes them.
Needs MONGODB_URI; with REDIS_URL the API's caches are told about every change.`;

interface Arguments {
  source: string;
  target: string;
  fromUrl: boolean;
  full: boolean;
  batchSize: number;
  json: boolean;
  headers: Record<string, string>;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Partial<Arguments> & { headers: Record<string, string> } = { full: true, batchSize: DEFAULT_INGEST_BATCH_SIZE, json: false, fromUrl: false, headers: {} };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--source') args.source = argv[++index];
    else if (argument === '--url') {
      args.target = argv[++index];
      args.fromUrl = true;
    } else if (argument === '--partial') args.full = false;
    else if (argument === '--json') args.json = true;
    else if (argument === '--batch-size') args.batchSize = Number(argv[++index]);
    else if (argument === '--header') {
      const header = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(argv[++index] ?? '');
      if (!header) throw new UsageError('--header takes "Name: value"');
      args.headers[header[1]] = header[2];
    }
    else if (argument.startsWith('--')) throw new UsageError(`unknown option ${argument}`);
    else args.target = argument;
  }
  if (!args.source || !SOURCE_ADAPTERS[args.source]) throw new UsageError(`--source must be one of ${Object.keys(SOURCE_ADAPTERS).join(', ')}, got ${args.source ?? 'nothing'}`);
  if (!args.target) throw new UsageError('give a file or directory, or --url');
  if (!Number.isInteger(args.batchSize) || args.batchSize! < 1 || args.batchSize! > 5000) throw new UsageError('--batch-size must be an integer from 1 to 5000');
  return args as Arguments;
}

/** A progress bar on a terminal; plain "progress n/total" lines otherwise (logs, CI, tests). */
function createProgress(): { update(done: number, total: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new SingleBar({ format: 'ingesting [{bar}] {percentage}% | {value}/{total} records', hideCursor: true }, Presets.shades_classic);
    let started = false;
    return {
      update(done, total) {
        if (!started) bar.start(total, done);
        started = true;
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  return { update: (done, total) => console.log(`progress ${done}/${total}`), stop: () => undefined };
}

export function formatIngestionReport(report: IngestionReport): string {
  const lines = [
    `feed ${report.feed}: ${report.read} records read${report.merged.length > 0 ? ` (${report.merged.map((entry) => `${entry.count} more listings merged: ${entry.reason}`).join('; ')})` : ''}`,
    `  created    ${report.created}`,
    `  updated    ${report.updated}`,
    `  unchanged  ${report.unchanged}`,
    `  listed     ${report.listed} (URL already in the catalogue from another feed: added as another source)`,
    `  retired    ${report.retired}`,
    `  rejected   ${report.rejected.length}`,
    ...report.rejected.map((rejection) => `    record ${rejection.recordNumber}${rejection.externalId ? ` (${rejection.externalId})` : ''}: ${rejection.reason}`),
  ];
  if (report.unmappedTerms.length > 0) lines.push(`  terms that named no skill: ${report.unmappedTerms.slice(0, 20).map((entry) => `${entry.term} (${entry.count})`).join(', ')}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`ingest: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  if (!config.mongodbUri) {
    console.error('ingest: MONGODB_URI is not set.');
    return 2;
  }
  const adapter = SOURCE_ADAPTERS[args.source];
  const files = args.fromUrl ? await new HttpFeedFetcher({ headers: args.headers }).fetchPages(args.target, adapter) : await readFeedFiles(args.target, adapter);
  // Reading the whole feed before connecting: a malformed file fails here, before anything is written.
  const reading = adapter.read(files);
  // A copy of a data set with a SOURCE.md (seeds/data/*) was fetched upstream on its commit date: the
  // resources get that date, exactly as `npm run seed` writes them, so seed and ingest agree.
  const snapshotDate = args.fromUrl ? null : await snapshotDateOf(args.target);

  await mongoose.connect(config.mongodbUri, { serverSelectionTimeoutMS: 10_000 });
  const caches = config.redisUrl ? await createCaches(config, createLogger('warn')) : undefined;
  try {
    // The unique (feed, externalId) index is what makes a re-run after a crash safe.
    await Promise.all([ResourceModel.createIndexes(), DuplicateCandidateModel.createIndexes()]);
    // So is the unique URL claim, which resources from before it existed get here (shared URLs are reported).
    const urlClaims = await backfillResourceUrlKeys();
    for (const { resourceId, url, heldBy } of urlClaims.unclaimed) console.warn(`ingest: resource ${resourceId} (${url}) has no claim on its URL${heldBy ? `, resource ${heldBy} holds it` : ''}: merge or retire one of them`);
    const progress = args.json ? { update: () => undefined, stop: () => undefined } : createProgress();
    const report = await new IngestionService(caches?.invalidation)
      .ingest(adapter.feed, reading, { full: args.full, batchSize: args.batchSize, now: snapshotDate ?? undefined, onProgress: (done, total) => progress.update(done, total) })
      .finally(() => progress.stop());
    console.log(args.json ? JSON.stringify(report) : formatIngestionReport(report));
    return 0;
  } finally {
    await caches?.close();
    await mongoose.disconnect();
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    // Expected failures get one clear line; anything else is a bug and keeps its stack.
    if (error instanceof FeedFormatError || error instanceof FeedFetchError || error instanceof ConfigError) console.error(`ingest: ${error.message}`);
    else if (error instanceof Error && /ENOENT/.test(error.message)) console.error(`ingest: ${error.message}`);
    else console.error('ingest failed:', error);
    process.exitCode = 1;
  });
