import path from 'node:path';
import { PROJECT_ROOT } from '../../src/core/project-root';
import { SOURCE_ADAPTERS } from '../../src/modules/ingestion/sources';
import { readFeedFiles } from '../../src/modules/ingestion/feed-fetcher';
import type { FeedReading, SourceAdapter } from '../../src/modules/ingestion/ingestion.types';
import { snapshotDateFromSourceNotes } from '../../src/modules/ingestion/source-notes';
import { readFile } from 'node:fs/promises';

/** The data files copied from upstream, with their licences and SOURCE.md (see seeds/data/). */
export const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seeds', 'data');

/**
 * The open data sets the seed loads, in this order, each through its ingestion adapter
 * (`npm run ingest -- --source <source> seeds/data/<folder>` reads exactly the same files).
 */
export const SEED_FEEDS = [
  // First: where the curriculum and the lists share a course (4 URLs), the curriculum's record, with
  // its schedule and prerequisites, is the resource and the list's listing joins it (`alsoListedBy`).
  { source: 'ossu', folder: 'ossu-computer-science' },
  { source: 'free-programming-books', folder: 'free-programming-books' },
  { source: 'awesome-for-beginners', folder: 'awesome-for-beginners' },
  { source: 'confs-tech', folder: 'confs-tech-conference-data' },
] as const;

/** The folder of the O*NET release the seed reads occupations and technology skills from (not a feed: reference data). */
export const ONET_FOLDER = 'onet-29.2';

export interface SeedFeed {
  adapter: SourceAdapter;
  reading: FeedReading;
  /** The upstream commit date from the folder's SOURCE.md: the resources' `source.fetchedAt`. */
  fetchedAt: Date;
}

/** Reads one data set's folder: the adapter's files (its file pattern, in path order) and SOURCE.md. */
export async function readSeedFeed(dataDir: string, feed: (typeof SEED_FEEDS)[number]): Promise<SeedFeed> {
  const adapter = SOURCE_ADAPTERS[feed.source];
  const folder = path.join(dataDir, feed.folder);
  const [files, notes] = await Promise.all([readFeedFiles(folder, adapter), readFile(path.join(folder, 'SOURCE.md'), 'utf8')]);
  return { adapter, reading: adapter.read(files), fetchedAt: snapshotDateFromSourceNotes(notes) };
}
