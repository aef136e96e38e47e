import { englishHeadingOf } from './heading-translations';
import { parseFreeProgrammingBooks, type FreeProgrammingBooksEntry } from './free-programming-books.parser';
import {
  bookDetailsOf,
  courseFormatOf,
  courseTagsOf,
  describeListing,
  FREE_PROGRAMMING_BOOKS_FEED,
  LIST_FILE_PATTERN,
  listFileOf,
  listPrecedence,
  titlesAgree,
  type ListFile,
} from './free-programming-books.rules';
import { externalIdOfUrl } from '../../url-external-id';
import { pageKeyOf } from '../../../resource/resource-url';
import { stableHash } from '../../../../core/stable-hash';
import type { FeedRecord, FeedReading, Rejection } from '../../ingestion.types';
import type { SourceAdapter } from '../../ingestion.types';

/** One line of one list, with the list it came from. */
interface Listing {
  entry: FreeProgrammingBooksEntry;
  list: ListFile;
}

/** A page's listings under its first title: another book behind the same landing page (or a translation) lends neither headings (skills) nor tags. */
function sameResourceListings(listings: readonly Listing[]): Listing[] {
  const [first] = listings;
  return listings.filter((listing) => listing === first || titlesAgree(first.entry.title, listing.entry.title));
}

/**
 * The record of a page from all its listings, the first (by `listPrecedence`) giving title, kind and
 * language; its headings and tags come from `sameResource` only (see `sameResourceListings`).
 */
function recordOf(listings: readonly Listing[], sameResource: readonly Listing[]): FeedRecord {
  const [{ entry: first, list }] = listings;
  const entries = sameResource.map((listing) => listing.entry);
  const common = {
    // The record number of an entry is its line, so a summary points at the line to fix.
    recordNumber: first.line,
    externalId: stableHash(externalIdOfUrl(first.url)),
    title: first.title,
    url: first.url,
    description: describeListing(list.kind, first, entries),
    // Written from the headings, which are matched already.
    generatedDescription: true,
    price: 0,
    offer: { isPaid: false },
    // No level field: the normaliser reads one from the title and records that it did (levelSource TITLE).
    language: list.language,
    skillTermPaths: entries.map((entry) => entry.headingPath.map(englishHeadingOf)),
    tags: courseTagsOf(entries),
  };
  if (list.kind === 'book') return { ...common, kind: 'BOOK', ...bookDetailsOf(first.details) };
  const interactive = listings.some((listing) => listing.list.kind === 'interactive tutorial');
  return {
    ...common,
    kind: 'COURSE',
    format: interactive ? 'interactive' : courseFormatOf(first),
    ...(interactive ? { interactive: true } : {}),
  };
}

/**
 * free-programming-books' lists (Markdown lists of `* [Title](URL) - details` under headings), read by
 * its parser; the seed itself loads them through this adapter. `free-programming-books-*.md` lists
 * books (a `BOOK` each, with the authors, formats and access notes of its line),
 * `free-courses-*.md` courses and `free-programming-interactive-tutorials-*.md` interactive tutorials
 * (a `COURSE` each, the tutorials marked `interactive`); the file's suffix is its entries' language
 * (`-de` German; the English book lists are `-langs` and `-subjects`). A page (`pageKeyOf`) listed
 * several times (under several headings or in several lists) is one resource: its external id is a
 * hash of `externalIdOfUrl` of its first listing by `listPrecedence` (courses before tutorials before
 * books, English first), which also gives its title, kind and language; it gathers the headings of
 * every listing. Skills come from each listing's own heading, or the closest heading above it that
 * names one ("IBM" under "Cloud Computing"). List lines that are not links are rejected with their
 * file and line.
 */
export const freeProgrammingBooksAdapter: SourceAdapter = {
  feed: FREE_PROGRAMMING_BOOKS_FEED,
  description:
    'free-programming-books free-courses-*.md, free-programming-books-*.md, free-programming-interactive-tutorials-*.md (Markdown)',
  filePattern: LIST_FILE_PATTERN,
  read(files): FeedReading {
    const rejected: Rejection[] = [];
    const listingsByUrl = new Map<string, Listing[]>();
    let listings = 0;
    const lists = files
      .map((file) => ({ file, list: listFileOf(file.name) }))
      .sort((left, right) => listPrecedence(left.list) - listPrecedence(right.list) || left.file.name.localeCompare(right.file.name));
    for (const { file, list } of lists) {
      const parsed = parseFreeProgrammingBooks(file.text);
      for (const unparsed of parsed.unparsedLines) {
        rejected.push({
          recordNumber: unparsed.line,
          externalId: null,
          field: null,
          reason: `${file.name} line ${unparsed.line}: not a "* [Title](URL)" list item`,
        });
      }
      for (const entry of parsed.entries) {
        listings += 1;
        const page = pageKeyOf(entry.url) ?? entry.url.trim();
        const same = listingsByUrl.get(page);
        if (same) same.push({ entry, list });
        else listingsByUrl.set(page, [{ entry, list }]);
      }
    }
    const pages = [...listingsByUrl.values()].map((all) => ({ all, kept: sameResourceListings(all) }));
    const records = pages.map((page) => recordOf(page.all, page.kept));
    const merged = listings - listingsByUrl.size;
    const otherTitles = pages.reduce((sum, page) => sum + page.all.length - page.kept.length, 0);
    return {
      records,
      rejected,
      merged: [
        ...(merged - otherTitles > 0
          ? [{ reason: 'URL listed more than once: merged into one resource', count: merged - otherTitles }]
          : []),
        ...(otherTitles > 0
          ? [
              {
                reason:
                  'URL listed under another title too (a translation, or another book behind the same page): the first title kept, without the other headings',
                count: otherTitles,
              },
            ]
          : []),
      ],
    };
  },
};
