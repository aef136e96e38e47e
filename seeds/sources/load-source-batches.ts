import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/core/project-root';
import { createProviderMatcher } from '../providers/provider-matcher';
import type { ProviderSeed } from '../providers/providers';
import type { SourceBatch } from '../resources/resource-seed.types';
import { createSkillMatcher } from '../skill-matcher';
import type { Taxonomy } from '../taxonomy/taxonomy.types';
import { parseAwesomeForBeginners } from './awesome-for-beginners.parser';
import { awesomeForBeginnersToResources } from './awesome-for-beginners.resources';
import { mergeConfsTechConferences, parseConfsTechFile, type ConfsTechConference } from './confs-tech.parser';
import { confsTechToResources } from './confs-tech.resources';
import { parseFreeProgrammingBooks } from './free-programming-books.parser';
import { freeProgrammingBooksToResources } from './free-programming-books.resources';

/** The data files copied from upstream, with their licences and SOURCE.md (see seeds/data/). */
export const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seeds', 'data');

/**
 * The upstream commit date a SOURCE.md records ("(committed 2026-08-18)"), as midnight UTC: the
 * resources' `source.fetchedAt`. A fixed date, unlike "now", keeps re-seeding the same files a no-op.
 */
export function snapshotDateFromSourceNotes(sourceMarkdown: string): Date {
  const match = /committed (\d{4}-\d{2}-\d{2})/.exec(sourceMarkdown);
  if (!match) throw new Error('SOURCE.md does not record the upstream commit date ("committed YYYY-MM-DD")');
  return new Date(`${match[1]}T00:00:00.000Z`);
}

async function readSnapshotDate(folder: string): Promise<Date> {
  return snapshotDateFromSourceNotes(await readFile(path.join(folder, 'SOURCE.md'), 'utf8'));
}

/** Every `conferences/<year>/<topic>.json`, sorted by path so merging always keeps the same first listing. */
async function readConfsTechConferences(folder: string): Promise<ConfsTechConference[]> {
  const conferencesFolder = path.join(folder, 'conferences');
  const years = (await readdir(conferencesFolder)).sort();
  const files = (
    await Promise.all(years.map(async (year) => (await readdir(path.join(conferencesFolder, year))).filter((file) => file.endsWith('.json')).sort().map((file) => `conferences/${year}/${file}`)))
  ).flat();
  const parsed = await Promise.all(files.map(async (file) => parseConfsTechFile(await readFile(path.join(folder, file), 'utf8'), file)));
  return parsed.flat();
}

/**
 * Reads the three feeds' data files from `dataDir` and turns them into resource batches, mapping
 * names to skills with the taxonomy and URLs to providers.
 */
export async function loadSourceBatches(taxonomy: Taxonomy, providers: readonly ProviderSeed[], dataDir = SEED_DATA_DIR): Promise<SourceBatch[]> {
  const skillMatcher = createSkillMatcher(taxonomy);
  const providerMatcher = createProviderMatcher(providers);
  const freeProgrammingBooksFolder = path.join(dataDir, 'free-programming-books-courses');
  const awesomeForBeginnersFolder = path.join(dataDir, 'awesome-for-beginners');
  const confsTechFolder = path.join(dataDir, 'confs-tech-conference-data');

  const [courseList, courseSnapshot, repositories, projectSnapshot, conferences, conferenceSnapshot] = await Promise.all([
    readFile(path.join(freeProgrammingBooksFolder, 'free-courses-en.md'), 'utf8').then(parseFreeProgrammingBooks),
    readSnapshotDate(freeProgrammingBooksFolder),
    readFile(path.join(awesomeForBeginnersFolder, 'data.json'), 'utf8').then(parseAwesomeForBeginners),
    readSnapshotDate(awesomeForBeginnersFolder),
    readConfsTechConferences(confsTechFolder),
    readSnapshotDate(confsTechFolder),
  ]);

  return [
    freeProgrammingBooksToResources(courseList.courses, { skillMatcher, providerMatcher, fetchedAt: courseSnapshot }),
    awesomeForBeginnersToResources(repositories, { skillMatcher, providerMatcher, fetchedAt: projectSnapshot }),
    confsTechToResources(mergeConfsTechConferences(conferences), { fetchedAt: conferenceSnapshot }),
  ];
}
