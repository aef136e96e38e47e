import 'reflect-metadata';
import { SingleBar, Presets } from 'cli-progress';
import mongoose from 'mongoose';
import { createCaches } from '../../core/cache';
import { invalidateCachesOnChange } from '../../core/cache/cache-invalidation';
import { ConfigError, loadConfig } from '../../core/config';
import { EntityChangeEvents } from '../../core/entity-changes';
import { createLogger } from '../../core/logger';
import { ResourceModel } from '../resource/resource.model';
import { backfillResourceUrlKeys } from '../resource/resource-url-claims';
import { backfillHonestFields } from './honest-fields-backfill';
import { DuplicateCandidateModel } from './duplicate-candidate.model';
import { FeedFormatError, SOURCE_ADAPTERS } from './sources';
import { FeedFetchError, HttpFeedFetcher, readFeedFiles } from './feed-fetcher';
import {
  DEFAULT_INGEST_BATCH_SIZE,
  IngestionService,
  MASS_RETIRE_SHARE,
  MassRetirementError,
  type IngestionReport,
} from './ingestion.service';
import { isCompleteSnapshot, snapshotDateOf } from './source-notes';

const USAGE = `Usage: npm run ingest -- --source <name> <file-or-dir> [--full] [--allow-mass-retire] [--batch-size N] [--json]
       npm run ingest -- --source <name> --url <first-page-url> [--header "Name: value"]… [--full] [--allow-mass-retire] [--json]

  --source             one of: ${Object.keys(SOURCE_ADAPTERS).join(', ')}
  --full               the target is the whole feed: retire the feed's resources it does not list
  --partial            retire nothing (the default; kept for scripts that pass it)
  --allow-mass-retire  let a complete feed retire more than ${MASS_RETIRE_SHARE * 100}% of the feed's live resources
  --batch-size         records per bulk write (default ${DEFAULT_INGEST_BATCH_SIZE})
  --json               print the report as JSON instead of a table
  --header             an HTTP request header for --url feeds (an API token), repeatable
Without --full nothing is retired, except when the target is the folder of a data set copy whose
SOURCE.md says "- **Complete:** yes" (seeds/data/*): that folder is the whole feed. One file of a
feed is never complete unless --full says so.
A file or directory with a SOURCE.md recording "committed YYYY-MM-DD" (seeds/data/*) is a snapshot:
its resources' source.fetchedAt is that date, as \`npm run seed\` writes them.
Exit codes: 0 done, 1 failed, 2 usage, 3 refused to retire more than ${MASS_RETIRE_SHARE * 100}% (nothing written).
Needs MONGODB_URI. Every change reaches the API's caches (within a second; at once with REDIS_URL).`;

/** Exit code of a run refused by the mass-retirement guard. */
const EXIT_MASS_RETIRE_REFUSED = 3;

interface Arguments {
  source: string;
  target: string;
  fromUrl: boolean;
  /** --full or --partial; undefined: decided by the target (a complete snapshot folder). */
  full: boolean | undefined;
  allowMassRetire: boolean;
  batchSize: number;
  json: boolean;
  headers: Record<string, string>;
}

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Partial<Arguments> & { headers: Record<string, string> } = {
    full: undefined,
    allowMassRetire: false,
    batchSize: DEFAULT_INGEST_BATCH_SIZE,
    json: false,
    fromUrl: false,
    headers: {},
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--source') args.source = argv[++index];
    else if (argument === '--url') {
      args.target = argv[++index];
      args.fromUrl = true;
    } else if (argument === '--full' || argument === '--partial') {
      const full = argument === '--full';
      if (args.full === !full) throw new UsageError('--full and --partial contradict each other');
      args.full = full;
    } else if (argument === '--allow-mass-retire') args.allowMassRetire = true;
    else if (argument === '--json') args.json = true;
    else if (argument === '--batch-size') args.batchSize = Number(argv[++index]);
    else if (argument === '--header') {
      const header = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(argv[++index] ?? '');
      if (!header) throw new UsageError('--header takes "Name: value"');
      args.headers[header[1]] = header[2];
    } else if (argument.startsWith('--')) throw new UsageError(`unknown option ${argument}`);
    else args.target = argument;
  }
  if (!args.source || !SOURCE_ADAPTERS[args.source])
    throw new UsageError(`--source must be one of ${Object.keys(SOURCE_ADAPTERS).join(', ')}, got ${args.source ?? 'nothing'}`);
  if (!args.target) throw new UsageError('give a file or directory, or --url');
  if (args.allowMassRetire && args.full === false) throw new UsageError('--allow-mass-retire and --partial contradict each other');
  if (!Number.isInteger(args.batchSize) || args.batchSize! < 1 || args.batchSize! > 5000)
    throw new UsageError('--batch-size must be an integer from 1 to 5000');
  return args as Arguments;
}

