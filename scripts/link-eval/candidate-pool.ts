import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readFeedFiles } from '../../src/modules/ingestion/feed-fetcher';
import type { FeedRecord } from '../../src/modules/ingestion/ingestion.types';
import { canonicaliseUrl } from '../../src/modules/ingestion/normalise';
import { SOURCE_ADAPTERS } from '../../src/modules/ingestion/sources';
import { parseFreeProgrammingBooks } from '../../src/modules/ingestion/sources/free-programming-books/free-programming-books.parser';

/**
 * Every resource a judge may be shown, read straight from the upstream data (not through the current
 * matcher): its words (title, heading path or topics, description) and nothing the pipeline predicted.
 */
export interface Candidate {
  source: string;
  kind: 'COURSE' | 'BOOK' | 'EVENT' | 'OPEN_SOURCE_PROJECT';
  /** Where in the source it was drawn from ("courses-en", "books-subjects", "ux"…): the sampling group. */
  group: string;
  url: string;
  startDate?: string;
  title: string;
  /** Heading path, topics, technologies or subjects, as the source gives them. */
  context: string[];
  description: string;
  language: string | null;
}

function canonicalOrNull(raw: unknown): string | null {
  try {
    return canonicaliseUrl(raw);
  } catch {
    return null;
  }
}

async function markdownFiles(folder: string, pattern: RegExp): Promise<string[]> {
  return (await readdir(folder)).filter((name) => pattern.test(name)).sort();
}

/** free-programming-books Markdown lists (courses, books, interactive tutorials) of every language. */
async function freeProgrammingBooksCandidates(root: string): Promise<Candidate[]> {
  const lists = [
    { folder: 'courses', pattern: /^free-courses-(.+)\.md$/, kind: 'COURSE' as const, group: 'courses' },
    { folder: 'books', pattern: /^free-programming-books-(.+)\.md$/, kind: 'BOOK' as const, group: 'books' },
    { folder: 'more', pattern: /^free-programming-interactive-tutorials-(.+)\.md$/, kind: 'COURSE' as const, group: 'interactive' },
  ];
  const candidates: Candidate[] = [];
  for (const list of lists) {
    for (const name of await markdownFiles(path.join(root, list.folder), list.pattern)) {
      const suffix = list.pattern.exec(name)?.[1] ?? '';
      // "langs" and "subjects" are the English books by language and by subject.
      const language = suffix === 'langs' || suffix === 'subjects' ? 'en' : suffix.replace('_', '-');
      const parsed = parseFreeProgrammingBooks(await readFile(path.join(root, list.folder, name), 'utf8'));
      for (const entry of parsed.entries) {
        const url = canonicalOrNull(entry.url);
        if (!url) continue;
        candidates.push({
          source: 'free-programming-books',
          kind: list.kind,
          group: `${list.group}-${suffix}`,
          url,
          title: entry.title,
          context: entry.headingPath,
          description: entry.details ?? '',
          language,
        });
      }
    }
  }
  return candidates;
}

const OSSU_ROW = /^\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)(.*)$/;

/** OSSU's curriculum tables: `[Course](url) | duration | effort | prerequisites | …` under headings. */
async function ossuCandidates(root: string): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const file of ['README.md', path.join('extras', 'courses.md')]) {
    const headings: string[] = [];
    for (const line of (await readFile(path.join(root, file), 'utf8')).split('\n')) {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) {
        headings.length = heading[1].length - 1;
        headings[heading[1].length - 1] = heading[2].trim();
        continue;
      }
      const row = OSSU_ROW.exec(line.trim());
      const url = row ? canonicalOrNull(row[2]) : null;
      if (!row || !url || !row[3].includes('|')) continue;
      candidates.push({
        source: 'ossu',
        kind: 'COURSE',
        group: file === 'README.md' ? 'curriculum' : 'extras',
        url,
        title: row[1],
        context: headings.filter(Boolean).slice(1),
        description: row[3]
          .split('|')
          .map((cell) => cell.trim())
          .filter(Boolean)
          .join(' | '),
        language: 'en',
      });
    }
  }
  return candidates;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A feed read through its ingestion adapter, keeping only the source's own words. */
async function adapterCandidates(source: string, target: string, group: (record: FeedRecord) => string): Promise<Candidate[]> {
  const adapter = SOURCE_ADAPTERS[source];
  const reading = adapter.read(await readFeedFiles(target, adapter));
  const candidates: Candidate[] = [];
  for (const record of reading.records) {
    const url = canonicalOrNull(record.url);
    if (!url) continue;
    const context = [...(record.skillTerms ?? []), ...(record.skillTermPaths ?? []).flat(), ...(record.tags ?? [])];
    candidates.push({
      source: adapter.feed,
      kind: record.kind,
      group: group(record),
      url,
      ...(record.kind === 'EVENT' ? { startDate: text(record.startDate).slice(0, 10) } : {}),
      title: text(record.title),
      context: [...new Set(context)],
      description: text(record.description),
      language: text(record.language) || null,
    });
  }
  return candidates;
}

/** Every candidate of every source under `dataRoot` (the layout of seeds/data) and the partner fixtures. */
export async function readCandidatePool(dataRoot: string, fixturesRoot: string): Promise<Candidate[]> {
  const fixture = (name: string) => path.join(fixturesRoot, name);
  const firstTopic = (record: FeedRecord) => (record.tags ?? []).find((tag) => tag !== 'conference') ?? 'none';
  const pools = await Promise.all([
    freeProgrammingBooksCandidates(path.join(dataRoot, 'free-programming-books')),
    ossuCandidates(path.join(dataRoot, 'ossu-computer-science')),
    adapterCandidates('confs-tech', path.join(dataRoot, 'confs-tech-conference-data'), firstTopic),
    adapterCandidates('awesome-for-beginners', path.join(dataRoot, 'awesome-for-beginners'), () => 'repositories'),
    ...['coursera', 'udemy', 'edx', 'github'].map((source) => adapterCandidates(source, fixture(`${source}.json`), () => 'fixture')),
  ]);
  return pools.flat();
}