/** A progress bar on a terminal; plain "progress n/total" lines otherwise (logs, CI, tests). */
function createProgress(): { update(done: number, total: number): void; stop(): void } {
  if (process.stdout.isTTY) {
    const bar = new SingleBar(
      { format: 'ingesting [{bar}] {percentage}% | {value}/{total} records', hideCursor: true },
      Presets.shades_classic,
    );
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

/** Why the run retired what it did: an operator must see what a run kept as clearly as what it retired. */
function retirementNote(report: IngestionReport): string {
  if (report.complete) return ' (a complete feed: its resources it no longer lists are retired)';
  if (report.notListed === 0) return ' (not a complete feed: nothing retired)';
  return ` (not a complete feed: ${report.notListed} live resources of ${report.feed} it does not list were kept; --full would retire them)`;
}

export function formatIngestionReport(report: IngestionReport): string {
  const lines = [
    `feed ${report.feed}: ${report.read} records read${report.merged.length > 0 ? ` (${report.merged.map((entry) => `${entry.count} more listings merged: ${entry.reason}`).join('; ')})` : ''}`,
    `  created    ${report.created}`,
    `  updated    ${report.updated}`,
    `  unchanged  ${report.unchanged}`,
    `  listed     ${report.listed} (URL already in the catalogue from another feed: added as another source)`,
    `  retired    ${report.retired}${retirementNote(report)}`,
    `  rejected   ${report.rejected.length}`,
    ...report.rejected.map(
      (rejection) => `    record ${rejection.recordNumber}${rejection.externalId ? ` (${rejection.externalId})` : ''}: ${rejection.reason}`,
    ),
  ];
  if (report.unmappedTerms.length > 0)
    lines.push(
      `  terms that named no skill: ${report.unmappedTerms
        .slice(0, 20)
        .map((entry) => `${entry.term} (${entry.count})`)
        .join(', ')}`,
    );
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
  const files = args.fromUrl
    ? await new HttpFeedFetcher({ headers: args.headers }).fetchPages(args.target, adapter)
    : await readFeedFiles(args.target, adapter);
  // Reading the whole feed before connecting: a malformed file fails here, before anything is written.
  const reading = adapter.read(files);
  // A copy of a data set with a SOURCE.md (seeds/data/*) was fetched upstream on its commit date: the
  // resources get that date, exactly as `npm run seed` writes them, so seed and ingest agree.
  const snapshotDate = args.fromUrl ? null : await snapshotDateOf(args.target);
  // Retiring is only for a whole feed: --full, or a snapshot folder that declares itself complete.
  const full = args.full ?? (!args.fromUrl && (await isCompleteSnapshot(args.target)));

  await mongoose.connect(config.mongodbUri, { serverSelectionTimeoutMS: 10_000 });
  // With REDIS_URL the shared cache is purged directly; with or without it every change is recorded in
  // the cache change log, from which every API process purges its own caches within a second.
  const caches = await createCaches(config, createLogger('warn'));
  try {
    // The unique (feed, externalId) index is what makes a re-run after a crash safe.
    await Promise.all([ResourceModel.createIndexes(), DuplicateCandidateModel.createIndexes()]);
    // So is the unique URL claim, which resources from before it existed get here (shared URLs are reported).
    const urlClaims = await backfillResourceUrlKeys();
    for (const { resourceId, url, heldBy } of urlClaims.unclaimed)
      console.warn(
        `ingest: resource ${resourceId} (${url}) has no claim on its URL${heldBy ? `, resource ${heldBy} holds it` : ''}: merge or retire one of them`,
      );
    // Records stored before tri-state prices are migrated before the feed compares against them.
    await backfillHonestFields();
    const progress = args.json ? { update: () => undefined, stop: () => undefined } : createProgress();
    const report = await new IngestionService(new EntityChangeEvents().listen(invalidateCachesOnChange(caches.invalidation)))
      .ingest(adapter.feed, reading, {
        full,
        allowMassRetire: args.allowMassRetire,
        batchSize: args.batchSize,
        now: snapshotDate ?? undefined,
        onProgress: (done, total) => progress.update(done, total),
      })
      .finally(() => progress.stop());
    console.log(args.json ? JSON.stringify(report) : formatIngestionReport(report));
    return 0;
  } finally {
    await caches.close();
    await mongoose.disconnect();
  }
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    // Expected failures get one clear line; anything else is a bug and keeps its stack.
    if (error instanceof MassRetirementError) {
      console.error(
        `ingest: refused. ${error.wouldRetire} of the ${error.live} live resources of feed ${error.feed} are not in this feed, more than ${MASS_RETIRE_SHARE * 100}%: ` +
          'a complete feed that drops that much is more often a truncated download or one file of a larger feed than a real withdrawal. ' +
          'Nothing was written. If the feed really withdrew them, run again with --allow-mass-retire; to add and update without retiring anything, run with --partial.',
      );
      process.exitCode = EXIT_MASS_RETIRE_REFUSED;
      return;
    }
    if (error instanceof FeedFormatError || error instanceof FeedFetchError || error instanceof ConfigError)
      console.error(`ingest: ${error.message}`);
    else if (error instanceof Error && /ENOENT/.test(error.message)) console.error(`ingest: ${error.message}`);
    else console.error('ingest failed:', error);
    process.exitCode = 1;
  });
